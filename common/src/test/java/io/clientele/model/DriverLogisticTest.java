package io.clientele.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The driver-side fit against MLlib's own LogisticRegression on the same rows: weighted classes, correlated numeric
 * features of different scales, sparse one-hot columns and a constant one, with and without regularisation. The
 * optimisers differ (line searches), so the coefficients are compared to a tolerance; the ROC area against MLlib's
 * evaluator is exact.
 */
@ExtendWith(SparkExtension.class)
class DriverLogisticTest {
  private static final StructType SCHEMA = new StructType().add("label", DataTypes.DoubleType)
      .add("weight", DataTypes.DoubleType).add("features", new VectorUDT()).add("fold", DataTypes.IntegerType);
  private final SparkSession spark;

  DriverLogisticTest(SparkSession spark) {
    this.spark = spark;
  }

  /** n rows: 6 correlated numeric features (scales 1 to 6), 5 one-hot levels (sparse), a constant 0 column. */
  private static List<Row> rows(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[12];
      double logit = -1.0;
      for (int j = 0; j < 6; j++) {
        x[j] = (j > 0 ? 0.6 * x[j - 1] : 0) + random.nextGaussian() * (j + 1);
        logit += (j % 2 == 0 ? 0.15 : -0.05) * x[j];
      }
      int level = random.nextInt(5);
      x[6 + level] = 1.0;
      logit += 0.3 * level;
      double label = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1.0 : 0.0;
      double weight = label == 1.0 ? 1.7 : 0.6;
      rows.add(RowFactory.create(label, weight, Vectors.dense(x).compressed(), random.nextInt(3)));
    }
    return rows;
  }

  @Test
  void theDriverFitLandsOnMllibsOptimum() {
    Dataset<Row> data = spark.createDataFrame(rows(1500, 3), SCHEMA).coalesce(1).cache();
    DriverLogistic.Rows local = DriverLogistic.Rows.collect(data, "label", "weight", "features", "fold");
    for (double regParam : new double[] {0.0, 0.01, 0.5}) {
      LogisticRegression estimator = new LogisticRegression().setLabelCol("label").setWeightCol("weight")
          .setRegParam(regParam).setMaxIter(200);
      LogisticRegressionModel mllib = estimator.fit(data);
      DriverLogistic.Solution solution = DriverLogistic.fit(local, regParam, 200, estimator.getTol());
      LogisticRegressionModel driver = DriverLogistic.model(solution, estimator);

      System.out.printf("regParam %s: MLlib %d iterations, driver %d (%s); intercepts %.8f / %.8f%n", regParam,
          mllib.summary().totalIterations(), solution.iterations(), solution.reason(), mllib.intercept(), driver.intercept());
      assertThat(solution.converged()).as(solution.reason()).isTrue();
      assertThat(driver.intercept()).isCloseTo(mllib.intercept(), within(1e-4));
      for (int j = 0; j < 12; j++) {
        assertThat(driver.coefficients().apply(j)).as("coefficient %d at regParam %s", j, regParam)
            .isCloseTo(mllib.coefficients().apply(j), within(1e-4));
      }
      // The constant column gets 0, as in MLlib; the model carries the estimator's parameters.
      assertThat(driver.coefficients().apply(11)).isZero();
      assertThat(driver.getRegParam()).isEqualTo(regParam);
      assertThat(driver.getWeightCol()).isEqualTo("weight");
      assertThat(driver.parent()).isSameAs(estimator);
      // Same predictions on the rows.
      double mllibAuc = new BinaryClassificationEvaluator().setLabelCol("label").evaluate(mllib.transform(data));
      double driverAuc = new BinaryClassificationEvaluator().setLabelCol("label").evaluate(driver.transform(data));
      assertThat(driverAuc).isCloseTo(mllibAuc, within(1e-4));
    }
    data.unpersist();
  }

  @Test
  void theRocAreaIsTheEvaluatorsWithTiesAndItsBins() {
    // 2,500 rows with ties (scores rounded to 0.001): about 2,000 distinct scores.
    Random random = new Random(5);
    List<Row> rows = new ArrayList<>();
    double[] scores = new double[2500];
    for (int i = 0; i < scores.length; i++) {
      double label = random.nextDouble() < 0.3 ? 1.0 : 0.0;
      scores[i] = Math.round((random.nextGaussian() + label) * 1000) / 1000.0;
      rows.add(RowFactory.create(label, 1.0, Vectors.dense(-scores[i], scores[i]), 0));
    }
    Dataset<Row> data = spark.createDataFrame(rows, SCHEMA).coalesce(1);
    DriverLogistic.Rows local = DriverLogistic.Rows.collect(data, "label", "weight", "features", "fold");
    // Without down-sampling (no bins, or more than half as many bins as distinct scores) the areas are the same.
    for (int bins : new int[] {0, 1500}) {
      double evaluator = new BinaryClassificationEvaluator().setLabelCol("label").setRawPredictionCol("features")
          .setNumBins(bins).evaluate(data);
      assertThat(RocCurve.areaUnderRoc(scores, local, bins)).as("%d bins", bins).isCloseTo(evaluator, within(1e-12));
    }
    // Down-sampled (100 bins: chunks of about 20 distinct scores), the area stays near the exact one. MLlib cuts the
    // chunks in each partition of its sorted scores, so its own binned figure depends on that layout; this one is
    // cut over all scores in order.
    double exact = RocCurve.areaUnderRoc(scores, local, 0);
    double binned = RocCurve.areaUnderRoc(scores, local, 100);
    assertThat(binned).isNotEqualTo(exact).isCloseTo(exact, within(1e-3));
  }

  @Test
  void crossValidationAveragesTheHeldOutAreasOfEachFold() {
    Dataset<Row> data = spark.createDataFrame(rows(900, 8), SCHEMA).coalesce(1);
    DriverLogistic.Rows local = DriverLogistic.Rows.collect(data, "label", "weight", "features", "fold");
    double[] aucs = DriverLogistic.crossValidate(local, 3, List.of(0.0, 10.0), 100, 1e-6);

    double expected = 0;
    for (int fold = 0; fold < 3; fold++) {
      LogisticRegressionModel model = new LogisticRegression().setLabelCol("label").setWeightCol("weight").setRegParam(10.0)
          .fit(data.where("fold != " + fold));
      expected += new BinaryClassificationEvaluator().setLabelCol("label").evaluate(model.transform(data.where("fold = " + fold)));
    }
    assertThat(aucs[1]).isCloseTo(expected / 3, within(1e-4));
    // Heavy regularisation costs ranking quality here: the grid can tell its values apart.
    assertThat(aucs[0]).isGreaterThan(aucs[1]);
  }
}
