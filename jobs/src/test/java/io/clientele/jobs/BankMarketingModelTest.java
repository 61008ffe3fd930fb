package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.ProjectData;
import io.clientele.testing.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Golden test of model train on UCI Bank Marketing (data/bank_marketing: bank-additional-full.csv, 41,188 calls, ';'-separated,
 * label y). The call's duration is only known after the call (bank-additional-names.txt, attribute 11, says so):
 * without it the held-out ROC AUC is about 0.79; with it, the leak guard names duration and nothing else.
 *
 * <p>Where the bands come from:
 * <ul>
 *   <li>without duration 0.77-0.81: a plain logistic regression with one-hot categoricals, fitted independently
 *       of this project by IRLS, gives 0.791 ± 0.014 in 5-fold cross-validation (measured for this project, not
 *       published); the published figure is Moro, Cortez and Rita, "A Data-Driven Approach to Predict the
 *       Success of Bank Telemarketing", Decision Support Systems 62 (2014), doi:10.1016/j.dss.2014.03.001: AUC
 *       0.8 for their best model (a neural network) without duration; measured here: 0.7977 (README, Models);
 *   <li>with duration, the same independent fit gives 0.935 ± 0.003 (measured, not published); measured here
 *       0.9349, not asserted;
 *   <li>duration alone 0.80-0.84, measured: the project's own leak guard printed 0.8246; no published figure.
 * </ul>
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BankMarketingModelTest {
  private static final String DB = "golden_bank";
  private final SparkSession spark;
  private Cli withoutDuration;
  private Cli withDuration;

  BankMarketingModelTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void train() {
    String file = ProjectData.file("bank_marketing/bank-additional-full.csv.gz").toString();
    withoutDuration = Cli.run(spark, "--set", "catalog.database=" + DB, "model", "train", "--csv", file, "--sep", ";",
        "--label", "y", "--exclude", "duration", "--name", "bank");
    withDuration = Cli.run(spark, "--set", "catalog.database=" + DB, "model", "train", "--csv", file, "--sep", ";",
        "--label", "y", "--name", "bank_with_duration");
  }

  private static List<String> warned(String out) {
    List<String> features = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^WARNING: feature '([^']+)'").matcher(out);
    while (m.find()) {
      features.add(m.group(1));
    }
    return features;
  }

  @Test
  void withoutTheCallDurationTheHeldOutRocAucIsThePublishedOne() {
    assertThat(withoutDuration.exitCode).as(withoutDuration.toString()).isZero();
    System.out.println(withoutDuration.out);
    assertThat(TelcoModelTest.value(withoutDuration.out, "roc_auc")).isBetween(0.77, 0.81);
    assertThat(warned(withoutDuration.out)).isEmpty();
  }

  @Test
  void withTheCallDurationTheLeakGuardNamesDurationAndNothingElse() {
    assertThat(withDuration.exitCode).as(withDuration.toString()).isZero();
    System.out.println(withDuration.out);
    assertThat(warned(withDuration.out)).containsExactly("duration");
    Matcher duration = Pattern.compile("(?m)^\\s+duration\\s+([0-9.]+)$").matcher(withDuration.out);
    assertThat(duration.find()).isTrue();
    assertThat(Double.parseDouble(duration.group(1))).isBetween(0.80, 0.84);
  }
}
