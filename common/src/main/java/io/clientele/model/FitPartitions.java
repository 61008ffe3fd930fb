package io.clientele.model;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Small model inputs in one partition. MLlib runs one Spark job per L-BFGS iteration (logistic regression) and per
 * k-means step, with one task per partition of its input; on a few thousand rows the tasks' fixed cost is most of a
 * fit (the 300-customer demo's churn training ran 480 such jobs of 14 tasks each). In one partition every such job is
 * one task. {@code coalesce(1)} reads the partitions in their order, so a rerun on the same layout fits the same
 * model; but MLlib draws the cross-validation folds and the k-means starts per partition, so one partition gives other
 * folds than several, hence other models (why model.single-partition-rows is 0, off, by default).
 */
public final class FitPartitions {
  private FitPartitions() {}

  /**
   * {@code rows} in one partition when there are at most {@code limit} of them (model.single-partition-rows; 0 never);
   * otherwise as they are.
   *
   * @param count the number of rows (the caller has counted them, usually while caching them)
   */
  public static Dataset<Row> oneIfSmall(Dataset<Row> rows, long count, int limit) {
    if (count > limit || rows.javaRDD().getNumPartitions() <= 1) {
      return rows;
    }
    return rows.coalesce(1);
  }
}
