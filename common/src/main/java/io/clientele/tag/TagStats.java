package io.clientele.tag;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.lake.Schemas;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Coverage and value distribution per tag, and the change against the previous as-of (drift). One row per tag
 * with value {@value #ALL} (coverage; for quantitative tags mean, deviation and quartiles), and for qualitative
 * tags one row per value (the {@code maxValues} most frequent; the rest summed as {@value #OTHER}).
 */
public final class TagStats {
  private TagStats() {}

  public static final String ALL = "*";
  public static final String OTHER = "(other)";
  private static final scala.collection.Seq<String> KEY =
      scala.collection.JavaConverters.asScalaBuffer(java.util.List.of("tag_id", "value")).toSeq();

  /**
   * Statistics of one as-of. {@code tags}: customer_id, tag_id, value, numeric_value; {@code catalog}: tag_id,
   * category, measure (every tag gets its row, with coverage 0 when nobody has a value); {@code population}: the
   * customers of the as-of.
   */
  public static Dataset<Row> compute(Dataset<Row> tags, Dataset<Row> catalog, long population, int maxValues) {
    Schemas.requireColumns(tags, "compute tag statistics", TagEvaluation.TAG_ID, TagEvaluation.VALUE, TagEvaluation.NUMERIC_VALUE);
    Schemas.requireColumns(catalog, "compute tag statistics", "tag_id", "category", "measure");
    Column total = lit(population);
    Dataset<Row> perTag = tags.groupBy("tag_id").agg(
        count(lit(1)).as("customers"),
        avg(TagEvaluation.NUMERIC_VALUE).as("mean"),
        stddev_samp(TagEvaluation.NUMERIC_VALUE).as("stddev"),
        min(TagEvaluation.NUMERIC_VALUE).as("min"),
        expr("percentile_approx(numeric_value, array(0.25, 0.5, 0.75))").as("quartiles"),
        max(TagEvaluation.NUMERIC_VALUE).as("max"));
    Dataset<Row> tagRows = catalog.select("tag_id", "category", "measure")
        .join(perTag, "tag_id", "left")
        .select(col("tag_id"), col("category"), col("measure"), lit(ALL).as("value"),
            coalesce(col("customers"), lit(0L)).as("customers"),
            col("mean"), col("stddev"), col("min"),
            col("quartiles").getItem(0).as("p25"), col("quartiles").getItem(1).as("median"),
            col("quartiles").getItem(2).as("p75"), col("max"));
    Dataset<Row> coverage = tagRows.select(col("tag_id"), col("customers").as("covered"));

    Dataset<Row> counted = tags.join(catalog.where(col("measure").equalTo("qualitative")).select("tag_id"), "tag_id")
        .groupBy("tag_id", "value").agg(count(lit(1)).as("customers"))
        .withColumn("_rank", row_number().over(Window.partitionBy("tag_id").orderBy(col("customers").desc(), col("value").asc())));
    Dataset<Row> valueRows = counted
        .withColumn("value", when(col("_rank").leq(maxValues), col("value")).otherwise(lit(OTHER)))
        .groupBy("tag_id", "value").agg(sum("customers").as("customers"))
        .join(catalog.select("tag_id", "category", "measure"), "tag_id")
        .select(col("tag_id"), col("category"), col("measure"), col("value"), col("customers"),
            nullDouble("mean"), nullDouble("stddev"), nullDouble("min"), nullDouble("p25"), nullDouble("median"),
            nullDouble("p75"), nullDouble("max"));

    return tagRows.unionByName(valueRows)
        .join(coverage, "tag_id")
        .withColumn("population", total)
        .withColumn("share", population > 0 ? col("customers").divide(total) : lit(null).cast(DataTypes.DoubleType))
        .withColumn("coverage", population > 0 ? col("covered").divide(total) : lit(null).cast(DataTypes.DoubleType))
        .drop("covered");
  }

  /**
   * Adds the previous as-of's figures and the change: previous_as_of, previous_customers, previous_share,
   * share_change, previous_mean, mean_change. A value of a qualitative tag seen at the previous as-of and not
   * now gets a row with 0 customers, so that a vanished value shows as a change too. Without a previous as-of
   * ({@code previous} null) the columns are null.
   */
  public static Dataset<Row> withChange(Dataset<Row> current, Dataset<Row> previous, LocalDate previousAsOf) {
    if (previous == null || previousAsOf == null) {
      return current
          .withColumn("previous_as_of", lit(null).cast(DataTypes.DateType))
          .withColumn("previous_customers", lit(null).cast(DataTypes.LongType))
          .withColumn("previous_share", lit(null).cast(DataTypes.DoubleType))
          .withColumn("share_change", lit(null).cast(DataTypes.DoubleType))
          .withColumn("previous_mean", lit(null).cast(DataTypes.DoubleType))
          .withColumn("mean_change", lit(null).cast(DataTypes.DoubleType));
    }
    Dataset<Row> before = previous.select(col("tag_id"), col("value"), col("customers").as("previous_customers"),
        col("share").as("previous_share"), col("mean").as("previous_mean"));
    Dataset<Row> tagRows = current.where(col("value").equalTo(ALL));
    Dataset<Row> vanished = before
        .where(col("value").notEqual(ALL))
        .join(current.select("tag_id", "value"), KEY, "left_anti")
        .join(tagRows.where(col("measure").equalTo("qualitative"))
            .select("tag_id", "category", "measure", "population", "coverage"), "tag_id")
        .select(col("tag_id"), col("category"), col("measure"), col("value"), col("population"), lit(0L).as("customers"),
            lit(0.0).as("share"), col("coverage"), nullDouble("mean"), nullDouble("stddev"), nullDouble("min"),
            nullDouble("p25"), nullDouble("median"), nullDouble("p75"), nullDouble("max"));
    return current.unionByName(vanished)
        .join(before, KEY, "left")
        .withColumn("previous_as_of", lit(Date.valueOf(previousAsOf)))
        .withColumn("previous_customers", coalesce(col("previous_customers"), lit(0L)))
        .withColumn("previous_share", coalesce(col("previous_share"), when(col("share").isNotNull(), lit(0.0))))
        .withColumn("share_change", col("share").minus(col("previous_share")))
        .withColumn("mean_change", col("mean").minus(col("previous_mean")));
  }

  private static Column nullDouble(String name) {
    return lit(null).cast(DataTypes.DoubleType).as(name);
  }
}
