package io.clientele.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The distributed fit: Spark's sums equal the local ones, and simulated customers give their parameters back. */
@ExtendWith(SparkExtension.class)
class ClvSparkFitTest {
  private static final BgNbd.Params CDNOW = new BgNbd.Params(0.243, 4.414, 0.793, 2.426);
  private static final GammaGamma.Params CDNOW_SPEND = new GammaGamma.Params(6.25, 3.74, 15.44);
  private final SparkSession spark;

  ClvSparkFitTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void sparkSumsEqualTheLocalSums() {
    CdnowSummary cdnow = CdnowSummary.load();
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < cdnow.x.length; i++) {
      rows.add(org.apache.spark.sql.RowFactory.create(cdnow.x[i], cdnow.tx[i], cdnow.t[i], 1.0));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("x", "double").add("t_x", "double").add("age", "double").add("weight", "double")).repartition(3);
    double[] theta = {0.3, 5.0, 0.9, 2.0};
    try (SparkWeightedData distributed = new SparkWeightedData(frame, List.of("x", "t_x", "age", "weight"))) {
      assertThat(distributed.totalWeight()).isEqualTo(2357);
      assertThat(distributed.rows()).isEqualTo(2357);
      double[] expected = cdnow.bgNbd().sum(new BgNbd(), theta);
      double[] actual = distributed.sum(new BgNbd(), theta);
      for (int k = 0; k < expected.length; k++) {
        assertThat(actual[k]).isCloseTo(expected[k], within(1e-9 * Math.max(1, Math.abs(expected[k]))));
      }
    }
  }

  /**
   * The same rows in another partitioning and order (as on a cluster with other cores, or another shuffle) give
   * the same sums to the last bit, so a fit cannot wander off elsewhere on a cluster.
   */
  @Test
  void theSumsDoNotDependOnPartitioningOrRowOrder() {
    CdnowSummary cdnow = CdnowSummary.load();
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < cdnow.x.length; i++) {
      rows.add(org.apache.spark.sql.RowFactory.create(cdnow.x[i], cdnow.tx[i], cdnow.t[i], 1.0 + i % 3));
    }
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("x", "double").add("t_x", "double").add("age", "double").add("weight", "double");
    List<Row> reversed = new java.util.ArrayList<>(rows);
    java.util.Collections.reverse(reversed);
    Dataset<Row> one = spark.createDataFrame(rows, schema).coalesce(1);
    Dataset<Row> other = spark.createDataFrame(reversed, schema).repartition(7);
    double[] theta = {0.3, 5.0, 0.9, 2.0};
    try (SparkWeightedData a = new SparkWeightedData(one, List.of("x", "t_x", "age", "weight"));
        SparkWeightedData b = new SparkWeightedData(other, List.of("x", "t_x", "age", "weight"))) {
      assertThat(b.sum(new BgNbd(), theta)).containsExactly(a.sum(new BgNbd(), theta));
    }
  }

  /**
   * The whole Gamma-Gamma fit, start included, gives the same estimates to the last bit whatever the partitioning
   * and row order of the summary, on the driver and in Spark blocks. (Its starting γ once came from Spark's avg of
   * doubles, whose partial sums follow the partitioning and, on a cluster, the order shuffle blocks arrive in: a
   * standalone-cluster run then fitted p = 1.9e6 where the local run of the same data found the model unidentified.)
   */
  @Test
  void theSpendFitDoesNotDependOnPartitioningOrRowOrder() {
    CdnowSummary cdnow = CdnowSummary.load();
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < cdnow.x.length; i++) {
      rows.add(org.apache.spark.sql.RowFactory.create((long) cdnow.x[i], cdnow.x[i] > 0
          ? java.math.BigDecimal.valueOf(cdnow.zbar[i]).setScale(4, java.math.RoundingMode.HALF_UP) : null));
    }
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add(ClvSummary.X, "long").add(ClvSummary.MEAN_SPEND, io.clientele.ingest.Money.TYPE);
    List<Row> reversed = new java.util.ArrayList<>(rows);
    java.util.Collections.reverse(reversed);
    Dataset<Row> one = spark.createDataFrame(rows, schema).coalesce(1);
    Dataset<Row> other = spark.createDataFrame(reversed, schema).repartition(7);
    MaximumLikelihood.Settings settings = MaximumLikelihood.Settings.defaults();
    double sparkCorrelation = one.where(ClvSummary.X + " > 0")
        .selectExpr("corr(cast(" + ClvSummary.X + " as double), cast(" + ClvSummary.MEAN_SPEND + " as double))")
        .head().getDouble(0);
    for (int driverRows : new int[] {200_000, 0}) {
      ClvModels.SpendFit a = ClvModels.fitGammaGamma(one, settings, 0.0, driverRows);
      ClvModels.SpendFit b = ClvModels.fitGammaGamma(other, settings, 0.0, driverRows);
      assertThat(b.fit().estimates()).as("driver rows %d: %s vs %s", driverRows, b.fit().describe(), a.fit().describe())
          .containsExactly(a.fit().estimates());
      assertThat(b.fit().logLikelihood()).isEqualTo(a.fit().logLikelihood());
      assertThat(a.fit().estimate("p")).isCloseTo(6.25, within(0.01));
      assertThat(b.frequencySpendCorrelation()).isEqualTo(a.frequencySpendCorrelation());
      assertThat(a.frequencySpendCorrelation()).isCloseTo(sparkCorrelation, within(1e-12));
      assertThat(a.repeatCustomers()).isEqualTo(946);
    }
  }

  /** A BG/NBD optimum with a and b run off together (as a CI run once reached) is refused, not turned into NaN CLVs. */
  @Test
  void aFitWhosePredictionsAreNotFiniteIsRefused() {
    WeightedData data = WeightedData.local(new double[][] {{0, 2, 14}, {0, 12.9, 40.6}, {20, 17.9, 46.7}, {1, 1, 1}});
    ModelFit runaway = new ModelFit(BgNbd.MODEL, BgNbd.PARAMETERS, new double[] {0.76, 6.13, 1.68e10, 4.44e11},
        new double[] {0, 0, 0, 0}, -1301.5, 3, 3, 0, 40, 60, true, "relative improvement below tolerance");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClvModels.requireFinitePredictions(runaway, data, 30))
        .isInstanceOf(FitException.class).hasMessageContaining("no finite prediction");
    ModelFit cdnow = new ModelFit(BgNbd.MODEL, BgNbd.PARAMETERS, new double[] {CDNOW.r(), CDNOW.alpha(), CDNOW.a(),
        CDNOW.b()}, new double[] {0, 0, 0, 0}, -9582.4, 3, 3, 0, 40, 60, true, "converged");
    ClvModels.requireFinitePredictions(cdnow, data, 30);
  }

  @Test
  void twoHundredThousandSimulatedCustomersGiveTheirParametersBackWithinThreeStandardErrors() {
    ClvSimulation.Settings settings = new ClvSimulation.Settings(CDNOW, CDNOW_SPEND, TimeUnit.WEEK, 182, 273, false, 7);
    Dataset<Row> summary = ClvSimulation.summaries(spark, 200_000, 4, settings).cache();
    try {
      ModelFit bg;
      try (SparkWeightedData data = new SparkWeightedData(ClvSummary.collapseForBgNbd(summary),
          List.of(ClvSummary.X, ClvSummary.T_X, ClvSummary.AGE, ClvSummary.WEIGHT))) {
        assertThat(data.totalWeight()).isEqualTo(200_000);
        bg = MaximumLikelihood.fit(new BgNbd(), data, new double[] {1, 30, 1, 1}, MaximumLikelihood.Settings.defaults());
      }
      double[] truth = {CDNOW.r(), CDNOW.alpha(), CDNOW.a(), CDNOW.b()};
      for (int i = 0; i < truth.length; i++) {
        assertThat(bg.estimates()[i]).as("%s: %s", bg.parameters().get(i), bg.describe())
            .isCloseTo(truth[i], within(3 * bg.standardErrors()[i]));
      }
      // The standard errors shrink with the square root of the sample: about 9.2 times smaller than on CDNOW's 2,357.
      assertThat(bg.standardError("r")).isBetween(0.0125 / 9.2 / 2, 0.0125 / 9.2 * 2);

      ModelFit gg;
      try (SparkWeightedData data = new SparkWeightedData(ClvSummary.collapseForGammaGamma(summary),
          List.of(ClvSummary.X, ClvSummary.MEAN_SPEND, ClvSummary.WEIGHT))) {
        gg = MaximumLikelihood.fit(new GammaGamma(), data, new double[] {1, 2, 30}, MaximumLikelihood.Settings.defaults());
      }
      double[] spendTruth = {CDNOW_SPEND.p(), CDNOW_SPEND.q(), CDNOW_SPEND.gamma()};
      for (int i = 0; i < spendTruth.length; i++) {
        assertThat(gg.estimates()[i]).as("%s: %s", gg.parameters().get(i), gg.describe())
            .isCloseTo(spendTruth[i], within(3 * gg.standardErrors()[i]));
      }
    } finally {
      summary.unpersist();
    }
  }

  @Test
  void thePenaltyPullsTheEstimatesTowardsZero() {
    WeightedData data = CdnowSummary.load().bgNbd();
    ModelFit plain = MaximumLikelihood.fit(new BgNbd(), data, new double[] {1, 1, 1, 1}, MaximumLikelihood.Settings.defaults());
    ModelFit penalised = MaximumLikelihood.fit(new BgNbd(), data, new double[] {1, 1, 1, 1},
        new MaximumLikelihood.Settings(0.01, 500, 1e-7, 1e-14));
    assertThat(penalised.estimate("alpha")).isLessThan(plain.estimate("alpha"));
    assertThat(penalised.estimate("b")).isLessThan(plain.estimate("b"));
    assertThat(penalised.logLikelihood()).isLessThan(plain.logLikelihood());
    assertThat(penalised.penalty()).isEqualTo(0.01);
  }
}
