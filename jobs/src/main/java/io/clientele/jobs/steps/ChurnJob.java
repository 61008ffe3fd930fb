package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.json.Json;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import io.clientele.model.BinaryTrainer;
import io.clientele.model.Churn;
import io.clientele.model.CustomerFeatures;
import io.clientele.model.Draws;
import io.clientele.model.Evaluation;
import io.clientele.model.LeakGuard;
import io.clientele.model.ModelTables;
import io.clientele.model.PreparedTable;
import io.clientele.model.TrainingSettings;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Churn prediction. {@code train --as-of D}: fit on the customers active at D - M (features before D - M,
 * label: no purchase in [D - M, D)), evaluate on those active at D (label from [D, D + M), so the data must
 * reach D + M - 1): a split by time, never at random across it. {@code score --as-of D}: the promoted model's
 * churn probability and risk band for every customer active at D, in churn_scores.
 */
public final class ChurnJob {
  public static final String MODEL = "churn";
  private static final String JOB = "churn";

  /**
   * {@code churn train --as-of D}; the pipeline and the benchmarks train as of the latest date whose labels the data
   * before their run's date hold ({@link #latestLabelledDate}).
   */
  public static final JobSpec TRAIN = JobSpec.of("churn train",
          "Fit on the customers active at as-of minus churn.horizon-days (label: no purchase until the as-of date),",
          "evaluate on those active at the as-of date (label from the horizon after it: the data must reach that far),",
          "save the model under a new version and record it in model_runs.")
      .runsAt((context, asOf) -> latestLabelledDate(context, asOf, context.config().get(ConfigKeys.CHURN_HORIZON_DAYS)))
      .runs((context, asOf, options) -> () -> new ChurnJob(context).train(asOf));

  /** {@code churn score --as-of D}. */
  public static final JobSpec SCORE = JobSpec.of("churn score",
          "Score every customer active at the as-of date with the promoted churn model (churn_scores).")
      .runs((context, asOf, options) -> () -> new ChurnJob(context).score(asOf));

  /**
   * The latest date T whose labels over {@code horizonDays} from T lie within the transactions before
   * {@code asOf}: T = the last order date before asOf − (horizon − 1), at most asOf − horizon. Without
   * transactions, asOf − horizon (the training then says what is missing).
   */
  static LocalDate latestLabelledDate(JobContext context, LocalDate asOf, int horizonDays) {
    LocalDate latest = asOf.minusDays(horizonDays);
    Lake lake = context.lake();
    if (!lake.exists(Tables.TRANSACTIONS)) {
      return latest;
    }
    Row last = lake.read(Tables.TRANSACTIONS).where(col("order_date").lt(lit(java.sql.Date.valueOf(asOf))))
        .agg(org.apache.spark.sql.functions.max("order_date")).first();
    if (last.isNullAt(0)) {
      return latest;
    }
    LocalDate labelled = last.getDate(0).toLocalDate().minusDays(horizonDays - 1L);
    return labelled.isBefore(latest) ? labelled : latest;
  }

  private final JobContext context;

  public ChurnJob(JobContext context) {
    this.context = context;
  }

  static Churn.Windows windows(ClienteleConfig config) {
    return new Churn.Windows(config.get(ConfigKeys.CHURN_ACTIVE_DAYS), config.get(ConfigKeys.CHURN_HORIZON_DAYS));
  }

  /** The model inputs of the features table, label excluded. */
  static final List<String> NUMERIC = CustomerFeatures.NUMERIC;
  static final List<String> CATEGORICAL = List.of(CustomerFeatures.TOP_CATEGORY);

  private static Dataset<Row> modelColumns(Dataset<Row> labelled, String... carried) {
    List<Column> columns = new ArrayList<>();
    for (String name : carried) {
      columns.add(col(name));
    }
    columns.add(col(PreparedTable.LABEL));
    NUMERIC.forEach(n -> columns.add(col(n).cast("double").as(n)));
    CATEGORICAL.forEach(n -> columns.add(org.apache.spark.sql.functions.coalesce(col(n), lit(PreparedTable.BLANK)).as(n)));
    return labelled.select(columns.toArray(Column[]::new));
  }

