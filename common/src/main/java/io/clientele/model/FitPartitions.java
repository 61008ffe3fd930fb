package io.clientele.model;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Small model inputs in one partition, in an order of their own. MLlib runs one Spark job per L-BFGS iteration
 * (logistic regression) and per k-means step, with one task per partition of its input; on a few thousand rows the
 * tasks' fixed cost is most of a fit (the 300-customer demo's churn training ran 480 such jobs of 14 tasks each; in one
 * partition their summed time fell from 237 s to 55 s). In one partition every such job is one task (and the logistic
 * regressions of such inputs now run on the driver, without a job per iteration: {@link DriverLogistic}).
 *
 * <p>The rows are sorted by the caller's key (the customer id, a row's {@link Draws#DRAW}), so the partition holds the
 * same rows in the same order whatever partitioning and order they came in: what MLlib still draws per partition
 * (k-means starts, approximate medians) and every floating-point sum then come out the same on a laptop, CI and a
 * cluster. The cross-validation folds and the held-out rows do not depend on it: they are drawn per row
 * ({@link Draws}), at any size. Larger inputs keep their partitions, and with them what depends on the layout: the
 * k-means starts, the approximate medians and the last bits of sums.
 */
public final class FitPartitions {
  private FitPartitions() {}

  /**
   * {@code rows} in one partition sorted by {@code order} when there are at most {@code limit} of them
   * (model.single-partition-rows; 0 never); otherwise as they are.
   *
   * @param count the number of rows (the caller has counted them, usually while caching them)
   * @param order a key that orders the rows totally (ties only between rows that are the same for the fit)
   */
  public static Dataset<Row> oneIfSmall(Dataset<Row> rows, long count, int limit, Column... order) {
    if (order.length == 0) {
      throw new IllegalArgumentException("Cannot put rows in one partition: no order given");
    }
    if (limit == 0 || count > limit) {
      return rows;
    }
    return rows.coalesce(1).sortWithinPartitions(order);
  }
}
