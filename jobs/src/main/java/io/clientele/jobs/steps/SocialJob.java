package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfFiles;
import io.clientele.config.ConfigKeys;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import io.clientele.social.Lexicon;
import io.clientele.social.Psychology;
import io.clientele.social.SocialFeatures;
import io.clientele.social.SocialTables;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Social behaviour as of a date: social_features (counts, rating, photo reviewer, reach, influence) and
 * customer_psychology (the psychology types of the lexicon, from review and inquiry texts), each replacing its
 * own as_of slice.
 */
public final class SocialJob {
  /** {@code --window-days N}: the social window, social.window-days unless given. */
  public static final JobSpec.Option<Integer> WINDOW_DAYS = JobSpec.Option.configured("--window-days", "N", Integer.class,
      ConfigKeys.SOCIAL_WINDOW_DAYS, "social window in days");

  /** {@code social --as-of D [--window-days N]}: the psychology lexicon read and checked before any data. */
  public static final JobSpec SPEC = JobSpec.of("social",
          "Social features, influence and the consumer psychology types, as of a date.")
      .with(WINDOW_DAYS)
      .runs((context, asOf, options) -> {
        int days = options.get(WINDOW_DAYS);
        Lexicon lexicon = lexicon(context.config());
        return () -> new SocialJob(context).run(asOf, days, lexicon);
      });

  private static final String JOB = "social";

  private final JobContext context;

  public SocialJob(JobContext context) {
    this.context = context;
  }

  /** The lexicon the configuration names, parsed: a bad file is a configuration error (exit 2). */
  public static Lexicon lexicon(ClienteleConfig config) {
    ConfFiles.Text text = ConfFiles.read(ConfigKeys.PSYCHOLOGY_LEXICON, config.get(ConfigKeys.PSYCHOLOGY_LEXICON));
    return Lexicon.parse(text.content(), text.source());
  }

  public JobResult run(LocalDate asOf, int windowDays, Lexicon lexicon) {
    ClienteleConfig config = context.config();
    SocialFeatures.Settings settings = SocialFeatures.Settings.from(config);
    Lake lake = context.lake();
    GoldSlice.requireFeed(lake, JOB, Tables.SOCIAL_EVENTS, "social");
    Dataset<Row> events = lake.read(Tables.SOCIAL_EVENTS)
        .where(col("event_date").lt(lit(Date.valueOf(asOf))).and(col("event_date").geq(lit(Date.valueOf(asOf.minusDays(windowDays))))))
        .select("customer_id", "action", "text", "rating", "reach", "target_sku")
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long count = events.count();
      context.progress(JOB, String.format("as of %s: %,d social events in the %d-day window; lexicon of %d types, %d keywords",
          asOf, count, windowDays, lexicon.types().size(), lexicon.entries().size()));
      long customers = GoldSlice.write(lake, SocialTables.SOCIAL_FEATURES, SocialTables.FEATURES,
          SocialFeatures.perCustomer(events, settings).withColumn("window_days", lit(windowDays)), asOf);
      context.progress(JOB, String.format("social_features: %,d customers", customers));
      Dataset<Row> texts = events
          .where(col("action").isin(config.get(ConfigKeys.PSYCHOLOGY_ACTIONS).toArray())
              .and(col("text").isNotNull()).and(trim(col("text")).notEqual("")))
          .select("customer_id", "text");
      long profiled = GoldSlice.write(lake, SocialTables.CUSTOMER_PSYCHOLOGY, SocialTables.PSYCHOLOGY,
          Psychology.perCustomer(texts, lexicon), asOf);
      long typed = lake.read(SocialTables.CUSTOMER_PSYCHOLOGY)
          .where(col("as_of").equalTo(lit(Date.valueOf(asOf))).and(col(Psychology.DOMINANT_TYPE).isNotNull())).count();
      context.progress(JOB, String.format("customer_psychology: %,d customers with texts, %,d with a dominant type",
          profiled, typed));
      return new JobResult(count, customers + profiled, 0L, String.format(
          "as of %s: %,d social events in %d days; %,d customers (social_features), %,d with texts of whom %,d typed "
              + "(customer_psychology)", asOf, count, windowDays, customers, profiled, typed));
    } finally {
      events.unpersist();
    }
  }
}
