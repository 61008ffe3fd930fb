package io.clientele.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same training rows in two layouts (one partition in one order, seven partitions in the reverse order) give the
 * same model: the folds are drawn from each row's identity, not per partition.
 */
@ExtendWith(SparkExtension.class)
class BinaryTrainerTest {
  private static final StructType SCHEMA = new StructType().add("customer_id", DataTypes.StringType)
      .add(PreparedTable.LABEL, DataTypes.DoubleType).add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType)
      .add("colour", DataTypes.StringType);
  private static final List<String> NUMERIC = List.of("x", "y");
  private static final List<String> CATEGORICAL = List.of("colour");
  private final SparkSession spark;

  BinaryTrainerTest(SparkSession spark) {
    this.spark = spark;
  }

  /** n customers whose label follows a noisy logistic rule of x, y and colour. */
  private static List<Row> customers(String prefix, int n, long seed) {
    Random random = new Random(seed);
    String[] colours = {"red", "green", "blue"};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian();
      double y = random.nextGaussian();
      int colour = random.nextInt(3);
      double logit = 0.8 * x - 0.5 * y + 0.4 * colour - 0.3;
      double label = random.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1.0 : 0.0;
      rows.add(RowFactory.create(String.format("%s%04d", prefix, i), label, x, y, colours[colour]));
    }
    return rows;
  }

  private static TrainingSettings settings(int singlePartitionRows) {
    return new TrainingSettings(0.25, 42, List.of(0.001, 0.1, 1.0), 3, 2, 50, 0.5, 0.8, 100, singlePartitionRows);
  }

  private double heldOutAuc(BinaryTrainer.Fit fit, Dataset<Row> heldOut) {
    return Evaluation.of(BinaryTrainer.withScore(fit.model().transform(heldOut)), PreparedTable.LABEL, BinaryTrainer.SCORE,
        0.5).rocAuc();
  }

  private void assertSameModelInTwoLayouts(int singlePartitionRows) {
    List<Row> rows = customers("c", 240, 11);
    List<Row> reversed = new ArrayList<>(rows);
    Collections.reverse(reversed);
    Dataset<Row> heldOut = spark.createDataFrame(customers("h", 120, 12), SCHEMA);
    Dataset<Row> onePartition = spark.createDataFrame(rows, SCHEMA).coalesce(1);
    Dataset<Row> sevenReversed = spark.createDataFrame(reversed, SCHEMA).repartition(7);

    BinaryTrainer.Fit first = BinaryTrainer.fit(Draws.withDraw(onePartition, 42, List.of("customer_id")), NUMERIC,
        CATEGORICAL, settings(singlePartitionRows));
    BinaryTrainer.Fit second = BinaryTrainer.fit(Draws.withDraw(sevenReversed, 42, List.of("customer_id")), NUMERIC,
        CATEGORICAL, settings(singlePartitionRows));

    System.out.printf("single-partition-rows %d: regParam %s / %s, CV AUCs %s / %s, held-out AUC %.10f / %.10f%n",
        singlePartitionRows, first.regParam(), second.regParam(), java.util.Arrays.toString(first.cvAucs()),
        java.util.Arrays.toString(second.cvAucs()), heldOutAuc(first, heldOut), heldOutAuc(second, heldOut));
    assertThat(sevenReversed.javaRDD().getNumPartitions()).isEqualTo(7);
    assertThat(second.regParam()).isEqualTo(first.regParam());
    assertThat(second.cvAucs()).containsExactly(first.cvAucs(), within(1e-9));
    assertThat(heldOutAuc(second, heldOut)).isCloseTo(heldOutAuc(first, heldOut), within(1e-9));
  }

  @Test
  void theFoldsAndSoTheModelAreTheSameInAnyLayout() {
    assertSameModelInTwoLayouts(0);
  }

  @Test
  void aSmallTrainingSetInOnePartitionGivesTheSameModelInAnyLayout() {
    assertSameModelInTwoLayouts(50_000);
  }

  @Test
  void theDriverFitOfASmallTrainingSetChoosesAndScoresAsMllibsFit() {
    Dataset<Row> rows = Draws.withDraw(spark.createDataFrame(customers("c", 240, 11), SCHEMA), 42, List.of("customer_id"));
    Dataset<Row> heldOut = spark.createDataFrame(customers("h", 120, 12), SCHEMA);

    BinaryTrainer.Fit driver = BinaryTrainer.fit(rows, NUMERIC, CATEGORICAL, settings(50_000));
    BinaryTrainer.Fit mllib = BinaryTrainer.fit(rows, NUMERIC, CATEGORICAL, settings(0));

    assertThat(driver.regParam()).isEqualTo(mllib.regParam());
    assertThat(driver.cvAucs()).containsExactly(mllib.cvAucs(), within(1e-6));
    assertThat(heldOutAuc(driver, heldOut)).isCloseTo(heldOutAuc(mllib, heldOut), within(1e-6));
    org.apache.spark.ml.classification.LogisticRegressionModel driverModel =
        (org.apache.spark.ml.classification.LogisticRegressionModel) driver.model().stages()[1];
    org.apache.spark.ml.classification.LogisticRegressionModel mllibModel =
        (org.apache.spark.ml.classification.LogisticRegressionModel) mllib.model().stages()[1];
    assertThat(driverModel.coefficients().toArray()).containsExactly(mllibModel.coefficients().toArray(), within(1e-4));
    assertThat(driverModel.intercept()).isCloseTo(mllibModel.intercept(), within(1e-4));
    assertThat(driverModel.getRegParam()).isEqualTo(mllib.regParam());
  }

  @Test
  void trainingNeedsTheRowsDraws() {
    Dataset<Row> rows = spark.createDataFrame(customers("c", 10, 1), SCHEMA);

    assertThatThrownBy(() -> BinaryTrainer.fit(rows, NUMERIC, CATEGORICAL, settings(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot train: missing columns [draw] (Draws.withDraw adds it)");
  }

  @Test
  void aFoldWithOneClassIsAClearErrorNotASparkFailure() {
    // Five rows, two positive, in three folds: some fold or its complement cannot hold both classes.
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      rows.add(RowFactory.create("c" + i, i < 2 ? 1.0 : 0.0, (double) i, (double) -i, "red"));
    }
    Dataset<Row> training = Draws.withDraw(spark.createDataFrame(rows, SCHEMA), 42, List.of("customer_id"));

    assertThatThrownBy(() -> BinaryTrainer.fit(training, NUMERIC, CATEGORICAL, settings(50_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot cross-validate: fold ")
        .hasMessageContaining("every fold and its complement need both classes (5 training rows, 2 positive)");
  }

  @Test
  void foldsWithBothClassesPassTheCheckAndItCountsTheRows() {
    Dataset<Row> rows = Draws.withDraw(spark.createDataFrame(customers("c", 240, 11), SCHEMA), 42, List.of("customer_id"))
        .withColumn(Draws.FOLD, Draws.fold(3));

    assertThat(BinaryTrainer.checkFolds(rows, 3)).isEqualTo(240);
  }
}
