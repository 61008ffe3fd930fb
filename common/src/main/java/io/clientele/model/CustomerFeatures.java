package io.clientele.model;

import static io.clientele.lake.SmallSets.distinctCount;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.UsageException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Point-in-time customer features as of a date: only rows strictly before the as-of date are read (an order,
 * visit, review or campaign response on the as-of date itself never counts), so features computed for a past
 * date are exactly what was knowable then. One row per customer with at least one paid purchase before the
 * date; optional feeds that are absent give zeros.
 */
public final class CustomerFeatures {
  private CustomerFeatures() {}

  public static final String CUSTOMER_ID = "customer_id";
  public static final String RECENCY_DAYS = "recency_days";
  public static final String FREQUENCY = "frequency";
  public static final String MONETARY = "monetary";
  public static final String LOG_RECENCY = "log_recency";
  public static final String LOG_FREQUENCY = "log_frequency";
  public static final String LOG_MONETARY = "log_monetary";
  public static final String TENURE_DAYS = "tenure_days";
  public static final String AVERAGE_ORDER_VALUE = "average_order_value";
  public static final String ITEMS_PER_ORDER = "items_per_order";
  public static final String PURCHASE_DAYS = "purchase_days";
  public static final String MEAN_INTERVAL_DAYS = "mean_interval_days";
  public static final String LAST_INTERVAL_DAYS = "last_interval_days";
  public static final String OVERDUE_RATIO = "overdue_ratio";
  public static final String DISCOUNT_SHARE = "discount_share";
  public static final String CATEGORY_COUNT = "category_count";
  public static final String TOP_CATEGORY = "top_category";
  public static final String TOP_CATEGORY_SHARE = "top_category_share";
  public static final String ONLINE_SHARE = "online_share";
  public static final String RECENT_ORDERS = "recent_orders";
  public static final String PREVIOUS_ORDERS = "previous_orders";
  public static final String ORDER_TREND = "order_trend";
  public static final String VISITS = "visits";
  public static final String DWELL_SECONDS = "dwell_seconds";
  public static final String FUNNEL_DEPTH = "funnel_depth";
  public static final String REVIEWS = "reviews";
  public static final String PHOTO_REVIEWS = "photo_reviews";
  public static final String SHARES = "shares";
  public static final String CONTACTS = "contacts";
  public static final String RESPONSES = "responses";

  /** The per-row as-of date the feature functions group by (dropped from the one-date result). */
  static final String AT = "_at";

  /** The join key of the per-date feature groups. */
  private static final scala.collection.Seq<String> KEY =
      scala.collection.JavaConverters.asScalaBuffer(List.of(CUSTOMER_ID, AT)).toSeq();

  /** The numeric model inputs, in a fixed order (the identifiers and the categorical top category excluded). */
  public static final List<String> NUMERIC = List.of(
      LOG_RECENCY, LOG_FREQUENCY, LOG_MONETARY, TENURE_DAYS, AVERAGE_ORDER_VALUE, ITEMS_PER_ORDER,
      MEAN_INTERVAL_DAYS, LAST_INTERVAL_DAYS, OVERDUE_RATIO, DISCOUNT_SHARE, CATEGORY_COUNT, TOP_CATEGORY_SHARE, ONLINE_SHARE,
      RECENT_ORDERS, PREVIOUS_ORDERS, ORDER_TREND, VISITS, DWELL_SECONDS, FUNNEL_DEPTH, REVIEWS, PHOTO_REVIEWS,
      SHARES, CONTACTS, RESPONSES);

  /** Funnel stage of a traffic event type: how deep into buying a visit went (0 = browsing past). */
  static Column funnelStage(Column eventType) {
    return when(eventType.equalTo("purchase"), 4)
        .when(eventType.equalTo("add_to_cart"), 3)
        .when(eventType.isin("touch", "try_on", "trial", "stay"), 2)
        .when(eventType.isin("enter", "view", "pass_aisle", "go_upstairs"), 1)
        .otherwise(0);
  }

