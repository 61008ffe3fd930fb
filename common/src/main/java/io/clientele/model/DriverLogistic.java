package io.clientele.model;

import io.clientele.clv.Lbfgs;
import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Spark's binomial logistic regression fitted on the driver, for training sets small enough to hold there. MLlib's
 * {@code LogisticRegression} runs one Spark job per L-BFGS iteration (a {@code treeAggregate} of the loss and
 * gradient); on a few thousand rows each such job costs about 40 ms of scheduling against microseconds of arithmetic,
 * and a cross-validated fit runs hundreds of them (367 of the demo's churn training's 544 jobs, 14 s of its 38 s).
 *
 * <p>This class minimises the same objective as MLlib 3.5 with {@code elasticNetParam} 0, an intercept and
 * standardisation: features scaled by their weighted sample deviation as MLlib's {@code Summarizer} computes it
 * (from the non-zero entries, unbiased with weights), centred by their scaled means while fitting, the weighted
 * mean log-loss plus {@code regParam / 2} times the squared scaled coefficients (not the intercept), started from
 * zero coefficients and the intercept of the weighted class balance; the coefficients are returned to the
 * features' own scale. Its optimiser is the project's L-BFGS ({@link Lbfgs}: ten corrections, a strong-Wolfe
 * line search) with Breeze's stopping rule ({@link Lbfgs#breezeRule}: {@code maxIter}, {@code tol}); its line
 * search is not Breeze's, so the two land on the same optimum to the tolerance, not to the last bit
 * ({@code DriverLogisticTest} compares them). The result is
 * a real {@link LogisticRegressionModel}, with the estimator's parameters, that saves, loads and scores as MLlib's.
 *
 * <p>The rows are held as arrays of their non-zero entries, in the order they are collected (the caller collects
 * them sorted), so a fit is the same wherever it runs.
 */
public final class DriverLogistic {
  private DriverLogistic() {}

  /** Prepared rows on the driver: label, weight, fold and the features' non-zero entries. */
  public static final class Rows {
    final int numFeatures;
    final double[] label;
    final double[] weight;
    final int[] fold;
    final int[][] index;
    final double[][] value;

    private Rows(int numFeatures, double[] label, double[] weight, int[] fold, int[][] index, double[][] value) {
      this.numFeatures = numFeatures;
      this.label = label;
      this.weight = weight;
      this.fold = fold;
      this.index = index;
      this.value = value;
    }

    /**
     * Collects the columns (label and weight doubles, features a vector, fold an int or null for none) in the
     * dataset's order.
     */
    public static Rows collect(Dataset<Row> rows, String labelCol, String weightCol, String featuresCol, String foldCol) {
      List<Row> all = (foldCol == null ? rows.select(labelCol, weightCol, featuresCol)
          : rows.select(labelCol, weightCol, featuresCol, foldCol)).collectAsList();
      int n = all.size();
      double[] label = new double[n];
      double[] weight = new double[n];
      int[] fold = new int[n];
      int[][] index = new int[n][];
      double[][] value = new double[n][];
      int numFeatures = -1;
      for (int i = 0; i < n; i++) {
        Row r = all.get(i);
        label[i] = r.getDouble(0);
        weight[i] = r.getDouble(1);
        if (!(label[i] == 0.0 || label[i] == 1.0)) {
          throw new UsageException("Cannot train: a label is " + label[i] + "; a binary label is 0 or 1");
        }
        if (!(weight[i] >= 0) || Double.isInfinite(weight[i])) {
          throw new UsageException("Cannot train: a row's weight is " + weight[i] + "; weights are finite and >= 0");
        }
        Vector v = (Vector) r.get(2);
        if (numFeatures < 0) {
          numFeatures = v.size();
        } else if (v.size() != numFeatures) {
          throw new UsageException("Cannot train: feature vectors of " + numFeatures + " and " + v.size() + " values");
        }
        if (v instanceof SparseVector) {
          SparseVector s = (SparseVector) v;
          index[i] = s.indices();
          value[i] = s.values();
        } else {
          double[] dense = ((DenseVector) v).values();
          int nonZero = 0;
          for (double d : dense) {
            nonZero += d != 0.0 ? 1 : 0;
          }
          index[i] = new int[nonZero];
          value[i] = new double[nonZero];
          for (int j = 0, k = 0; j < dense.length; j++) {
            if (dense[j] != 0.0) {
              index[i][k] = j;
              value[i][k++] = dense[j];
            }
          }
        }
        for (double d : value[i]) {
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new UsageException("Cannot train: a feature vector holds " + d);
          }
        }
        fold[i] = foldCol == null || r.isNullAt(3) ? -1 : r.getInt(3);
      }
      return new Rows(Math.max(numFeatures, 0), label, weight, fold, index, value);
    }

