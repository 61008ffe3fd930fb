package io.clientele.value;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class CustomerValueTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-07-01");
  private final SparkSession spark;

  CustomerValueTest(SparkSession spark) {
    this.spark = spark;
  }

  private static Map<String, String> byCustomer(Dataset<Row> rows, String... columns) {
    return rows.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("customer_id"),
        r -> java.util.Arrays.stream(columns).map(c -> String.valueOf((Object) r.getAs(c))).collect(Collectors.joining("/"))));
  }

  @Test
  void abcClassesTakeTheSmallestSetReachingEachRevenueShareAndTiersFollowTheRank() {
    Dataset<Row> lines = new Lines().paid("W", "1", "2026-06-01", "60").paid("X", "2", "2026-06-01", "25")
        .paid("Y", "3", "2026-06-01", "10").paid("Z", "4", "2026-06-01", "5").build(spark);
    CustomerValue.Cutoffs cutoffs = new CustomerValue.Cutoffs(0.8, 0.95, 0.25, 0.5, 0.75, 0.5);

    Dataset<Row> classed = CustomerValue.withAbcAndTier(Rfm.measures(lines, AS_OF, false), cutoffs);

    assertThat(byCustomer(classed, "abc_class", "tier")).containsExactlyInAnyOrderEntriesOf(Map.of(
        "W", "A/key_important", "X", "A/key_secondary", "Y", "B/ordinary", "Z", "C/small"));
    assertThat(byCustomer(classed, "revenue_share")).containsEntry("W", "0.6");
  }

  @Test
  void returnHeavyCustomersAreBadWhateverTheySpend() {
    Dataset<Row> lines = new Lines().paid("R", "1", "2026-06-01", "100").line("R", "2", "2026-06-02", "returned", "60", false, false)
        .paid("S", "3", "2026-06-01", "10").build(spark);
    CustomerValue.Cutoffs cutoffs = new CustomerValue.Cutoffs(0.8, 0.95, 0.25, 0.5, 0.75, 0.5);

    assertThat(byCustomer(CustomerValue.withAbcAndTier(Rfm.measures(lines, AS_OF, false), cutoffs), "tier"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("R", "bad", "S", "small"));
  }

  @Test
  void valueClassesFollowTheStoreExerciseRulesWithDaysBetweenTheFirstPurchases() {
    Dataset<Row> lines = new Lines()
        .paid("X", "x1", "2026-05-01", "50").paid("X", "x2", "2026-05-03", "50").paid("X", "x3", "2026-05-10", "50")
        .paid("X", "x4", "2026-05-20", "100")
        .paid("Y", "y1", "2026-05-01", "100").paid("Y", "y2", "2026-05-05", "50")
        .paid("Z", "z1", "2026-05-01", "30").paid("Z", "z2", "2026-05-02", "30").paid("Z", "z3", "2026-05-03", "30")
        .paid("V", "v1", "2026-05-01", "30").paid("V", "v2", "2026-05-02", "30").paid("V", "v3", "2026-05-03", "30")
        .paid("V", "v4", "2026-05-04", "30").paid("V", "v5", "2026-05-05", "30")
        .build(spark);
    CustomerValue.ClassRules rules = new CustomerValue.ClassRules(200, 4, 100, 2, 3);

    Dataset<Row> classes = CustomerValue.valueClasses(lines, rules);

    assertThat(byCustomer(classes, "value_class", "recent_purchases", "days_1st_to_2nd", "days_2nd_to_3rd"))
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "X", "high/4/2/7", "Y", "medium/2/4/null", "Z", "low/3/1/1", "V", "low/5/1/1"));
  }
}
