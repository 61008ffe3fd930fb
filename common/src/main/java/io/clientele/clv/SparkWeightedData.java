package io.clientele.clv;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Weighted rows held by Spark: each partition becomes one block of primitive columns (sorted by x) cached on the
 * executors, and every likelihood evaluation is one Spark job that sums the blocks' contributions. Only the
 * parameter vector goes out and k + 1 numbers per partition come back.
 */
public final class SparkWeightedData implements WeightedData, AutoCloseable {
  private final JavaRDD<double[][]> blocks;
  private final double weight;
  private final long rows;

  /**
   * @param rows the collapsed rows
   * @param columns the data columns in the model's order, then the weight column
   */
  public SparkWeightedData(Dataset<Row> rows, List<String> columns) {
    int width = columns.size();
    Column[] selected = columns.stream().map(c -> rows.col(c).cast("double")).toArray(Column[]::new);
    int partitions = Math.max(1, rows.sparkSession().sparkContext().defaultParallelism());
    this.blocks = rows.select(selected).coalesce(partitions).javaRDD()
        .mapPartitions((Iterator<Row> it) -> {
          List<double[]> buffer = new ArrayList<>();
          while (it.hasNext()) {
            Row row = it.next();
            double[] values = new double[width];
            for (int c = 0; c < width; c++) {
              if (row.isNullAt(c)) {
                throw new IllegalArgumentException("Null " + columns.get(c) + " in the model's data");
              }
              values[c] = row.getDouble(c);
            }
            buffer.add(values);
          }
          double[][] block = new double[width][buffer.size()];
          for (int i = 0; i < buffer.size(); i++) {
            for (int c = 0; c < width; c++) {
              block[c][i] = buffer.get(i)[c];
            }
          }
          return java.util.Collections.<double[][]>singletonList(WeightedData.sortedByFirst(block)).iterator();
        })
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
    return blocks.map(block -> {
      double[] out = new double[parameters.length + 1];
      if (block[0].length > 0) {
        likelihood.accumulate(parameters, block, out);
      }
      return out;
    }).reduce((a, b) -> {
      double[] c = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        c[i] = a[i] + b[i];
      }
      return c;
    });
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
