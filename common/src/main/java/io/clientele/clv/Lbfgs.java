package io.clientele.clv;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Limited-memory BFGS with a strong-Wolfe line search (Nocedal and Wright, Numerical Optimization, algorithms
 * 7.4, 3.5 and 3.6), for the small, smooth problems of the buy-till-you-die models: a handful of
 * log-parameters whose objective is evaluated by Spark. It runs on the driver; each evaluation may be a
 * distributed job, so the number of evaluations is what it economises.
 *
 * <p>An objective that returns a non-finite value (a step into overflow) is treated as "too far": the line
 * search shrinks the step instead of failing.
 */
public final class Lbfgs {
  /** f(θ) and its gradient, written into {@code gradient}. */
  public interface Objective {
    double evaluate(double[] theta, double[] gradient);
  }

  /** The outcome, converged or not; {@link #converged} says which and {@link #reason} why. */
  public record Result(double[] theta, double value, double[] gradient, int iterations, int evaluations,
      boolean converged, String reason) {}

  private final int memory;
  private final int maxIterations;
  private final double gradientTolerance;
  private final double relativeTolerance;
  /** Breeze's stopping rule instead of the two above when positive: see {@link #breezeRule}. */
  private final int valueHistory;

  /**
   * @param gradientTolerance converged when the largest gradient component is below this
   * @param relativeTolerance converged when an iteration improves f by less than this, relative to |f|
   */
  public Lbfgs(int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
    this(memory, maxIterations, gradientTolerance, relativeTolerance, 0);
  }

  private Lbfgs(int memory, int maxIterations, double gradientTolerance, double relativeTolerance, int valueHistory) {
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.gradientTolerance = gradientTolerance;
    this.relativeTolerance = relativeTolerance;
    this.valueHistory = valueHistory;
  }

  /**
   * The stopping rule of Breeze's {@code LBFGS(maxIter, m, tolerance)}, which MLlib's logistic regression uses
   * ({@code FirstOrderMinimizer.defaultConvergenceCheck}): stop after {@code maxIterations} iterations, or when the
   * gradient's norm is at most {@code max(tolerance |f|, 1e-8)}, or when the objective's last 20 values span at most
   * {@code tolerance |f(start)|} (never before 20 iterations), or when the line search fails.
   */
  public static Lbfgs breezeRule(int memory, int maxIterations, double tolerance) {
    return new Lbfgs(memory, maxIterations, tolerance, tolerance, 20);
  }

