package io.clientele.traffic;

import static io.clientele.traffic.Rates.ratio;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;

import io.clientele.config.UsageException;
import io.clientele.ingest.Money;
import io.clientele.lake.Schemas;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The AARRR path per week or month of the window, with registration where the texts put it (激活-注册-留存-下单-传播:
 * activation, registration, retention, order, referral): acquired = visitors first seen in the period (over all
 * history before the as-of date); activated = those of them who did an activation event in the same period;
 * registered = members who signed up in the period (the customers feed's signup date); retained = visitors active in the period and in the one
 * before, over those active in the one before; revenue and paying customers from the paid transaction lines;
 * referral = web sessions from a referral referrer, and invitations from the social feed.
 */
public final class Aarrr {
  private Aarrr() {}

  public static final String GRAIN = "grain";
  public static final String PERIOD_START = "period_start";
  public static final String PERIOD_END = "period_end";
  public static final String ACQUIRED = "acquired_visitors";
  public static final String ACTIVATED = "activated_visitors";
  public static final String ACTIVATION_RATE = "activation_rate";
  public static final String REGISTERED = "registered_members";
  public static final String ACTIVE = "active_visitors";
  public static final String RETAINED = "retained_visitors";
  public static final String RETENTION_BASE = "retention_base";
  public static final String RETENTION_RATE = "retention_rate";
  public static final String REVENUE = "revenue";
  public static final String PAYING_CUSTOMERS = "paying_customers";
  public static final String REVENUE_PER_PAYING_CUSTOMER = "revenue_per_paying_customer";
  public static final String REFERRED_SESSIONS = "referred_sessions";
  public static final String INVITATIONS = "invitations";

  /** What the AARRR summary is computed with. */
  public static final class Settings implements java.io.Serializable {
    final String grain;
    final List<String> activationEvents;
    final List<String> referralReferrers;

    public Settings(String grain, List<String> activationEvents, List<String> referralReferrers) {
      if (!grain.equals("week") && !grain.equals("month")) {
        throw new UsageException("Cannot compute AARRR per '" + grain + "': expected week or month");
      }
      this.grain = grain;
      this.activationEvents = List.copyOf(activationEvents);
      this.referralReferrers = List.copyOf(referralReferrers);
    }
  }

  static Column periodOf(Column date, String grain) {
    return grain.equals("week")
        ? org.apache.spark.sql.functions.to_date(org.apache.spark.sql.functions.date_trunc("week", date))
        : org.apache.spark.sql.functions.trunc(date, "month");
  }

  static LocalDate periodOf(LocalDate date, String grain) {
    return grain.equals("week") ? date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : date.withDayOfMonth(1);
  }

  static LocalDate next(LocalDate period, String grain) {
    return grain.equals("week") ? period.plusWeeks(1) : period.plusMonths(1);
  }

  /**
   * @param events all traffic events before the as-of date (visitor_id, session_id, event_date, event_type,
   *     channel, referrer): history before the window decides who is new
   * @param lines paid and other transaction lines before the as-of date (customer_id, order_date, status,
   *     amount), or null when there are none: revenue columns are then null
   * @param social social events before the as-of date (event_date, action), or null: invitations are then null
   * @param members the members of the customers feed (customer_id, signup_date), or null: registrations are then null
   */
  public static Dataset<Row> perPeriod(Dataset<Row> events, Dataset<Row> lines, Dataset<Row> social,
      Dataset<Row> members, LocalDate asOf, int windowDays, Settings settings) {
    Schemas.requireColumns(events, "compute AARRR", "visitor_id", "session_id", "event_date", "event_type", "channel",
        "referrer");
    String grain = settings.grain;
    Dataset<Row> dated = events.withColumn(PERIOD_START, periodOf(col("event_date"), grain));
    Dataset<Row> firstSeen = events.groupBy("visitor_id").agg(min("event_date").as("_first"))
        .withColumn(PERIOD_START, periodOf(col("_first"), grain));
    Dataset<Row> acquired = firstSeen.groupBy(PERIOD_START).agg(count(lit(1)).as(ACQUIRED));
    Dataset<Row> activated = dated.where(col("event_type").isin(settings.activationEvents.toArray()))
        .select("visitor_id", PERIOD_START).distinct()
        .join(firstSeen.select("visitor_id", PERIOD_START), Funnel.seq("visitor_id", PERIOD_START))
        .groupBy(PERIOD_START).agg(count(lit(1)).as(ACTIVATED));
    Dataset<Row> activity = dated.select("visitor_id", PERIOD_START).distinct();
    Dataset<Row> active = activity.groupBy(PERIOD_START).agg(count(lit(1)).as(ACTIVE));
    Column nextPeriod = grain.equals("week")
        ? org.apache.spark.sql.functions.date_add(col(PERIOD_START), 7)
        : org.apache.spark.sql.functions.add_months(col(PERIOD_START), 1);
    Dataset<Row> retained = activity.withColumn(PERIOD_START, nextPeriod)
        .join(activity, Funnel.seq("visitor_id", PERIOD_START))
        .groupBy(PERIOD_START).agg(count(lit(1)).as(RETAINED));
    Dataset<Row> base = active.withColumn(PERIOD_START, nextPeriod).withColumnRenamed(ACTIVE, RETENTION_BASE);
    Dataset<Row> referred = dated.where(col("channel").equalTo("web")
            .and(col("referrer").isin(settings.referralReferrers.toArray())))
        .withColumn("_session", WebFunnel.sessionKey())
        .groupBy(PERIOD_START).agg(countDistinct("_session").as(REFERRED_SESSIONS));

    Dataset<Row> summary = grid(events.sparkSession(), asOf, windowDays, grain);
    for (Dataset<Row> part : List.of(acquired, activated, active, retained, base, referred)) {
      summary = summary.join(part, Funnel.seq(PERIOD_START), "left");
    }
    for (String count : new String[] {ACQUIRED, ACTIVATED, ACTIVE, RETAINED, RETENTION_BASE, REFERRED_SESSIONS}) {
      summary = summary.withColumn(count, coalesce(col(count), lit(0L)));
    }
    if (lines != null) {
      Dataset<Row> revenue = lines.where(col("status").equalTo("paid"))
          .withColumn(PERIOD_START, periodOf(col("order_date"), grain))
          .groupBy(PERIOD_START).agg(sum("amount").cast(Money.TYPE).as(REVENUE),
              countDistinct("customer_id").as(PAYING_CUSTOMERS));
      summary = summary.join(revenue, Funnel.seq(PERIOD_START), "left")
          .withColumn(REVENUE, coalesce(col(REVENUE), lit(0).cast(Money.TYPE)))
          .withColumn(PAYING_CUSTOMERS, coalesce(col(PAYING_CUSTOMERS), lit(0L)));
    } else {
      summary = summary.withColumn(REVENUE, lit(null).cast(Money.TYPE)).withColumn(PAYING_CUSTOMERS, lit(null).cast("long"));
    }
    if (social != null) {
      Dataset<Row> invitations = social.where(col("action").equalTo("invite"))
          .withColumn(PERIOD_START, periodOf(col("event_date"), grain))
          .groupBy(PERIOD_START).agg(count(lit(1)).as(INVITATIONS));
      summary = summary.join(invitations, Funnel.seq(PERIOD_START), "left")
          .withColumn(INVITATIONS, coalesce(col(INVITATIONS), lit(0L)));
    } else {
      summary = summary.withColumn(INVITATIONS, lit(null).cast("long"));
    }
    if (members != null) {
      Dataset<Row> registered = members.where(col("signup_date").lt(lit(Date.valueOf(asOf))))
          .withColumn(PERIOD_START, periodOf(col("signup_date"), grain))
          .groupBy(PERIOD_START).agg(countDistinct("customer_id").as(REGISTERED));
      summary = summary.join(registered, Funnel.seq(PERIOD_START), "left")
          .withColumn(REGISTERED, coalesce(col(REGISTERED), lit(0L)));
    } else {
      summary = summary.withColumn(REGISTERED, lit(null).cast("long"));
    }
    return summary
        .withColumn(GRAIN, lit(grain))
        .withColumn(ACTIVATION_RATE, ratio(col(ACTIVATED), col(ACQUIRED)))
        .withColumn(RETENTION_RATE, ratio(col(RETAINED), col(RETENTION_BASE)))
        .withColumn(REVENUE_PER_PAYING_CUSTOMER, ratio(col(REVENUE), col(PAYING_CUSTOMERS)));
  }

  /** The periods that overlap the window [as-of - window days, as-of), with their last day inside it. */
  private static Dataset<Row> grid(SparkSession spark, LocalDate asOf, int windowDays, String grain) {
    StructType schema = new StructType().add(PERIOD_START, DataTypes.DateType).add(PERIOD_END, DataTypes.DateType);
    List<Row> periods = new ArrayList<>();
    LocalDate last = asOf.minusDays(1);
    for (LocalDate p = periodOf(asOf.minusDays(windowDays), grain); !p.isAfter(last); p = next(p, grain)) {
      LocalDate end = next(p, grain).minusDays(1);
      periods.add(RowFactory.create(Date.valueOf(p), Date.valueOf(end.isAfter(last) ? last : end)));
    }
    return spark.createDataFrame(periods, schema);
  }
}
