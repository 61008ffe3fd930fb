package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import io.clientele.traffic.Aarrr;
import io.clientele.traffic.Funnel;
import io.clientele.traffic.TrafficTables;
import io.clientele.traffic.VisitorDistributions;
import io.clientele.traffic.WebFunnel;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Traffic as of a date: visitor distributions (traffic_hourly, traffic_region, traffic_visitors), the store
 * flow line (traffic_funnel), the web funnel (traffic_web_funnel) and the AARRR summary (traffic_aarrr), each
 * replacing its own as_of slice. Transactions, customers and social events are optional: without them the
 * columns they feed are null, and the job says so.
 */
public final class TrafficJob {
  /** {@code --window-days N}: the traffic window, traffic.window-days unless given. */
  public static final JobSpec.Option<Integer> WINDOW_DAYS = JobSpec.Option.configured("--window-days", "N", Integer.class,
      ConfigKeys.TRAFFIC_WINDOW_DAYS, "traffic window in days");

  /** {@code traffic --as-of D [--window-days N]}: the age bands read and checked before any data. */
  public static final JobSpec SPEC = JobSpec.of("traffic",
          "Visitor distributions, the store flow line and web funnel, and AARRR, as of a date.")
      .with(WINDOW_DAYS)
      .runs((context, asOf, options) -> {
        int days = options.get(WINDOW_DAYS);
        ageBounds(context.config());
        return () -> new TrafficJob(context).run(asOf, days);
      });

  private static final String JOB = "traffic";
  private static final String[] EVENT_COLUMNS = {"visitor_id", "customer_id", "session_id", "event_ts", "event_date",
      "channel", "store_id", "zone", "floor", "event_type", "dwell_seconds", "device", "region", "referrer"};

  private final JobContext context;

  public TrafficJob(JobContext context) {
    this.context = context;
  }

  /** The age band bounds of the configuration, checked to be ascending whole numbers. */
  public static List<Integer> ageBounds(ClienteleConfig config) {
    List<Integer> bounds = new ArrayList<>();
    for (String text : config.get(ConfigKeys.TRAFFIC_AGE_BANDS)) {
      int bound;
      try {
        bound = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new ConfigException("Invalid value for configuration key 'traffic.age-bands': '" + text + "' is not a whole number");
      }
      if (!bounds.isEmpty() && bound <= bounds.get(bounds.size() - 1)) {
        throw new ConfigException("Invalid value for configuration key 'traffic.age-bands': bounds must ascend, got "
            + config.get(ConfigKeys.TRAFFIC_AGE_BANDS));
      }
      bounds.add(bound);
    }
    return bounds;
  }

