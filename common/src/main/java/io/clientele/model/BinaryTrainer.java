package io.clientele.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one binary classifier of every Clientele model: median imputation of numeric blanks, string indexing
 * and one-hot encoding of categories, a vector of everything, standardisation, and a logistic regression
 * with balanced class weights, its regularisation chosen by cross-validated ROC AUC.
 */
public final class BinaryTrainer {
  private BinaryTrainer() {}

  public static final String WEIGHT = "class_weight";
  public static final String FEATURES = "features";
  public static final String PROBABILITY = "probability";
  public static final String SCORE = "score";

  /** What a fit returns: the fitted pipeline, the chosen regularisation and the cross-validated AUC per grid value. */
  public record Fit(PipelineModel model, double regParam, List<Double> regParams, double[] cvAucs) {}

  /** The unfitted pipeline over the given numeric and categorical columns (label in {@link PreparedTable#LABEL}). */
  public static Pipeline pipeline(List<String> numeric, List<String> categorical, TrainingSettings settings) {
    List<PipelineStage> stages = new ArrayList<>(List.of(preparation(numeric, categorical).getStages()));
    stages.add(regression(settings));
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  /** The stages before the regression: impute, index and encode, assemble, standardise into {@link #FEATURES}. */
  static Pipeline preparation(List<String> numeric, List<String> categorical) {
    List<PipelineStage> stages = new ArrayList<>();
    List<String> assembled = new ArrayList<>();
    if (!numeric.isEmpty()) {
      String[] imputed = numeric.stream().map(n -> n + "__imputed").toArray(String[]::new);
      stages.add(new Imputer().setStrategy("median").setInputCols(numeric.toArray(String[]::new)).setOutputCols(imputed));
      assembled.addAll(List.of(imputed));
    }
    if (!categorical.isEmpty()) {
      String[] indexed = categorical.stream().map(n -> n + "__index").toArray(String[]::new);
      String[] encoded = categorical.stream().map(n -> n + "__onehot").toArray(String[]::new);
      StringIndexer indexer = new StringIndexer().setInputCols(categorical.toArray(String[]::new)).setOutputCols(indexed)
          .setHandleInvalid("keep").setStringOrderType("frequencyDesc");
      OneHotEncoder encoder = new OneHotEncoder().setInputCols(indexer.getOutputCols()).setOutputCols(encoded)
          .setHandleInvalid("keep");
      stages.add(indexer);
      stages.add(encoder);
      assembled.addAll(List.of(encoder.getOutputCols()));
    }
    VectorAssembler assembler = new VectorAssembler().setInputCols(assembled.toArray(String[]::new))
        .setOutputCol("features_raw").setHandleInvalid("keep");
    StandardScaler scaler = new StandardScaler().setInputCol(assembler.getOutputCol()).setOutputCol(FEATURES)
        .setWithMean(false).setWithStd(true);
    stages.add(assembler);
    stages.add(scaler);
    return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
  }

  static LogisticRegression regression(TrainingSettings settings) {
    return new LogisticRegression().setFeaturesCol(FEATURES).setLabelCol(PreparedTable.LABEL).setWeightCol(WEIGHT)
        .setProbabilityCol(PROBABILITY).setMaxIter(settings.maxIterations()).setElasticNetParam(0.0)
        .setThreshold(settings.threshold());
  }

  /** Adds {@link #WEIGHT}: n / (2 n_class), so both classes weigh as much in the loss (needs label). */
  public static Dataset<Row> withClassWeights(Dataset<Row> rows) {
    Row counts = rows.agg(org.apache.spark.sql.functions.count(lit(1)),
        org.apache.spark.sql.functions.sum(col(PreparedTable.LABEL))).first();
    double n = counts.getLong(0);
    double positives = counts.isNullAt(1) ? 0 : counts.getDouble(1);
    if (positives == 0 || positives == n) {
      throw new UsageException("Cannot train: the training rows hold only one class ("
          + (long) positives + " positive of " + (long) n + ")");
    }
    return rows.withColumn(WEIGHT, when(col(PreparedTable.LABEL).equalTo(1.0), lit(n / (2 * positives)))
        .otherwise(lit(n / (2 * (n - positives)))));
  }

  /** Adds {@link #WEIGHT} 1.0 to every row; fails like {@link #withClassWeights} when only one class is present. */
  static Dataset<Row> withUnitWeights(Dataset<Row> rows) {
    withClassWeights(rows.select(PreparedTable.LABEL));
    return rows.withColumn(WEIGHT, lit(1.0));
  }

  /**
   * Fits the pipeline on the training rows with a cross-validated regularisation grid. The preparation stages
   * learn only unsupervised statistics (medians, category lists, deviations), so they are fitted once on all
   * training rows and the folds cross-validate the regression on the prepared vectors: the same choice at a
   * fraction of the cost. The returned model is one pipeline: the fitted preparation, then the regression with
   * the chosen value refitted on all training rows.
   *
   * <p>The rows need {@link Draws#DRAW} ({@link Draws#withDraw}): a row's fold comes from it, so the folds are the same
   * whatever the partitioning; at most model.single-partition-rows rows are prepared in one partition in the order of
   * their draws ({@link FitPartitions}) and their regressions fitted on the driver ({@link DriverLogistic}), so that
   * the whole fit is.
   */
  public static Fit fit(Dataset<Row> training, List<String> numeric, List<String> categorical, TrainingSettings settings) {
    return fit(training, numeric, categorical, settings, true);
  }

  /**
   * As {@link #fit(Dataset, List, List, TrainingSettings)}; with {@code balanced} false every row weighs 1, so
   * the probabilities stay calibrated to the training base rate (what expected counts such as expected
   * responders need), at the price of a model that leans towards the majority class at a 0.5 threshold.
   */
  public static Fit fit(Dataset<Row> training, List<String> numeric, List<String> categorical, TrainingSettings settings,
      boolean balanced) {
    if (!Arrays.asList(training.columns()).contains(Draws.DRAW)) {
      throw new UsageException("Cannot train: missing columns [" + Draws.DRAW + "] (Draws.withDraw adds it)");
    }
    List<Column> order = new ArrayList<>();
    order.add(col(Draws.DRAW));
    order.add(col(PreparedTable.LABEL));
    numeric.forEach(n -> order.add(col(n)));
    categorical.forEach(n -> order.add(col(n)));
    Dataset<Row> cached = (balanced ? withClassWeights(training) : withUnitWeights(training))
        .withColumn(Draws.FOLD, Draws.fold(settings.folds())).cache();
    Dataset<Row> vectors = null;
    try {
      long rows = checkFolds(cached, settings.folds());
      Dataset<Row> weighted = FitPartitions.oneIfSmall(cached, rows, settings.singlePartitionRows(),
          order.toArray(Column[]::new));
      PipelineModel preparation = preparation(numeric, categorical).fit(weighted);
      vectors = preparation.transform(weighted).select(PreparedTable.LABEL, WEIGHT, FEATURES, Draws.FOLD).cache();
      if (settings.singlePartitionRows() > 0 && rows <= settings.singlePartitionRows()) {
        return fitOnDriver(weighted, preparation, vectors, settings);
      }
      LogisticRegression regression = regression(settings);
      ParamMap[] grid = new ParamGridBuilder()
          .addGrid(regression.regParam(), settings.regParams().stream().mapToDouble(Double::doubleValue).toArray())
          .build();
      CrossValidator validator = new CrossValidator().setEstimator(regression).setEstimatorParamMaps(grid)
          .setEvaluator(new BinaryClassificationEvaluator().setLabelCol(PreparedTable.LABEL).setMetricName("areaUnderROC"))
          .setNumFolds(settings.folds()).setFoldCol(Draws.FOLD).setParallelism(settings.parallelism());
      double[] aucs = validator.fit(vectors).avgMetrics();
      double chosen = settings.regParams().get(best(aucs));
      PipelineModel model = new Pipeline().setStages(new PipelineStage[] {preparation, regression(settings).setRegParam(chosen)})
          .fit(weighted);
      return new Fit(model, chosen, settings.regParams(), aucs);
    } finally {
      cached.unpersist();
      if (vectors != null) {
        vectors.unpersist();
      }
    }
  }

  /**
   * The cross-validation and the final fit of {@link #fit} on the driver ({@link DriverLogistic}), for training rows
   * that are in one partition (at most model.single-partition-rows): the prepared vectors are collected once, in
   * their partition's order, and every fit of the grid and the folds runs without a Spark job.
   */
  private static Fit fitOnDriver(Dataset<Row> weighted, PipelineModel preparation, Dataset<Row> vectors,
      TrainingSettings settings) {
    DriverLogistic.Rows rows = DriverLogistic.Rows.collect(vectors, PreparedTable.LABEL, WEIGHT, FEATURES, Draws.FOLD);
    LogisticRegression regression = regression(settings);
    double[] aucs = DriverLogistic.crossValidate(rows, settings.folds(), settings.regParams(), settings.maxIterations(),
        regression.getTol());
    double chosen = settings.regParams().get(best(aucs));
    regression.setRegParam(chosen);
    LogisticRegressionModel fitted = DriverLogistic.model(
        DriverLogistic.fit(rows, chosen, settings.maxIterations(), regression.getTol()), regression);
    // A pipeline of two fitted stages: fit() checks the schema and returns them as one PipelineModel, no job.
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {preparation, fitted}).fit(weighted);
    return new Fit(model, chosen, settings.regParams(), aucs);
  }

