package io.clientele.generate;

import io.clientele.generate.CustomerLife.Order;
import io.clientele.ingest.Feed;
import java.util.SplittableRandom;

/**
 * Visitor events. Store visits walk the flow line pass_by, enter, pass_aisle, go_upstairs (floor-2
 * departments), stay, touch, try_on or trial, purchase, leave, losing visitors at each step; web sessions go
 * view, add_to_cart, purchase. Every order has its visit; customers also browse in the days before a purchase
 * and at a background rate that fades once they have dropped out; each customer slot also brings anonymous
 * passers-by. The customer id is known only while the visitor is a member.
 */
final class TrafficFeed extends FeedRenderer {
  private static final long serialVersionUID = 1L;
  private static final Feed FEED = Feed.TRAFFIC;
  private static final int EVENT_ID = column(FEED, "event_id");
  private static final int VISITOR_ID = column(FEED, "visitor_id");
  private static final int CUSTOMER_ID = column(FEED, "customer_id");
  private static final int SESSION_ID = column(FEED, "session_id");
  private static final int EVENT_TS = column(FEED, "event_ts");
  private static final int CHANNEL = column(FEED, "channel");
  private static final int STORE_ID = column(FEED, "store_id");
  private static final int ZONE = column(FEED, "zone");
  private static final int FLOOR = column(FEED, "floor");
  private static final int EVENT_TYPE = column(FEED, "event_type");
  private static final int DWELL_SECONDS = column(FEED, "dwell_seconds");
  private static final int DEVICE = column(FEED, "device");
  private static final int REGION = column(FEED, "region");
  private static final int REFERRER = column(FEED, "referrer");

  /** Browsing sessions in the BROWSE_LEAD_DAYS before each purchase (Poisson mean). */
  static final double BROWSE_BEFORE_PURCHASE = 2.0;
  static final double BROWSE_LEAD_DAYS = 10;
  /** Background visits per day as a multiple of the purchase rate, for buyers and for never-buyers. */
  static final double BACKGROUND_VISITS = 1.0;
  static final double NEVER_BUYER_VISITS = 1.5;
  /** After dropout the background visits thin out with this time constant. */
  static final double FADE_DAYS = 30;
  /** Anonymous passers-by per customer slot (Poisson mean) and their entry rate. */
  static final double ANONYMOUS_PASSERS = 2.0;
  static final double ANONYMOUS_ENTRY = 0.25;
  /** Flow-line chances of a browsing (not buying) visitor at each step. */
  static final double BROWSE_ENTRY = 0.85;
  static final double PASS_AISLE = 0.85;
  static final double GO_UPSTAIRS = 0.6;
  static final double STAY = 0.6;
  static final double TOUCH = 0.6;
  static final double TRY = 0.35;
  static final double TRY_WHEN_BUYING = 0.7;
  static final double ADD_TO_CART = 0.25;
  /** Web visits from outside the customer's region (travel, VPN). */
  static final double OTHER_REGION = 0.03;

  private static final String[] FLOORS = {null, "1", "2"};

  @Override
  Feed feed() {
    return FEED;
  }

  @Override
  long stream() {
    return Simulation.STREAM_TRAFFIC;
  }

  @Override
  boolean[] numericColumns() {
    boolean[] numeric = super.numericColumns();
    numeric[FLOOR] = true;
    numeric[DWELL_SECONDS] = true;
    return numeric;
  }

  @Override
  void render(CustomerLife c, SplittableRandom r, Simulation sim, Clock clock, Records out) {
    int days = sim.settings().days();
    Visit v = new Visit(c, clock, out, days * Clock.SECONDS_PER_DAY);
    String visitor = "V" + c.digits;
    for (Order o : c.orders) {
      if (o.second < 0 || o.second >= v.end) {
        continue;
      }
      int browse = Draws.poisson(r, BROWSE_BEFORE_PURCHASE);
      for (int k = 0; k < browse; k++) {
        double t = o.second / (double) Clock.SECONDS_PER_DAY - r.nextDouble() * BROWSE_LEAD_DAYS;
        if (t >= 0) {
          browse(r, c, sim, v, visitor, t);
        }
      }
      if (o.online) {
        web(r, c, v, visitor, o.second - Draws.between(r, 120, 1500), o);
      } else {
        store(r, c, v, visitor, o.store, o.second - Draws.between(r, 600, 2400), o, false);
      }
    }
    double rate = c.purchaseRate * (c.buyer ? BACKGROUND_VISITS : NEVER_BUYER_VISITS);
    double t = Math.max(0, c.arrivalDay);
    while (true) {
      t += Draws.exponential(r, rate);
      if (t >= days) {
        break;
      }
      if (t > c.deathDay && r.nextDouble() >= Math.exp(-(t - c.deathDay) / FADE_DAYS)) {
        continue;
      }
      browse(r, c, sim, v, visitor, t);
    }
    int passers = Draws.poisson(r, ANONYMOUS_PASSERS);
    for (int k = 1; k <= passers; k++) {
      long day = sim.weekdayShift(r, r.nextInt(days));
      long start = day * Clock.SECONDS_PER_DAY + Simulation.secondOfDay(r, Catalog.STORE_HOURS);
      store(r, c, v, "A" + c.digits + "-" + k, r.nextInt(sim.settings().stores()), start, null, true);
    }
  }

