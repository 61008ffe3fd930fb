package io.clientele.tag;

import static io.clientele.lake.SmallSets.distinctCount;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.clientele.clv.ClvTables;
import io.clientele.lake.Schemas;
import io.clientele.model.ModelTables;
import io.clientele.social.SocialTables;
import io.clientele.value.ValueTables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;

/**
 * What tag definitions read: one row per customer from each source, named by its table. Gold sources are the
 * latest as_of slice of a gold table; three sources are derived here from silver: {@code customers} (the
 * profile without personal data), {@code purchases} (transactions per customer) and {@code visits} (traffic
 * per customer). A definition names columns as {@code source.column}.
 */
public final class TagSources {
  private TagSources() {}

  public static final String CUSTOMER_ID = "customer_id";
  public static final String AS_OF = "as_of";

  public static final String CUSTOMERS = "customers";
  public static final String PURCHASES = "purchases";
  public static final String VISITS = "visits";
  public static final String RESPONSE_SCORES = ModelTables.RESPONSE_SCORES;

  /** The customer profile as tags see it: no name, phone, email, address or birth date (only the age). */
  public static final StructType CUSTOMERS_SCHEMA = new StructType()
      .add(CUSTOMER_ID, StringType, false)
      .add("gender", StringType, true)
      .add("age", IntegerType, true)
      .add("region", StringType, true)
      .add("city", StringType, true)
      .add("member_level", StringType, true)
      .add("is_member", BooleanType, true)
      .add("signup_date", DateType, true)
      .add("occupation", StringType, true)
      .add("marital_status", StringType, true)
      .add("education", StringType, true)
      .add("acquisition_channel", StringType, true);

  /** Paid purchases per customer in the tags window before the as-of date. */
  public static final StructType PURCHASES_SCHEMA = new StructType()
      .add(CUSTOMER_ID, StringType, false)
      .add("orders", LongType, false)
      .add("lines", LongType, false)
      .add("items", LongType, false)
      .add("spend", DoubleType, false)
      .add("average_order_value", DoubleType, true)
      .add("mean_unit_price", DoubleType, true)
      .add("discounted_share", DoubleType, true)
      .add("top_category", StringType, true)
      .add("top_category_share", DoubleType, true)
      .add("top_brand", StringType, true)
      .add("top_brand_share", DoubleType, true)
      .add("top_channel", StringType, true)
      .add("online_share", DoubleType, true)
      .add("first_order_date", DateType, false)
      .add("last_order_date", DateType, false)
      .add("days_since_last_order", IntegerType, false);

  /** Traffic events with the customer's id in the tags window before the as-of date. */
  public static final StructType VISITS_SCHEMA = new StructType()
      .add(CUSTOMER_ID, StringType, false)
      .add("visits", LongType, false)
      .add("visit_days", LongType, false)
      .add("events", LongType, false)
      .add("store_visits", LongType, false)
      .add("web_visits", LongType, false)
      .add("dwell_seconds", LongType, false)
      .add("mean_dwell_seconds", DoubleType, true)
      .add("visits_per_month", DoubleType, false)
      .add("top_hour", IntegerType, true)
      .add("top_device", StringType, true)
      .add("last_visit_date", DateType, false);

  /** Every source a definition may name, with the schema it has when its table is missing. */
  public static Map<String, StructType> declared() {
    Map<String, StructType> sources = new LinkedHashMap<>();
    sources.put(CUSTOMERS, CUSTOMERS_SCHEMA);
    sources.put(PURCHASES, PURCHASES_SCHEMA);
    sources.put(VISITS, VISITS_SCHEMA);
    sources.put(ValueTables.CUSTOMER_RFM, withoutAsOf(ValueTables.RFM));
    sources.put(ValueTables.CUSTOMER_VALUE, withoutAsOf(ValueTables.VALUE));
    sources.put(ValueTables.CUSTOMER_LOYALTY, withoutAsOf(ValueTables.LOYALTY));
    sources.put(ClvTables.CUSTOMER_CLV, withoutAsOf(ClvTables.CUSTOMER));
    sources.put(ModelTables.CUSTOMER_FEATURES, withoutAsOf(ModelTables.FEATURES));
    sources.put(SocialTables.SOCIAL_FEATURES, withoutAsOf(SocialTables.FEATURES));
    sources.put(SocialTables.CUSTOMER_PSYCHOLOGY, withoutAsOf(SocialTables.PSYCHOLOGY));
    sources.put(ModelTables.CUSTOMER_SEGMENTS, withoutAsOf(ModelTables.SEGMENTS));
    sources.put(ModelTables.CHURN_SCORES, withoutAsOf(ModelTables.CHURN));
    sources.put(RESPONSE_SCORES, withoutAsOf(ModelTables.RESPONSE));
    return sources;
  }

