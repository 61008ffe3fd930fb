package io.clientele.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An audience expression is a condition over the profile's tags and nothing more. */
@ExtendWith(SparkExtension.class)
class AudienceTest {
  private final SparkSession spark;

  AudienceTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> profile() {
    return spark.createDataFrame(List.of(
            RowFactory.create("c1", "important_retain", "high", "high", 120.0),
            RowFactory.create("c2", "important_retain", "low", "high", 80.0),
            RowFactory.create("c3", "general_retain", "high", "low", 15.0)),
        new StructType().add("customer_id", "string").add("rfm_segment", "string").add("churn_risk", "string")
            .add("price_sensitivity", "string").add("total_spend", "double"));
  }

  private List<String> ids(String expression) {
    return Audience.select(profile(), expression, List.of()).orderBy("customer_id").collectAsList().stream()
        .map(r -> r.getString(0)).collect(java.util.stream.Collectors.toList());
  }

  @Test
  void theDocumentedExpressionsSelectTheirCustomers() {
    assertThat(ids("rfm_segment = 'important_retain' AND churn_risk = 'high'")).containsExactly("c1");
    assertThat(ids("churn_risk = 'high' AND price_sensitivity = 'high'")).containsExactly("c1");
    assertThat(ids("churn_risk <> 'high' AND price_sensitivity = 'high'")).containsExactly("c2");
    assertThat(ids("total_spend > 50 AND lower(rfm_segment) LIKE '%retain%'")).containsExactly("c1", "c2");
  }

  @Test
  void reflectionIsRefusedNamingTheCall() {
    assertThatThrownBy(() -> ids("reflect('java.lang.Runtime', 'getRuntime') IS NOT NULL"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot select an audience with 'reflect('java.lang.Runtime', 'getRuntime') IS NOT NULL': "
            + "reflect('java.lang.Runtime', 'getRuntime') is refused: reflect calls any Java method");
    assertThatThrownBy(() -> ids("java_method('java.lang.System', 'getenv', 'HOME') IS NOT NULL"))
        .hasMessageContaining(": java_method('java.lang.System', 'getenv', 'HOME') is refused: java_method calls any Java method");
  }

  @Test
  void subqueriesAreRefusedNamingThem() {
    assertThatThrownBy(() -> ids("EXISTS (SELECT 1)"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot select an audience with 'EXISTS (SELECT 1)': EXISTS (SELECT 1) is refused: a subquery "
            + "reads other tables");
    assertThatThrownBy(() -> ids("customer_id IN (SELECT customer_id FROM clientele.customers_pii)"))
        .hasMessageContaining(": IN (SELECT customer_id FROM clientele.customers_pii) is refused: a subquery reads other tables");
  }

  @Test
  void variablesThatSparkWouldSubstituteAreRefused() {
    assertThatThrownBy(() -> ids("'${env:HOME}' LIKE '/%'"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot select an audience with ''${env:HOME}' LIKE '/%'': '${' is refused: Spark SQL would "
            + "replace ${...} with a configuration value, a system property or an environment variable");
  }
}
