package io.clientele.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;

import io.clientele.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class DrawsTest {
  private final SparkSession spark;

  DrawsTest(SparkSession spark) {
    this.spark = spark;
  }

  private static List<Row> drawn(Dataset<Row> ids, long seed) {
    return Draws.withDraw(ids, seed, List.of("id")).select(col("id"), Draws.fold(3).as("fold"), Draws.isHeldOut(0.25).as("out"))
        .orderBy("id").collectAsList();
  }

  @Test
  void aRowsFoldAndSideDependOnItsIdentityAndTheSeedNotOnTheLayout() {
    Dataset<Row> inOne = spark.range(0, 3000, 1, 1).toDF("id");
    Dataset<Row> inNineReversed = spark.range(0, 3000, 1, 9).toDF("id").orderBy(col("id").desc()).repartition(9);

    List<Row> first = drawn(inOne, 42);

    assertThat(drawn(inNineReversed, 42)).isEqualTo(first);
    assertThat(drawn(inOne, 7)).isNotEqualTo(first);
    // Each fold about a third, about a quarter held out (3,000 rows: a standard deviation of about 26 and 24).
    for (int fold = 0; fold < 3; fold++) {
      int f = fold;
      assertThat(first.stream().filter(r -> r.getInt(1) == f).count()).isBetween(900L, 1100L);
    }
    assertThat(first.stream().filter(r -> r.getBoolean(2)).count()).isBetween(650L, 850L);
  }

  @Test
  void drawingNeedsItsIdentityColumns() {
    Dataset<Row> ids = spark.range(0, 3).toDF("id");

    assertThatThrownBy(() -> Draws.withDraw(ids, 42, List.of("customer_id")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Cannot draw folds: missing identity columns [customer_id]");
  }
}