  /** Windows of the recent trend: the last {@code recentDays} against the {@code previousDays} before them. */
  public record TrendWindows(int recentDays, int previousDays) {
    public TrendWindows {
      if (recentDays < 1 || previousDays < 1) {
        throw new UsageException("Cannot compute a trend: windows must be at least one day, got "
            + recentDays + " and " + previousDays);
      }
    }
  }

  /**
   * The point in time of each row: {@link #AT}, the customer's own as-of date. For one as-of date it is a
   * constant; for many ({@link #computeAt}) each row of a customer is repeated once per as-of date of that
   * customer, so one grouping by (customer, date) computes every customer's features at every date in one pass.
   */
  private static Dataset<Row> pointInTime(Dataset<Row> rows, LocalDate asOf, Dataset<Row> keys) {
    return keys == null ? rows.withColumn(AT, lit(Date.valueOf(asOf))) : rows.join(keys, CUSTOMER_ID);
  }

  /**
   * The purchase features from silver transaction lines (customer_id, order_id, order_date, status, amount,
   * quantity, is_discounted, has_coupon, category, channel): a purchase is a paid line before the as-of date.
   */
  static Dataset<Row> purchaseFeatures(Dataset<Row> transactions, LocalDate asOf, Dataset<Row> keys, TrendWindows trend) {
    requireColumns(transactions, "transactions", CUSTOMER_ID, "order_id", "order_date", "status", "amount",
        "quantity", "is_discounted", "has_coupon", "category", "channel");
    Column day = col(AT);
    Dataset<Row> paid = pointInTime(transactions.where(col("status").equalTo("paid")), asOf, keys)
        .where(col("order_date").lt(day))
        .withColumn("_amount", col("amount").cast("double"));

    Dataset<Row> base = paid.groupBy(CUSTOMER_ID, AT).agg(
        min("order_date").as("_first"),
        max("order_date").as("_last"),
        distinctCount(col("order_id")).as(FREQUENCY),
        distinctCount(col("order_date")).as(PURCHASE_DAYS),
        sum("_amount").as(MONETARY),
        sum("quantity").cast("double").as("_items"),
        sum(when(col("is_discounted").or(col("has_coupon")), 1).otherwise(0)).cast("double").as("_discounted_lines"),
        count(lit(1)).cast("double").as("_lines"),
        distinctCount(when(col("channel").equalTo("online"), col("order_id"))).cast("double").as("_online_orders"),
        distinctCount(when(col("order_date").geq(date_sub(day, trend.recentDays())), col("order_id"))).as(RECENT_ORDERS),
        distinctCount(when(col("order_date").lt(date_sub(day, trend.recentDays()))
            .and(col("order_date").geq(date_sub(day, trend.recentDays() + trend.previousDays()))), col("order_id")))
            .as(PREVIOUS_ORDERS),
        distinctCount(col("category")).as(CATEGORY_COUNT));

    // The last gap between two purchase days: a lengthening gap is the classic early sign of churn.
    Dataset<Row> days = paid.select(CUSTOMER_ID, AT, "order_date").distinct();
    Dataset<Row> lastInterval = days
        .withColumn("_rank", org.apache.spark.sql.functions.row_number()
            .over(Window.partitionBy(CUSTOMER_ID, AT).orderBy(col("order_date").desc())))
        .where(col("_rank").leq(2))
        .groupBy(CUSTOMER_ID, AT)
        .agg(when(count(lit(1)).equalTo(2), datediff(max("order_date"), min("order_date"))).as(LAST_INTERVAL_DAYS));

    Dataset<Row> categorySpend = paid.where(col("category").isNotNull())
        .groupBy(CUSTOMER_ID, AT, "category").agg(sum("_amount").as("_spend"));
    Dataset<Row> topCategory = categorySpend
        .withColumn("_rank", org.apache.spark.sql.functions.row_number()
            .over(Window.partitionBy(CUSTOMER_ID, AT).orderBy(col("_spend").desc(), col("category"))))
        .withColumn("_total", sum("_spend").over(Window.partitionBy(CUSTOMER_ID, AT)))
        .where(col("_rank").equalTo(1))
        .select(col(CUSTOMER_ID), col(AT), col("category").as(TOP_CATEGORY),
            when(col("_total").gt(0), col("_spend").divide(col("_total"))).as(TOP_CATEGORY_SHARE));

    double recentRate = 1.0 / trend.recentDays();
    double previousRate = 1.0 / trend.previousDays();
    return base
        .join(lastInterval, KEY, "left")
        .join(topCategory, KEY, "left")
        .withColumn(RECENCY_DAYS, datediff(day, col("_last")))
        .withColumn(TENURE_DAYS, datediff(day, col("_first")))
        .withColumn(LOG_RECENCY, log1p(col(RECENCY_DAYS)))
        .withColumn(LOG_FREQUENCY, log1p(col(FREQUENCY)))
        .withColumn(LOG_MONETARY, log1p(greatest(col(MONETARY), lit(0.0))))
        .withColumn(AVERAGE_ORDER_VALUE, col(MONETARY).divide(col(FREQUENCY)))
        .withColumn(ITEMS_PER_ORDER, col("_items").divide(col(FREQUENCY)))
        .withColumn(MEAN_INTERVAL_DAYS, when(col(PURCHASE_DAYS).gt(1),
            datediff(col("_last"), col("_first")).divide(col(PURCHASE_DAYS).minus(1))))
        // Days since the last purchase in units of the customer's own rhythm: a regular who is late is at risk.
        .withColumn(OVERDUE_RATIO, col(RECENCY_DAYS).divide(col(MEAN_INTERVAL_DAYS)))
        .withColumn(DISCOUNT_SHARE, col("_discounted_lines").divide(col("_lines")))
        .withColumn(ONLINE_SHARE, col("_online_orders").divide(col(FREQUENCY)))
        // Orders per day in the recent window minus orders per day before it, scaled to the recent window.
        .withColumn(ORDER_TREND, col(RECENT_ORDERS).multiply(recentRate).minus(col(PREVIOUS_ORDERS).multiply(previousRate))
            .multiply(trend.recentDays()))
        .drop("_first", "_last", "_items", "_discounted_lines", "_lines", "_online_orders");
  }

