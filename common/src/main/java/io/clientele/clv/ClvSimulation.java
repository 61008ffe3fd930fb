package io.clientele.clv;

import io.clientele.generate.Draws;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Customers drawn from known BG/NBD and Gamma-Gamma parameters, for checking that a fit recovers them and for
 * benchmarks. Each customer is its own seeded stream (seed, customer number), so any partitioning draws the same
 * customers.
 */
public final class ClvSimulation {
  private ClvSimulation() {}

  /** How the customers are drawn; ages are uniform whole days in [minAgeDays, maxAgeDays]. */
  public record Settings(BgNbd.Params bgNbd, GammaGamma.Params gammaGamma, TimeUnit unit, int minAgeDays,
      int maxAgeDays, boolean wholeDays, long seed) implements java.io.Serializable {}

  /** One customer: x, t_x, T in the settings' unit and the mean repeat spend (0 when x = 0). */
  public static double[] customer(Settings s, long id) {
    SplittableRandom random = Draws.rng(s.seed(), id, 0);
    double unitDays = s.unit().days();
    double ageDays = s.minAgeDays() + random.nextInt(s.maxAgeDays() - s.minAgeDays() + 1);
    double age = ageDays / unitDays;
    double lambda = gamma(random, s.bgNbd().r(), s.bgNbd().alpha());
    double dropOut = Draws.beta(random, s.bgNbd().a(), s.bgNbd().b());
    double nu = gamma(random, s.gammaGamma().q(), s.gammaGamma().gamma());
    double t = 0;
    long x = 0;
    double tx = 0;
    double lastDay = 0;
    double spend = 0;
    while (lambda > 0) {
      t += Draws.exponential(random, lambda);
      if (t > age) {
        break;
      }
      double day = Math.floor(t * unitDays);
      boolean newDay = !s.wholeDays() || day > lastDay;
      if (newDay) {
        x++;
        tx = s.wholeDays() ? day / unitDays : t;
        lastDay = day;
        spend += gamma(random, s.gammaGamma().p(), nu);
      }
      if (random.nextDouble() < dropOut) {
        break;
      }
    }
    return new double[] {x, tx, age, x > 0 ? spend / x : 0};
  }

  /** customer_id, x, t_x, age, mean_repeat_spend (null when x = 0) for {@code customers} customers, drawn in Spark. */
  public static Dataset<Row> summaries(SparkSession spark, long customers, int partitions, Settings settings) {
    StructType schema = new StructType()
        .add(ClvSummary.CUSTOMER_ID, DataTypes.StringType, false)
        .add(ClvSummary.X, DataTypes.LongType, false)
        .add(ClvSummary.T_X, DataTypes.DoubleType, false)
        .add(ClvSummary.AGE, DataTypes.DoubleType, false)
        .add(ClvSummary.MEAN_SPEND, DataTypes.DoubleType, true);
    Dataset<Long> ids = spark.range(0, customers, 1, partitions).as(Encoders.LONG());
    return ids.map((MapFunction<Long, Row>) id -> {
      double[] c = customer(settings, id);
      return RowFactory.create(String.format("S%09d", id), (long) c[0], c[1], c[2], c[0] > 0 ? c[3] : null);
    }, Encoders.row(schema)).withColumn(ClvSummary.MEAN_SPEND,
        org.apache.spark.sql.functions.col(ClvSummary.MEAN_SPEND).cast(io.clientele.ingest.Money.TYPE));
  }

  private static double gamma(SplittableRandom random, double shape, double rate) {
    return Draws.gamma(random, shape, 1 / rate);
  }
}
