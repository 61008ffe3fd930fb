package io.clientele.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class EvaluationTest {
  private static final StructType SCHEMA = new StructType()
      .add("label", DataTypes.DoubleType).add("score", DataTypes.DoubleType).add("x", DataTypes.DoubleType)
      .add("colour", DataTypes.StringType);
  private final SparkSession spark;

  EvaluationTest(SparkSession spark) {
    this.spark = spark;
  }

  /** 20 rows, scores 0.05 .. 1.00; the 4 highest and one low (0.10) are positive. */
  private Dataset<Row> scored() {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      double score = i / 20.0;
      double label = i >= 17 || i == 2 ? 1.0 : 0.0;
      rows.add(RowFactory.create(label, score, label == 1.0 ? 5.0 + i : (double) i, i % 2 == 0 ? "red" : "blue"));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Test
  void aucsBaseRateConfusionAndDecilesAreTheHandComputedOnes() {
    Evaluation evaluation = Evaluation.of(scored(), "label", "score", 0.5);

    // 5 positives x 15 negatives = 75 pairs; the positive at 0.10 is above one negative only: 60 + 1 = 61.
    assertThat(evaluation.rocAuc()).isCloseTo(61.0 / 75, within(1e-9));
    assertThat(evaluation.baseRate()).isEqualTo(0.25);
    assertThat(evaluation.truePositives()).isEqualTo(4);
    assertThat(evaluation.falsePositives()).isEqualTo(7);
    assertThat(evaluation.trueNegatives()).isEqualTo(8);
    assertThat(evaluation.falseNegatives()).isEqualTo(1);
    assertThat(evaluation.deciles()).hasSize(10);
    Evaluation.Decile top = evaluation.deciles().get(0);
    // A score on a cut-off falls to the lower decile: the top one holds 0.95 and 1.00.
    assertThat(top.rows()).isEqualTo(2);
    assertThat(top.positives()).isEqualTo(2);
    assertThat(top.lift()).isEqualTo(4.0);
    assertThat(top.capture()).isEqualTo(0.4);
    assertThat(top.meanScore()).isCloseTo(0.975, within(1e-9));
    assertThat(evaluation.deciles().get(9).capture()).isEqualTo(1.0);
    assertThat(evaluation.toText()).contains("roc_auc=0.8133");
    assertThat(evaluation.toJson()).startsWith("{\"rows\":20,\"positives\":5,\"base_rate\":0.25,\"roc_auc\":0.813333");
  }

  @Test
  void theLeakGuardScoresEachFeatureAloneAndWarnsAtTheLevel() {
    Dataset<Row> rows = scored();

    List<LeakGuard.FeatureAuc> aucs = LeakGuard.singleFeatureAucs(rows, rows, List.of("x"), List.of("colour"), 0.8);

    // x: positives 7, 22..25 against negatives 1, 3..16: 22..25 beat all 15, 7 beats 1, 3..6 and ties 7 (half).
    assertThat(aucs.get(0).feature()).isEqualTo("x");
    assertThat(aucs.get(0).auc()).isCloseTo(65.5 / 75, within(1e-9));
    assertThat(aucs.get(0).suspicious()).isTrue();
    assertThat(aucs.get(1).feature()).isEqualTo("colour");
    assertThat(aucs.get(1).suspicious()).isFalse();
    assertThat(LeakGuard.toText(aucs, 0.8)).contains("WARNING: feature 'x' alone reaches ROC AUC 0.8733");
  }

  @Test
  void theAucStandardErrorIsHanleyAndMcNeils() {
    // A = 3/4, 4 positives, 6 negatives: Q1 = 0.75 / 1.25 = 3/5, Q2 = 2 x 9/16 / (7/4) = 9/14, A^2 = 9/16;
    // A(1 - A) = 21/112, 3 (Q1 - A^2) = 9/80, 5 (Q2 - A^2) = 45/112: the sum is 393/560, over 24: 393/13440.
    assertThat(Evaluation.aucStandardError(0.75, 4, 6)).isCloseTo(Math.sqrt(393.0 / 13440), within(1e-12));
    assertThat(Evaluation.aucLowerBound95(0.75, 4, 6)).isCloseTo(0.75 - 1.96 * Math.sqrt(393.0 / 13440), within(1e-4));
  }

  @Test
  void theAucStandardErrorNeedsBothClasses() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Evaluation.aucStandardError(0.7, 0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute an AUC's standard error: 0 positive and 5 negative rows (at least one of each needed)");
  }
}
