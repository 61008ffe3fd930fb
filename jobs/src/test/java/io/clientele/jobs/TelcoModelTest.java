package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.ProjectData;
import io.clientele.testing.SparkExtension;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Golden test of model train on IBM's Telco churn file (data/telco_churn/SOURCE.md): 7,043 customers,
 * 26.54% churn, 11 blank TotalCharges.
 *
 * <p>Where the bands come from:
 * <ul>
 *   <li>held-out ROC AUC 0.83-0.87, published: a logistic regression with one-hot categoricals reaches 0.836 on
 *       the validation split, 0.841 ± 0.007 in 5-fold cross-validation and 0.858 on the test split (A. Grigorev,
 *       Machine Learning Bookcamp, Manning 2021, chapters 3-4, on this very file). Our split is another seeded
 *       25% and our model class-weighted, so the band spans those figures rather than one of them; measured
 *       here: 0.8474 (README, Models);
 *   <li>Contract alone 0.72-0.76, measured: the project's own leak guard printed 0.729; no published figure;
 *   <li>base rate 0.24-0.29: the file's 26.54% churn (SOURCE.md, counted) and the sampling of a 25% split.
 * </ul>
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelcoModelTest {
  private static final String DB = "golden_telco";
  private final SparkSession spark;
  private Cli train;

  TelcoModelTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void train() {
    train = Cli.run(spark, "--set", "catalog.database=" + DB, "model", "train", "--csv",
        ProjectData.file("telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv.gz").toString(), "--label", "Churn",
        "--exclude", "customerID", "--name", "telco");
  }

  static double value(String out, String key) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "=([0-9.]+)$").matcher(out);
    assertThat(m.find()).as(key + " in\n" + out).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void theHeldOutRocAucIsThePublishedOne() {
    assertThat(train.exitCode).as(train.toString()).isZero();
    System.out.println(train.out);
    assertThat(value(train.out, "roc_auc")).isBetween(0.83, 0.87);
  }

  @Test
  void theLeakGuardWarnsAboutNothingAndBlankChargesAreNumbers() {
    assertThat(train.exitCode).as(train.toString()).isZero();
    assertThat(train.out).doesNotContain("WARNING");
    Matcher contract = Pattern.compile("(?m)^\\s+Contract\\s+([0-9.]+)$").matcher(train.out);
    assertThat(contract.find()).as(train.out).isTrue();
    assertThat(Double.parseDouble(contract.group(1))).isBetween(0.72, 0.76);
    Row run = spark.sql("SELECT * FROM " + DB + ".model_runs WHERE model_name = 'telco'").first();
    assertThat(run.<String>getAs("parameters"))
        .contains("\"numeric\":[\"SeniorCitizen\",\"tenure\",\"MonthlyCharges\",\"TotalCharges\"]")
        .contains("\"left_out\":[]");
  }

  @Test
  void theRunIsRecordedWithItsModelAndEvaluation() throws Exception {
    assertThat(train.exitCode).as(train.toString()).isZero();
    Row run = spark.sql("SELECT * FROM " + DB + ".model_runs WHERE model_name = 'telco'").first();
    assertThat(run.<Double>getAs("roc_auc")).isEqualTo(value(train.out, "roc_auc"), org.assertj.core.api.Assertions.within(1e-4));
    assertThat(run.<Double>getAs("base_rate")).isBetween(0.24, 0.29);
    assertThat(run.<String>getAs("spark_version")).isEqualTo(spark.version());
    assertThat(run.<String>getAs("evaluation")).contains("\"deciles\":[{\"decile\":1");
    // Every JSON column is a document a JSON reader reads (one writer, Json, builds them all).
    com.fasterxml.jackson.databind.ObjectMapper reader = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(reader.readTree(run.<String>getAs("parameters")).get("label").asText()).isEqualTo("Churn");
    assertThat(reader.readTree(run.<String>getAs("metrics")).get("single_feature_auc").get("Contract").asDouble())
        .isBetween(0.72, 0.76);
    assertThat(reader.readTree(run.<String>getAs("evaluation")).get("deciles").size()).isBetween(1, 10);
    assertThat(reader.readTree(run.<String>getAs("data_versions")).get("csv").asText()).endsWith("Telco-Customer-Churn.csv.gz");
    assertThat(new java.io.File(java.net.URI.create(run.<String>getAs("path") + "/model/metadata"))).isDirectory();
    assertThat(new java.io.File(java.net.URI.create(run.<String>getAs("path") + "/evaluation.json"))).isFile();
  }
}
