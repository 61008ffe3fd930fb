package io.clientele.clv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LbfgsTest {
  /** Rosenbrock's banana: minimum 0 at (1, 1), a curved valley that defeats naive steepest descent. */
  private static final Lbfgs.Objective ROSENBROCK = (x, g) -> {
    double a = 1 - x[0];
    double b = x[1] - x[0] * x[0];
    g[0] = -2 * a - 400 * x[0] * b;
    g[1] = 200 * b;
    return a * a + 100 * b * b;
  };

  @Test
  void findsTheMinimumOfRosenbrock() {
    Lbfgs.Result result = new Lbfgs(10, 200, 1e-9, 0).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertThat(result.converged()).as(result.reason()).isTrue();
    assertThat(result.theta()[0]).isCloseTo(1, within(1e-6));
    assertThat(result.theta()[1]).isCloseTo(1, within(1e-6));
    assertThat(result.iterations()).isLessThan(100);
  }

  @Test
  void stepsIntoOverflowAreShortenedNotFatal() {
    // exp grows past double range for x > 709: the search must back off, not fail or return NaN.
    Lbfgs.Objective steep = (x, g) -> {
      double e = Math.exp(x[0]);
      g[0] = e - 1000;
      return e - 1000 * x[0];
    };
    Lbfgs.Result result = new Lbfgs(5, 100, 1e-8, 0).minimize(steep, new double[] {0});
    assertThat(result.converged()).as(result.reason()).isTrue();
    assertThat(result.theta()[0]).isCloseTo(Math.log(1000), within(1e-6));
  }

  @Test
  void reportsTheIterationLimitInsteadOfPretendingToConverge() {
    Lbfgs.Result result = new Lbfgs(10, 3, 1e-12, 0).minimize(ROSENBROCK, new double[] {-1.2, 1});
    assertThat(result.converged()).isFalse();
    assertThat(result.reason()).contains("iteration limit of 3");
  }

  @Test
  void anUnboundedObjectiveDoesNotConverge() {
    Lbfgs.Result result = new Lbfgs(5, 50, 1e-10, 0).minimize((x, g) -> {
      g[0] = -1;
      return -x[0];
    }, new double[] {0});
    assertThat(result.converged()).isFalse();
  }
}
