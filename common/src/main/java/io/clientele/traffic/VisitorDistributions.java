package io.clientele.traffic;

import static io.clientele.traffic.Rates.ratio;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.ingest.Money;
import io.clientele.lake.Schemas;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Visitor distributions (访客分布): by hour of day and weekday (时段) per store or site, by region (地域), and by
 * visitor features (new/returning, member level, device, gender, age band). Visitors are distinct visitor ids,
 * visits distinct sessions (see {@link WebFunnel#sessionKey()}).
 */
public final class VisitorDistributions {
  private VisitorDistributions() {}

  public static final String CHANNEL = "channel";
  public static final String SITE = "site";
  public static final String WEEKDAY = "weekday";
  public static final String HOUR = "hour";
  public static final String VISITORS = "visitors";
  public static final String VISITS = "visits";
  public static final String EVENTS = "events";
  public static final String REGION = "region";
  public static final String MEMBERS = "members";
  public static final String BUYERS = "buyers";
  public static final String REVENUE = "revenue";
  public static final String FEATURE = "feature";
  public static final String VALUE = "value";
  public static final String VISITOR_SHARE = "visitor_share";

  public static final String UNKNOWN = "unknown";
  public static final String ANONYMOUS = "anonymous";
  public static final List<String> FEATURES = List.of("visitor_type", "member_level", "device", "gender", "age_band");

  /**
   * Visitors, visits and events per channel, site (the store id, or the channel for the web), ISO weekday
   * (1 = Monday) and hour of day. Needs visitor_id, session_id, event_date, event_ts, channel, store_id.
   */
  public static Dataset<Row> hourly(Dataset<Row> events) {
    Schemas.requireColumns(events, "compute hourly traffic", "visitor_id", "session_id", "event_date", "event_ts",
        CHANNEL, "store_id");
    return events
        .withColumn(SITE, coalesce(col("store_id"), col(CHANNEL)))
        // dayofweek is 1 = Sunday; ISO weekdays read better in a Chinese or European week.
        .withColumn(WEEKDAY, org.apache.spark.sql.functions.expr("(dayofweek(event_ts) + 5) % 7 + 1"))
        .withColumn(HOUR, hour(col("event_ts")))
        .withColumn("_session", WebFunnel.sessionKey())
        .groupBy(CHANNEL, SITE, WEEKDAY, HOUR)
        .agg(countDistinct("visitor_id").as(VISITORS), countDistinct("_session").as(VISITS), count(lit(1)).as(EVENTS));
  }

  /**
   * Per region of the events: visitors, visits, members (distinct customer ids seen: the feed names a
   * customer only while they are a member). Buyers and revenue come from the paid lines of customers whose
   * profile region it is; with {@code lines} or {@code customers} null they are null.
   *
   * @param lines transaction lines (customer_id, status, amount), or null
   * @param customers customer profiles (customer_id, region), or null
   */
  public static Dataset<Row> byRegion(Dataset<Row> events, Dataset<Row> lines, Dataset<Row> customers) {
    Schemas.requireColumns(events, "compute traffic by region", "visitor_id", "session_id", "event_date", "customer_id",
        REGION);
    Dataset<Row> traffic = events.withColumn(REGION, coalesce(col(REGION), lit(UNKNOWN)))
        .withColumn("_session", WebFunnel.sessionKey())
        .groupBy(REGION).agg(countDistinct("visitor_id").as(VISITORS), countDistinct("_session").as(VISITS),
            countDistinct("customer_id").as(MEMBERS));
    if (lines == null || customers == null) {
      return traffic.withColumn(BUYERS, lit(null).cast("long")).withColumn(REVENUE, lit(null).cast(Money.TYPE));
    }
    Dataset<Row> buyers = lines.where(col("status").equalTo("paid"))
        .join(customers.select(col("customer_id"), coalesce(col(REGION), lit(UNKNOWN)).as(REGION)), "customer_id", "left")
        .withColumn(REGION, coalesce(col(REGION), lit(UNKNOWN)))
        .groupBy(REGION).agg(countDistinct("customer_id").as(BUYERS), sum("amount").cast(Money.TYPE).as(REVENUE));
    return traffic.join(buyers, Funnel.seq(REGION), "full_outer")
        .withColumn(VISITORS, coalesce(col(VISITORS), lit(0L)))
        .withColumn(VISITS, coalesce(col(VISITS), lit(0L)))
        .withColumn(MEMBERS, coalesce(col(MEMBERS), lit(0L)))
        .withColumn(BUYERS, coalesce(col(BUYERS), lit(0L)))
        .withColumn(REVENUE, coalesce(col(REVENUE), lit(0).cast(Money.TYPE)));
  }

  /** The label of the age band holding an age: bounds 18|25 give "<18", "18-24", "25+". */
  static Column ageBand(Column age, List<Integer> bounds) {
    Column band = when(age.isNull(), lit(UNKNOWN)).when(age.lt(bounds.get(0)), lit("<" + bounds.get(0)));
    for (int i = 0; i + 1 < bounds.size(); i++) {
      band = band.when(age.lt(bounds.get(i + 1)), lit(bounds.get(i) + "-" + (bounds.get(i + 1) - 1)));
    }
    return band.otherwise(lit(bounds.get(bounds.size() - 1) + "+"));
  }

  /**
   * Visitors and visits by each visitor feature, as long rows (feature, value): visitor_type new or returning
   * (first visit ever within {@code newVisitorDays} of the as-of date, over {@code firstVisits}); member_level,
   * gender and age_band from the profile of the visitor's customer id (anonymous without one, unknown when
   * no profile); device of each event (in_store for store visits). A visitor seen with several devices counts
   * under each. visitor_share = visitors / all visitors of the events.
   *
   * @param events traffic events of the window (visitor_id, customer_id, session_id, event_date, channel, device)
   * @param firstVisits visitor_id, first_visit (over all history before the as-of date)
   * @param customers customer_id, member_level, gender, birth_date; or null when there are no profiles
   */
  public static Dataset<Row> byFeatures(Dataset<Row> events, Dataset<Row> firstVisits, Dataset<Row> customers,
      LocalDate asOf, int newVisitorDays, List<Integer> ageBounds) {
    Schemas.requireColumns(events, "compute traffic by visitor features", "visitor_id", "customer_id", "session_id",
        "event_date", CHANNEL, "device");
    Dataset<Row> visitors = events.groupBy("visitor_id").agg(max("customer_id").as("customer_id"))
        .join(firstVisits, "visitor_id", "left")
        .withColumn("visitor_type", when(col("first_visit").geq(lit(Date.valueOf(asOf.minusDays(newVisitorDays)))),
            lit("new")).otherwise(lit("returning")));
    Column anonymous = col("customer_id").isNull();
    if (customers != null) {
      Column age = floor(months_between(lit(Date.valueOf(asOf)), col("birth_date")).divide(12)).cast("int");
      visitors = visitors.join(customers.select(col("customer_id"), col("member_level"), col("gender"),
              ageBand(age, ageBounds).as("age_band"), lit(true).as("_profile")), "customer_id", "left");
      for (String feature : new String[] {"member_level", "gender", "age_band"}) {
        visitors = visitors.withColumn(feature, when(anonymous, lit(ANONYMOUS))
            .otherwise(coalesce(col(feature), lit(UNKNOWN))));
      }
    } else {
      for (String feature : new String[] {"member_level", "gender", "age_band"}) {
        visitors = visitors.withColumn(feature, when(anonymous, lit(ANONYMOUS)).otherwise(lit(UNKNOWN)));
      }
    }
    Dataset<Row> tagged = events.select(col("visitor_id"), WebFunnel.sessionKey().as("_session"),
            coalesce(col("device"), when(col(CHANNEL).equalTo("store"), lit("in_store")), lit(UNKNOWN)).as("device"))
        .join(visitors.select("visitor_id", "visitor_type", "member_level", "gender", "age_band"), "visitor_id");
    Dataset<Row> all = null;
    for (String feature : FEATURES) {
      Dataset<Row> one = tagged.groupBy(col(feature).as(VALUE))
          .agg(countDistinct("visitor_id").as(VISITORS), countDistinct("_session").as(VISITS))
          .withColumn(FEATURE, lit(feature));
      all = all == null ? one : all.unionByName(one);
    }
    Dataset<Row> total = events.agg(countDistinct("visitor_id").as("_total"));
    return all.crossJoin(total).withColumn(VISITOR_SHARE, ratio(col(VISITORS), col("_total"))).drop("_total");
  }

  /** visitor_id, first_visit: the first event date of each visitor. */
  public static Dataset<Row> firstVisits(Dataset<Row> events) {
    return events.groupBy("visitor_id").agg(min("event_date").as("first_visit"));
  }
}