  public JobResult run(LocalDate asOf, int windowDays) {
    ClienteleConfig config = context.config();
    List<Integer> ageBounds = ageBounds(config);
    Aarrr.Settings aarrrSettings = new Aarrr.Settings(config.get(ConfigKeys.TRAFFIC_AARRR_GRAIN),
        config.get(ConfigKeys.TRAFFIC_ACTIVATION_EVENTS), config.get(ConfigKeys.TRAFFIC_REFERRAL_REFERRERS));
    Lake lake = context.lake();
    GoldSlice.requireFeed(lake, JOB, Tables.TRAFFIC_EVENTS, "traffic");
    Date day = Date.valueOf(asOf);
    Date windowStart = Date.valueOf(asOf.minusDays(windowDays));
    // Every table reads the events before the date (first visits and AARRR all of them, the rest the window):
    // read from the lake once, kept for all of them.
    Dataset<Row> before = lake.read(Tables.TRAFFIC_EVENTS).where(col("event_date").lt(lit(day))).select(java.util.Arrays.stream(EVENT_COLUMNS).map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> window = before.where(col("event_date").geq(lit(windowStart)));
    Dataset<Row> allLines = null;
    try {
      long events = window.count();
      context.progress(JOB, String.format("as of %s: %,d traffic events in the %d-day window", asOf, events, windowDays));

      Dataset<Row> lines = null;
      if (lake.exists(Tables.TRANSACTIONS)) {
        // Read by four tables: kept once read.
        allLines = lake.read(Tables.TRANSACTIONS).where(col("order_date").lt(lit(day)))
            .select("customer_id", "order_id", "order_date", "store_id", "channel", "quantity", "amount", "status")
            .persist(StorageLevel.MEMORY_AND_DISK());
        lines = allLines.where(col("order_date").geq(lit(windowStart)));
      } else {
        context.progress(JOB, "no table " + lake.qualified(Tables.TRANSACTIONS) + " (clientele ingest transactions PATH): "
            + "sales, 客单价, 客品数, buyers and revenue are left null");
      }
      Dataset<Row> customers = null;
      Dataset<Row> members = null;
      if (lake.exists(Tables.CUSTOMERS)) {
        customers = lake.read(Tables.CUSTOMERS).select("customer_id", "member_level", "gender", "birth_date", "region");
        members = lake.read(Tables.CUSTOMERS).where(col("is_member").and(col("signup_date").isNotNull()))
            .select("customer_id", "signup_date");
      } else {
        context.progress(JOB, "no table " + lake.qualified(Tables.CUSTOMERS) + " (clientele ingest customers PATH): "
            + "member level, gender and age band are 'unknown', buyers and revenue by region and AARRR registrations null");
      }
      Dataset<Row> social = null;
      if (lake.exists(Tables.SOCIAL_EVENTS)) {
        social = lake.read(Tables.SOCIAL_EVENTS).where(col("event_date").lt(lit(day))).select("event_date", "action");
      } else {
        context.progress(JOB, "no table " + lake.qualified(Tables.SOCIAL_EVENTS) + ": AARRR invitations are left null");
      }

      long hourly = GoldSlice.write(lake, TrafficTables.TRAFFIC_HOURLY, TrafficTables.HOURLY,
          VisitorDistributions.hourly(window), asOf);
      long regions = GoldSlice.write(lake, TrafficTables.TRAFFIC_REGION, TrafficTables.REGION,
          VisitorDistributions.byRegion(window, lines, customers), asOf);
      long features = GoldSlice.write(lake, TrafficTables.TRAFFIC_VISITORS, TrafficTables.VISITORS,
          VisitorDistributions.byFeatures(window, VisitorDistributions.firstVisits(before), customers, asOf,
              config.get(ConfigKeys.TRAFFIC_NEW_VISITOR_DAYS), ageBounds), asOf);
      context.progress(JOB, String.format("traffic_hourly %,d rows, traffic_region %,d, traffic_visitors %,d",
          hourly, regions, features));

      Dataset<Row> flow = Funnel.storeFlow(window.where(col("channel").equalTo("store")));
      flow = lines != null ? Funnel.withSales(flow, Funnel.storeSales(lines)) : Funnel.withoutSales(flow);
      long funnel = GoldSlice.write(lake, TrafficTables.TRAFFIC_FUNNEL, TrafficTables.FUNNEL, flow, asOf);
      long floors = GoldSlice.write(lake, TrafficTables.TRAFFIC_FLOORS, TrafficTables.FLOORS,
          Funnel.floorFlow(window.where(col("channel").equalTo("store"))), asOf);
      Dataset<Row> web = WebFunnel.perDay(window.where(col("channel").equalTo("web")));
      web = lines != null ? WebFunnel.withOnlineSales(web, lines) : Funnel.withoutSales(web);
      long webDays = GoldSlice.write(lake, TrafficTables.TRAFFIC_WEB_FUNNEL, TrafficTables.WEB_FUNNEL, web, asOf);
      long periods = GoldSlice.write(lake, TrafficTables.TRAFFIC_AARRR, TrafficTables.AARRR,
          Aarrr.perPeriod(before, allLines, social, members, asOf, windowDays, aarrrSettings), asOf);
      context.progress(JOB, String.format("traffic_funnel %,d rows (store x zone x day), traffic_floors %,d (store x floor "
          + "x day), traffic_web_funnel %,d days, traffic_aarrr %,d periods", funnel, floors, webDays, periods));
      long out = hourly + regions + features + funnel + floors + webDays + periods;
      return new JobResult(events, out, 0L, String.format("as of %s: %,d events in %d days; %,d funnel rows, %,d web "
          + "funnel days, %,d AARRR periods, %,d distribution rows", asOf, events, windowDays, funnel, webDays, periods,
          hourly + regions + features));
    } finally {
      before.unpersist();
      if (allLines != null) {
        allLines.unpersist();
      }
    }
  }
}
