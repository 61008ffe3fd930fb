package io.clientele.generate;

import java.util.SplittableRandom;

/** Random draws from the distributions the simulation needs, all from a caller's {@link SplittableRandom}. */
public final class Draws {
  private Draws() {}

  /** A generator for one (seed, customer, stream) triple: the same triple always gives the same draws. */
  public static SplittableRandom rng(long seed, long customer, long stream) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ customer * 0xC2B2AE3D27D4EB4FL);
    h = mix(h ^ stream * 0x165667B19E3779F9L);
    return new SplittableRandom(h);
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser (as in SplitMix64). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Gamma(shape, scale) by Marsaglia and Tsang; shapes below 1 use the u^(1/shape) boost. */
  public static double gamma(SplittableRandom r, double shape, double scale) {
    if (shape < 1) {
      double u = r.nextDouble();
      return gamma(r, shape + 1, scale) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = r.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = r.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v * scale;
      }
    }
  }

  public static double beta(SplittableRandom r, double a, double b) {
    double x = gamma(r, a, 1);
    double y = gamma(r, b, 1);
    return x / (x + y);
  }

  /** Waiting time of a Poisson process with the given rate. */
  public static double exponential(SplittableRandom r, double rate) {
    return -Math.log(1 - r.nextDouble()) / rate;
  }

  static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = r.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= r.nextDouble();
      n++;
    }
    return n;
  }

  static double logNormal(SplittableRandom r, double median, double sigma) {
    return median * Math.exp(sigma * r.nextGaussian());
  }

  static int between(SplittableRandom r, int lowInclusive, int highInclusive) {
    return lowInclusive + r.nextInt(highInclusive - lowInclusive + 1);
  }

  static boolean chance(SplittableRandom r, double probability) {
    return r.nextDouble() < probability;
  }

  /** Cumulative weights, normalised to end at 1, for {@link #pick}. */
  static double[] cumulative(double... weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double[] cumulative = new double[weights.length];
    double running = 0;
    for (int i = 0; i < weights.length; i++) {
      running += weights[i];
      cumulative[i] = running / total;
    }
    cumulative[weights.length - 1] = 1.0;
    return cumulative;
  }

  /** An index drawn with the weights behind a {@link #cumulative} table. */
  static int pick(SplittableRandom r, double[] cumulative) {
    double u = r.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }

  static <T> T pick(SplittableRandom r, T[] values) {
    return values[r.nextInt(values.length)];
  }
}
