package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.json.Json;
import io.clientele.lake.Lake;
import io.clientele.model.ModelTables;
import io.clientele.model.Segmentation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Segmentation as of a date: the customers' features clustered by the standardised KMeans pipeline, k chosen
 * by silhouette over segment.k-min..k-max with the fixed model.seed (a rerun gives the same segments); the
 * as_of slices of customer_segments and segment_profiles, the pipeline saved under a new version.
 */
public final class SegmentJob {
  /** {@code segment --as-of D}. */
  public static final JobSpec SPEC = JobSpec.of("segment",
          "KMeans segmentation of the customers' standardised features, k chosen by silhouette, with named profiles.")
      .runs((context, asOf, options) -> () -> new SegmentJob(context).run(asOf));

  static final String MODEL = "segmentation";
  private static final String JOB = "segment";

  private final JobContext context;

  public SegmentJob(JobContext context) {
    this.context = context;
  }

  public JobResult run(LocalDate asOf) throws Exception {
    ClienteleConfig config = context.config();
    Lake lake = context.lake();
    List<String> columns = config.get(ConfigKeys.SEGMENT_FEATURES);
    Dataset<Row> features = FeaturesJob.compute(lake, config, asOf).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long customers = features.count();
      context.progress(JOB, String.format("%,d customers with features as of %s", customers, asOf));
      Segmentation.Fit fit = Segmentation.fit(features, columns, config.get(ConfigKeys.SEGMENT_K_MIN),
          config.get(ConfigKeys.SEGMENT_K_MAX), config.get(ConfigKeys.MODEL_SEED),
          config.get(ConfigKeys.MODEL_SINGLE_PARTITION_ROWS));
      Map<String, Object> byK = new LinkedHashMap<>();
      fit.silhouettes().forEach((k, value) -> byK.put(String.valueOf(k), value));
      String silhouettes = Json.write(byK);
      context.progress(JOB, "silhouette by k " + silhouettes + ": chose k = " + fit.k());
      Dataset<Row> assigned = Segmentation.assign(fit.model(), features, columns).persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> profiles = Segmentation.profiles(lake.spark(), assigned, columns);
      Map<Integer, String> names = profiles.collectAsList().stream().collect(Collectors.toMap(
          r -> r.<Integer>getAs(Segmentation.SEGMENT_ID), r -> r.<String>getAs(Segmentation.SEGMENT_NAME)));
      String parameters = Json.write(Json.object("features", columns, "k_min", config.get(ConfigKeys.SEGMENT_K_MIN), "k_max",
          config.get(ConfigKeys.SEGMENT_K_MAX), "seed", config.get(ConfigKeys.MODEL_SEED)));
      double silhouette = fit.silhouettes().get(fit.k());
      String metrics = Json.write(Json.object("k", fit.k(), "silhouette", silhouette, "silhouette_by_k", byK));
      ModelRegistry.Saved saved = ModelRegistry.save(lake, config, fit.model(), new ModelRegistry.Run(MODEL, Instant.now(),
          asOf, null, ChurnJob.dataVersions(lake), parameters, metrics, null, null, null, metrics));

      org.apache.spark.sql.Column name = lit(null).cast("string");
      for (Map.Entry<Integer, String> entry : names.entrySet()) {
        name = org.apache.spark.sql.functions.when(col(Segmentation.SEGMENT_ID).equalTo(entry.getKey()), entry.getValue())
            .otherwise(name);
      }
      Dataset<Row> segments = assigned.select(col("customer_id"), col(Segmentation.SEGMENT_ID), name.as(Segmentation.SEGMENT_NAME),
          lit(saved.version()).as("model_version"));
      long rows = GoldSlice.write(lake, ModelTables.CUSTOMER_SEGMENTS, ModelTables.SEGMENTS, segments, asOf);
      GoldSlice.write(lake, ModelTables.SEGMENT_PROFILES, ModelTables.PROFILES, profiles
          .withColumn("k", lit(fit.k())).withColumn("silhouette", lit(silhouette)).withColumn("model_version", lit(saved.version())), asOf);
      assigned.unpersist();
      String summary = names.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
      return new JobResult(customers, rows, 0L, String.format(Locale.ROOT,
          "as of %s: %,d customers in %d segments (silhouette %.3f): %s", asOf, rows, fit.k(), silhouette, summary));
    } finally {
      features.unpersist();
    }
  }
}
