package io.clientele.generate;

import io.clientele.generate.CustomerLife.Order;
import io.clientele.ingest.Feed;
import java.util.SplittableRandom;

/** Order lines: one record per line of every order placed in the period. */
final class TransactionsFeed extends FeedRenderer {
  private static final long serialVersionUID = 1L;
  private static final Feed FEED = Feed.TRANSACTIONS;
  private static final int ORDER_ID = column(FEED, "order_id");
  private static final int LINE_NO = column(FEED, "line_no");
  private static final int CUSTOMER_ID = column(FEED, "customer_id");
  private static final int ORDER_TS = column(FEED, "order_ts");
  private static final int SKU = column(FEED, "sku");
  private static final int CATEGORY = column(FEED, "category");
  private static final int BRAND = column(FEED, "brand");
  private static final int QUANTITY = column(FEED, "quantity");
  private static final int UNIT_PRICE = column(FEED, "unit_price");
  private static final int DISCOUNT = column(FEED, "discount");
  private static final int COUPON_CODE = column(FEED, "coupon_code");
  private static final int CHANNEL = column(FEED, "channel");
  private static final int STORE_ID = column(FEED, "store_id");
  private static final int PAYMENT = column(FEED, "payment");
  private static final int STATUS = column(FEED, "status");

  @Override
  Feed feed() {
    return FEED;
  }

  @Override
  long stream() {
    return Simulation.STREAM_TRANSACTIONS;
  }

  @Override
  Dirt.Kind[] dirtKinds() {
    return Dirt.Kind.values();
  }

  @Override
  void render(CustomerLife c, SplittableRandom r, Simulation sim, Clock clock, Records out) {
    long end = sim.settings().days() * Clock.SECONDS_PER_DAY;
    for (int k = 0; k < c.orders.size(); k++) {
      Order o = c.orders.get(k);
      if (o.second < 0 || o.second >= end) {
        continue;
      }
      String orderId = "O" + c.digits + "-" + (k + 1);
      String timestamp = clock.timestamp(o.second);
      for (int i = 0; i < o.lines; i++) {
        String[] f = out.begin();
        f[ORDER_ID] = orderId;
        f[LINE_NO] = Integer.toString(i + 1);
        f[CUSTOMER_ID] = c.id;
        f[ORDER_TS] = timestamp;
        f[SKU] = Catalog.SKUS[o.category[i]][o.sku[i]];
        f[CATEGORY] = Catalog.CATEGORIES[o.category[i]];
        f[BRAND] = Catalog.brandOf(o.category[i], o.sku[i]);
        f[QUANTITY] = Integer.toString(o.quantity[i]);
        f[UNIT_PRICE] = Clock.money(o.unitPrice[i]);
        f[DISCOUNT] = Clock.fraction(o.discount[i]);
        f[COUPON_CODE] = o.coupon == null ? "" : o.coupon;
        f[CHANNEL] = o.online ? "online" : "store";
        f[STORE_ID] = o.online ? "" : Catalog.storeId(o.store);
        f[PAYMENT] = o.payment;
        f[STATUS] = o.cancelled ? "cancelled" : o.returned[i] ? "returned" : "paid";
        out.emit();
      }
    }
  }

  @Override
  void corrupt(Dirt.Kind kind, String[] f, SplittableRandom r) {
    switch (kind) {
      case MISSING_ID:
        f[CUSTOMER_ID] = "";
        break;
      case NON_POSITIVE:
        switch (r.nextInt(4)) {
          case 0:
            f[QUANTITY] = "0";
            break;
          case 1:
            f[QUANTITY] = "-" + f[QUANTITY];
            break;
          case 2:
            f[UNIT_PRICE] = "0.00";
            break;
          default:
            f[UNIT_PRICE] = "-" + f[UNIT_PRICE];
        }
        break;
      case IMPOSSIBLE_DATE:
        f[ORDER_TS] = Dirt.impossibleDate(f[ORDER_TS], r);
        break;
      case UNKNOWN_ENUM:
        f[STATUS] = Dirt.UNKNOWN_STATUS;
        break;
      case FORMAT:
        switch (r.nextInt(3)) {
          case 0:
            f[STATUS] = Dirt.oddCase(f[STATUS], r);
            break;
          case 1:
            f[CHANNEL] = Dirt.oddCase(f[CHANNEL], r);
            break;
          default:
            f[ORDER_TS] = Dirt.otherTimestampLayout(f[ORDER_TS], r);
        }
        break;
      default:
        throw new IllegalArgumentException("Cannot corrupt transactions with " + kind);
    }
  }
}
