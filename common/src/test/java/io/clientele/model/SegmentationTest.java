package io.clientele.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * KMeans fits cost one Spark job per iteration: the fit over k = 2..5 of the three groups is made once (lazily,
 * by the first test that needs it) and each test that fits again compares with it.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentationTest {
  private static final List<String> COLUMNS = List.of("recency_days", "frequency", "monetary");
  /** model.single-partition-rows above the inputs' size: they are fitted in one partition (FitPartitions' path). */
  private static final int ROWS_IN_ONE_PARTITION = 50_000;
  private static final StructType SCHEMA = new StructType().add("customer_id", DataTypes.StringType)
      .add("group", DataTypes.StringType).add("recency_days", DataTypes.IntegerType)
      .add("frequency", DataTypes.LongType).add("monetary", DataTypes.DoubleType);
  private final SparkSession spark;
  private Dataset<Row> features;
  private Segmentation.Fit fitTwoToFive;

  SegmentationTest(SparkSession spark) {
    this.spark = spark;
  }

  /** Three groups far apart: recent big spenders, lapsed one-off small buyers, and a middle group. */
  private Dataset<Row> groups() {
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    int[][] centres = {{5, 20, 5000}, {300, 1, 20}, {90, 6, 600}};
    String[] names = {"vip", "lost", "middle"};
    for (int g = 0; g < 3; g++) {
      for (int i = 0; i < 30; i++) {
        rows.add(RowFactory.create(names[g] + i, names[g], centres[g][0] + random.nextInt(5),
            (long) (centres[g][1] + random.nextInt(2)), centres[g][2] * (1 + 0.05 * random.nextDouble())));
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** The three groups and their fit over k = 2..5, made once. */
  private Segmentation.Fit fitTwoToFive() {
    if (fitTwoToFive == null) {
      features = groups();
      fitTwoToFive = Segmentation.fit(features, COLUMNS, 2, 5, 42, ROWS_IN_ONE_PARTITION);
    }
    return fitTwoToFive;
  }

  private static Map<String, Integer> segments(Dataset<Row> assigned) {
    Map<String, Integer> byCustomer = new HashMap<>();
    for (Row row : assigned.select("customer_id", Segmentation.SEGMENT_ID).collectAsList()) {
      byCustomer.put(row.getString(0), row.getInt(1));
    }
    return byCustomer;
  }

  @Test
  void wellSeparatedGroupsAreRecoveredWithKChosenBySilhouette() {
    Segmentation.Fit fit = fitTwoToFive();
    Map<String, Integer> segments = segments(Segmentation.assign(fit.model(), features, COLUMNS));

    assertThat(fit.k()).isEqualTo(3);
    assertThat(fit.silhouettes()).containsOnlyKeys(2, 3, 4, 5);
    for (String group : List.of("vip", "lost", "middle")) {
      Set<Integer> ids = new HashSet<>();
      segments.forEach((customer, id) -> {
        if (customer.startsWith(group)) {
          ids.add(id);
        }
      });
      assertThat(ids).as(group).hasSize(1);
    }
    assertThat(new HashSet<>(segments.values())).hasSize(3);
  }

  @Test
  void aRerunGivesTheSameSegments() {
    Segmentation.Fit once = fitTwoToFive();
    Map<String, Integer> first = segments(Segmentation.assign(once.model(), features, COLUMNS));
    Segmentation.Fit again = Segmentation.fit(groups(), COLUMNS, 2, 5, 42, ROWS_IN_ONE_PARTITION);
    Map<String, Integer> second = segments(Segmentation.assign(again.model(), features, COLUMNS));

    assertThat(again.k()).isEqualTo(once.k());
    assertThat(second).isEqualTo(first);
  }

  @Test
  void profilesNameSegmentsByRecencyFrequencyAndSpend() {
    Dataset<Row> features = groups();
    Segmentation.Fit fit = Segmentation.fit(features, COLUMNS, 3, 3, 42, ROWS_IN_ONE_PARTITION);

    List<Row> profiles = Segmentation.profiles(spark, Segmentation.assign(fit.model(), features, COLUMNS), COLUMNS).collectAsList();

    Set<String> names = new HashSet<>();
    double revenueShares = 0;
    for (Row p : profiles) {
      names.add(p.getAs(Segmentation.SEGMENT_NAME));
      assertThat(p.<Long>getAs("customers")).isEqualTo(30L);
      revenueShares += p.<Double>getAs("revenue_share");
    }
    // Means of all: recency 134 days, 9.5 orders, 1,920 spent; a quarter below or above is different.
    assertThat(names).containsExactlyInAnyOrder("recent frequent big spenders", "lapsed occasional small spenders",
        "recent occasional small spenders");
    assertThat(revenueShares).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  /** 160 customers around four centres that overlap: k-means has local optima, so its starts matter. */
  private List<Row> overlappingGroups() {
    Random random = new Random(3);
    double[][] centres = {{30, 4, 400}, {60, 6, 700}, {120, 3, 300}, {90, 8, 1000}};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      double[] c = centres[i % 4];
      rows.add(RowFactory.create(String.format("c%03d", i), "g" + i % 4, (int) Math.max(1, c[0] + 35 * random.nextGaussian()),
          (long) Math.max(1, Math.round(c[1] + 3 * random.nextGaussian())), Math.max(1, c[2] + 350 * random.nextGaussian())));
    }
    return rows;
  }

  @Test
  void theSameCustomersGiveTheSameSegmentsInAnyLayout() {
    List<Row> rows = overlappingGroups();
    List<Row> reversed = new ArrayList<>(rows);
    java.util.Collections.reverse(reversed);
    Dataset<Row> onePartition = spark.createDataFrame(rows, SCHEMA).coalesce(1);
    Dataset<Row> fivePartitions = spark.createDataFrame(reversed, SCHEMA).repartition(5);
    String shufflePartitions = spark.conf().get("spark.sql.shuffle.partitions");

    Segmentation.Fit first = Segmentation.fit(onePartition, COLUMNS, 2, 6, 42, ROWS_IN_ONE_PARTITION);
    Map<String, Integer> firstSegments = segments(Segmentation.assign(first.model(), onePartition, COLUMNS));
    Segmentation.Fit second;
    Map<String, Integer> secondSegments;
    // Another machine: other shuffle partitions (a cluster's 200, say) as well as another incoming layout.
    spark.conf().set("spark.sql.shuffle.partitions", "7");
    try {
      second = Segmentation.fit(fivePartitions, COLUMNS, 2, 6, 42, ROWS_IN_ONE_PARTITION);
      secondSegments = segments(Segmentation.assign(second.model(), onePartition, COLUMNS));
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    }

    System.out.println("k " + first.k() + " / " + second.k() + ", silhouettes " + first.silhouettes() + " / "
        + second.silhouettes());
    assertThat(second.k()).isEqualTo(first.k());
    // The silhouette's sums group by segment through a shuffle, so they may differ in the last bits.
    assertThat(second.silhouettes()).containsOnlyKeys(first.silhouettes().keySet());
    first.silhouettes().forEach((k, silhouette) ->
        assertThat(second.silhouettes().get(k)).as("silhouette at k = " + k).isCloseTo(silhouette, within(1e-9)));
    assertThat(secondSegments).isEqualTo(firstSegments);
  }
}
