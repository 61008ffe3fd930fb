package io.clientele.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.testing.SparkExtension;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class TagEvaluationTest {
  private final SparkSession spark;

  TagEvaluationTest(SparkSession spark) {
    this.spark = spark;
  }

  private static TagDefinition tag(String id, String measure, String source, String definition) {
    return new TagDefinition(id, id + "_zh", id + "_en", "consumption", "value", "dynamic", measure, source, definition,
        "daily", "", "test", 1);
  }

  private Dataset<Row> rows(StructType schema, Row... rows) {
    return spark.createDataFrame(List.of(rows), schema);
  }

  /** c1 and c2 bought (customer_rfm), c1 and c3 are in the customers table, only c1 and c2 were scored for churn. */
  private Map<String, Dataset<Row>> sources() {
    Map<String, Dataset<Row>> sources = new LinkedHashMap<>();
    sources.put("customers", rows(new StructType().add("customer_id", "string").add("gender", "string").add("age", "int"),
        RowFactory.create("c1", "female", 34), RowFactory.create("c3", "male", null)));
    sources.put("customer_rfm", rows(new StructType().add("customer_id", "string").add("segment", "string")
            .add("m_score", "int").add("frequency", "long").add("monetary", "decimal(18,2)"),
        RowFactory.create("c1", "important_value", 5, 4L, new java.math.BigDecimal("10000000.00")),
        RowFactory.create("c2", "general_retain", 1, 1L, new java.math.BigDecimal("12.50"))));
    sources.put("churn_scores", rows(new StructType().add("customer_id", "string").add("churn_probability", "double")
            .add("risk_band", "string"),
        RowFactory.create("c1", 0.12, "low"), RowFactory.create("c2", 0.81, "high")));
    return sources;
  }

  private Dataset<Row> universe() {
    return rows(new StructType().add("customer_id", "string"), RowFactory.create("c1"), RowFactory.create("c2"),
        RowFactory.create("c3"));
  }

  private static final List<TagDefinition> TAGS = List.of(
      tag("gender", "qualitative", "rule", "customers.gender"),
      tag("age_band", "qualitative", "rule", "CASE WHEN customers.age < 35 THEN '25-34' WHEN customers.age >= 35 THEN '35+' END"),
      tag("purchasing_power", "qualitative", "rule",
          "CASE WHEN customer_rfm.m_score >= 4 THEN 'high' WHEN customer_rfm.m_score IS NOT NULL THEN 'low' END"),
      tag("total_spend", "quantitative", "statistic", "customer_rfm.monetary"),
      tag("repeat_buyer", "qualitative", "rule", "customer_rfm.frequency >= 2"),
      tag("churn_risk", "qualitative", "model", "churn_scores.risk_band"),
      tag("churn_probability", "quantitative", "model", "churn_scores.churn_probability"));

  private Map<String, Row> profileById(Dataset<Row> profile) {
    return profile.collectAsList().stream().collect(Collectors.toMap(r -> r.<String>getAs("customer_id"), r -> r));
  }

  @Test
  void ruleTagsAreOneColumnEachOnTheWideProfile() {
    Map<String, Row> profile = profileById(TagEvaluation.evaluate(TagEvaluation.sourceRows(universe(), sources()), TAGS));
    assertThat(profile).containsOnlyKeys("c1", "c2", "c3");
    Row c1 = profile.get("c1");
    assertThat(c1.<String>getAs("gender")).isEqualTo("female");
    assertThat(c1.<String>getAs("age_band")).isEqualTo("25-34");
    assertThat(c1.<String>getAs("purchasing_power")).isEqualTo("high");
    assertThat(c1.<Double>getAs("total_spend")).isEqualTo(10_000_000.0);
    assertThat(c1.<String>getAs("repeat_buyer")).isEqualTo("true");
    assertThat(profile.get("c2").<String>getAs("purchasing_power")).isEqualTo("low");
    assertThat(profile.get("c2").<String>getAs("repeat_buyer")).isEqualTo("false");
    assertThat(profile.get("c2").<String>getAs("gender")).isNull();
    assertThat(profile.get("c3").<String>getAs("age_band")).isNull();
    assertThat(profile.get("c3").<String>getAs("purchasing_power")).isNull();
  }

  @Test
  void aModelTagReadsTheModelsOutputAndCustomersWithoutAScoreHaveNoValue() {
    Dataset<Row> profile = TagEvaluation.evaluate(TagEvaluation.sourceRows(universe(), sources()), TAGS);
    List<String> churn = TagEvaluation.explodeTags(profile, TAGS).where("tag_id IN ('churn_risk', 'churn_probability')")
        .orderBy("customer_id", "tag_id").collectAsList().stream()
        .map(r -> r.getString(0) + " " + r.getString(1) + "=" + r.getString(2) + "/" + r.get(3)).collect(Collectors.toList());
    assertThat(churn).containsExactly(
        "c1 churn_probability=0.12/0.12", "c1 churn_risk=low/null",
        "c2 churn_probability=0.81/0.81", "c2 churn_risk=high/null");
  }

  @Test
  void theLongFormHasOneRowPerCustomerAndTagWithAValueAndReadableNumbers() {
    Dataset<Row> profile = TagEvaluation.evaluate(TagEvaluation.sourceRows(universe(), sources()), TAGS);
    List<Row> c1 = TagEvaluation.explodeTags(profile, TAGS).where("customer_id = 'c1'").collectAsList();
    assertThat(c1).hasSize(7);
    Row spend = c1.stream().filter(r -> r.getString(1).equals("total_spend")).findFirst().orElseThrow();
    assertThat(spend.getString(2)).isEqualTo("10000000");
    assertThat(spend.getDouble(3)).isEqualTo(10_000_000.0);
    // c3: only gender has a value
    assertThat(TagEvaluation.explodeTags(profile, TAGS).where("customer_id = 'c3'").collectAsList())
        .extracting(r -> r.getString(1) + "=" + r.getString(2)).containsExactly("gender=male");
  }

  @Test
  void aMissingSourceGivesNoValuesInsteadOfAnError() {
    Map<String, Dataset<Row>> sources = sources();
    sources.put("churn_scores", spark.createDataFrame(new ArrayList<Row>(), TagSources.declared().get("churn_scores")));
    Dataset<Row> profile = TagEvaluation.evaluate(TagEvaluation.sourceRows(universe(), sources), TAGS);
    assertThat(TagEvaluation.explodeTags(profile, TAGS).where("tag_id LIKE 'churn%'").count()).isZero();
    assertThat(TagEvaluation.explodeTags(profile, TAGS).where("tag_id = 'gender'").count()).isEqualTo(2);
  }

  @Test
  void badDefinitionsAreErrorsNamingTheTagBeforeAnythingRuns() {
    Dataset<Row> source = TagEvaluation.sourceRows(universe(), sources());
    Set<String> known = TagSources.declared().keySet();
    assertThatThrownBy(() -> TagEvaluation.sourcesByTag(spark, List.of(tag("broken", "qualitative", "rule",
        "CASE WHEN customer_rfm.m_score >= THEN 'x' END")), known))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot parse the definition of tag 'broken' (catalog line 1):");
    assertThatThrownBy(() -> TagEvaluation.sourcesByTag(spark, List.of(tag("nowhere", "qualitative", "rule",
        "customer_wishes.colour")), known))
        .hasMessageStartingWith("Cannot use the definition of tag 'nowhere' (catalog line 1): unknown source 'customer_wishes'");
    assertThatThrownBy(() -> TagEvaluation.sourcesByTag(spark, List.of(tag("bare", "qualitative", "rule", "segment")), known))
        .hasMessageStartingWith("Cannot use the definition of tag 'bare' (catalog line 1): column 'segment' must be qualified");
    List<TagDefinition> unknownColumn = new ArrayList<>(TAGS);
    unknownColumn.add(tag("typo", "qualitative", "rule", "customer_rfm.segmnet"));
    assertThatThrownBy(() -> TagEvaluation.evaluate(source, unknownColumn))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot evaluate the definition of tag 'typo' (catalog line 1):")
        .hasMessageContaining("segmnet");
    assertThatThrownBy(() -> TagEvaluation.evaluate(source, List.of(tag("spend_text", "quantitative", "statistic",
        "customer_rfm.segment"))))
        .hasMessage("Cannot use the definition of tag 'spend_text' (catalog line 1): a quantitative tag must be a number, but"
            + " 'customer_rfm.segment' is string");
    assertThatThrownBy(() -> TagEvaluation.evaluate(source, List.of(tag("many", "qualitative", "rule",
        "array(customer_rfm.segment)"))))
        .hasMessageContaining("tag 'many' (catalog line 1): a qualitative tag must be one value");
    assertThatThrownBy(() -> TagEvaluation.evaluate(source, List.of(tag("everyone", "quantitative", "statistic",
        "sum(customer_rfm.monetary)"))))
        .hasMessageContaining("tag 'everyone' (catalog line 1): a tag is a per-customer expression");
  }

  @Test
  void definitionsThatRunCodeOrReadOtherTablesAreRefusedNamingTheTagAndThePart() {
    Set<String> known = TagSources.declared().keySet();
    assertThatThrownBy(() -> TagEvaluation.sourcesByTag(spark, List.of(tag("runtime", "qualitative", "rule",
        "coalesce(customers.gender, java_method('java.lang.System', 'getProperty', 'user.home'))")), known))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot use the definition of tag 'runtime' (catalog line 1): java_method('java.lang.System', "
            + "'getProperty', 'user.home') is refused: java_method calls any Java method in: coalesce(customers.gender, "
            + "java_method('java.lang.System', 'getProperty', 'user.home'))");
    assertThatThrownBy(() -> TagEvaluation.sourcesByTag(spark, List.of(tag("peek", "quantitative", "statistic",
        "(SELECT count(*) FROM clientele.customers_pii)")), known))
        .hasMessageStartingWith("Cannot use the definition of tag 'peek' (catalog line 1): (SELECT count(*) FROM "
            + "clientele.customers_pii) is refused: a subquery reads other tables");
    Dataset<Row> source = TagEvaluation.sourceRows(universe(), sources());
    assertThatThrownBy(() -> TagEvaluation.evaluate(source, List.of(tag("home", "qualitative", "rule",
        "reflect('java.lang.System', 'getProperty', 'user.home')"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot use the definition of tag 'home' (catalog line 1): reflect('java.lang.System', "
            + "'getProperty', 'user.home') is refused: reflect calls any Java method");
  }

  @Test
  void theDefaultCatalogValidatesAgainstTheDeclaredSourcesWithoutData() throws Exception {
    TagCatalog catalog = TagCatalogTest.defaultCatalog();
    Map<String, StructType> declared = TagSources.declared();
    Map<String, Set<String>> byTag = TagEvaluation.sourcesByTag(spark, catalog.tags(), declared.keySet());
    assertThat(byTag.get("rfm_segment")).containsExactly("customer_rfm");
    assertThat(byTag.get("is_member")).containsExactly("customers", "customer_loyalty");
    Map<String, Dataset<Row>> empty = new LinkedHashMap<>();
    declared.forEach((name, schema) -> empty.put(name, spark.createDataFrame(new ArrayList<Row>(), schema)));
    TagEvaluation.validate(TagEvaluation.sourceRows(universe(), empty), catalog.tags());
  }

  /**
   * The default catalog's 当前价值×未来价值 quadrant, 会员剩余价值 and 最近一次购买金额 on five customers: q1 spends
   * above the RFM rule and is in the top CLV tier; q2 spends high but its CLV tier is low; q3 bought nothing in the
   * window (no customer_rfm row: low current value) and is in the medium tier; q4 is low on both; q5 has no CLV.
   * q1 bought again after a return, q2 did not; q1 took 4 days to choose, q3 bought the day it was first seen.
   */
  @Test
  void theDefaultCatalogsValueQuadrantRemainingValueLastPurchaseAndLoyaltyTags() throws Exception {
    List<TagDefinition> tags = TagCatalogTest.defaultCatalog().tags().stream()
        .filter(t -> Set.of("value_quadrant", "remaining_value", "last_purchase_amount", "return_tolerance",
            "days_to_choose").contains(t.id()))
        .collect(Collectors.toList());
    assertThat(tags).hasSize(5);
    Map<String, Dataset<Row>> sources = new LinkedHashMap<>();
    sources.put("customer_rfm", rows(new StructType().add("customer_id", "string").add("is_m_high", "boolean"),
        RowFactory.create("q1", true), RowFactory.create("q2", true), RowFactory.create("q4", false),
        RowFactory.create("q5", true)));
    sources.put("customer_clv", rows(new StructType().add("customer_id", "string").add("clv", "double")
            .add("clv_tier", "string"),
        RowFactory.create("q1", 123.456, "high"), RowFactory.create("q2", 20.0, "low"),
        RowFactory.create("q3", 80.0, "medium"), RowFactory.create("q4", 5.0, "low")));
    sources.put("customer_loyalty", rows(new StructType().add("customer_id", "string").add("is_member", "boolean")
            .add("last_purchase_amount", "decimal(18,4)").add("days_to_choose", "int").add("returned_orders", "long")
            .add("bought_after_return", "boolean"),
        RowFactory.create("q1", true, new java.math.BigDecimal("12.3456"), 4, 1L, true),
        RowFactory.create("q2", false, null, null, 2L, false),
        RowFactory.create("q3", true, new java.math.BigDecimal("80.0000"), 0, null, null),
        RowFactory.create("q4", false, null, null, null, null), RowFactory.create("q5", true, null, null, null, null)));
    Dataset<Row> universe = rows(new StructType().add("customer_id", "string"), RowFactory.create("q1"),
        RowFactory.create("q2"), RowFactory.create("q3"), RowFactory.create("q4"), RowFactory.create("q5"));

    Map<String, Row> profile = profileById(TagEvaluation.evaluate(TagEvaluation.sourceRows(universe, sources), tags));

    assertThat(profile.values().stream().collect(Collectors.toMap(r -> r.<String>getAs("customer_id"),
        r -> r.getAs("value_quadrant") + "/" + r.getAs("remaining_value") + "/" + r.getAs("last_purchase_amount") + "/"
            + r.getAs("days_to_choose") + "/" + r.getAs("return_tolerance"))))
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "q1", "high_current_high_future/123.46/12.35/4.0/bought_again",
            "q2", "high_current_low_future/null/null/null/not_since",
            "q3", "low_current_high_future/80.0/80.0/0.0/null",
            "q4", "low_current_low_future/null/null/null/null",
            "q5", "null/null/null/null/null"));
  }

  @Test
  void numbersAreWrittenPlainly() {
    List<Row> texts = spark.sql("SELECT * FROM VALUES (1.0E7), (0.5), (-2.25), (3.0), (0.1234567) AS t(x)")
        .select(TagEvaluation.numberText(org.apache.spark.sql.functions.col("x"))).collectAsList();
    assertThat(texts).extracting(r -> r.getString(0)).containsExactly("10000000", "0.5", "-2.25", "3", "0.123457");
  }

  @Test
  void statsShowCoverageDistributionAndTheChangeAgainstThePreviousAsOf() {
    StructType longForm = new StructType().add("customer_id", "string").add("tag_id", "string").add("value", "string")
        .add("numeric_value", "double");
    StructType catalogSchema = new StructType().add("tag_id", "string").add("category", "string").add("measure", "string");
    Dataset<Row> catalog = rows(catalogSchema, RowFactory.create("churn_risk", "lifecycle", "qualitative"),
        RowFactory.create("clv", "model", "quantitative"), RowFactory.create("cluster", "model", "qualitative"));
    Dataset<Row> before = TagStats.withChange(TagStats.compute(rows(longForm,
        RowFactory.create("c1", "churn_risk", "low", null), RowFactory.create("c2", "churn_risk", "low", null),
        RowFactory.create("c3", "churn_risk", "medium", null), RowFactory.create("c1", "clv", "10", 10.0)),
        catalog, 4, 50), null, null).withColumn("as_of", org.apache.spark.sql.functions.lit(Date.valueOf("2026-06-01")));
    Dataset<Row> now = TagStats.compute(rows(longForm,
        RowFactory.create("c1", "churn_risk", "high", null), RowFactory.create("c2", "churn_risk", "low", null),
        RowFactory.create("c1", "clv", "10", 10.0), RowFactory.create("c2", "clv", "30", 30.0)), catalog, 4, 50);
    Map<String, Row> stats = TagStats.withChange(now, before, java.time.LocalDate.parse("2026-06-01")).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("tag_id") + "|" + r.getAs("value"), r -> r));
    assertThat(stats).containsOnlyKeys("churn_risk|*", "churn_risk|high", "churn_risk|low", "churn_risk|medium", "clv|*", "cluster|*");
    assertThat(stats.get("churn_risk|*").<Double>getAs("coverage")).isEqualTo(0.5);
    assertThat(stats.get("churn_risk|*").<Double>getAs("previous_share")).isEqualTo(0.75);
    assertThat(stats.get("churn_risk|*").<Double>getAs("share_change")).isEqualTo(-0.25);
    assertThat(stats.get("churn_risk|high").<Long>getAs("customers")).isEqualTo(1L);
    assertThat(stats.get("churn_risk|high").<Long>getAs("previous_customers")).isEqualTo(0L);
    assertThat(stats.get("churn_risk|high").<Double>getAs("share_change")).isEqualTo(0.25);
    assertThat(stats.get("churn_risk|low").<Double>getAs("share_change")).isEqualTo(-0.25);
    // medium vanished: a row with no customers now
    assertThat(stats.get("churn_risk|medium").<Long>getAs("customers")).isEqualTo(0L);
    assertThat(stats.get("churn_risk|medium").<Double>getAs("share_change")).isEqualTo(-0.25);
    assertThat(stats.get("clv|*").<Double>getAs("mean")).isEqualTo(20.0);
    assertThat(stats.get("clv|*").<Double>getAs("mean_change")).isEqualTo(10.0);
    assertThat(stats.get("clv|*").<Double>getAs("min")).isEqualTo(10.0);
    assertThat(stats.get("clv|*").<Double>getAs("max")).isEqualTo(30.0);
    assertThat(stats.get("cluster|*").<Long>getAs("customers")).isZero();
    assertThat(stats.get("cluster|*").<Double>getAs("coverage")).isEqualTo(0.0);
    assertThat(stats.get("cluster|*").<Date>getAs("previous_as_of")).isEqualTo(Date.valueOf("2026-06-01"));
  }

  @Test
  void statsKeepTheMostFrequentValuesAndSumTheRestAsOther() {
    StructType longForm = new StructType().add("customer_id", "string").add("tag_id", "string").add("value", "string")
        .add("numeric_value", "double");
    Dataset<Row> catalog = rows(new StructType().add("tag_id", "string").add("category", "string").add("measure", "string"),
        RowFactory.create("city", "demographic", "qualitative"));
    Map<String, Long> counts = TagStats.compute(rows(longForm, RowFactory.create("a", "city", "Shanghai", null),
        RowFactory.create("b", "city", "Shanghai", null), RowFactory.create("c", "city", "Beijing", null),
        RowFactory.create("d", "city", "Wuhan", null)), catalog, 5, 1).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("value"), r -> r.getAs("customers")));
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("*", 4L, "Shanghai", 2L, "(other)", 2L));
  }

  @Test
  void anAudienceIsTheCustomersWhoseTagsMatchAndABadExpressionIsAClearError() {
    Dataset<Row> profile = TagEvaluation.evaluate(TagEvaluation.sourceRows(universe(), sources()), TAGS);
    assertThat(Audience.select(profile, "purchasing_power = 'low' AND churn_risk = 'high'", List.of("total_spend"))
        .collectAsList()).extracting(r -> r.getString(0) + " " + r.getDouble(1)).containsExactly("c2 12.5");
    assertThatThrownBy(() -> Audience.select(profile, "churn_rsk = 'high'", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot select an audience with 'churn_rsk = 'high'':")
        .hasMessageContaining("churn_rsk");
    assertThatThrownBy(() -> Audience.select(profile, "total_spend + 1", List.of()))
        .hasMessage("Cannot select an audience with 'total_spend + 1': it is double, not a condition (true or false)");
  }
}
