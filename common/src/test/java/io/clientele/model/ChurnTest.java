package io.clientele.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
class ChurnTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-05-01");
  private static final Churn.Windows WINDOWS = new Churn.Windows(90, 30);
  private final SparkSession spark;

  ChurnTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> features() {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("recency_days", DataTypes.IntegerType);
    return spark.createDataFrame(List.of(RowFactory.create("stays", 10), RowFactory.create("leaves", 90),
        RowFactory.create("late", 20), RowFactory.create("gone", 91)), schema);
  }

  private Dataset<Row> transactions() {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("order_date", DataTypes.DateType)
        .add("status", DataTypes.StringType);
    return spark.createDataFrame(List.of(
        RowFactory.create("stays", Date.valueOf("2026-05-01"), "paid"),
        RowFactory.create("leaves", Date.valueOf("2026-05-10"), "cancelled"),
        RowFactory.create("late", Date.valueOf("2026-05-31"), "paid"),
        RowFactory.create("gone", Date.valueOf("2026-05-02"), "paid")), schema);
  }

  @Test
  void onlyActiveCustomersAreLabelledAndOnlyAPaidPurchaseInTheHorizonKeepsThem() {
    Map<String, Double> labels = new HashMap<>();
    for (Row row : Churn.withLabel(Churn.filterActive(features(), WINDOWS), transactions(), AS_OF, WINDOWS).collectAsList()) {
      labels.put(row.getAs("customer_id"), row.getAs("label"));
    }

    // "late" buys on 2026-05-31, the first day after the 30-day horizon [05-01, 05-31): churned.
    assertThat(labels).containsOnlyKeys("stays", "leaves", "late")
        .containsEntry("stays", 0.0).containsEntry("leaves", 1.0).containsEntry("late", 1.0);
  }

  @Test
  void riskBandsStartAtTheirCutOffs() {
    StructType schema = new StructType().add("p", DataTypes.DoubleType);
    Dataset<Row> scored = spark.createDataFrame(List.of(RowFactory.create(0.39), RowFactory.create(0.4),
        RowFactory.create(0.69), RowFactory.create(0.7)), schema);

    List<String> bands = Churn.withRiskBand(scored, "p", List.of(0.4, 0.7)).orderBy("p").collectAsList().stream()
        .map(r -> r.<String>getAs("risk_band")).toList();

    assertThat(bands).containsExactly("low", "medium", "medium", "high");
    assertThatThrownBy(() -> Churn.withRiskBand(scored, "p", List.of(0.7, 0.4)))
        .hasMessage("Cannot band risks: expected two ascending cut-offs, got [0.7, 0.4]");
  }
}
