package io.clientele.lake;

import static io.clientele.lake.SmallSets.distinctCount;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class SmallSetsTest {
  private final SparkSession spark;

  SmallSetsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void countsWhatCountDistinctCountsNullsAndRepeatsIncludedInSeveralAggregatesAtOnce() {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("order_id", DataTypes.StringType)
        .add("channel", DataTypes.StringType);
    Dataset<Row> lines = spark.createDataFrame(List.of(
        RowFactory.create("A", "a1", "online"), RowFactory.create("A", "a1", "online"), RowFactory.create("A", "a2", "store"),
        RowFactory.create("A", null, "online"), RowFactory.create("B", null, "store"), RowFactory.create("C", "c1", null),
        RowFactory.create("C", "c2", "online"), RowFactory.create("C", "c3", "online")), schema).repartition(3);

    Dataset<Row> sets = lines.groupBy("customer_id").agg(distinctCount(col("order_id")).as("orders"),
        distinctCount(when(col("channel").equalTo("online"), col("order_id"))).as("online"));
    Dataset<Row> distinct = lines.groupBy("customer_id").agg(countDistinct(col("order_id")).as("orders"),
        countDistinct(when(col("channel").equalTo("online"), col("order_id"))).as("online"));

    assertThat(sets.schema()).isEqualTo(distinct.schema());
    assertThat(sets.orderBy("customer_id").collectAsList().toString()).isEqualTo("[[A,2,1], [B,0,0], [C,3,2]]");
    assertThat(sets.exceptAll(distinct).count()).isZero();
    assertThat(distinct.exceptAll(sets).count()).isZero();
  }
}
