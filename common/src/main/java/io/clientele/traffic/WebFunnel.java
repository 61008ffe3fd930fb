package io.clientele.traffic;

import static io.clientele.traffic.Rates.ratio;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.lake.Schemas;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The web funnel per session and day: view → add to cart → purchase. A session reaches a step only if it
 * reached the steps before it (a purchase without a view does not count as a converted view), so the drop-offs
 * are never negative. A session belongs to the day of its first event; events without a session id form one
 * session per visitor and day.
 */
public final class WebFunnel {
  private WebFunnel() {}

  public static final String SESSIONS = "sessions";
  public static final String VIEW_SESSIONS = "view_sessions";
  public static final String CART_SESSIONS = "cart_sessions";
  public static final String PURCHASE_SESSIONS = "purchase_sessions";
  public static final String VIEW_TO_CART_RATE = "view_to_cart_rate";
  public static final String CART_TO_PURCHASE_RATE = "cart_to_purchase_rate";
  public static final String CONVERSION_RATE = "conversion_rate";
  public static final String DROPPED_AFTER_VIEW = "dropped_after_view";
  public static final String DROPPED_AFTER_CART = "dropped_after_cart";
  public static final String DROP_OFF_AFTER_VIEW = "drop_off_after_view";
  public static final String DROP_OFF_AFTER_CART = "drop_off_after_cart";

  /** The session of an event: its session id, or the visitor and day when it has none. */
  public static Column sessionKey() {
    return coalesce(col("session_id"), concat_ws("/", col("visitor_id"), col("event_date").cast("string")));
  }

  /**
   * {@code events}: web traffic events (visitor_id, session_id, event_date, event_type). Returns per day:
   * sessions, sessions reaching view, cart and purchase, the step rates (cart / view, purchase / cart,
   * purchase / view), and the sessions and shares lost after view and after cart.
   */
  public static Dataset<Row> perDay(Dataset<Row> events) {
    Schemas.requireColumns(events, "compute the web funnel", "visitor_id", "session_id", "event_date", "event_type");
    Dataset<Row> sessions = events.withColumn("_session", sessionKey())
        .groupBy("_session").agg(
            min("event_date").as(Funnel.DAY),
            max(col("event_type").equalTo("view")).as("_view"),
            max(col("event_type").equalTo("add_to_cart")).as("_cart"),
            max(col("event_type").equalTo("purchase")).as("_purchase"))
        .withColumn("_cart", col("_view").and(col("_cart")))
        .withColumn("_purchase", col("_cart").and(col("_purchase")));
    return sessions.groupBy(Funnel.DAY).agg(
            sum(lit(1L)).as(SESSIONS),
            sum(when(col("_view"), 1L).otherwise(0L)).as(VIEW_SESSIONS),
            sum(when(col("_cart"), 1L).otherwise(0L)).as(CART_SESSIONS),
            sum(when(col("_purchase"), 1L).otherwise(0L)).as(PURCHASE_SESSIONS))
        .withColumn(VIEW_TO_CART_RATE, ratio(col(CART_SESSIONS), col(VIEW_SESSIONS)))
        .withColumn(CART_TO_PURCHASE_RATE, ratio(col(PURCHASE_SESSIONS), col(CART_SESSIONS)))
        .withColumn(CONVERSION_RATE, ratio(col(PURCHASE_SESSIONS), col(VIEW_SESSIONS)))
        .withColumn(DROPPED_AFTER_VIEW, col(VIEW_SESSIONS).minus(col(CART_SESSIONS)))
        .withColumn(DROPPED_AFTER_CART, col(CART_SESSIONS).minus(col(PURCHASE_SESSIONS)))
        .withColumn(DROP_OFF_AFTER_VIEW, ratio(col(DROPPED_AFTER_VIEW), col(VIEW_SESSIONS)))
        .withColumn(DROP_OFF_AFTER_CART, ratio(col(DROPPED_AFTER_CART), col(CART_SESSIONS)));
  }

  /**
   * The web funnel with the online sales of the day (paid lines of channel online: 客单价, 客品数); days with
   * online sales but no web traffic get a row of zero sessions.
   */
  public static Dataset<Row> withOnlineSales(Dataset<Row> funnel, Dataset<Row> lines) {
    Dataset<Row> sales = Funnel.sales(lines.where(col("channel").equalTo("online")));
    Dataset<Row> joined = funnel.join(sales, Funnel.seq(Funnel.DAY), "full_outer");
    for (String count : new String[] {SESSIONS, VIEW_SESSIONS, CART_SESSIONS, PURCHASE_SESSIONS, DROPPED_AFTER_VIEW,
        DROPPED_AFTER_CART}) {
      joined = joined.withColumn(count, coalesce(col(count), lit(0L)));
    }
    return joined;
  }
}