  private void browse(SplittableRandom r, CustomerLife c, Simulation sim, Visit v, String visitor, double t) {
    long day = sim.weekdayShift(r, (long) Math.floor(t));
    if (r.nextDouble() < c.onlineShare) {
      web(r, c, v, visitor, day * Clock.SECONDS_PER_DAY + Simulation.secondOfDay(r, Catalog.ONLINE_HOURS), null);
    } else {
      int store = c.homeStore >= 0 && r.nextDouble() < Simulation.HOME_STORE_SHARE
          ? c.homeStore
          : r.nextInt(sim.settings().stores());
      long start = day * Clock.SECONDS_PER_DAY + Simulation.secondOfDay(r, Catalog.STORE_HOURS);
      store(r, c, v, visitor, store, start, null, false);
    }
  }

  private void store(
      SplittableRandom r, CustomerLife c, Visit v, String visitor, int store, long start, Order buying,
      boolean anonymous) {
    String customer = !anonymous && c.isMemberOn(Math.floorDiv(start, Clock.SECONDS_PER_DAY)) ? c.id : null;
    v.begin(visitor, customer, "store", Catalog.storeId(store), null, Catalog.REGIONS[Catalog.storeRegion(store)], null);
    boolean buys = buying != null;
    long t = start;
    v.event("pass_by", t, "entrance", 1, -1);
    if (r.nextDouble() >= (buys ? 1 : anonymous ? ANONYMOUS_ENTRY : BROWSE_ENTRY)) {
      return;
    }
    t += Draws.between(r, 5, 40);
    v.event("enter", t, "entrance", 1, -1);
    int category = buys
        ? buying.category[0]
        : !anonymous && r.nextDouble() < Simulation.FAVOURITE_CATEGORY_SHARE
            ? c.favouriteCategory
            : Draws.pick(r, Catalog.CATEGORY_WEIGHTS);
    String department = Catalog.CATEGORIES[category];
    int floor = Catalog.CATEGORY_FLOOR[category];
    if (buys || r.nextDouble() < PASS_AISLE) {
      t += Draws.between(r, 20, 120);
      v.event("pass_aisle", t, department, 1, -1);
      boolean reached = true;
      if (floor == 2) {
        reached = buys || r.nextDouble() < GO_UPSTAIRS;
        if (reached) {
          t += Draws.between(r, 20, 60);
          v.event("go_upstairs", t, "stairs", 2, -1);
        }
      }
      if (reached && (buys || r.nextDouble() < STAY)) {
        t += Draws.between(r, 5, 30);
        int dwell = (int) Math.max(10, Math.min(1800, Draws.logNormal(r, 150, 0.8)));
        v.event("stay", t, department, floor, dwell);
        t += dwell;
        if (buys || r.nextDouble() < TOUCH) {
          dwell = (int) Math.max(5, Math.min(300, Draws.logNormal(r, 40, 0.7)));
          v.event("touch", t, department, floor, dwell);
          t += dwell;
          String trying = Catalog.CATEGORY_TRY[category];
          if (trying != null && r.nextDouble() < (buys ? TRY_WHEN_BUYING : TRY)) {
            t += Draws.between(r, 10, 60);
            dwell = (int) Math.max(30, Math.min(1500, Draws.logNormal(r, 240, 0.6)));
            v.event(trying, t, department, floor, dwell);
            t += dwell;
          }
        }
        if (buys) {
          t = Math.max(t + Draws.between(r, 30, 180), buying.second);
          v.event("purchase", t, "checkout", floor, -1);
        }
      }
    }
    t += Draws.between(r, 30, 300);
    v.event("leave", t, "exit", 1, -1);
  }

