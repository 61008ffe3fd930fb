package io.clientele.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
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
class CustomerFeaturesTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-07-01");
  private static final CustomerFeatures.TrendWindows TREND = new CustomerFeatures.TrendWindows(30, 90);
  private static final StructType LINES = new StructType()
      .add("customer_id", DataTypes.StringType).add("order_id", DataTypes.StringType)
      .add("order_date", DataTypes.DateType).add("status", DataTypes.StringType)
      .add("amount", io.clientele.ingest.Money.TYPE).add("quantity", DataTypes.IntegerType)
      .add("is_discounted", DataTypes.BooleanType).add("has_coupon", DataTypes.BooleanType)
      .add("category", DataTypes.StringType).add("channel", DataTypes.StringType);
  private static final StructType TRAFFIC = new StructType()
      .add("customer_id", DataTypes.StringType).add("session_id", DataTypes.StringType)
      .add("event_date", DataTypes.DateType).add("event_type", DataTypes.StringType)
      .add("dwell_seconds", DataTypes.IntegerType);
  private static final StructType SOCIAL = new StructType()
      .add("customer_id", DataTypes.StringType).add("event_date", DataTypes.DateType).add("action", DataTypes.StringType);
  private static final StructType CONTACTS = new StructType()
      .add("customer_id", DataTypes.StringType).add("contact_date", DataTypes.DateType)
      .add("responded", DataTypes.BooleanType).add("response_date", DataTypes.DateType);

  private final SparkSession spark;

  CustomerFeaturesTest(SparkSession spark) {
    this.spark = spark;
  }

  private static Row line(String customer, String order, String day, String status, String amount, int quantity,
      boolean discounted, String category, String channel) {
    return RowFactory.create(customer, order, Date.valueOf(day), status, new BigDecimal(amount), quantity, discounted,
        false, category, channel);
  }

  private Dataset<Row> lines() {
    List<Row> rows = new ArrayList<>();
    // a: three purchase days, two orders on 2026-06-20, one cancelled line, one order on the as-of date.
    rows.add(line("a", "o1", "2026-01-01", "paid", "100.00", 2, false, "shoes", "store"));
    rows.add(line("a", "o2", "2026-03-02", "paid", "50.00", 1, true, "apparel", "online"));
    rows.add(line("a", "o3", "2026-06-20", "paid", "30.00", 1, false, "shoes", "online"));
    rows.add(line("a", "o4", "2026-06-20", "paid", "20.00", 2, false, "shoes", "store"));
    rows.add(line("a", "o5", "2026-05-01", "cancelled", "999.00", 9, false, "home", "store"));
    rows.add(line("a", "o6", "2026-07-01", "paid", "500.00", 5, false, "home", "online"));
    // b: one purchase only, on the as-of date's eve.
    rows.add(line("b", "p1", "2026-06-30", "paid", "10.00", 1, false, null, "store"));
    // c: buys only on the as-of date, so is no customer yet.
    rows.add(line("c", "q1", "2026-07-01", "paid", "10.00", 1, false, "food", "store"));
    return spark.createDataFrame(rows, LINES);
  }

  private static Map<String, Row> byCustomer(Dataset<Row> features) {
    Map<String, Row> rows = new HashMap<>();
    for (Row row : features.collectAsList()) {
      rows.put(row.getAs("customer_id"), row);
    }
    return rows;
  }

  @Test
  void anOrderOnTheAsOfDateNeverLeaks() {
    Map<String, Row> features = byCustomer(CustomerFeatures.compute(lines(), null, null, null, AS_OF, TREND));

    assertThat(features).containsOnlyKeys("a", "b");
    assertThat(features.get("a").<Long>getAs("frequency")).isEqualTo(4L);
    assertThat(features.get("a").<Double>getAs("monetary")).isEqualTo(200.0);
  }

  @Test
  void purchaseFeaturesFollowTheirDefinitions() {
    Row a = byCustomer(CustomerFeatures.compute(lines(), null, null, null, AS_OF, TREND)).get("a");

    assertThat(a.<Integer>getAs("recency_days")).isEqualTo(11);
    assertThat(a.<Integer>getAs("tenure_days")).isEqualTo(181);
    assertThat(a.<Double>getAs("log_recency")).isCloseTo(Math.log(12), within(1e-12));
    assertThat(a.<Double>getAs("log_frequency")).isCloseTo(Math.log(5), within(1e-12));
    assertThat(a.<Double>getAs("log_monetary")).isCloseTo(Math.log(201), within(1e-12));
    assertThat(a.<Double>getAs("average_order_value")).isEqualTo(50.0);
    assertThat(a.<Double>getAs("items_per_order")).isEqualTo(1.5);
    assertThat(a.<Long>getAs("purchase_days")).isEqualTo(3L);
    // 2026-01-01 -> 2026-06-20 is 170 days over two gaps; the last gap 2026-03-02 -> 2026-06-20 is 110.
    assertThat(a.<Double>getAs("mean_interval_days")).isEqualTo(85.0);
    assertThat(a.<Integer>getAs("last_interval_days")).isEqualTo(110);
    assertThat(a.<Double>getAs("overdue_ratio")).isCloseTo(11.0 / 85, within(1e-12));
    assertThat(a.<Double>getAs("discount_share")).isEqualTo(0.25);
    assertThat(a.<Long>getAs("category_count")).isEqualTo(2L);
    assertThat(a.<String>getAs("top_category")).isEqualTo("shoes");
    assertThat(a.<Double>getAs("top_category_share")).isEqualTo(0.75);
    assertThat(a.<Double>getAs("online_share")).isEqualTo(0.5);
  }

  @Test
  void theTrendComparesTheLastThirtyDaysWithTheNinetyBefore() {
    Row a = byCustomer(CustomerFeatures.compute(lines(), null, null, null, AS_OF, TREND)).get("a");

    // o3 and o4 are in [06-01, 07-01); o2 (03-02) falls one day before the previous window [03-03, 06-01).
    assertThat(a.<Long>getAs("recent_orders")).isEqualTo(2L);
    assertThat(a.<Long>getAs("previous_orders")).isEqualTo(0L);
    assertThat(a.<Double>getAs("order_trend")).isCloseTo(2.0, within(1e-12));
  }

  @Test
  void aSinglePurchaseHasNoIntervals() {
    Row b = byCustomer(CustomerFeatures.compute(lines(), null, null, null, AS_OF, TREND)).get("b");

    assertThat(b.<Integer>getAs("recency_days")).isEqualTo(1);
    assertThat(b.<Object>getAs("mean_interval_days")).isNull();
    assertThat(b.<Object>getAs("last_interval_days")).isNull();
    assertThat(b.<Object>getAs("overdue_ratio")).isNull();
    assertThat(b.<Object>getAs("top_category")).isNull();
    assertThat(b.<Long>getAs("category_count")).isZero();
  }

  @Test
  void absentFeedsGiveZeros() {
    Row a = byCustomer(CustomerFeatures.compute(lines(), null, null, null, AS_OF, TREND)).get("a");

    for (String name : List.of("visits", "dwell_seconds", "funnel_depth", "reviews", "photo_reviews", "shares",
        "contacts", "responses")) {
      assertThat(((Number) a.getAs(name)).doubleValue()).as(name).isZero();
    }
  }

  @Test
  void trafficSocialAndCampaignsCountOnlyWhatWasKnownBeforeTheAsOfDate() {
    Dataset<Row> traffic = spark.createDataFrame(List.of(
        RowFactory.create("a", "s1", Date.valueOf("2026-06-01"), "enter", 60),
        RowFactory.create("a", "s1", Date.valueOf("2026-06-01"), "add_to_cart", 30),
        RowFactory.create("a", "s2", Date.valueOf("2026-06-02"), "pass_by", null),
        RowFactory.create("a", "s3", Date.valueOf("2026-07-01"), "purchase", 1000),
        RowFactory.create(null, "s4", Date.valueOf("2026-06-02"), "purchase", 10)), TRAFFIC);
    Dataset<Row> social = spark.createDataFrame(List.of(
        RowFactory.create("a", Date.valueOf("2026-05-01"), "review"),
        RowFactory.create("a", Date.valueOf("2026-05-02"), "review_with_photo"),
        RowFactory.create("a", Date.valueOf("2026-05-03"), "share"),
        RowFactory.create("a", Date.valueOf("2026-07-01"), "share")), SOCIAL);
    Dataset<Row> contacts = spark.createDataFrame(List.of(
        RowFactory.create("a", Date.valueOf("2026-05-01"), true, Date.valueOf("2026-05-03")),
        RowFactory.create("a", Date.valueOf("2026-06-25"), true, Date.valueOf("2026-07-02")),
        RowFactory.create("a", Date.valueOf("2026-07-01"), false, null),
        RowFactory.create("b", Date.valueOf("2026-06-01"), false, null)), CONTACTS);

    Map<String, Row> features = byCustomer(CustomerFeatures.compute(lines(), traffic, social, contacts, AS_OF, TREND));

    Row a = features.get("a");
    assertThat(a.<Long>getAs("visits")).isEqualTo(2L);
    assertThat(a.<Long>getAs("dwell_seconds")).isEqualTo(90L);
    assertThat(a.<Double>getAs("funnel_depth")).isEqualTo(1.5);
    assertThat(a.<Long>getAs("reviews")).isEqualTo(2L);
    assertThat(a.<Long>getAs("photo_reviews")).isEqualTo(1L);
    assertThat(a.<Long>getAs("shares")).isEqualTo(1L);
    assertThat(a.<Long>getAs("contacts")).isEqualTo(2L);
    assertThat(a.<Long>getAs("responses")).isEqualTo(1L);
    Row b = features.get("b");
    assertThat(b.<Long>getAs("visits")).isZero();
    assertThat(b.<Long>getAs("contacts")).isEqualTo(1L);
    assertThat(b.<Long>getAs("responses")).isZero();
  }

  @Test
  void featuresAtManyDatesEqualTheFeaturesComputedAtEachDate() {
    Dataset<Row> social = spark.createDataFrame(List.of(
        RowFactory.create("a", Date.valueOf("2026-05-01"), "review"),
        RowFactory.create("a", Date.valueOf("2026-06-25"), "share")), SOCIAL);
    Dataset<Row> contacts = spark.createDataFrame(List.of(
        RowFactory.create("a", Date.valueOf("2026-03-01"), true, Date.valueOf("2026-03-02")),
        RowFactory.create("a", Date.valueOf("2026-06-21"), false, null),
        RowFactory.create("b", Date.valueOf("2026-07-01"), false, null)), CONTACTS);
    // a at three dates (before any purchase: no row; after the first; at the as-of date), b at one, c none.
    Dataset<Row> keys = spark.createDataFrame(List.of(
        RowFactory.create("a", Date.valueOf("2026-01-01")),
        RowFactory.create("a", Date.valueOf("2026-03-03")),
        RowFactory.create("a", Date.valueOf("2026-07-01")),
        RowFactory.create("a", Date.valueOf("2026-07-01")),
        RowFactory.create("b", Date.valueOf("2026-07-01"))),
        new StructType().add("customer_id", DataTypes.StringType).add("contact_date", DataTypes.DateType));

    List<Row> many = CustomerFeatures.computeAt(keys, "contact_date", lines(), null, social, contacts, TREND).collectAsList();

    assertThat(many).extracting(r -> r.getAs("customer_id") + "@" + r.getAs("contact_date"))
        .containsExactlyInAnyOrder("a@2026-03-03", "a@2026-07-01", "b@2026-07-01");
    for (Row row : many) {
      LocalDate day = row.<Date>getAs("contact_date").toLocalDate();
      Row single = byCustomer(CustomerFeatures.compute(lines(), null, social, contacts, day, TREND)).get(row.<String>getAs("customer_id"));
      for (String name : single.schema().fieldNames()) {
        assertThat((Object) row.getAs(name)).as(name + " at " + day).isEqualTo(single.getAs(name));
      }
    }
    Row early = many.stream().filter(r -> r.getAs("contact_date").toString().equals("2026-03-03")).findFirst().orElseThrow();
    assertThat(early.<Long>getAs("frequency")).isEqualTo(2L);
    assertThat(early.<Long>getAs("contacts")).isEqualTo(1L);
    assertThat(early.<Long>getAs("responses")).isEqualTo(1L);
    assertThat(early.<Long>getAs("shares")).isZero();
  }

  @Test
  void missingColumnsAreNamed() {
    assertThatThrownBy(() -> CustomerFeatures.compute(lines().drop("channel", "quantity"), null, null, null, AS_OF, TREND))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot compute features from transactions: missing columns [quantity, channel]");
  }
}
