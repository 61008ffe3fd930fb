package io.clientele.clv;

/** Weighted rows of sufficient statistics that a {@link Likelihood} can be summed over, locally or in Spark. */
public interface WeightedData extends AutoCloseable {
  /** {Σ w·ll, Σ w·∂ll/∂θ_1, ...} at the natural parameters θ. */
  double[] sum(Likelihood likelihood, double[] theta);

  /** Σ w: the number of customers the rows stand for. */
  double totalWeight();

  /** The number of distinct rows. */
  long rows();

  /** Releases what the rows hold (Spark's cached blocks); nothing for rows on the driver. */
  @Override
  default void close() {}

  /** Rows held in memory on the driver, as columns, sorted (by x first). */
  static WeightedData local(double[][] columns) {
    return new LocalData(columns);
  }

  /**
   * Sorts the rows by every column in turn, x first: x-dependent terms are then computed once per distinct x, and
   * the order (so the floating-point sum) does not depend on the order the rows arrived in.
   */
  static double[][] sorted(double[][] columns) {
    int n = columns[0].length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (i, j) -> {
      for (double[] column : columns) {
        int c = Double.compare(column[i], column[j]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    double[][] sorted = new double[columns.length][n];
    for (int c = 0; c < columns.length; c++) {
      for (int i = 0; i < n; i++) {
        sorted[c][i] = columns[c][order[i]];
      }
    }
    return sorted;
  }

  final class LocalData implements WeightedData {
    private final double[][] columns;
    private final double weight;

    LocalData(double[][] columns) {
      this.columns = sorted(columns);
      double w = 0;
      for (double v : this.columns[this.columns.length - 1]) {
        w += v;
      }
      this.weight = w;
    }

    @Override
    public double[] sum(Likelihood likelihood, double[] theta) {
      double[] out = new double[theta.length + 1];
      likelihood.accumulate(theta, columns, out);
      return out;
    }

    @Override
    public double totalWeight() {
      return weight;
    }

    @Override
    public long rows() {
      return columns[0].length;
    }
  }
}