  public Result minimize(Objective objective, double[] start) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    int[] evaluations = {0};
    double f = evaluate(objective, x, g, evaluations);
    if (!Double.isFinite(f) || !allFinite(g)) {
      return new Result(x, f, g, 0, evaluations[0], false, "the objective is not finite at the starting point");
    }
    Deque<double[]> s = new ArrayDeque<>();
    Deque<double[]> y = new ArrayDeque<>();
    Deque<Double> rho = new ArrayDeque<>();
    double f0 = f;
    Deque<Double> values = new ArrayDeque<>();
    values.addLast(Double.POSITIVE_INFINITY);
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      if (gradientSmall(g, f)) {
        return new Result(x, f, g, iteration - 1, evaluations[0], true, "gradient below tolerance");
      }
      double[] direction = direction(g, s, y, rho);
      double slope = dot(direction, g);
      if (!(slope < 0)) {
        // The curvature history went bad: restart from steepest descent.
        s.clear();
        y.clear();
        rho.clear();
        direction = scale(g, -1);
        slope = dot(direction, g);
      }
      double initialStep = s.isEmpty() ? Math.min(1.0, 1.0 / Math.max(1e-12, norm(g))) : 1.0;
      LineSearch search = lineSearch(objective, x, f, g, direction, slope, initialStep, evaluations);
      if (search == null) {
        boolean stationary = maxAbs(g) < Math.sqrt(gradientTolerance);
        return new Result(x, f, g, iteration, evaluations[0], stationary,
            stationary ? "line search cannot improve further; gradient small" : "line search failed to find a better point");
      }
      double[] step = new double[n];
      double[] change = new double[n];
      for (int i = 0; i < n; i++) {
        step[i] = search.x[i] - x[i];
        change[i] = search.g[i] - g[i];
      }
      double previous = f;
      x = search.x;
      f = search.f;
      g = search.g;
      double curvature = dot(step, change);
      if (curvature > 1e-12 * norm(step) * norm(change)) {
        if (s.size() == memory) {
          s.removeFirst();
          y.removeFirst();
          rho.removeFirst();
        }
        s.addLast(step);
        y.addLast(change);
        rho.addLast(1.0 / curvature);
      }
      if (gradientSmall(g, f)) {
        return new Result(x, f, g, iteration, evaluations[0], true, "gradient below tolerance");
      }
      if (valueHistory > 0) {
        values.addLast(f);
        if (values.size() > valueHistory) {
          values.removeFirst();
        }
        double highest = values.stream().mapToDouble(Double::doubleValue).max().getAsDouble();
        if (values.size() >= 2 && Math.abs(f - highest) <= relativeTolerance * Math.abs(f0)) {
          return new Result(x, f, g, iteration, evaluations[0], true, "objective values converged");
        }
      } else if (Math.abs(previous - f) <= relativeTolerance * Math.max(1.0, Math.abs(f))) {
        return new Result(x, f, g, iteration, evaluations[0], true, "relative improvement below tolerance");
      }
    }
    return new Result(x, f, g, maxIterations, evaluations[0], false, "reached the iteration limit of " + maxIterations);
  }

  private boolean gradientSmall(double[] g, double f) {
    return valueHistory > 0 ? norm(g) <= Math.max(gradientTolerance * Math.abs(f), 1e-8) : maxAbs(g) < gradientTolerance;
  }

  /** Two-loop recursion: the quasi-Newton direction -H g. */
  private static double[] direction(double[] g, Deque<double[]> s, Deque<double[]> y, Deque<Double> rho) {
    double[] q = g.clone();
    int m = s.size();
    double[] alpha = new double[m];
    double[][] ss = s.toArray(new double[0][]);
    double[][] yy = y.toArray(new double[0][]);
    Double[] rr = rho.toArray(new Double[0]);
    for (int i = m - 1; i >= 0; i--) {
      alpha[i] = rr[i] * dot(ss[i], q);
      axpy(-alpha[i], yy[i], q);
    }
    if (m > 0) {
      double gamma = dot(ss[m - 1], yy[m - 1]) / dot(yy[m - 1], yy[m - 1]);
      for (int i = 0; i < q.length; i++) {
        q[i] *= gamma;
      }
    }
    for (int i = 0; i < m; i++) {
      double beta = rr[i] * dot(yy[i], q);
      axpy(alpha[i] - beta, ss[i], q);
    }
    return scale(q, -1);
  }

  private record LineSearch(double[] x, double f, double[] g) {}

  private static final double C1 = 1e-4;
  private static final double C2 = 0.9;
  private static final int LINE_SEARCH_EVALUATIONS = 40;

  private static LineSearch lineSearch(Objective objective, double[] x0, double f0, double[] g0, double[] d,
      double slope0, double initialStep, int[] evaluations) {
    double previousStep = 0;
    double previousF = f0;
    double previousSlope = slope0;
    double step = initialStep;
    for (int k = 0; k < LINE_SEARCH_EVALUATIONS; k++) {
      double[] x = moved(x0, d, step);
      double[] g = new double[x0.length];
      double f = evaluate(objective, x, g, evaluations);
      if (!Double.isFinite(f) || !allFinite(g)) {
        step = previousStep + (step - previousStep) / 4;
        continue;
      }
      double slope = dot(g, d);
      if (f > f0 + C1 * step * slope0 || (k > 0 && f >= previousF)) {
        return zoom(objective, x0, f0, d, slope0, previousStep, previousF, previousSlope, step, f, slope, evaluations);
      }
      if (Math.abs(slope) <= -C2 * slope0) {
        return new LineSearch(x, f, g);
      }
      if (slope >= 0) {
        return zoom(objective, x0, f0, d, slope0, step, f, slope, previousStep, previousF, previousSlope, evaluations);
      }
      previousStep = step;
      previousF = f;
      previousSlope = slope;
      step *= 2;
    }
    return null;
  }

  private static LineSearch zoom(Objective objective, double[] x0, double f0, double[] d, double slope0,
      double lo, double fLo, double slopeLo, double hi, double fHi, double slopeHi, int[] evaluations) {
    LineSearch best = null;
    for (int k = 0; k < LINE_SEARCH_EVALUATIONS; k++) {
      double step = cubicMinimum(lo, fLo, slopeLo, hi, fHi, slopeHi);
      double low = Math.min(lo, hi);
      double high = Math.max(lo, hi);
      double margin = 0.1 * (high - low);
      if (!(step > low + margin && step < high - margin)) {
        step = (lo + hi) / 2;
      }
      double[] x = moved(x0, d, step);
      double[] g = new double[x0.length];
      double f = evaluate(objective, x, g, evaluations);
      if (!Double.isFinite(f) || !allFinite(g)) {
        hi = step;
        fHi = Double.POSITIVE_INFINITY;
        slopeHi = Double.NaN;
        continue;
      }
      double slope = dot(g, d);
      if (f < f0 && (best == null || f < best.f)) {
        best = new LineSearch(x, f, g);
      }
      if (f > f0 + C1 * step * slope0 || f >= fLo) {
        hi = step;
        fHi = f;
        slopeHi = slope;
      } else {
        if (Math.abs(slope) <= -C2 * slope0) {
          return new LineSearch(x, f, g);
        }
        if (slope * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          slopeHi = slopeLo;
        }
        lo = step;
        fLo = f;
        slopeLo = slope;
      }
      if (Math.abs(hi - lo) < 1e-14 * Math.max(1.0, Math.abs(lo))) {
        break;
      }
    }
    // No point met the curvature condition within the budget: accept any sufficient decrease found.
    return best;
  }

  /** The minimiser of the cubic through two points with their slopes, NaN when it has none. */
  private static double cubicMinimum(double a, double fa, double da, double b, double fb, double db) {
    if (!Double.isFinite(fb) || !Double.isFinite(db)) {
      return Double.NaN;
    }
    double d1 = da + db - 3 * (fa - fb) / (a - b);
    double radicand = d1 * d1 - da * db;
    if (radicand < 0) {
      return Double.NaN;
    }
    double d2 = Math.signum(b - a) * Math.sqrt(radicand);
    return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
  }

  private static double evaluate(Objective objective, double[] x, double[] g, int[] evaluations) {
    evaluations[0]++;
    Arrays.fill(g, 0);
    return objective.evaluate(x, g);
  }

  private static double[] moved(double[] x0, double[] d, double step) {
    double[] x = x0.clone();
    axpy(step, d, x);
    return x;
  }

  static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double maxAbs(double[] a) {
    double max = 0;
    for (double v : a) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }

  private static boolean allFinite(double[] a) {
    for (double v : a) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  private static double[] scale(double[] a, double factor) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * factor;
    }
    return out;
  }
}
