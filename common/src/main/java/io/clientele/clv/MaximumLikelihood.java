package io.clientele.clv;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Maximum likelihood on log-parameters: L-BFGS minimises −ll/W + λ Σ θ² (the mean negative log-likelihood over
 * the W customers plus an optional L2 penalty on the natural parameters, as lifetimes does), every evaluation a
 * pass over the weighted rows. Standard errors come from the Hessian of the total negative log-likelihood in
 * log-parameters (central differences of the analytic gradient) and the delta method.
 */
public final class MaximumLikelihood {
  /** Optimiser settings; {@code penalty} is λ above. */
  public record Settings(double penalty, int maxIterations, double gradientTolerance, double relativeTolerance) {
    public static Settings defaults() {
      return new Settings(0.0, 500, 1e-7, 1e-14);
    }
  }

  private static final double LOG_BOUND = 30;
  private static final double HESSIAN_STEP = 1e-4;
  /** The largest standard error of a log-parameter an identified fit may have (see {@link #requireIdentified}). */
  static final double MAX_LOG_STANDARD_ERROR = 5;

  private MaximumLikelihood() {}

  /**
   * Fits the model, or throws {@link FitException} saying why it did not converge.
   *
   * @param start natural parameters to start from (all positive)
   */
  public static ModelFit fit(Likelihood likelihood, WeightedData data, double[] start, Settings settings) {
    int k = start.length;
    double weight = data.totalWeight();
    if (!(weight > 0)) {
      throw new FitException("Cannot fit " + likelihood.model() + ": no customers to fit");
    }
    Lbfgs.Objective objective = (logTheta, gradient) -> {
      for (double v : logTheta) {
        if (Math.abs(v) > LOG_BOUND) {
          return Double.POSITIVE_INFINITY;
        }
      }
      double[] theta = exp(logTheta);
      double[] sums = data.sum(likelihood, theta);
      double value = -sums[0] / weight;
      for (int i = 0; i < k; i++) {
        value += settings.penalty() * theta[i] * theta[i];
        gradient[i] = -sums[i + 1] * theta[i] / weight + 2 * settings.penalty() * theta[i] * theta[i];
      }
      return value;
    };
    double[] logStart = new double[k];
    for (int i = 0; i < k; i++) {
      if (!(start[i] > 0)) {
        throw new IllegalArgumentException("Starting values must be positive: " + Arrays.toString(start));
      }
      logStart[i] = Math.log(start[i]);
    }
    Lbfgs.Result result = new Lbfgs(10, settings.maxIterations(), settings.gradientTolerance(), settings.relativeTolerance())
        .minimize(objective, logStart);
    double[] estimates = exp(result.theta());
    if (!result.converged()) {
      throw new FitException(String.format(Locale.ROOT,
          "%s did not converge: %s after %d iterations (last %s = %s, gradient %s). The data may not identify the "
              + "model (too few repeat customers, or no sign of drop-out); try a small penalty (clv.penalty) or "
              + "more history.", likelihood.model(), result.reason(), result.iterations(), likelihood.parameters(),
          Arrays.toString(estimates), Arrays.toString(result.gradient())));
    }
    for (double v : result.theta()) {
      if (Math.abs(v) > LOG_BOUND - 1) {
        throw new FitException(String.format(Locale.ROOT,
            "%s ran to the edge of the parameter space (%s = %s): the data do not identify the model; try a small "
                + "penalty (clv.penalty) or more history.", likelihood.model(), likelihood.parameters(),
            Arrays.toString(estimates)));
      }
    }
    double logLikelihood = data.sum(likelihood, estimates)[0];
    double[] errors = standardErrors(likelihood, data, result.theta(), settings.penalty() * weight);
    if (!Double.isFinite(errors[0])) {
      throw new FitException(String.format(Locale.ROOT,
          "%s stopped at %s = %s, but the information matrix there is not positive definite: the data do not identify "
              + "the model (for instance no customer ever came back, so drop-out cannot be told from slow buying).",
          likelihood.model(), likelihood.parameters(), Arrays.toString(estimates)));
    }
    requireIdentified(likelihood, estimates, errors);
    return new ModelFit(likelihood.model(), likelihood.parameters(), estimates, errors, logLikelihood, weight, data.rows(),
        settings.penalty(), result.iterations(), result.evaluations(), true, result.reason());
  }

