package io.clientele.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.clientele.config.UsageException;
import io.clientele.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Behavioural segmentation: the chosen feature columns median-imputed, standardised (mean 0, deviation 1) and
 * clustered by KMeans with a fixed seed; k is the value of the configured range with the best silhouette.
 * Each segment gets a profile (size, feature means, revenue share) and a name from how its recency,
 * frequency and spend compare with everyone's.
 */
public final class Segmentation {
  private Segmentation() {}

  public static final String SEGMENT_ID = "segment_id";
  public static final String SEGMENT_NAME = "segment_name";
  static final String SCALED = "scaled_features";

  /** The fitted pipeline, the chosen k, and the silhouette of every k tried. */
  public record Fit(PipelineModel model, int k, Map<Integer, Double> silhouettes) {}

  /** The unfitted pipeline: impute, assemble, standardise, KMeans with k clusters. */
  public static Pipeline pipeline(List<String> columns, int k, long seed) {
    String[] imputed = columns.stream().map(c -> c + "__imputed").toArray(String[]::new);
    Imputer imputer = new Imputer().setStrategy("median").setInputCols(columns.toArray(String[]::new)).setOutputCols(imputed);
    VectorAssembler assembler = new VectorAssembler().setInputCols(imputed).setOutputCol("segment_raw");
    StandardScaler scaler = new StandardScaler().setInputCol(assembler.getOutputCol()).setOutputCol(SCALED)
        .setWithMean(true).setWithStd(true);
    KMeans kmeans = new KMeans().setFeaturesCol(SCALED).setPredictionCol(SEGMENT_ID).setK(k).setSeed(seed).setMaxIter(50);
    return new Pipeline().setStages(new PipelineStage[] {imputer, assembler, scaler, kmeans});
  }

  /**
   * Fits every k of [kMin, kMax] and keeps the one with the highest silhouette (the smaller k on a tie). KMeans draws
   * its starts (k-means||) per partition, and the imputer's medians are approximate quantiles merged per partition:
   * inputs of at most {@code singlePartitionRows} rows are therefore fitted in one partition sorted by customer id
   * ({@link FitPartitions}), so the same customers give the same segments whatever partitioning they come in (laptop,
   * CI, cluster). Larger inputs are hash-partitioned by customer id into spark.sql.shuffle.partitions partitions, each
   * sorted: a rerun on the same configuration gives the same segments, another shuffle partition count may not. The
   * silhouette is computed exactly (no sampling), so it depends on the layout only in the last bits of its sums.
   */
  public static Fit fit(Dataset<Row> features, List<String> columns, int kMin, int kMax, long seed,
      int singlePartitionRows) {
    if (kMin < 2 || kMax < kMin) {
      throw new UsageException("Cannot segment: k range must satisfy 2 <= min <= max, got " + kMin + ".." + kMax);
    }
    List<String> inputs = new ArrayList<>();
    inputs.add(CustomerFeatures.CUSTOMER_ID);
    inputs.addAll(columns);
    CustomerFeatures.requireColumns(features, "customer_features", inputs.toArray(String[]::new));
    List<Column> selected = new ArrayList<>();
    selected.add(col(CustomerFeatures.CUSTOMER_ID));
    columns.forEach(c -> selected.add(col(c).cast("double").as(c)));
    Dataset<Row> cached = CustomerFeatures.inStableOrder(features, CustomerFeatures.CUSTOMER_ID)
        .select(selected.toArray(Column[]::new)).cache();
    try {
      long n = cached.count();
      // At most singlePartitionRows customers: one partition sorted by customer id, the same whatever the layout.
      Dataset<Row> rows = FitPartitions.oneIfSmall(cached, n, singlePartitionRows, col(CustomerFeatures.CUSTOMER_ID));
      if (n <= kMin) {
        throw new UsageException("Cannot segment " + n + " customers into at least " + kMin + " segments");
      }
      ClusteringEvaluator evaluator = new ClusteringEvaluator().setFeaturesCol(SCALED).setPredictionCol(SEGMENT_ID);
      Map<Integer, Double> silhouettes = new LinkedHashMap<>();
      PipelineModel best = null;
      int bestK = -1;
      for (int k = kMin; k <= Math.min(kMax, n - 1); k++) {
        PipelineModel model = pipeline(columns, k, seed).fit(rows);
        double silhouette = evaluator.evaluate(model.transform(rows));
        silhouettes.put(k, silhouette);
        if (best == null || silhouette > silhouettes.get(bestK)) {
          best = model;
          bestK = k;
        }
      }
      return new Fit(best, bestK, silhouettes);
    } finally {
      cached.unpersist();
    }
  }

  /** customer_id and segment_id for every row of the features, by a fitted pipeline. */
  public static Dataset<Row> assign(PipelineModel model, Dataset<Row> features, List<String> columns) {
    List<Column> selected = new ArrayList<>();
    selected.add(col(CustomerFeatures.CUSTOMER_ID));
    columns.forEach(c -> selected.add(col(c).cast("double").as(c)));
    selected.add(col(CustomerFeatures.MONETARY).cast("double").as("_revenue"));
    if (!columns.contains(CustomerFeatures.RECENCY_DAYS)) {
      selected.add(col(CustomerFeatures.RECENCY_DAYS).cast("double").as(CustomerFeatures.RECENCY_DAYS));
    }
    if (!columns.contains(CustomerFeatures.FREQUENCY)) {
      selected.add(col(CustomerFeatures.FREQUENCY).cast("double").as(CustomerFeatures.FREQUENCY));
    }
    return model.transform(features.select(selected.toArray(Column[]::new)));
  }