  /** The grid value with the highest cross-validated AUC; the first of equals. */
  private static int best(double[] aucs) {
    int best = 0;
    for (int i = 1; i < aucs.length; i++) {
      if (aucs[i] > aucs[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Counts the rows and positives of each fold (one job, instead of a plain count) and fails with a clear error
   * when a fold, or the rows left when it is held out, hold one class only: cross-validation would otherwise fit
   * a one-class regression and fail deep in Spark ("rawPredictionCol vectors must have length=2"). Returns the
   * number of rows.
   */
  static long checkFolds(Dataset<Row> rows, int folds) {
    List<Row> counts = rows.groupBy(col(Draws.FOLD)).agg(org.apache.spark.sql.functions.count(lit(1)),
        org.apache.spark.sql.functions.sum(col(PreparedTable.LABEL))).collectAsList();
    long total = 0;
    double positives = 0;
    long[] foldRows = new long[folds];
    double[] foldPositives = new double[folds];
    for (Row r : counts) {
      int fold = r.getInt(0);
      foldRows[fold] = r.getLong(1);
      foldPositives[fold] = r.isNullAt(2) ? 0 : r.getDouble(2);
      total += foldRows[fold];
      positives += foldPositives[fold];
    }
    for (int fold = 0; fold < folds; fold++) {
      long restRows = total - foldRows[fold];
      double restPositives = positives - foldPositives[fold];
      boolean heldOutMixed = foldPositives[fold] > 0 && foldPositives[fold] < foldRows[fold];
      boolean restMixed = restPositives > 0 && restPositives < restRows;
      if (!heldOutMixed || !restMixed) {
        throw new UsageException(String.format(java.util.Locale.ROOT,
            "Cannot cross-validate: fold %d of %d holds %d positive of %d rows and the other folds %d positive of %d;"
                + " every fold and its complement need both classes (%d training rows, %d positive): use fewer"
                + " folds (model.cv-folds) or more training data", fold + 1, folds, (long) foldPositives[fold],
            foldRows[fold], (long) restPositives, restRows, total, (long) positives));
      }
    }
    return total;
  }

  /** Adds {@link #SCORE}: the predicted probability of the positive class. */
  public static Dataset<Row> withScore(Dataset<Row> predictions) {
    return predictions.withColumn(SCORE,
        org.apache.spark.ml.functions.vector_to_array(col(PROBABILITY), "float64").getItem(1));
  }
}