  public JobResult train(LocalDate asOf) throws Exception {
    ClienteleConfig config = context.config();
    Lake lake = context.lake();
    Churn.Windows windows = windows(config);
    TrainingSettings settings = TrainingSettings.from(config);
    GoldSlice.requireFeed(lake, JOB, Tables.TRANSACTIONS, "transactions");
    Dataset<Row> transactions = lake.read(Tables.TRANSACTIONS);
    LocalDate labelEnd = asOf.plusDays(windows.horizonDays() - 1L);
    Row span = transactions.agg(org.apache.spark.sql.functions.max("order_date")).first();
    LocalDate dataEnd = span.isNullAt(0) ? null : span.getDate(0).toLocalDate();
    if (dataEnd == null || dataEnd.isBefore(labelEnd)) {
      throw new UsageException(String.format("Cannot evaluate churn at %s: its labels need purchases up to %s "
          + "(churn.horizon-days = %d) but the transactions end at %s; choose an as-of date of at most %s", asOf, labelEnd,
          windows.horizonDays(), dataEnd, dataEnd == null ? "-" : dataEnd.minusDays(windows.horizonDays() - 1L)));
    }
    LocalDate trainingAsOf = asOf.minusDays(windows.horizonDays());
    // A customer's fold is drawn from the customer id and model.seed, so the model is the same whatever the layout.
    Dataset<Row> training = Draws.withDraw(modelColumns(CustomerFeatures.inStableOrder(Churn.withLabel(
        Churn.filterActive(FeaturesJob.compute(lake, config, trainingAsOf), windows), transactions, trainingAsOf, windows),
        CustomerFeatures.CUSTOMER_ID), CustomerFeatures.CUSTOMER_ID), settings.seed(), List.of(CustomerFeatures.CUSTOMER_ID))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> evaluationRows = modelColumns(Churn.withLabel(
        Churn.filterActive(FeaturesJob.compute(lake, config, asOf), windows), transactions, asOf, windows))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long trainingCount = training.count();
      long evaluationCount = evaluationRows.count();
      context.progress(JOB, String.format("training: %,d customers active at %s; evaluation: %,d active at %s",
          trainingCount, trainingAsOf, evaluationCount, asOf));
      BinaryTrainer.Fit fit = BinaryTrainer.fit(training, NUMERIC, CATEGORICAL, settings);
      Evaluation evaluation = Evaluation.of(BinaryTrainer.withScore(fit.model().transform(evaluationRows)),
          PreparedTable.LABEL, BinaryTrainer.SCORE, settings.threshold());
      List<LeakGuard.FeatureAuc> aucs = LeakGuard.singleFeatureAucs(training, evaluationRows, NUMERIC, CATEGORICAL,
          settings.leakAuc());
      String report = "churn model: trained as of " + trainingAsOf + ", evaluated as of " + asOf + " (active = a purchase in the last "
          + windows.activeDays() + " days; churn = none in the next " + windows.horizonDays() + ")\n"
          + evaluation.toText() + LeakGuard.toText(aucs, settings.leakAuc());
      String parameters = Json.write(Json.object("active_days", windows.activeDays(), "horizon_days", windows.horizonDays(),
          "numeric", NUMERIC, "categorical", CATEGORICAL, "reg_params", fit.regParams(), "reg_param", fit.regParam(),
          "cv_folds", settings.folds(), "cv_roc_auc", fit.cvAucs(), "seed", settings.seed(), "threshold", settings.threshold()));
      String metrics = Json.write(Json.object("roc_auc", evaluation.rocAuc(), "pr_auc", evaluation.prAuc(), "base_rate",
          evaluation.baseRate(), "top_decile_lift", evaluation.topDecileLift(), "training_rows", trainingCount,
          "evaluation_rows", evaluationCount));
      ModelRegistry.Saved saved = ModelRegistry.save(lake, config, fit.model(), new ModelRegistry.Run(MODEL, Instant.now(),
          trainingAsOf, asOf, dataVersions(lake), parameters, metrics, evaluation.rocAuc(), evaluation.prAuc(),
          evaluation.baseRate(), evaluation.toJson()));
      context.out().print(report + "saved: " + saved.path() + "\n");
      context.out().flush();
      return new JobResult(trainingCount + evaluationCount, evaluationCount, 0L, String.format(Locale.ROOT,
          "model churn version %s: roc_auc %.4f on %,d customers active at %s (base rate %.4f, top-decile lift %.2f)",
          saved.version(), evaluation.rocAuc(), evaluationCount, asOf, evaluation.baseRate(), evaluation.topDecileLift()));
    } finally {
      training.unpersist();
      evaluationRows.unpersist();
    }
  }

  public JobResult score(LocalDate asOf) {
    ClienteleConfig config = context.config();
    Lake lake = context.lake();
    Churn.Windows windows = windows(config);
    ModelRegistry.Saved saved = ModelRegistry.promoted(lake, MODEL, "clientele churn train --as-of DATE");
    PipelineModel model = ModelRegistry.load(saved);
    Dataset<Row> active = Churn.filterActive(FeaturesJob.compute(lake, config, asOf), windows);
    // The model's input columns as in training (a fitted pipeline does not read the label), with the id.
    Dataset<Row> ready = modelColumns(active.withColumn(PreparedTable.LABEL, lit(0.0)), CustomerFeatures.CUSTOMER_ID);
    Dataset<Row> scored = Churn.withRiskBand(BinaryTrainer.withScore(model.transform(ready))
            .withColumn(Churn.CHURN_PROBABILITY, col(BinaryTrainer.SCORE)),
        Churn.CHURN_PROBABILITY, riskCuts(config))
        .withColumn("model_version", lit(saved.version()));
    long rows = GoldSlice.write(lake, ModelTables.CHURN_SCORES, ModelTables.CHURN, scored, asOf);
    Dataset<Row> bands = GoldSlice.read(lake, ModelTables.CHURN_SCORES, asOf).groupBy(Churn.RISK_BAND).count();
    String counts = bands.orderBy(Churn.RISK_BAND).collectAsList().stream()
        .map(r -> r.getString(0) + " " + r.getLong(1)).collect(Collectors.joining(", "));
    return new JobResult(rows, rows, 0L, String.format("as of %s: %,d active customers scored with churn model %s (%s)",
        asOf, rows, saved.version(), counts));
  }

  static List<Double> riskCuts(ClienteleConfig config) {
    try {
      return config.get(ConfigKeys.CHURN_RISK_BANDS).stream().map(Double::valueOf).collect(Collectors.toList());
    } catch (NumberFormatException e) {
      throw new io.clientele.config.ConfigException("Invalid value for configuration key '" + ConfigKeys.CHURN_RISK_BANDS.key()
          + "': " + config.get(ConfigKeys.CHURN_RISK_BANDS) + " (expected two numbers)");
    }
  }

  /** The Delta versions of the silver tables a model read, as JSON. */
  static String dataVersions(Lake lake) {
    Map<String, Object> versions = new LinkedHashMap<>();
    for (String table : List.of(Tables.TRANSACTIONS, Tables.TRAFFIC_EVENTS, Tables.SOCIAL_EVENTS, Tables.CAMPAIGN_CONTACTS)) {
      if (lake.exists(table)) {
        versions.put(table, lake.version(table));
      }
    }
    return Json.write(versions);
  }
}
