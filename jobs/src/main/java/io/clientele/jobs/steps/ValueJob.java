package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.ingest.Money;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import io.clientele.value.CustomerValue;
import io.clientele.value.Loyalty;
import io.clientele.value.MemberKpis;
import io.clientele.value.RepeatPurchase;
import io.clientele.value.Rfm;
import io.clientele.value.RfmSettings;
import io.clientele.value.SegmentSummary;
import io.clientele.value.ValueTables;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Customer value as of a date: customer_rfm, customer_value, customer_loyalty and segment_summary, each
 * replacing its own as_of slice (a rerun for the same date changes nothing; other dates stay as history).
 */
public final class ValueJob {
  /** {@code --window-days N}: the RFM window, value.window-days unless given. */
  public static final JobSpec.Option<Integer> WINDOW_DAYS = JobSpec.Option.configured("--window-days", "N", Integer.class,
      ConfigKeys.VALUE_WINDOW_DAYS, "RFM window in days");

  /** {@code value --as-of D [--window-days N]}. */
  public static final JobSpec SPEC = JobSpec.of("value",
          "RFM with the eight segments, ABC classes, tiers, value classes, loyalty and lifecycle, as of a date.")
      .with(WINDOW_DAYS)
      .runs((context, asOf, options) -> {
        int days = options.get(WINDOW_DAYS);
        return () -> new ValueJob(context).run(asOf, days);
      });

  private static final String JOB = "value";

  private final JobContext context;

  public ValueJob(JobContext context) {
    this.context = context;
  }

