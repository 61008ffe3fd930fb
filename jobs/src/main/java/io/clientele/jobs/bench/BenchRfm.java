package io.clientele.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.generate.Generator;
import io.clientele.generate.GeneratorSettings;
import io.clientele.ingest.Money;
import io.clientele.jobs.steps.JobContext;
import io.clientele.value.Rfm;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;

/**
 * {@code bench rfm}: the RFM aggregation (per customer: first and last purchase, recency, distinct paid orders,
 * paid spend, cancelled and returned amount) over one Parquet copy of generated transaction lines, timed in
 * Spark (the value job's own {@link Rfm#measures}) and in embedded DuckDB (the same aggregation in SQL), each
 * writing its result to Parquet. The two results are compared (customers, summed frequency and monetary), so
 * the figures are for the same answer.
 */
public final class BenchRfm {
  private final JobContext context;
  private final PrintStream out;

  public BenchRfm(JobContext context, PrintStream out) {
    this.context = context;
    this.out = out;
  }

  public int run(Long customers, Integer days) throws Exception {
    Map<String, String> keys = new LinkedHashMap<>();
    if (customers != null) {
      keys.put(ConfigKeys.GENERATE_CUSTOMERS.key(), customers.toString());
    }
    if (days != null) {
      keys.put(ConfigKeys.GENERATE_DAYS.key(), days.toString());
    }
    // Clean lines: the comparison is of the aggregation, not of the checks ingestion does.
    keys.put(ConfigKeys.GENERATE_DIRTY_RATE.key(), "0");
    ClienteleConfig config = context.config().with(keys);
    GeneratorSettings settings = Generator.settings(config);
    SparkSession spark = context.spark();
    String base = config.get(ConfigKeys.WAREHOUSE_DIR) + "/_bench/rfm_" + settings.customers() + "_" + settings.days();
    String raw = base + "/raw";
    String lines = base + "/lines.parquet";
    LocalDate asOf = settings.endDate().plusDays(1);
    int window = config.get(ConfigKeys.VALUE_WINDOW_DAYS);

    long t0 = System.nanoTime();
    Generator.transactions(spark, settings).write().mode(SaveMode.Overwrite).text(raw);
    Dataset<Row> csv = spark.read().option("header", "true").csv(raw);
    csv.select(col("customer_id"), col("order_id"), to_date(col("order_ts")).as("order_date"),
            lower(trim(col("status"))).as("status"),
            col("quantity").cast("int").multiply(col("unit_price").cast(Money.TYPE))
                .multiply(col("discount").cast(Money.TYPE).multiply(-1).plus(1)).cast(Money.TYPE).as("amount"))
        .where(col("order_date").isNotNull().and(col("amount").isNotNull()))
        .write().mode(SaveMode.Overwrite).parquet(lines);
    long rows = spark.read().parquet(lines).count();
    double prepare = seconds(t0);

    // Each engine runs twice: the first run pays for loading code and planning, the second is the steady state.
    String sparkOut = base + "/rfm_spark.parquet";
    double[] sparkSeconds = new double[2];
    for (int run = 0; run < 2; run++) {
      t0 = System.nanoTime();
      Rfm.measures(Rfm.filterWindow(spark.read().parquet(lines), asOf, window), asOf, false)
          .write().mode(SaveMode.Overwrite).parquet(sparkOut);
      sparkSeconds[run] = seconds(t0);
    }
    Row sparkTotals = spark.read().parquet(sparkOut)
        .selectExpr("count(*)", "sum(frequency)", "cast(sum(monetary) as decimal(38,2))").head();

    int threads = spark.sparkContext().defaultParallelism();
    String duckOut = localPath(base + "/rfm_duckdb.parquet");
    String duckSql = String.format(Locale.ROOT, "COPY (SELECT customer_id,"
        + " min(CASE WHEN status = 'paid' THEN order_date END) AS first_purchase_date,"
        + " max(CASE WHEN status = 'paid' THEN order_date END) AS last_purchase_date,"
        + " count(DISTINCT CASE WHEN status = 'paid' THEN order_id END) AS frequency,"
        + " sum(CASE WHEN status = 'paid' THEN amount ELSE 0 END) AS monetary,"
        + " sum(CASE WHEN status = 'paid' THEN 0 ELSE amount END) AS cancelled_or_returned,"
        + " DATE '%s' - max(CASE WHEN status = 'paid' THEN order_date END) AS recency_days"
        + " FROM read_parquet('%s/*.parquet')"
        + " WHERE order_date >= DATE '%s' AND order_date < DATE '%s'"
        + " GROUP BY customer_id HAVING count(DISTINCT CASE WHEN status = 'paid' THEN order_id END) > 0)"
        + " TO '%s' (FORMAT PARQUET)", asOf, localPath(lines), asOf.minusDays(window), asOf, duckOut);
    double[] duckSeconds = new double[2];
    long duckCustomers;
    long duckFrequency;
    java.math.BigDecimal duckMonetary;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
      statement.execute("SET threads = " + threads);
      for (int run = 0; run < 2; run++) {
        java.nio.file.Files.deleteIfExists(java.nio.file.Paths.get(duckOut));
        t0 = System.nanoTime();
        statement.execute(duckSql);
        duckSeconds[run] = seconds(t0);
      }
      try (ResultSet totals = statement.executeQuery("SELECT count(*), sum(frequency), CAST(sum(monetary) AS DECIMAL(38,2))"
          + " FROM read_parquet('" + duckOut + "')")) {
        totals.next();
        duckCustomers = totals.getLong(1);
        duckFrequency = totals.getLong(2);
        duckMonetary = totals.getBigDecimal(3);
      }
    }

