package io.clientele.clv;

import java.io.Serializable;
import java.util.List;

/**
 * A model's log-likelihood over weighted rows of sufficient statistics, with its gradient in the natural
 * parameters. Implementations are shipped to Spark executors, so they hold no state but constants.
 *
 * <p>The rows arrive as columns ({@code data[c][i]}), the last column being the weight (how many customers
 * share the row) and the first the repeat-purchase count x, by which the rows of a chunk are sorted: terms
 * that depend on x alone (log-gamma and digamma values) are computed once per distinct x.
 */
public interface Likelihood extends Serializable {
  /** The model's name in {@code clv_models}, e.g. bg_nbd. */
  String model();

  /** Parameter names in the order of the parameter vector. */
  List<String> parameters();

  /** Data columns before the weight. */
  int columns();

  /**
   * Adds Σ w·ll to {@code out[0]} and Σ w·∂ll/∂θ_k to {@code out[1 + k]} over the chunk's rows; θ are the
   * natural (positive) parameters.
   */
  void accumulate(double[] theta, double[][] data, double[] out);
}