  /** True for the sources derived from silver tables (the others are gold tables read by as_of). */
  public static boolean isDerived(String source) {
    return source.equals(CUSTOMERS) || source.equals(PURCHASES) || source.equals(VISITS);
  }

  static StructType withoutAsOf(StructType schema) {
    StructType result = new StructType();
    for (org.apache.spark.sql.types.StructField field : schema.fields()) {
      if (!field.name().equals(AS_OF)) {
        result = result.add(field);
      }
    }
    return result;
  }

  /**
   * The customers source from silver customers: every column of {@link #CUSTOMERS_SCHEMA}; age in whole years at
   * the as-of date; membership and signup date as of the date (a signup on or after it does not count yet).
   */
  public static Dataset<Row> customers(Dataset<Row> silverCustomers, LocalDate asOf) {
    Schemas.requireColumns(silverCustomers, "derive the customers tag source", CUSTOMER_ID, "gender", "birth_date",
        "region", "city", "member_level", "is_member", "signup_date", "occupation", "marital_status", "education",
        "acquisition_channel");
    Column day = lit(Date.valueOf(asOf));
    Column signedUp = coalesce(col("signup_date").lt(day), lit(true));
    return silverCustomers.select(
        col(CUSTOMER_ID),
        col("gender"),
        when(col("birth_date").lt(day), floor(months_between(day, col("birth_date")).divide(12)).cast(IntegerType)).as("age"),
        col("region"),
        col("city"),
        when(col("is_member").and(signedUp), col("member_level")).otherwise(lit("none")).as("member_level"),
        col("is_member").and(signedUp).as("is_member"),
        when(col("signup_date").lt(day), col("signup_date")).as("signup_date"),
        col("occupation"),
        col("marital_status"),
        col("education"),
        col("acquisition_channel"));
  }

  /**
   * The purchases source: paid lines (not cancelled, not returned) in [as-of − window, as-of). The top category and
   * brand are those with the most spend, the top channel the one with the most orders; ties go to the
   * alphabetically first.
   */
  public static Dataset<Row> purchases(Dataset<Row> transactions, LocalDate asOf, int windowDays) {
    Schemas.requireColumns(transactions, "derive the purchases tag source", CUSTOMER_ID, "order_id", "order_date",
        "status", "category", "brand", "channel", "quantity", "unit_price", "amount", "is_discounted", "has_coupon");
    Date day = Date.valueOf(asOf);
    Date start = Date.valueOf(asOf.minusDays(windowDays));
    Dataset<Row> paid = transactions
        .where(col("status").equalTo("paid").and(col("order_date").lt(lit(day))).and(col("order_date").geq(lit(start))))
        .select(col(CUSTOMER_ID), col("order_id"), col("order_date"), col("category"), col("brand"), col("channel"),
            col("quantity").cast(LongType).as("quantity"), col("unit_price").cast(DoubleType).as("unit_price"),
            col("amount").cast(DoubleType).as("amount"),
            col("is_discounted").or(col("has_coupon")).as("discounted"));
    Dataset<Row> totals = paid.groupBy(CUSTOMER_ID).agg(
        distinctCount(col("order_id")).as("orders"),
        count(lit(1)).as("lines"),
        sum("quantity").as("items"),
        sum("amount").as("spend"),
        sum(col("unit_price").multiply(col("quantity"))).as("list_value"),
        sum(when(col("discounted"), 1).otherwise(0)).as("discounted_lines"),
        distinctCount(when(col("channel").equalTo("online"), col("order_id"))).as("online_orders"),
        min("order_date").as("first_order_date"),
        max("order_date").as("last_order_date"));
    Dataset<Row> category = top(paid.where(col("category").isNotNull()).groupBy(CUSTOMER_ID, "category")
        .agg(sum("amount").as("weight")), "category", "top_category", "top_category_share");
    Dataset<Row> brand = top(paid.where(col("brand").isNotNull()).groupBy(CUSTOMER_ID, "brand")
        .agg(sum("amount").as("weight")), "brand", "top_brand", "top_brand_share");
    Dataset<Row> channel = top(paid.groupBy(CUSTOMER_ID, "channel")
        .agg(distinctCount(col("order_id")).cast(DoubleType).as("weight")), "channel", "top_channel", "top_channel_share");
    return totals
        .join(category, CUSTOMER_ID, "left")
        .join(brand, CUSTOMER_ID, "left")
        .join(channel, CUSTOMER_ID, "left")
        .select(
            col(CUSTOMER_ID), col("orders"), col("lines"), col("items"), col("spend"),
            col("spend").divide(col("orders")).as("average_order_value"),
            when(col("items").gt(0), col("list_value").divide(col("items"))).as("mean_unit_price"),
            col("discounted_lines").divide(col("lines")).as("discounted_share"),
            col("top_category"), col("top_category_share"), col("top_brand"), col("top_brand_share"),
            col("top_channel"), col("online_orders").divide(col("orders")).as("online_share"),
            col("first_order_date"), col("last_order_date"),
            datediff(lit(day), col("last_order_date")).as("days_since_last_order"));
  }

