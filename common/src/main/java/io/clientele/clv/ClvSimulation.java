package io.clientele.clv;

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
    SplittableRandom random = new SplittableRandom(s.seed() * 0x9E3779B97F4A7C15L + id);
    double unitDays = s.unit().days();
    double ageDays = s.minAgeDays() + random.nextInt(s.maxAgeDays() - s.minAgeDays() + 1);
    double age = ageDays / unitDays;
    double lambda = gamma(random, s.bgNbd().r(), s.bgNbd().alpha());
    double g1 = gamma(random, s.bgNbd().a(), 1);
    double g2 = gamma(random, s.bgNbd().b(), 1);
    double dropOut = g1 / (g1 + g2);
    double nu = gamma(random, s.gammaGamma().q(), s.gammaGamma().gamma());
    double t = 0;
    long x = 0;
    double tx = 0;
    double lastDay = 0;
    double spend = 0;
    while (lambda > 0) {
      t += -Math.log(1 - random.nextDouble()) / lambda;
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

  /** Gamma(shape, rate) by Marsaglia and Tsang, with the usual boost for shape below one. */
  static double gamma(SplittableRandom random, double shape, double rate) {
    if (shape < 1) {
      double u = random.nextDouble();
      return gamma(random, shape + 1, rate) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = random.nextGaussian();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (u < 1 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1 - v + Math.log(v))) {
        return d * v / rate;
      }
    }
  }
}
