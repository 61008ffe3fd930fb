package io.clientele.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ingest.IngestMapping;
import io.clientele.tag.TagCatalog;
import io.clientele.tag.TagDefinition;
import io.clientele.testing.ProjectData;
import io.clientele.testing.SparkExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class SafeExpressionTest {
  private final SparkSession spark;

  SafeExpressionTest(SparkSession spark) {
    this.spark = spark;
  }

  private void assertRefused(String text, String message) {
    assertThatThrownBy(() -> SafeExpression.column(spark, text))
        .as(text)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void reflectionIsRefused() {
    assertRefused("reflect('java.lang.Runtime','getRuntime')",
        "reflect('java.lang.Runtime','getRuntime') is refused: reflect calls any Java method");
    assertRefused("upper(java_method('java.lang.System', 'getenv', 'HOME')) = 'X'",
        "java_method('java.lang.System', 'getenv', 'HOME') is refused: java_method calls any Java method");
    assertRefused("REFLECT('java.lang.Thread', 'sleep', 1000L) IS NULL",
        "REFLECT('java.lang.Thread', 'sleep', 1000L) is refused: reflect calls any Java method");
  }

  @Test
  void subqueriesAreRefused() {
    assertRefused("(SELECT max(x) FROM t) > 0", "(SELECT max(x) FROM t) is refused: a subquery reads other tables");
    assertRefused("EXISTS (SELECT 1)", "EXISTS (SELECT 1) is refused: a subquery reads other tables");
    assertRefused("x = 1 AND x IN (SELECT y FROM t)", "IN (SELECT y FROM t) is refused: a subquery reads other tables");
  }

  @Test
  void functionsThatAreNotBuiltInAreRefused() {
    assertRefused("default.my_udf(x)",
        "default.my_udf(x) is refused: default.my_udf is not a Spark built-in function (user-defined functions are refused)");
    spark.udf().register("twice", (UDF1<Integer, Integer>) x -> 2 * x, DataTypes.IntegerType);
    assertRefused("twice(x) > 2",
        "twice(x) is refused: twice is not a Spark built-in function (user-defined functions are refused)");
    assertRefused("IDENTIFIER('reflect')('java.lang.Runtime', 'getRuntime') IS NOT NULL",
        "IDENTIFIER('reflect')('java.lang.Runtime', 'getRuntime') is refused: IDENTIFIER(...) names a function or column "
            + "only when the query runs; write the name");
  }

  @Test
  void theJobsUserIsRefusedWithOrWithoutParentheses() {
    assertRefused("current_user() = 'root'", "current_user() is refused: current_user gives the user the job runs as");
    assertRefused("current_user = 'root'", "current_user is refused: current_user gives the user the job runs as");
  }

  @Test
  void variableSubstitutionIsRefusedBeforeAnyParserSeesIt() {
    assertRefused("'${spark.app.name}' = 'x'", "'${' is refused: Spark SQL would replace ${...} with a configuration "
        + "value, a system property or an environment variable");
    assertRefused("x = ${env:NO_SUCH_VARIABLE}", "'${' is refused: Spark SQL would replace ${...} with a configuration "
        + "value, a system property or an environment variable");
  }

  @Test
  void textThatIsNotOneExpressionIsRefused() {
    assertThatThrownBy(() -> SafeExpression.column(spark, "x = 1; DROP TABLE t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a single Spark SQL expression: ");
    assertThatThrownBy(() -> SafeExpression.column(spark, "x = 1) OR (true"))
        .hasMessageStartingWith("not a single Spark SQL expression: ");
  }

  @Test
  void xpathDoesNotReadExternalEntities(@TempDir Path dir) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET");
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>a&x;b</r>";

    String read = spark.range(1).select(SafeExpression.column(spark, "xpath_string('" + xml + "', 'r')")).first().getString(0);

    assertThat(read).isEqualTo("ab");
  }

  @Test
  void theShippedCatalogMappingsAndDocumentedAudiencesAreAccepted() throws Exception {
    List<String> texts = new ArrayList<>();
    Path catalog = ProjectData.projectDir().resolve("conf/tag-catalog.txt");
    for (TagDefinition tag : TagCatalog.parse(Files.readString(catalog), catalog.toString()).tags()) {
      texts.add(tag.definition());
    }
    ClienteleConfig config = ClienteleConfig.builder().profile("local").build();
    for (String mapping : IngestMapping.names(config)) {
      texts.addAll(IngestMapping.fromConfig(config, mapping).columns().values());
    }
    // README's and the campaign notebook's audience examples.
    texts.add("rfm_segment = 'important_retain' AND churn_risk = 'high'");
    texts.add("churn_risk = 'high' AND price_sensitivity = 'high'");
    texts.add("churn_risk <> 'high' AND price_sensitivity = 'high'");

    assertThat(texts).hasSizeGreaterThan(80);
    for (String text : texts) {
      assertThatCode(() -> SafeExpression.column(spark, text)).as(text).doesNotThrowAnyException();
    }
  }
}
