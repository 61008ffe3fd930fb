package io.clientele.clv;

import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Weighted rows held by Spark: the rows are hashed by value into a fixed number of blocks of primitive columns
 * (each sorted by all columns) cached on the executors, and every likelihood evaluation is one Spark job that
 * sums each block's contribution; only the parameter vector goes out and k + 1 numbers per block come back, and
 * the driver adds the blocks up in block order.
 *
 * <p>So the floating-point sums are the same however the cluster is laid out (cores, executors, the order in
 * which shuffle blocks arrive): a fit on a standalone cluster gives the same estimates, to the last bit, as a
 * local run. This matters where the likelihood surface is flat (a and b of BG/NBD running off together), where
 * a different rounding could otherwise send the optimiser elsewhere.
 */
public final class SparkWeightedData implements WeightedData {
  /** Blocks the rows are hashed into: fixed, so that the summation does not depend on the cluster. */
  public static final int BLOCKS = 16;
  private final JavaRDD<double[][]> blocks;
  private final double weight;
  private final long rows;

  /**
   * The rows on the driver when there are at most {@code driverRows} of them (one collect, then no Spark job
   * per evaluation), else cached in Spark blocks.
   *
   * @param columns the data columns in the model's order, then the weight column
   */
  public static WeightedData load(Dataset<Row> rows, List<String> columns, int driverRows) {
    if (driverRows > 0) {
      List<Row> collected = asDoubles(rows, columns).limit(driverRows + 1).collectAsList();
      if (collected.size() <= driverRows) {
        return WeightedData.local(columnsOf(collected.iterator(), columns));
      }
    }
    return new SparkWeightedData(rows, columns);
  }

  /** The model's columns as doubles, named as they were. */
  private static Dataset<Row> asDoubles(Dataset<Row> rows, List<String> columns) {
    return rows.select(columns.stream().map(c -> rows.col(c).cast("double").as(c)).toArray(Column[]::new));
  }

  /** Rows of {@link #asDoubles} as columns ({@code data[c][i]}); a null is an error naming its column. */
  private static double[][] columnsOf(Iterator<Row> rows, List<String> columns) {
    int width = columns.size();
    List<double[]> buffer = new ArrayList<>();
    while (rows.hasNext()) {
      Row row = rows.next();
      double[] values = new double[width];
      for (int c = 0; c < width; c++) {
        if (row.isNullAt(c)) {
          throw new UsageException("Null " + columns.get(c) + " in the model's data");
        }
        values[c] = row.getDouble(c);
      }
      buffer.add(values);
    }
    double[][] data = new double[width][buffer.size()];
    for (int i = 0; i < buffer.size(); i++) {
      for (int c = 0; c < width; c++) {
        data[c][i] = buffer.get(i)[c];
      }
    }
    return data;
  }

  /**
   * @param rows the collapsed rows
   * @param columns the data columns in the model's order, then the weight column
   */
  public SparkWeightedData(Dataset<Row> rows, List<String> columns) {
    int width = columns.size();
    Column[] byValue = columns.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    // Hash partitioning by value puts every row in the same block wherever it is computed; sorting then fixes
    // the order inside the block.
    this.blocks = asDoubles(rows, columns).repartition(BLOCKS, byValue).javaRDD()
        .mapPartitions((Iterator<Row> it) -> java.util.Collections.<double[][]>singletonList(
            WeightedData.sorted(columnsOf(it, columns))).iterator())
        .persist(StorageLevel.MEMORY_AND_DISK());
    double[] totals = blocks.map(b -> {
      double w = 0;
      for (double v : b[width - 1]) {
        w += v;
      }
      return new double[] {w, b[0].length};
    }).reduce((a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
    this.weight = totals[0];
    this.rows = (long) totals[1];
  }

  @Override
  public double[] sum(Likelihood likelihood, double[] theta) {
    double[] parameters = theta.clone();
    int width = parameters.length + 1;
    // collect() returns the blocks' sums in block order; adding them here in that order (not in a reduce, whose
    // order follows task completion) keeps the result independent of scheduling.
    List<double[]> perBlock = blocks.map(block -> {
      double[] out = new double[width];
      if (block[0].length > 0) {
        likelihood.accumulate(parameters, block, out);
      }
      return out;
    }).collect();
    double[] total = new double[width];
    for (double[] part : perBlock) {
      for (int i = 0; i < width && i < part.length; i++) {
        total[i] += part[i];
      }
    }
    return total;
  }

  @Override
  public double totalWeight() {
    return weight;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void close() {
    blocks.unpersist(false);
  }
}
