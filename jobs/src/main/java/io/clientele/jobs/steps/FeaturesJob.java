package io.clientele.jobs.steps;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import io.clientele.model.CustomerFeatures;
import io.clientele.model.ModelTables;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Point-in-time customer features as of a date: the as_of slice of customer_features. */
public final class FeaturesJob {
  /** {@code features --as-of D}. */
  public static final JobSpec SPEC = JobSpec.of("features",
          "Point-in-time customer features (log RFM, tenure, intervals, mixes, trend, traffic, social, campaigns) as of a date.")
      .runs((context, asOf, options) -> () -> new FeaturesJob(context).run(asOf));

  private static final String JOB = "features";

  private final JobContext context;

  public FeaturesJob(JobContext context) {
    this.context = context;
  }

  public JobResult run(LocalDate asOf) {
    Lake lake = context.lake();
    Dataset<Row> features = compute(lake, context.config(), asOf);
    long customers = GoldSlice.write(lake, ModelTables.CUSTOMER_FEATURES, ModelTables.FEATURES, features, asOf);
    context.progress(JOB, String.format("customer_features: %,d customers as of %s", customers, asOf));
    return new JobResult(null, customers, 0L, String.format("as of %s: %,d customers with features", asOf, customers));
  }

  /** The features as of a date from the silver tables; optional feeds that were never ingested give zeros. */
  static Dataset<Row> compute(Lake lake, ClienteleConfig config, LocalDate asOf) {
    GoldSlice.requireFeed(lake, JOB, Tables.TRANSACTIONS, "transactions");
    return CustomerFeatures.compute(lake.read(Tables.TRANSACTIONS), optional(lake, Tables.TRAFFIC_EVENTS),
        optional(lake, Tables.SOCIAL_EVENTS), optional(lake, Tables.CAMPAIGN_CONTACTS), asOf, trend(config))
        .withColumn(ModelTables.AS_OF, org.apache.spark.sql.functions.lit(java.sql.Date.valueOf(asOf)));
  }

  /** The recent-trend windows of the features (features.recent-days, features.previous-days). */
  static CustomerFeatures.TrendWindows trend(ClienteleConfig config) {
    return new CustomerFeatures.TrendWindows(config.get(ConfigKeys.FEATURES_RECENT_DAYS),
        config.get(ConfigKeys.FEATURES_PREVIOUS_DAYS));
  }

  /** The table, or null when its feed was never ingested (its features are then zero). */
  static Dataset<Row> optional(Lake lake, String table) {
    return lake.exists(table) ? lake.read(table) : null;
  }
}
