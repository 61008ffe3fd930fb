package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.jobs.steps.GoldSlice;
import io.clientele.lake.Lake;
import io.clientele.testing.SparkExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The slice a gold write replaces is its own, whatever text the value that tells slices apart holds. */
@ExtendWith(SparkExtension.class)
class GoldSliceTest {
  private static final String DB = "gold_slice";
  private static final LocalDate AS_OF = LocalDate.parse("2026-07-01");
  private static final StructType SCHEMA = new StructType()
      .add("as_of", DataTypes.DateType, false)
      .add("campaign_id", DataTypes.StringType, false)
      .add("customer_id", DataTypes.StringType, false);
  private final SparkSession spark;

  GoldSliceTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void aCampaignIdWithQuotesAndBackslashesReplacesOnlyItsOwnSlice() {
    Lake lake = new Lake(spark, DB).ensureDatabase();
    // In a Spark SQL literal \' is a quote and -- starts a comment: quoted into a predicate, this id made it
    // "... OR true", which replaced every campaign's rows.
    String hostile = "x\\' OR true --";

    write(lake, "hostile_table", "summer", "c1");
    write(lake, "hostile_table", "autumn", "c2");
    long written = write(lake, "hostile_table", hostile, "c3");

    List<String> rows = lake.read("hostile_table").orderBy("customer_id").collectAsList().stream()
        .map(r -> r.getString(1) + "/" + r.getString(2)).collect(Collectors.toList());
    assertThat(written).isEqualTo(1);
    assertThat(rows).containsExactly("summer/c1", "autumn/c2", hostile + "/c3");
  }

  @Test
  void aRewriteOfACampaignReplacesItsRowsAndKeepsTheOthers() {
    Lake lake = new Lake(spark, DB).ensureDatabase();

    write(lake, "rewrite_table", "summer", "c1");
    write(lake, "rewrite_table", "autumn", "c2");
    write(lake, "rewrite_table", "summer", "c3");

    List<String> rows = lake.read("rewrite_table").orderBy("customer_id").collectAsList().stream()
        .map(r -> r.getString(1) + "/" + r.getString(2)).collect(Collectors.toList());
    assertThat(rows).containsExactly("autumn/c2", "summer/c3");
  }

  @Test
  void aTableWrittenBeforeAColumnWasDeclaredGainsItAndKeepsItsRows() {
    Lake lake = new Lake(spark, DB).ensureDatabase();
    write(lake, "grown_table", "summer", "c1");
    StructType grown = SCHEMA.add("score", DataTypes.DoubleType, true);
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create("autumn", "c2", 0.5)),
        new StructType().add("campaign_id", DataTypes.StringType).add("customer_id", DataTypes.StringType)
            .add("score", DataTypes.DoubleType));

    long written = GoldSlice.write(lake, "grown_table", grown, rows, AS_OF, "campaign_id", "autumn");

    List<String> all = lake.read("grown_table").orderBy("customer_id").collectAsList().stream()
        .map(r -> r.getAs("campaign_id") + "/" + r.getAs("customer_id") + "/" + r.getAs("score")).collect(Collectors.toList());
    assertThat(written).isEqualTo(1);
    assertThat(all).containsExactly("summer/c1/null", "autumn/c2/0.5");
  }

  @Test
  void aMissingColumnThatIsNotNullableIsAnErrorNamingIt() {
    Lake lake = new Lake(spark, DB).ensureDatabase();
    write(lake, "strict_table", "summer", "c1");
    StructType grown = SCHEMA.add("rank", DataTypes.IntegerType, false);
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create("autumn", "c2", 1)),
        new StructType().add("campaign_id", DataTypes.StringType).add("customer_id", DataTypes.StringType)
            .add("rank", DataTypes.IntegerType));

    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> GoldSlice.write(lake, "strict_table", grown, rows, AS_OF, "campaign_id", "autumn"))
        .hasMessageContaining("lacks column rank").hasMessageContaining("recreate the table");
    assertThat(lake.read("strict_table").count()).isEqualTo(1);
  }

  private long write(Lake lake, String table, String campaign, String customer) {
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(campaign, customer)),
        new StructType().add("campaign_id", DataTypes.StringType).add("customer_id", DataTypes.StringType));
    return GoldSlice.write(lake, table, SCHEMA, rows, AS_OF, "campaign_id", campaign);
  }
}