  /** The profile schema: one row per segment. */
  public static final StructType PROFILE = new StructType()
      .add(SEGMENT_ID, DataTypes.IntegerType, false)
      .add(SEGMENT_NAME, DataTypes.StringType, false)
      .add("customers", DataTypes.LongType, false)
      .add("customer_share", DataTypes.DoubleType, false)
      .add("revenue_share", DataTypes.DoubleType, true)
      .add("mean_recency_days", DataTypes.DoubleType, true)
      .add("mean_frequency", DataTypes.DoubleType, true)
      .add("mean_monetary", DataTypes.DoubleType, true)
      .add("feature_means", DataTypes.StringType, false);

  /**
   * Profiles of assigned customers (from {@link #assign}): size, shares, feature means, and a name built from
   * the segment's mean recency, frequency and spend against the means of all customers (a quarter above or
   * below counts as different). Segments that would share a name get their id appended.
   */
  public static Dataset<Row> profiles(SparkSession spark, Dataset<Row> assigned, List<String> columns) {
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(count(lit(1)).as("_n"));
    aggregates.add(sum("_revenue").as("_revenue"));
    aggregates.add(avg(CustomerFeatures.RECENCY_DAYS).as("_recency"));
    aggregates.add(avg(CustomerFeatures.FREQUENCY).as("_frequency"));
    aggregates.add(avg("_revenue").as("_monetary"));
    for (String c : columns) {
      aggregates.add(avg(c).as("mean__" + c));
    }
    List<Row> groups = assigned.groupBy(SEGMENT_ID).agg(aggregates.get(0), aggregates.subList(1, aggregates.size())
        .toArray(Column[]::new)).orderBy(SEGMENT_ID).collectAsList();
    long total = 0;
    double revenue = 0;
    double recency = 0;
    double frequency = 0;
    for (Row g : groups) {
      long n = g.getLong(1);
      total += n;
      revenue += g.isNullAt(2) ? 0 : g.getDouble(2);
      recency += n * g.getDouble(3);
      frequency += n * g.getDouble(4);
    }
    double meanRecency = recency / total;
    double meanFrequency = frequency / total;
    double meanSpend = revenue / total;
    double[] allMeans = new double[columns.size()];
    for (Row g : groups) {
      for (int c = 0; c < columns.size(); c++) {
        allMeans[c] += g.isNullAt(6 + c) ? 0 : g.getLong(1) * g.getDouble(6 + c) / total;
      }
    }
    List<String> names = new ArrayList<>();
    for (Row g : groups) {
      names.add(name(g.getDouble(3), meanRecency, g.getDouble(4), meanFrequency, g.getDouble(5), meanSpend));
    }
    // Segments alike in recency, frequency and spend are told apart by the feature that sets them most apart.
    Map<String, Integer> nameCounts = counts(names);
    for (int i = 0; i < groups.size(); i++) {
      if (nameCounts.get(names.get(i)) > 1) {
        names.set(i, names.get(i) + distinction(groups.get(i), columns, allMeans));
      }
    }
    nameCounts = counts(names);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Row g = groups.get(i);
      int id = g.getInt(0);
      String name = nameCounts.get(names.get(i)) > 1 ? names.get(i) + " (" + id + ")" : names.get(i);
      Map<String, Object> means = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        means.put(columns.get(c), g.isNullAt(6 + c) ? null : g.getDouble(6 + c));
      }
      long n = g.getLong(1);
      rows.add(RowFactory.create(id, name, n, (double) n / total, revenue == 0 ? null : g.getDouble(2) / revenue,
          g.getDouble(3), g.getDouble(4), g.getDouble(5), Json.write(means)));
    }
    return spark.createDataFrame(rows, PROFILE);
  }

  private static Map<String, Integer> counts(List<String> names) {
    Map<String, Integer> counts = new HashMap<>();
    names.forEach(n -> counts.merge(n, 1, Integer::sum));
    return counts;
  }

  /** ", high discount share": the feature (not a log R, F or M) whose segment mean is relatively furthest from everyone's. */
  private static String distinction(Row group, List<String> columns, double[] allMeans) {
    String best = "";
    double furthest = 0;
    for (int c = 0; c < columns.size(); c++) {
      String column = columns.get(c);
      if (group.isNullAt(6 + c) || allMeans[c] == 0 || column.equals(CustomerFeatures.LOG_RECENCY)
          || column.equals(CustomerFeatures.LOG_FREQUENCY) || column.equals(CustomerFeatures.LOG_MONETARY)) {
        continue;
      }
      double relative = group.getDouble(6 + c) / allMeans[c] - 1;
      if (Math.abs(relative) > furthest) {
        furthest = Math.abs(relative);
        best = ", " + (relative > 0 ? "high " : "low ") + column.replace('_', ' ');
      }
    }
    return best;
  }

  /** "recent frequent big spenders", "lapsed occasional small spenders", ... */
  static String name(double recency, double allRecency, double frequency, double allFrequency, double spend, double allSpend) {
    List<String> words = new ArrayList<>();
    if (recency <= 0.75 * allRecency) {
      words.add("recent");
    } else if (recency >= 1.25 * allRecency) {
      words.add("lapsed");
    }
    if (frequency >= 1.25 * allFrequency) {
      words.add("frequent");
    } else if (frequency <= 0.75 * allFrequency) {
      words.add("occasional");
    }
    if (spend >= 1.25 * allSpend) {
      words.add("big spenders");
    } else if (spend <= 0.75 * allSpend) {
      words.add("small spenders");
    } else {
      words.add("average spenders");
    }
    return String.join(" ", words).toLowerCase(Locale.ROOT);
  }
}
