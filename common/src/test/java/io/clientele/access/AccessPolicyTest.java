package io.clientele.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.QueryPlanningTracker;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.Option;

/**
 * The endpoint's policy on analysed plans of real statements over Delta tables (analysed, never run): what a BI
 * user may read and browse, and that every write, every table not shared (however it is reached: join,
 * subquery, CTE, view, path), file queries, reflection and settings are refused with a message naming them.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessPolicyTest {
  private static final String DB = "access_policy";
  private final SparkSession spark;
  private final AccessPolicy policy = new AccessPolicy("bi", DB, List.of("customer_profile", "Customer_Profile_Latest"),
      List.of("spark.sql.session.timeZone"));
  private String piiPath;

  AccessPolicyTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void tables() {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + DB);
    spark.sql("CREATE TABLE " + DB + ".customer_profile (customer_id STRING, churn_risk STRING) USING delta");
    spark.sql("INSERT INTO " + DB + ".customer_profile VALUES ('c1', 'high')");
    spark.sql("CREATE TABLE " + DB + ".customers_pii (customer_id STRING, phone STRING) USING delta");
    spark.sql("CREATE OR REPLACE VIEW " + DB + ".customer_profile_latest AS SELECT * FROM " + DB + ".customer_profile");
    spark.sql("CREATE OR REPLACE VIEW " + DB + ".pii_view AS SELECT * FROM " + DB + ".customers_pii");
    piiPath = spark.sql("DESCRIBE DETAIL " + DB + ".customers_pii").select("location").head().getString(0);
  }

  private LogicalPlan analyze(String sql) throws Exception {
    spark.sql("USE " + DB);
    try {
      LogicalPlan parsed = spark.sessionState().sqlParser().parsePlan(sql);
      return spark.sessionState().analyzer().executeAndCheck(parsed, new QueryPlanningTracker(Option.empty()));
    } finally {
      spark.sql("USE default");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "SELECT * FROM customer_profile WHERE churn_risk = 'high'",
      "SELECT churn_risk, count(*) FROM access_policy.customer_profile GROUP BY churn_risk ORDER BY 2 DESC LIMIT 5",
      "SELECT * FROM customer_profile_latest",
      "WITH p AS (SELECT * FROM customer_profile) SELECT count(*) FROM p",
      "SELECT * FROM customer_profile VERSION AS OF 0",
      "SELECT * FROM customer_profile WHERE customer_id IN (SELECT customer_id FROM customer_profile_latest)",
      "SELECT 1",
      "SELECT id FROM range(3)",
      "SHOW TABLES",
      "SHOW DATABASES",
      "USE access_policy",
      "DESCRIBE customer_profile",
      "SHOW COLUMNS IN customer_profile",
      "SET spark.sql.session.timeZone=Asia/Shanghai",
      "SHOW FUNCTIONS"})
  void aBiUserReadsAndBrowsesTheSharedTables(String sql) {
    assertThatCode(() -> policy.check(analyze(sql))).as(sql).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "SELECT * FROM customers_pii; the table access_policy.customers_pii is not shared with user bi; shared: access_policy.customer_profile, access_policy.customer_profile_latest",
      "SELECT p.* FROM customer_profile c JOIN customers_pii p USING (customer_id); customers_pii is not shared",
      "SELECT * FROM customer_profile WHERE customer_id IN (SELECT customer_id FROM customers_pii); customers_pii is not shared",
      "SELECT (SELECT max(phone) FROM customers_pii) AS x; customers_pii is not shared",
      "SELECT * FROM customer_profile WHERE EXISTS (SELECT 1 FROM customers_pii); customers_pii is not shared",
      "WITH p AS (SELECT * FROM customers_pii) SELECT * FROM p; customers_pii is not shared",
      "SELECT * FROM pii_view; the table access_policy.pii_view is not shared",
      "DESCRIBE customers_pii; customers_pii is not shared",
      "SELECT * FROM text.`/etc/passwd`; a direct file query",
      "SELECT * FROM csv.`/etc/passwd`; a direct file query",
      "SELECT reflect('java.lang.System', 'getenv', 'HOME'); the function reflect (reflection) is not allowed",
      "SELECT java_method('java.lang.System', 'getenv', 'HOME'); the function java_method (reflection) is not allowed",
      "DROP TABLE customer_profile; DROP TABLE",
      "INSERT INTO customer_profile VALUES ('x', 'low'); is not allowed: the endpoint is read-only",
      "DELETE FROM customer_profile WHERE true; is not allowed: the endpoint is read-only",
      "UPDATE customer_profile SET churn_risk = 'low'; is not allowed: the endpoint is read-only",
      "MERGE INTO customer_profile t USING customer_profile s ON t.customer_id = s.customer_id WHEN MATCHED THEN DELETE; is not allowed: the endpoint is read-only",
      "VACUUM customer_profile; is not allowed: the endpoint is read-only",
      "TRUNCATE TABLE customer_profile; is not allowed: the endpoint is read-only",
      "ALTER TABLE customer_profile ADD COLUMNS (x INT); is not allowed: the endpoint is read-only",
      "CREATE TABLE stolen AS SELECT * FROM customer_profile; is not allowed: the endpoint is read-only",
      "CREATE TEMPORARY VIEW v AS SELECT * FROM customer_profile; is not allowed: the endpoint is read-only",
      "CACHE TABLE customer_profile; is not allowed: the endpoint is read-only",
      "ADD JAR /tmp/evil.jar; ADD JARS",
      "CREATE FUNCTION evil AS 'com.example.Evil'; CREATE FUNCTION",
      "SET spark.sql.runSQLOnFiles=true; SET spark.sql.runSQLOnFiles is not allowed; allowed keys: [spark.sql.session.timeZone]",
      "SET; SET without a key",
      "SET -v; SET -v is not allowed"})
  void everythingElseIsRefusedNamingWhat(String sql, String message) {
    assertThatThrownBy(() -> policy.check(analyze(sql))).as(sql)
        .isInstanceOf(AccessDenied.class)
        .hasMessageStartingWith("Not allowed on the Clientele JDBC endpoint: ")
        .hasMessageContaining(message);
  }

  @Test
  void aDeltaPathQueryOfAHiddenTableIsRefused() {
    assertThatThrownBy(() -> policy.check(analyze("SELECT * FROM delta.`" + piiPath + "`")))
        .isInstanceOf(AccessDenied.class).hasMessageContaining("a direct file query");
  }

  @Test
  void anUnservedSessionIsNotChecked() {
    assertThat(ServedSessions.policyFor(spark)).isNull();
  }
}