  /** Visits (sessions, or visit days without a session id), total dwell and mean deepest funnel stage per visit. */
  static Dataset<Row> trafficFeatures(Dataset<Row> traffic, LocalDate asOf, Dataset<Row> keys) {
    requireColumns(traffic, "traffic_events", CUSTOMER_ID, "session_id", "event_date", "event_type", "dwell_seconds");
    Dataset<Row> known = pointInTime(traffic.where(col(CUSTOMER_ID).isNotNull()), asOf, keys)
        .where(col("event_date").lt(col(AT)))
        .withColumn("_visit", coalesce(col("session_id"), col("event_date").cast("string")));
    Dataset<Row> visits = known.groupBy(CUSTOMER_ID, AT, "_visit").agg(
        max(funnelStage(col("event_type"))).as("_depth"),
        sum(coalesce(col("dwell_seconds"), lit(0))).as("_dwell"));
    return visits.groupBy(CUSTOMER_ID, AT).agg(
        count(lit(1)).as(VISITS),
        sum("_dwell").cast("long").as(DWELL_SECONDS),
        org.apache.spark.sql.functions.avg("_depth").as(FUNNEL_DEPTH));
  }

  /** Reviews (with and without photos), photo reviews and shares before the as-of date. */
  static Dataset<Row> socialFeatures(Dataset<Row> social, LocalDate asOf, Dataset<Row> keys) {
    requireColumns(social, "social_events", CUSTOMER_ID, "event_date", "action");
    return pointInTime(social, asOf, keys).where(col("event_date").lt(col(AT))).groupBy(CUSTOMER_ID, AT).agg(
        count(when(col("action").isin("review", "review_with_photo"), 1)).as(REVIEWS),
        count(when(col("action").equalTo("review_with_photo"), 1)).as(PHOTO_REVIEWS),
        count(when(col("action").equalTo("share"), 1)).as(SHARES));
  }