    public int size() {
      return label.length;
    }

    /** The rows whose position passes the test, in order. */
    Rows where(IntPredicate keep) {
      List<Integer> kept = new ArrayList<>();
      for (int i = 0; i < size(); i++) {
        if (keep.test(i)) {
          kept.add(i);
        }
      }
      int n = kept.size();
      double[] l = new double[n];
      double[] w = new double[n];
      int[] f = new int[n];
      int[][] ix = new int[n][];
      double[][] v = new double[n][];
      for (int k = 0; k < n; k++) {
        int i = kept.get(k);
        l[k] = label[i];
        w[k] = weight[i];
        f[k] = fold[i];
        ix[k] = index[i];
        v[k] = value[i];
      }
      return new Rows(numFeatures, l, w, f, ix, v);
    }

    /** The rows of one fold (held out) or of every other fold (trained on). */
    Rows fold(int fold, boolean heldOut) {
      return where(i -> (this.fold[i] == fold) == heldOut);
    }

    /** label > 0.5 as MLlib's evaluators count a positive. */
    boolean positive(int i) {
      return label[i] > 0.5;
    }
  }

  /** Coefficients on the features' own scale, the intercept, and how the optimiser ended. */
  public record Solution(double[] coefficients, double intercept, int iterations, boolean converged, String reason) {
    /** The model's margin for row i: coefficients · features + intercept (MLlib's rawPrediction[1]). */
    double margin(Rows rows, int i) {
      double m = 0;
      int[] ix = rows.index[i];
      double[] v = rows.value[i];
      for (int k = 0; k < ix.length; k++) {
        m += v[k] * coefficients[ix[k]];
      }
      return m + intercept;
    }
  }

  /** Fits the regression on the rows (MLlib's objective, see the class comment). */
  public static Solution fit(Rows rows, double regParam, int maxIter, double tol) {
    int n = rows.size();
    int nf = rows.numFeatures;
    // MLlib's Summarizer: per feature, a weighted running mean and M2 over the non-zero entries, then the zeros
    // accounted for in closed form; the label histogram weighted.
    double[] mean = new double[nf];
    double[] m2n = new double[nf];
    double[] featureWeight = new double[nf];
    double totalWeight = 0;
    double squaredWeight = 0;
    double negatives = 0;
    double positives = 0;
    for (int i = 0; i < n; i++) {
      double w = rows.weight[i];
      if (w == 0.0) {
        continue;
      }
      int[] ix = rows.index[i];
      double[] v = rows.value[i];
      for (int k = 0; k < ix.length; k++) {
        int j = ix[k];
        double previous = mean[j];
        double diff = v[k] - previous;
        mean[j] = previous + w * diff / (featureWeight[j] + w);
        m2n[j] += w * (v[k] - mean[j]) * diff;
        featureWeight[j] += w;
      }
      totalWeight += w;
      squaredWeight += w * w;
      if (rows.label[i] > 0) {
        positives += w;
      } else {
        negatives += w;
      }
    }
    if (totalWeight == 0) {
      throw new UsageException("Cannot train: no row has a positive weight");
    }
    if (positives == 0 || negatives == 0) {
      // MLlib: a constant label needs no training; zero coefficients and an infinite intercept.
      return new Solution(new double[nf], positives > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY, 0, true,
          "all labels are the same");
    }
    double denominator = totalWeight - squaredWeight / totalWeight;
    double[] std = new double[nf];
    double[] scaledMean = new double[nf];
    double[] inverseStd = new double[nf];
    for (int j = 0; j < nf; j++) {
      double variance = denominator > 0.0 ? Math.max((m2n[j] + mean[j] * mean[j] * featureWeight[j]
          * (totalWeight - featureWeight[j]) / totalWeight) / denominator, 0.0) : 0.0;
      std[j] = Math.sqrt(variance);
      inverseStd[j] = std[j] != 0.0 ? 1.0 / std[j] : 0.0;
      scaledMean[j] = inverseStd[j] * (mean[j] * (featureWeight[j] / totalWeight));
    }
    double[][] scaled = new double[n][];
    for (int i = 0; i < n; i++) {
      int[] ix = rows.index[i];
      scaled[i] = new double[ix.length];
      for (int k = 0; k < ix.length; k++) {
        scaled[i][k] = rows.value[i][k] * inverseStd[ix[k]];
      }
    }

    Lbfgs.Objective objective = (c, gradient) -> {
      // Centred margins: c · (x / std - scaledMean) + intercept.
      double offset = c[nf];
      for (int j = 0; j < nf; j++) {
        offset -= c[j] * scaledMean[j];
      }
      Arrays.fill(gradient, 0.0);
      double loss = 0;
      double weightSum = 0;
      double multiplierSum = 0;
      for (int i = 0; i < n; i++) {
        double w = rows.weight[i];
        weightSum += w;
        if (w <= 0) {
          continue;
        }
        int[] ix = rows.index[i];
        double[] x = scaled[i];
        double margin = offset;
        for (int k = 0; k < ix.length; k++) {
          margin += x[k] * c[ix[k]];
        }
        double label = rows.label[i];
        loss += label > 0 ? w * log1pExp(-margin) : w * (log1pExp(-margin) + margin);
        double multiplier = w * (1.0 / (1.0 + Math.exp(-margin)) - label);
        multiplierSum += multiplier;
        for (int k = 0; k < ix.length; k++) {
          gradient[ix[k]] += multiplier * x[k];
        }
      }
      for (int j = 0; j < nf; j++) {
        gradient[j] -= multiplierSum * scaledMean[j];
      }
      gradient[nf] += multiplierSum;
      for (int j = 0; j <= nf; j++) {
        gradient[j] /= weightSum;
      }
      loss /= weightSum;
      if (regParam != 0.0) {
        double squares = 0;
        for (int j = 0; j < nf; j++) {
          squares += c[j] * c[j];
          gradient[j] += regParam * c[j];
        }
        loss += 0.5 * regParam * squares;
      }
      return loss;
    };
    double[] start = new double[nf + 1];
    // Zero coefficients: the centred intercept starts where the plain one does, at the log-odds of the classes.
    start[nf] = Math.log(positives / negatives);
    Lbfgs.Result result = Lbfgs.breezeRule(10, maxIter, tol).minimize(objective, start);
    double[] solution = result.theta();
    double back = 0;
    for (int j = 0; j < nf; j++) {
      back += solution[j] * scaledMean[j];
    }
    double[] coefficients = new double[nf];
    for (int j = 0; j < nf; j++) {
      coefficients[j] = std[j] != 0.0 ? solution[j] / std[j] : 0.0;
    }
    return new Solution(coefficients, solution[nf] - back, result.iterations(), result.converged(), result.reason());
  }

  /** The solution as MLlib's model, with the estimator's parameters (as LogisticRegression.fit copies them). */
  public static LogisticRegressionModel model(Solution solution, LogisticRegression estimator) {
    LogisticRegressionModel model = new LogisticRegressionModel(estimator.uid(), Vectors.dense(solution.coefficients()),
        solution.intercept());
    return estimator.copyValues(model, ParamMap.empty()).setParent(estimator);
  }

  /**
   * Cross-validated ROC AUC of each regularisation value, averaged over the folds (MLlib's CrossValidator with a
   * fold column and BinaryClassificationEvaluator on the margin, with its default of 1,000 bins).
   */
  public static double[] crossValidate(Rows rows, int folds, List<Double> regParams, int maxIter, double tol) {
    double[] sums = new double[regParams.size()];
    for (int fold = 0; fold < folds; fold++) {
      Rows training = rows.fold(fold, false);
      Rows heldOut = rows.fold(fold, true);
      for (int p = 0; p < regParams.size(); p++) {
        Solution s = fit(training, regParams.get(p), maxIter, tol);
        double[] scores = new double[heldOut.size()];
        for (int i = 0; i < scores.length; i++) {
          scores[i] = s.margin(heldOut, i);
        }
        sums[p] += RocCurve.areaUnderRoc(scores, heldOut, RocCurve.EVALUATOR_BINS);
      }
    }
    for (int p = 0; p < sums.length; p++) {
      sums[p] /= folds;
    }
    return sums;
  }

  /** log(1 + e^x) without overflow (MLlib's Utils.log1pExp). */
  static double log1pExp(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }
}