    boolean same = sparkTotals.getLong(0) == duckCustomers && sparkTotals.getLong(1) == duckFrequency
        && sparkTotals.getDecimal(2).compareTo(duckMonetary) == 0;
    out.printf(Locale.ROOT, "bench rfm: %,d transaction lines (%,d customers over %d days), as of %s, %d-day window; "
        + "Spark %s on %s, DuckDB with %d threads%n", rows, settings.customers(), settings.days(), asOf, window,
        spark.version(), spark.sparkContext().master(), threads);
    out.printf(Locale.ROOT, "  %-44s %10.2f s%n", "generate + write Parquet lines", prepare);
    for (int run = 0; run < 2; run++) {
      String which = run == 0 ? "first run" : "second run";
      out.printf(Locale.ROOT, "  %-44s %10.2f s %,14.0f lines/s%n", "spark  RFM aggregation -> Parquet, " + which,
          sparkSeconds[run], rows / sparkSeconds[run]);
      out.printf(Locale.ROOT, "  %-44s %10.2f s %,14.0f lines/s%n", "duckdb RFM aggregation -> Parquet, " + which,
          duckSeconds[run], rows / duckSeconds[run]);
    }
    out.printf(Locale.ROOT, "  results %s: spark %,d customers, frequency %,d, monetary %s; duckdb %,d, %,d, %s%n",
        same ? "agree" : "DIFFER", sparkTotals.getLong(0), sparkTotals.getLong(1), sparkTotals.getDecimal(2).toPlainString(),
        duckCustomers, duckFrequency, duckMonetary.toPlainString());
    out.flush();
    if (!same) {
      throw new IllegalStateException("bench rfm: Spark and DuckDB disagree on the RFM aggregation");
    }
    return CommandLine.ExitCode.OK;
  }

  /** DuckDB reads local files only: a file: URI or plain path as a path. */
  private static String localPath(String path) {
    if (path.startsWith("file:")) {
      return java.nio.file.Paths.get(java.net.URI.create(path)).toString();
    }
    if (path.contains("://")) {
      throw new UsageException("bench rfm needs a local warehouse (DuckDB reads local files): " + path);
    }
    return java.nio.file.Paths.get(path).toAbsolutePath().toString();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