  /** Contacts before the as-of date, and the responses known by then (a response on or after it is the future). */
  static Dataset<Row> campaignFeatures(Dataset<Row> contacts, LocalDate asOf, Dataset<Row> keys) {
    requireColumns(contacts, "campaign_contacts", CUSTOMER_ID, "contact_date", "responded", "response_date");
    Column day = col(AT);
    return pointInTime(contacts, asOf, keys).where(col("contact_date").lt(day)).groupBy(CUSTOMER_ID, AT).agg(
        count(lit(1)).as(CONTACTS),
        count(when(col("responded").and(coalesce(col("response_date"), col("contact_date")).lt(day)), 1)).as(RESPONSES));
  }

  /**
   * Every feature as of the date, one row per customer with a purchase before it. Traffic, social and
   * contacts may be null (feed never ingested): their columns are then zero.
   */
  public static Dataset<Row> compute(Dataset<Row> transactions, Dataset<Row> traffic, Dataset<Row> social,
      Dataset<Row> contacts, LocalDate asOf, TrendWindows trend) {
    return computeWith(transactions, traffic, social, contacts, asOf, null, trend).drop(AT);
  }

  /**
   * Every feature of each customer as of each of that customer's dates: {@code keys} holds (customer_id,
   * {@code dateColumn}) pairs, such as the contact dates of a campaign history. One row per pair whose customer
   * has a purchase before its date, with the date in {@code dateColumn}; each row reads only what was known on
   * its own date, exactly as {@link #compute} on that date would.
   */
  public static Dataset<Row> computeAt(Dataset<Row> keys, String dateColumn, Dataset<Row> transactions,
      Dataset<Row> traffic, Dataset<Row> social, Dataset<Row> contacts, TrendWindows trend) {
    requireColumns(keys, "the as-of keys", CUSTOMER_ID, dateColumn);
    Dataset<Row> at = keys.select(col(CUSTOMER_ID), col(dateColumn).cast("date").as(AT))
        .where(col(AT).isNotNull()).distinct();
    return computeWith(transactions, traffic, social, contacts, null, at, trend).withColumnRenamed(AT, dateColumn);
  }

  private static Dataset<Row> computeWith(Dataset<Row> transactions, Dataset<Row> traffic, Dataset<Row> social,
      Dataset<Row> contacts, LocalDate asOf, Dataset<Row> keys, TrendWindows trend) {
    Dataset<Row> features = purchaseFeatures(transactions, asOf, keys, trend);
    features = withOptional(features, traffic == null ? null : trafficFeatures(traffic, asOf, keys), VISITS, DWELL_SECONDS, FUNNEL_DEPTH);
    features = withOptional(features, social == null ? null : socialFeatures(social, asOf, keys), REVIEWS, PHOTO_REVIEWS, SHARES);
    features = withOptional(features, contacts == null ? null : campaignFeatures(contacts, asOf, keys), CONTACTS, RESPONSES);
    return features;
  }

  private static Dataset<Row> withOptional(Dataset<Row> features, Dataset<Row> extra, String... columns) {
    Dataset<Row> joined = extra == null ? features : features.join(extra, KEY, "left");
    for (String name : columns) {
      Column value = extra == null ? lit(0) : coalesce(col(name), lit(0));
      joined = joined.withColumn(name, value);
    }
    return joined;
  }

  /**
   * The rows hash-partitioned by the key and sorted within partitions: the same rows always come in the same
   * order, so seeded random choices over them (folds, KMeans initialisation, quantile sketches) repeat exactly.
   * Rows sharing a key are ordered by the tie-breakers, which must make the order total.
   */
  public static Dataset<Row> inStableOrder(Dataset<Row> rows, String key, String... tieBreakers) {
    List<String> order = new ArrayList<>(List.of(key));
    order.addAll(List.of(tieBreakers));
    return rows.repartition(col(key)).sortWithinPartitions(order.stream().map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new));
  }

  static void requireColumns(Dataset<Row> rows, String what, String... needed) {
    List<String> have = Arrays.asList(rows.columns());
    List<String> missing = new ArrayList<>();
    for (String name : needed) {
      if (!have.contains(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException("Cannot compute features from " + what + ": missing columns " + missing);
    }
  }
}
