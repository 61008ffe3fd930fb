package io.clientele.model;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class FitPartitionsTest {
  private final SparkSession spark;

  FitPartitionsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void smallInputsGoIntoOnePartitionInTheirKeysOrderLargerOnesStayAsTheyAre() {
    Dataset<Row> rows = spark.range(0, 40, 1, 4).toDF("id").orderBy(col("id").desc()).repartition(4);
    List<Long> order = LongStream.range(0, 40).boxed().collect(Collectors.toList());

    Dataset<Row> small = FitPartitions.oneIfSmall(rows, 40, 40, col("id"));
    assertThat(small.javaRDD().getNumPartitions()).isEqualTo(1);
    assertThat(small.collectAsList().stream().map(r -> r.getLong(0))).containsExactlyElementsOf(order);

    assertThat(FitPartitions.oneIfSmall(rows, 40, 39, col("id")).javaRDD().getNumPartitions()).isEqualTo(4);
    // 0 turns it off.
    assertThat(FitPartitions.oneIfSmall(rows, 40, 0, col("id")).javaRDD().getNumPartitions()).isEqualTo(4);
  }
}
