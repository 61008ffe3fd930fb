package io.clientele.clv;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Expected against actual holdout purchases per calibration frequency 0, 1, ..., 6 and "7+" (the chart of FHL
 * 2005, figure 4), plus an "all" row with the aggregate error. Per-customer errors (MAE, RMSE) are given for
 * every group.
 */
public final class Calibration {
  private Calibration() {}

  public static final int TOP_BUCKET = 7;

  /** Needs x, holdout_purchases and expected_holdout_purchases per customer. */
  public static Dataset<Row> compare(Dataset<Row> scored) {
    Column bucket = least(col(ClvSummary.X), lit((long) TOP_BUCKET)).cast("int");
    Dataset<Row> rows = scored.select(
        bucket.as("min_frequency"),
        col(ClvSummary.HOLDOUT_PURCHASES).cast("double").as("actual"),
        col(ClvPredictions.EXPECTED_HOLDOUT).as("expected"));
    Dataset<Row> perBucket = aggregate(rows.groupBy("min_frequency"))
        .withColumn("frequency_bucket", when(col("min_frequency").equalTo(TOP_BUCKET), lit(TOP_BUCKET + "+"))
            .otherwise(col("min_frequency").cast("string")));
    Dataset<Row> all = aggregate(rows.groupBy())
        .withColumn("min_frequency", lit(null).cast("int"))
        .withColumn("frequency_bucket", lit("all"));
    return perBucket.unionByName(all)
        .withColumn("error", col("expected_purchases").minus(col("actual_purchases")))
        .withColumn("relative_error", when(col("actual_purchases").gt(0),
            col("expected_purchases").minus(col("actual_purchases")).divide(col("actual_purchases"))));
  }

  private static Dataset<Row> aggregate(org.apache.spark.sql.RelationalGroupedDataset grouped) {
    return grouped.agg(
        count(lit(1)).as("customers"),
        sum("actual").as("actual_purchases"),
        sum("expected").as("expected_purchases"),
        avg("actual").as("actual_mean"),
        avg("expected").as("expected_mean"),
        avg(abs(col("expected").minus(col("actual")))).as("mae"),
        sqrt(avg(pow(col("expected").minus(col("actual")), 2))).as("rmse"));
  }
}
