package io.clientele.lake;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * How Spark evaluates a job's expressions, chosen from the size of the data the job works on. Spark compiles Java
 * classes for every query plan (whole-stage code generation, Janino): worth it when the rows are many, a fixed cost
 * of tens of milliseconds per class when they are few, paid in every fresh JVM and for every new query shape.
 * Measured on the reference machine (BENCHMARKS.md, "session 16"): on the demo's 2,000
 * customers (16 MiB of silver) every step ran without code generation in 173 s against 195 s with it; at 1M
 * transaction lines (87 MiB) ingest and value took the same time either way; at 10M lines the RFM aggregation was
 * 2.7 times slower without it. So below {@code execution.interpreted-max-bytes} of data the session interprets its
 * expressions ({@code spark.sql.codegen.wholeStage=false}, {@code spark.sql.codegen.factoryMode=NO_CODEGEN}); at or
 * above it, Spark's defaults. The modes are two implementations of the same expressions, which Spark's own tests
 * run against each other, and every job here gives the same rows in both (the test suite runs interpreted, the
 * 1M-line and 10M-line benchmarks compiled). One exception was found: Spark 3.5.4's interpreted deserializer cannot
 * build {@code org.apache.spark.sql.catalog.Table} objects ("argument type mismatch"), so
 * {@code spark.catalog().listTables()} fails after an interpreted job in the same session; SHOW TABLES works.
 *
 * <p>A configuration that sets either Spark key itself (in any layer: conf file, {@code --set}) is left alone.
 */
public final class ExpressionMode {
  static final String WHOLE_STAGE = "spark.sql.codegen.wholeStage";
  static final String FACTORY_MODE = "spark.sql.codegen.factoryMode";

  private ExpressionMode() {}

  /** Whether data of {@code bytes} is small enough to interpret: below {@code maxBytes}, which 0 turns off. */
  public static boolean interpreted(long bytes, long maxBytes) {
    return bytes < maxBytes;
  }

  /** What {@link #apply} chose: whether expressions are interpreted, and a line that says so and why. */
  public record Choice(boolean interpreted, String description) {}

  /**
   * Sets the session's expression evaluation for data of {@code bytes} and says what it chose, or returns null when
   * the configuration sets Spark's keys itself (then nothing is changed). The settings are the session's runtime
   * SQL settings: Spark sends them with every query to the executors.
   */
  public static Choice apply(SparkSession spark, ClienteleConfig config, long bytes) {
    Map<String, String> own = config.withPrefix("");
    if (own.containsKey(WHOLE_STAGE) || own.containsKey(FACTORY_MODE)) {
      return null;
    }
    long max = config.get(ConfigKeys.EXECUTION_INTERPRETED_MAX_BYTES);
    boolean interpret = interpreted(bytes, max);
    spark.conf().set(WHOLE_STAGE, Boolean.toString(!interpret));
    spark.conf().set(FACTORY_MODE, interpret ? "NO_CODEGEN" : "FALLBACK");
    return new Choice(interpret, String.format(Locale.ROOT, "%s (%s of data, %s %s: execution.interpreted-max-bytes)",
        interpret ? "expressions interpreted" : "code generation on", mebibytes(bytes), interpret ? "below" : "not below",
        mebibytes(max)));
  }

  private static String mebibytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