  /**
   * The visits source: traffic events with a customer id in [as-of − window, as-of). A visit is a session (without
   * one, the customer's day); the top hour and device are those with the most events (ties: the earliest hour,
   * the alphabetically first device).
   */
  public static Dataset<Row> visits(Dataset<Row> trafficEvents, LocalDate asOf, int windowDays) {
    Schemas.requireColumns(trafficEvents, "derive the visits tag source", CUSTOMER_ID, "session_id", "event_ts",
        "event_date", "channel", "dwell_seconds", "device");
    Date day = Date.valueOf(asOf);
    Date start = Date.valueOf(asOf.minusDays(windowDays));
    Dataset<Row> events = trafficEvents
        .where(col(CUSTOMER_ID).isNotNull().and(col("event_date").lt(lit(day))).and(col("event_date").geq(lit(start))))
        .select(col(CUSTOMER_ID), col("event_date"), col("channel"), col("device"),
            coalesce(col("session_id"), concat_ws("#", col(CUSTOMER_ID), col("event_date").cast(StringType))).as("visit"),
            coalesce(col("dwell_seconds").cast(LongType), lit(0L)).as("dwell"),
            hour(col("event_ts")).as("hour"));
    Dataset<Row> totals = events.groupBy(CUSTOMER_ID).agg(
        distinctCount(col("visit")).as("visits"),
        distinctCount(col("event_date")).as("visit_days"),
        count(lit(1)).as("events"),
        distinctCount(when(col("channel").equalTo("store"), col("visit"))).as("store_visits"),
        distinctCount(when(col("channel").notEqual("store"), col("visit"))).as("web_visits"),
        sum("dwell").as("dwell_seconds"),
        max("event_date").as("last_visit_date"));
    Dataset<Row> hours = top(events.groupBy(CUSTOMER_ID, "hour").agg(count(lit(1)).cast(DoubleType).as("weight"))
        .withColumn("hour", col("hour").cast(StringType)), "hour", "top_hour", "top_hour_share");
    Dataset<Row> devices = top(events.where(col("device").isNotNull()).groupBy(CUSTOMER_ID, "device")
        .agg(count(lit(1)).cast(DoubleType).as("weight")), "device", "top_device", "top_device_share");
    double months = windowDays / (365.25 / 12);
    return totals
        .join(hours, CUSTOMER_ID, "left")
        .join(devices, CUSTOMER_ID, "left")
        .select(col(CUSTOMER_ID), col("visits"), col("visit_days"), col("events"), col("store_visits"),
            col("web_visits"), col("dwell_seconds"),
            col("dwell_seconds").divide(col("visits")).as("mean_dwell_seconds"),
            col("visits").divide(lit(months)).as("visits_per_month"),
            col("top_hour").cast(IntegerType).as("top_hour"), col("top_device"), col("last_visit_date"));
  }

  /**
   * One response score per customer: the campaign with the highest response probability scored in the slice
   * (ties: the alphabetically first campaign), i.e. the customer's best chance of answering any campaign.
   */
  public static Dataset<Row> bestResponse(Dataset<Row> responseScores) {
    Schemas.requireColumns(responseScores, "read response_scores", CUSTOMER_ID, "campaign_id", "response_probability");
    WindowSpec best = Window.partitionBy(CUSTOMER_ID).orderBy(col("response_probability").desc(), col("campaign_id").asc());
    return responseScores.withColumn("_rank", row_number().over(best)).where(col("_rank").equalTo(1)).drop("_rank");
  }

  /** The value with the highest weight per customer (ties: alphabetically first) and its share of the weight. */
  private static Dataset<Row> top(Dataset<Row> weights, String value, String topName, String shareName) {
    WindowSpec byCustomer = Window.partitionBy(CUSTOMER_ID);
    WindowSpec ranked = Window.partitionBy(CUSTOMER_ID).orderBy(col("weight").desc(), col(value).asc());
    return weights
        .withColumn("_total", sum("weight").over(byCustomer))
        .withColumn("_rank", row_number().over(ranked))
        .where(col("_rank").equalTo(1))
        .select(col(CUSTOMER_ID), col(value).as(topName),
            when(col("_total").gt(0), col("weight").divide(col("_total"))).as(shareName));
  }
}