  private void web(SplittableRandom r, CustomerLife c, Visit v, String visitor, long start, Order buying) {
    String customer = c.isMemberOn(Math.floorDiv(start, Clock.SECONDS_PER_DAY)) ? c.id : null;
    String referrer = Catalog.REFERRERS[Draws.pick(r, Catalog.REFERRER_WEIGHTS)];
    int region = r.nextDouble() < OTHER_REGION ? Draws.pick(r, Catalog.REGION_WEIGHTS) : c.region;
    v.begin(visitor, customer, "web", null, Catalog.DEVICES[c.device], Catalog.REGIONS[region], referrer);
    boolean buys = buying != null;
    int category = buys
        ? buying.category[0]
        : r.nextDouble() < Simulation.FAVOURITE_CATEGORY_SHARE
            ? c.favouriteCategory
            : Draws.pick(r, Catalog.CATEGORY_WEIGHTS);
    int views = 1 + Draws.poisson(r, buys ? 3 : 1);
    long t = start;
    for (int k = 0; k < views; k++) {
      String page;
      if (k == 0) {
        page = "direct".equals(referrer) ? "home" : "category/" + Catalog.CATEGORIES[category];
      } else {
        int sku = buys && k == views - 1 ? buying.sku[0] : r.nextInt(Catalog.SKUS_PER_CATEGORY);
        page = "product/" + Catalog.SKUS[category][sku];
      }
      v.event("view", t, page, 0, -1);
      t += Draws.between(r, 8, 180);
    }
    if (buys || r.nextDouble() < ADD_TO_CART) {
      v.event("add_to_cart", t, "cart", 0, -1);
      if (buys) {
        t = Math.max(t + Draws.between(r, 20, 300), buying.second);
        v.event("purchase", t, "checkout", 0, -1);
      }
    }
  }

  @Override
  void corrupt(Dirt.Kind kind, String[] f, SplittableRandom r) {
    switch (kind) {
      case MISSING_ID:
        f[VISITOR_ID] = r.nextBoolean() ? null : "";
        break;
      case IMPOSSIBLE_DATE:
        f[EVENT_TS] = Dirt.impossibleDate(f[EVENT_TS], r);
        break;
      case UNKNOWN_ENUM:
        f[EVENT_TYPE] = Dirt.UNKNOWN_EVENT_TYPE;
        break;
      case FORMAT:
        switch (r.nextInt(3)) {
          case 0:
            f[EVENT_TYPE] = Dirt.oddCase(f[EVENT_TYPE], r);
            break;
          case 1:
            f[CHANNEL] = Dirt.oddCase(f[CHANNEL], r);
            break;
          default:
            f[EVENT_TS] = Dirt.otherTimestampLayout(f[EVENT_TS], r);
        }
        break;
      default:
        throw new IllegalArgumentException("Cannot corrupt traffic with " + kind);
    }
  }

  /** The session being written: its constant fields and the customer's event and session counters. */
  private static final class Visit {
    private final CustomerLife c;
    private final Clock clock;
    private final Records out;
    final long end;
    private int events;
    private int sessions;
    private String visitor;
    private String customer;
    private String session;
    private String channel;
    private String store;
    private String device;
    private String region;
    private String referrer;

    Visit(CustomerLife c, Clock clock, Records out, long end) {
      this.c = c;
      this.clock = clock;
      this.out = out;
      this.end = end;
    }

    void begin(String visitor, String customer, String channel, String store, String device, String region,
        String referrer) {
      this.visitor = visitor;
      this.customer = customer;
      this.session = "S" + c.digits + "-" + ++sessions;
      this.channel = channel;
      this.store = store;
      this.device = device;
      this.region = region;
      this.referrer = referrer;
    }

    /** Writes one event; events outside the period are left out. Floor 0 means none, dwell -1 none. */
    void event(String type, long second, String zone, int floor, int dwell) {
      if (second < 0 || second >= end) {
        return;
      }
      String[] f = out.begin();
      f[EVENT_ID] = "E" + c.digits + "-" + ++events;
      f[VISITOR_ID] = visitor;
      f[CUSTOMER_ID] = customer;
      f[SESSION_ID] = session;
      f[EVENT_TS] = clock.timestamp(second);
      f[CHANNEL] = channel;
      f[STORE_ID] = store;
      f[ZONE] = zone;
      f[FLOOR] = FLOORS[floor];
      f[EVENT_TYPE] = type;
      f[DWELL_SECONDS] = dwell < 0 ? null : Integer.toString(dwell);
      f[DEVICE] = device;
      f[REGION] = region;
      f[REFERRER] = referrer;
      out.emit();
    }
  }
}