  public JobResult run(LocalDate asOf, int windowDays) {
    ClienteleConfig config = context.config();
    Lake lake = context.lake();
    GoldSlice.requireFeed(lake, JOB, Tables.TRANSACTIONS, "transactions");
    // Only the columns the value metrics read: the window is cached, and silver lines are wide.
    Dataset<Row> transactions = lake.read(Tables.TRANSACTIONS).where(col("order_date").lt(lit(Date.valueOf(asOf))))
        .select("customer_id", "order_id", "order_ts", "order_date", "status", "amount", "is_discounted", "has_coupon",
            "quantity", "channel");
    RfmSettings rfmSettings = RfmSettings.from(config);

    Dataset<Row> window = Rfm.filterWindow(transactions, asOf, windowDays).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long lines = window.count();
      context.progress(JOB, String.format("as of %s: %,d transaction lines in the %d-day window", asOf, lines, windowDays));
      Dataset<Row> measures = Rfm.measures(window, asOf, config.get(ConfigKeys.VALUE_MONETARY).equals("net"))
          .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> rfm = measures.transform(m -> Rfm.withScores(m, rfmSettings)).transform(s -> Rfm.withSegments(s, rfmSettings))
          .withColumn("window_days", lit(windowDays));
      long customers = GoldSlice.write(lake, ValueTables.CUSTOMER_RFM, ValueTables.RFM, rfm, asOf);
      context.progress(JOB, String.format("customer_rfm: %,d customers", customers));

      CustomerValue.Cutoffs cutoffs = new CustomerValue.Cutoffs(config.get(ConfigKeys.ABC_A_SHARE),
          config.get(ConfigKeys.ABC_B_SHARE), config.get(ConfigKeys.TIER_IMPORTANT_SHARE),
          config.get(ConfigKeys.TIER_KEY_SHARE), config.get(ConfigKeys.TIER_ORDINARY_SHARE),
          config.get(ConfigKeys.TIER_BAD_RETURN_SHARE));
      CustomerValue.ClassRules rules = new CustomerValue.ClassRules(config.get(ConfigKeys.CLASS_HIGH_SPEND),
          config.get(ConfigKeys.CLASS_HIGH_PURCHASES), config.get(ConfigKeys.CLASS_MEDIUM_SPEND),
          config.get(ConfigKeys.CLASS_MEDIUM_MIN_PURCHASES), config.get(ConfigKeys.CLASS_MEDIUM_MAX_PURCHASES));
      Dataset<Row> classes = CustomerValue.valueClasses(
          Rfm.filterWindow(transactions, asOf, config.get(ConfigKeys.CLASS_WINDOW_DAYS)), rules);
      Dataset<Row> value = CustomerValue.withAbcAndTier(measures, cutoffs)
          .join(classes, "customer_id", "left")
          .withColumn(CustomerValue.RECENT_PURCHASES, coalesce(col(CustomerValue.RECENT_PURCHASES), lit(0L)))
          .withColumn(CustomerValue.RECENT_SPEND, coalesce(col(CustomerValue.RECENT_SPEND), lit(0).cast(Money.TYPE)))
          .withColumn(CustomerValue.VALUE_CLASS, coalesce(col(CustomerValue.VALUE_CLASS), lit("low")));
      GoldSlice.write(lake, ValueTables.CUSTOMER_VALUE, ValueTables.VALUE, value, asOf);
      context.progress(JOB, "customer_value written");

      // The slices just written, read once: the segment summary and the repeat purchase rate's groups.
      Dataset<Row> scored = GoldSlice.read(lake, ValueTables.CUSTOMER_RFM, asOf)
          .join(GoldSlice.read(lake, ValueTables.CUSTOMER_VALUE, asOf)
              .select("customer_id", CustomerValue.ABC_CLASS, CustomerValue.VALUE_CLASS), "customer_id");
      GoldSlice.write(lake, ValueTables.SEGMENT_SUMMARY, ValueTables.SUMMARY, SegmentSummary.summarise(scored), asOf);

      Dataset<Row> groups = scored.select(col("customer_id"), col(Rfm.SEGMENT).as("rfm_segment"),
          col(CustomerValue.VALUE_CLASS));
      long repeatRows = GoldSlice.write(lake, ValueTables.REPEAT_PURCHASE, ValueTables.REPEAT,
          RepeatPurchase.compute(window, groups, asOf, windowDays), asOf);
      context.progress(JOB, String.format("repeat_purchase: %,d rows (window and months x all, segment, class, channel)", repeatRows));

      Dataset<Row> loyalty = Loyalty.lifecycle(knownCustomers(lake, asOf), Loyalty.lastPurchases(transactions), asOf,
              Loyalty.Boundaries.from(config))
          .join(Loyalty.purchaseHabits(window), "customer_id", "left")
          .join(Loyalty.daysToChoose(transactions, visits(lake, asOf)), "customer_id", "left")
          .join(Loyalty.returnTolerance(transactions), "customer_id", "left")
          .withColumn(Loyalty.ORDERS, coalesce(col(Loyalty.ORDERS), lit(0L)))
          .withColumn(Loyalty.IS_REPEAT_BUYER, coalesce(col(Loyalty.IS_REPEAT_BUYER), lit(false)))
          .withColumn("is_member", coalesce(col("is_member"), lit(false)));
      long known = GoldSlice.write(lake, ValueTables.CUSTOMER_LOYALTY, ValueTables.LOYALTY, loyalty, asOf);
      context.progress(JOB, String.format("customer_loyalty: %,d known customers", known));
      long kpiRows = writeMemberKpis(lake, transactions, asOf, windowDays, config);
      context.progress(JOB, String.format("member_kpis: %,d rows (day, week, month x member level)", kpiRows));
      measures.unpersist();
      return new JobResult(lines, customers, 0L, String.format(
          "as of %s: %,d customers with purchases in %d days scored (customer_rfm, customer_value, segment_summary), "
              + "%,d known customers staged (customer_loyalty), %,d member_kpis rows, %,d repeat_purchase rows", asOf, customers,
          windowDays, known, kpiRows, repeatRows));
    } finally {
      window.unpersist();
    }
  }

  /** customer_id, event_date of the traffic events of known customers before the as-of date (none without traffic). */
  private static Dataset<Row> visits(Lake lake, LocalDate asOf) {
    Date day = Date.valueOf(asOf);
    return lake.exists(Tables.TRAFFIC_EVENTS)
        ? lake.read(Tables.TRAFFIC_EVENTS).where(col("customer_id").isNotNull().and(col("event_date").lt(lit(day))))
            .select("customer_id", "event_date")
        : lake.spark().emptyDataFrame().select(lit(null).cast("string").as("customer_id"), lit(day).as("event_date"));
  }

  /**
   * Everyone known before the as-of date: the customers table (membership as of the date: a signup after it
   * does not count yet), buyers, and customers seen in traffic.
   */
  private static Dataset<Row> knownCustomers(Lake lake, LocalDate asOf) {
    Date day = Date.valueOf(asOf);
    Dataset<Row> profiles = lake.exists(Tables.CUSTOMERS)
        ? lake.read(Tables.CUSTOMERS).select(col("customer_id"),
            col("is_member").and(coalesce(col("signup_date").lt(lit(day)), lit(true))).as("is_member"),
            org.apache.spark.sql.functions.when(col("signup_date").lt(lit(day)), col("signup_date")).as("signup_date"))
        : lake.spark().emptyDataFrame().select(lit(null).cast("string").as("customer_id"),
            lit(null).cast("boolean").as("is_member"), lit(null).cast("date").as("signup_date"));
    Dataset<Row> ids = lake.read(Tables.TRANSACTIONS).where(col("order_date").lt(lit(day))).select("customer_id");
    if (lake.exists(Tables.TRAFFIC_EVENTS)) {
      ids = ids.union(lake.read(Tables.TRAFFIC_EVENTS).where(col("event_date").lt(lit(day)).and(col("customer_id").isNotNull()))
          .select("customer_id"));
    }
    ids = ids.union(profiles.select("customer_id")).distinct();
    return ids.join(profiles, "customer_id", "left");
  }

  /** Member indicators per day, week and month of the window, per member level and for all members. */
  private static long writeMemberKpis(Lake lake, Dataset<Row> transactions, LocalDate asOf, int windowDays, ClienteleConfig config) {
    Date day = Date.valueOf(asOf);
    if (!lake.exists(Tables.CUSTOMERS)) {
      return 0;
    }
    Dataset<Row> members = lake.read(Tables.CUSTOMERS)
        .where(col("is_member").and(coalesce(col("signup_date").lt(lit(day)), lit(true))))
        .select("customer_id", "member_level", "signup_date");
    Dataset<Row> visits = visits(lake, asOf);
    Dataset<Row> contacts = lake.exists(Tables.CAMPAIGN_CONTACTS)
        ? lake.read(Tables.CAMPAIGN_CONTACTS).where(col("contact_date").lt(lit(day)))
            .select("customer_id", "contact_date", "cost", "response_amount")
        : members.limit(0).select(col("customer_id"), lit(day).as("contact_date"), lit(0).cast(Money.TYPE).as("cost"),
            lit(0).cast(Money.TYPE).as("response_amount"));
    // The three grains share one grain-independent part (orders, member events and active days per day), kept
    // while the three are computed, so the transaction lines and visits are aggregated once, not once per grain.
    MemberKpis.Daily daily = MemberKpis.daily(members, transactions, visits, contacts, asOf,
        config.get(ConfigKeys.LIFECYCLE_SLEEPING_DAYS));
    daily.all().forEach(d -> d.persist(StorageLevel.MEMORY_AND_DISK()));
    try {
      Dataset<Row> kpis = null;
      for (String grain : MemberKpis.GRAINS) {
        Dataset<Row> one = MemberKpis.compute(daily, asOf, windowDays, grain);
        kpis = kpis == null ? one : kpis.unionByName(one);
      }
      return GoldSlice.write(lake, ValueTables.MEMBER_KPIS, ValueTables.KPIS, kpis, asOf);
    } finally {
      daily.all().forEach(Dataset::unpersist);
    }
  }

}