  /**
   * Refuses an optimum the data barely constrain: a parameter whose log has a standard error above
   * {@value #MAX_LOG_STANDARD_ERROR} (its 95% interval spans more than a factor e^20, about 5·10^8). Such a fit can
   * pass the convergence tests on a flat ridge (Gamma-Gamma's p running off while γ runs to zero, p/γ fixed), and
   * where it stops then depends on rounding; refusing it lets the fallback penalty apply.
   */
  static void requireIdentified(Likelihood likelihood, double[] estimates, double[] errors) {
    for (int i = 0; i < estimates.length; i++) {
      double logError = errors[i] / estimates[i];
      if (!(logError <= MAX_LOG_STANDARD_ERROR)) {
        throw new FitException(String.format(Locale.ROOT,
            "%s stopped at %s = %s with standard errors %s: %s is not identified (standard error of its log %.3g, "
                + "more than %s), the data do not identify the model; try a small penalty (clv.penalty) or more history.",
            likelihood.model(), likelihood.parameters(), Arrays.toString(estimates), Arrays.toString(errors),
            likelihood.parameters().get(i), logError, MAX_LOG_STANDARD_ERROR));
      }
    }
  }

  /**
   * √diag of the inverse observed information, by the delta method from log-parameters: se(θ) = θ · se(ln θ).
   * NaN for every parameter when the Hessian is not positive definite (the optimum is not a proper maximum).
   */
  static double[] standardErrors(Likelihood likelihood, WeightedData data, double[] logTheta, double totalPenalty) {
    int k = logTheta.length;
    double[][] hessian = new double[k][k];
    for (int j = 0; j < k; j++) {
      double[] plus = logTheta.clone();
      double[] minus = logTheta.clone();
      plus[j] += HESSIAN_STEP;
      minus[j] -= HESSIAN_STEP;
      double[] gPlus = logGradient(likelihood, data, plus, totalPenalty);
      double[] gMinus = logGradient(likelihood, data, minus, totalPenalty);
      for (int i = 0; i < k; i++) {
        hessian[i][j] = (gPlus[i] - gMinus[i]) / (2 * HESSIAN_STEP);
      }
    }
    double[] errors = new double[k];
    Arrays.fill(errors, Double.NaN);
    RealMatrix matrix = MatrixUtils.createRealMatrix(k, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        matrix.setEntry(i, j, (hessian[i][j] + hessian[j][i]) / 2);
      }
    }
    LUDecomposition lu = new LUDecomposition(matrix);
    if (!lu.getSolver().isNonSingular()) {
      return errors;
    }
    RealMatrix covariance = lu.getSolver().getInverse();
    for (int i = 0; i < k; i++) {
      double variance = covariance.getEntry(i, i);
      if (!(variance > 0)) {
        Arrays.fill(errors, Double.NaN);
        return errors;
      }
      errors[i] = Math.exp(logTheta[i]) * Math.sqrt(variance);
    }
    return errors;
  }

  /**
   * Gradient of the total negative log-likelihood plus the total penalty (W λ Σ θ², zero without a penalty) with
   * respect to the log-parameters: with a penalty the standard errors are those of the penalised objective.
   */
  private static double[] logGradient(Likelihood likelihood, WeightedData data, double[] logTheta, double totalPenalty) {
    double[] theta = exp(logTheta);
    double[] sums = data.sum(likelihood, theta);
    double[] gradient = new double[theta.length];
    for (int i = 0; i < theta.length; i++) {
      gradient[i] = -sums[i + 1] * theta[i] + 2 * totalPenalty * theta[i] * theta[i];
    }
    return gradient;
  }

  private static double[] exp(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.exp(v[i]);
    }
    return out;
  }
}
