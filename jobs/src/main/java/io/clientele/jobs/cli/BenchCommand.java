package io.clientele.jobs.cli;

import io.clientele.clv.BgNbd;
import io.clientele.clv.ClvModels;
import io.clientele.clv.ClvPredictions;
import io.clientele.clv.ClvSimulation;
import io.clientele.clv.GammaGamma;
import io.clientele.clv.MaximumLikelihood;
import io.clientele.clv.ModelFit;
import io.clientele.clv.TimeUnit;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.jobs.bench.BenchFixed;
import io.clientele.jobs.bench.BenchRfm;
import io.clientele.jobs.bench.BenchStages;
import io.clientele.jobs.steps.JobContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

/**
 * Benchmarks: times each step and prints rows per second. Figures are printed, never asserted; BENCHMARKS.md
 * and the README hold the ones measured on the reference machine.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Time a stage on data of a chosen size and print rows per second.",
      "stages: generate N customers (--customers, --days) and time every stage on them: generate, ingest of each",
      "feed, value, clv, features, churn (train and score), segment, traffic, social, tags (when the job is built).",
      "fixed: what every command pays besides its data, each a whole process: bench stages on a data set of",
      "generate.customers (the demo's size; --customers, --days, --skip as for stages) in an empty warehouse, then",
      "sql \"SELECT 1\" three times on it and three incremental ingests of a two-line transactions file.",
      "rfm: the RFM aggregation over the same Parquet transactions in Spark and in embedded DuckDB, side by side.",
      "clv: simulate a summary table of N customers from the CDNOW parameters (BG/NBD r=0.243 alpha=4.414",
      "a=0.793 b=2.426, Gamma-Gamma p=6.25 q=3.74 gamma=15.44; ages 26-39 weeks in whole days), then time,",
      "from that table: load, BG/NBD fit, Gamma-Gamma fit, scoring (forecast, spend, CLV, tier) written to Parquet."
    })
public final class BenchCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Parameters(index = "0", paramLabel = "STAGE", description = "stages, fixed, rfm or clv")
  String stage;

  @Option(names = "--customers", paramLabel = "N",
      description = "customers to simulate (default: 1000000 for clv; generate.customers for stages and rfm)")
  Long customers;

  @Option(names = "--days", paramLabel = "D", description = "stages, rfm: days of history (default: generate.days)")
  Integer days;

  @Option(names = "--skip", split = ",", paramLabel = "STAGE",
      description = "stages: leave these stages out (e.g. traffic,social on large sizes); they are listed as skipped")
  List<String> skip = new ArrayList<>();

  @Option(names = "--profile", paramLabel = "FILE",
      description = "stages: write every Spark job each stage ran (wall time, stages, tasks, description, call site) to FILE as tab-separated lines")
  java.nio.file.Path profile;

  @Option(names = "--partitions", paramLabel = "N", description = "partitions of the simulated table (default 16)")
  int partitions = 16;

  @Option(names = "--seed", paramLabel = "N", description = "simulation seed (default 1)")
  long seed = 1;

  @Override
  public Integer call() throws Exception {
    switch (stage) {
      case "stages":
        return new BenchStages(root.context(), root.out()).run(customers, days, skip, profile);
      case "fixed":
        return new BenchFixed(root.config(), root.globalArguments(), root.out()).run(customers, days, skip, profile);
      case "rfm":
        return new BenchRfm(root.context(), root.out()).run(customers, days);
      case "clv":
        return clv(customers == null ? 1_000_000 : customers);
      default:
        throw new UsageException("Unknown bench stage '" + stage + "': the stages are stages, fixed, rfm, clv");
    }
  }

  private Integer clv(long customers) {
    if (customers < 1000 || partitions < 1) {
      throw new UsageException("--customers must be at least 1000 and --partitions at least 1");
    }
    JobContext context = root.context();
    SparkSession spark = context.spark();
    String base = context.config().get(ConfigKeys.WAREHOUSE_DIR) + "/_bench";
    String summaryPath = base + "/clv_summary_" + customers;
    String scoresPath = base + "/clv_scores_" + customers;
    List<String> lines = new ArrayList<>();

    long t0 = System.nanoTime();
    ClvSimulation.Settings settings = new ClvSimulation.Settings(new BgNbd.Params(0.243, 4.414, 0.793, 2.426),
        new GammaGamma.Params(6.25, 3.74, 15.44), TimeUnit.WEEK, 182, 273, true, seed);
    ClvSimulation.summaries(spark, customers, partitions, settings).write().mode(SaveMode.Overwrite).parquet(summaryPath);
    lines.add(line("simulate + write summary table", customers, t0));

    long start = System.nanoTime();
    long step = System.nanoTime();
    Dataset<Row> summary = spark.read().parquet(summaryPath).persist(StorageLevel.MEMORY_AND_DISK());
    summary.count();
    lines.add(line("load summary table", customers, step));

    MaximumLikelihood.Settings fitSettings = MaximumLikelihood.Settings.defaults();
    step = System.nanoTime();
    int driverRows = context.config().get(ConfigKeys.CLV_DRIVER_FIT_ROWS);
    ModelFit bg = ClvModels.fitBgNbd(summary, fitSettings, 0.0, driverRows);
    lines.add(line("BG/NBD fit (" + String.format(Locale.ROOT, "%,d distinct rows %s, %d evaluations", bg.rows(),
        bg.rows() <= driverRows ? "on the driver" : "in Spark", bg.evaluations()) + ")", customers, step));

    step = System.nanoTime();
    ClvModels.SpendFit spend = ClvModels.fitGammaGamma(summary, fitSettings, 0.0, driverRows);
    lines.add(line("Gamma-Gamma fit (" + String.format(Locale.ROOT, "%,d repeat customers, %,d distinct rows",
        spend.repeatCustomers(), spend.fit().rows()) + ")", customers, step));

    step = System.nanoTime();
    ClvPredictions.Horizon horizon = new ClvPredictions.Horizon(12, 0.01, 1.0, TimeUnit.WEEK, null);
    Dataset<Row> valued = ClvPredictions.withPurchaseForecast(summary, BgNbd.Params.of(bg.estimates()), horizon, bg.rows())
        .transform(d -> ClvPredictions.withValue(d, GammaGamma.Params.of(spend.fit().estimates()), horizon))
        .persist(StorageLevel.MEMORY_AND_DISK());
    ClvPredictions.withTier(valued, List.of(0.2, 0.3)).write().mode(SaveMode.Overwrite).parquet(scoresPath);
    valued.unpersist();
    lines.add(line("score (forecast, spend, CLV, tier) + write", customers, step));
    lines.add(line("end to end from the summary table", customers, start));
    summary.unpersist();

    java.io.PrintStream out = root.out();
    out.printf(Locale.ROOT, "bench clv: %,d simulated customers, %d partitions, Spark %s, master %s, %d cores%n", customers,
        partitions, spark.version(), spark.sparkContext().master(), spark.sparkContext().defaultParallelism());
    out.println("  " + bg.describe());
    out.println("  " + spend.fit().describe());
    for (String l : lines) {
      out.println("  " + l);
    }
    return ClienteleCommand.OK;
  }

  static String line(String what, long rows, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return String.format(Locale.ROOT, "%-60s %8.2f s  %,12.0f customers/s", what, seconds, rows / seconds);
  }
}
