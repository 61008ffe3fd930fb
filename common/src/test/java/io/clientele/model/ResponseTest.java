package io.clientele.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class ResponseTest {
  private static final StructType CONTACTS = new StructType()
      .add("campaign_id", DataTypes.StringType).add("customer_id", DataTypes.StringType)
      .add("contact_date", DataTypes.DateType).add("responded", DataTypes.BooleanType)
      .add("response_date", DataTypes.DateType);

  private final SparkSession spark;

  ResponseTest(SparkSession spark) {
    this.spark = spark;
  }

  private static Row contact(String campaign, String customer, String day, boolean responded, String responseDay) {
    return RowFactory.create(campaign, customer, Date.valueOf(day), responded,
        responseDay == null ? null : Date.valueOf(responseDay));
  }

  @Test
  void theSplitKeepsEveryTrainingLabelBeforeTheFirstEvaluationContact() {
    Response.Split split = Response.split(LocalDate.parse("2026-07-01"), 14, 90);
    // The last evaluated contact's window (its day and the 14 after) ends on 2026-06-30, the eve of the as-of date.
    assertThat(split.evaluationLast()).isEqualTo(LocalDate.parse("2026-06-16"));
    assertThat(split.evaluationFirst()).isEqualTo(LocalDate.parse("2026-03-19"));
    // The last trained contact's window ends on 2026-03-18, the eve of the first evaluated contact.
    assertThat(split.trainingLast()).isEqualTo(LocalDate.parse("2026-03-04"));
    assertThatThrownBy(() -> Response.split(LocalDate.parse("2026-07-01"), 14, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot split contacts");
  }

  @Test
  void aResponseCountsOnlyWithinTheWindowOfItsContact() {
    Dataset<Row> contacts = spark.createDataFrame(List.of(
        contact("c1", "same-day", "2026-05-01", true, "2026-05-01"),
        contact("c1", "last-day", "2026-05-01", true, "2026-05-15"),
        contact("c1", "too-late", "2026-05-01", true, "2026-05-16"),
        contact("c1", "before", "2026-05-01", true, "2026-04-30"),
        contact("c1", "no-date", "2026-05-01", true, null),
        contact("c1", "silent", "2026-05-01", false, null)), CONTACTS);

    Map<String, Double> labels = new HashMap<>();
    for (Row r : Response.withLabel(contacts, 14).collectAsList()) {
      labels.put(r.getAs("customer_id"), r.getAs(PreparedTable.LABEL));
    }

    assertThat(labels).containsExactlyInAnyOrderEntriesOf(Map.of("same-day", 1.0, "last-day", 1.0, "too-late", 0.0,
        "before", 0.0, "no-date", 0.0, "silent", 0.0));
  }

  @Test
  void aContactOfACustomerWhoHadNotBoughtKeepsItsRowWithoutPurchaseFeatures() {
    Dataset<Row> contacts = Response.withLabel(spark.createDataFrame(List.of(
        contact("c1", "a", "2026-05-01", false, null),
        contact("c2", "a", "2026-06-01", true, "2026-06-02"),
        contact("c2", "new", "2026-06-01", false, null)), CONTACTS), 14);
    Dataset<Row> featuresAt = spark.createDataFrame(List.of(
            RowFactory.create("a", Date.valueOf("2026-05-01"), 3L),
            RowFactory.create("a", Date.valueOf("2026-06-01"), 4L)),
        new StructType().add("customer_id", DataTypes.StringType).add("contact_date", DataTypes.DateType)
            .add("frequency", DataTypes.LongType));

    Map<String, Row> rows = new HashMap<>();
    for (Row r : Response.modelRows(contacts, featuresAt).collectAsList()) {
      rows.put(r.getAs("campaign_id") + "/" + r.getAs("customer_id"), r);
    }

    assertThat(rows).containsOnlyKeys("c1/a", "c2/a", "c2/new");
    assertThat(rows.get("c1/a").<Long>getAs("frequency")).isEqualTo(3L);
    assertThat(rows.get("c2/a").<Long>getAs("frequency")).isEqualTo(4L);
    assertThat(rows.get("c2/a").<Double>getAs(PreparedTable.LABEL)).isEqualTo(1.0);
    assertThat(rows.get("c2/a").<Double>getAs(Response.HAS_PURCHASED)).isEqualTo(1.0);
    assertThat(rows.get("c2/new").<Long>getAs("frequency")).isNull();
    assertThat(rows.get("c2/new").<Double>getAs(Response.HAS_PURCHASED)).isEqualTo(0.0);
  }

  @Test
  void theOutcomeAddsUpTheAudienceAndThePartWorthContacting() {
    Response.Plan plan = new Response.Plan("spring", "sms", "10% off", 1.0, 20.0);
    Dataset<Row> scored = spark.createDataFrame(List.of(
            RowFactory.create("a", 0.5), RowFactory.create("b", 0.1), RowFactory.create("c", 0.02)),
        new StructType().add("customer_id", DataTypes.StringType).add(Response.RESPONSE_PROBABILITY, DataTypes.DoubleType));

    Dataset<Row> valued = Response.withPropensityBand(Response.withExpectedValue(scored, plan), List.of(0.1, 0.3));
    Map<String, Row> byCustomer = new HashMap<>();
    for (Row r : valued.collectAsList()) {
      byCustomer.put(r.getAs("customer_id"), r);
    }
    Row o = Response.outcome(valued, plan, LocalDate.parse("2026-07-01")).first();

    // a: 0.5 x 20 - 1 = 9; b: 2 - 1 = 1; c: 0.4 - 1 = -0.6 (not worth a contact).
    assertThat(byCustomer.get("a").<Double>getAs(Response.EXPECTED_VALUE)).isCloseTo(9.0, within(1e-12));
    assertThat(byCustomer.get("c").<Double>getAs(Response.EXPECTED_VALUE)).isCloseTo(-0.6, within(1e-12));
    assertThat(byCustomer.get("a").<String>getAs(Response.PROPENSITY_BAND)).isEqualTo("high");
    assertThat(byCustomer.get("b").<String>getAs(Response.PROPENSITY_BAND)).isEqualTo("medium");
    assertThat(byCustomer.get("c").<String>getAs(Response.PROPENSITY_BAND)).isEqualTo("low");
    assertThat(o.<Long>getAs("audience")).isEqualTo(3L);
    assertThat(o.<Double>getAs("expected_responders")).isCloseTo(0.62, within(1e-12));
    assertThat(o.<Double>getAs("expected_revenue")).isCloseTo(12.4, within(1e-12));
    assertThat(o.<Double>getAs("cost")).isCloseTo(3.0, within(1e-12));
    assertThat(o.<Double>getAs("expected_return")).isCloseTo(9.4, within(1e-12));
    assertThat(o.<Long>getAs("targeted")).isEqualTo(2L);
    assertThat(o.<Double>getAs("targeted_expected_responders")).isCloseTo(0.6, within(1e-12));
    assertThat(o.<Double>getAs("targeted_expected_return")).isCloseTo(10.0, within(1e-12));
    assertThat(o.<String>getAs("campaign_id")).isEqualTo("spring");
  }

  @Test
  void badBandsAndNegativeCostsAreRefused() {
    Dataset<Row> scored = spark.createDataFrame(List.of(RowFactory.create(0.5)),
        new StructType().add(Response.RESPONSE_PROBABILITY, DataTypes.DoubleType));
    assertThatThrownBy(() -> Response.withPropensityBand(scored, List.of(0.3, 0.1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two ascending cut-offs");
    assertThatThrownBy(() -> new Response.Plan("x", "sms", "none", -1, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
  }
}
