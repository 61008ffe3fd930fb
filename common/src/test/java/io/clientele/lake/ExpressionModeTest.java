package io.clientele.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.config.ClienteleConfig;
import io.clientele.testing.SparkExtension;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class ExpressionModeTest {
  private static final ClienteleConfig MAX_1000 = ClienteleConfig.builder().set("execution.interpreted-max-bytes", "1000").build();

  private final SparkSession spark;

  ExpressionModeTest(SparkSession spark) {
    this.spark = spark;
  }

  @AfterEach
  void restoreSparksDefaults() {
    spark.conf().unset(ExpressionMode.WHOLE_STAGE);
    spark.conf().unset(ExpressionMode.FACTORY_MODE);
  }

  /** A query of a shape no other test runs (the literal names make its generated code new to this JVM). */
  private Dataset<Row> aggregation(String tag) {
    return spark.sql("SELECT k, sum(v) AS total_" + tag + ", max(concat(CAST(v AS STRING), '" + tag + "')) AS text_" + tag
        + " FROM VALUES (1, 2.5D), (1, 4.0D), (2, 1.0D), (3, NULL) AS t(k, v) GROUP BY k ORDER BY k");
  }

  private static List<String> rows(Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::mkString).collect(Collectors.toList());
  }

  @Test
  void belowTheLimitExpressionsAreInterpretedAtTheLimitCompiledAndTheRowsAreTheSame() {
    ExpressionMode.Choice interpreted = ExpressionMode.apply(spark, MAX_1000, 999);

    assertThat(interpreted.interpreted()).isTrue();
    assertThat(interpreted.description())
        .isEqualTo("expressions interpreted (0.0 MiB of data, below 0.0 MiB: execution.interpreted-max-bytes)");
    assertThat(spark.conf().get(ExpressionMode.WHOLE_STAGE)).isEqualTo("false");
    Dataset<Row> first = aggregation("modes");
    long before = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    List<String> rowsInterpreted = rows(first);
    long compiledInterpreting = CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - before;
    // Whole-stage code generation marks the operators it compiled with "*(stage)".
    assertThat(first.queryExecution().executedPlan().toString()).doesNotContain("*(");

    ExpressionMode.Choice compiled = ExpressionMode.apply(spark, MAX_1000, 1000);

    assertThat(compiled.interpreted()).isFalse();
    assertThat(compiled.description()).startsWith("code generation on (0.0 MiB of data, not below 0.0 MiB");
    assertThat(spark.conf().get(ExpressionMode.WHOLE_STAGE)).isEqualTo("true");
    Dataset<Row> second = aggregation("modes");
    before = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    List<String> rowsCompiled = rows(second);
    long compiledGenerating = CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - before;
    assertThat(second.queryExecution().executedPlan().toString()).contains("*(");
    // The same query, now compiled: classes Spark's cache did not hold from the interpreted run (which still compiles
    // a few classes that some operators generate in either mode).
    assertThat(compiledInterpreting).as("classes compiled interpreting").isLessThan(compiledGenerating);
    assertThat(rowsInterpreted).containsExactly("16.54.0modes", "21.01.0modes", "3nullnull").isEqualTo(rowsCompiled);
  }

  @Test
  void zeroMeansAlwaysCompile() {
    assertThat(ExpressionMode.interpreted(0, 0)).isFalse();
    assertThat(ExpressionMode.interpreted(0, 1)).isTrue();
    assertThat(ExpressionMode.interpreted(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isTrue();
  }

  @Test
  void aConfigurationThatSetsSparksKeysItselfIsLeftAlone() {
    ClienteleConfig own = ClienteleConfig.builder().set("execution.interpreted-max-bytes", "1000")
        .set("spark.sql.codegen.wholeStage", "true").build();

    spark.conf().set(ExpressionMode.FACTORY_MODE, "CODEGEN_ONLY");

    assertThat(ExpressionMode.apply(spark, own, 1)).isNull();
    assertThat(spark.conf().get(ExpressionMode.FACTORY_MODE)).isEqualTo("CODEGEN_ONLY");
  }
}
