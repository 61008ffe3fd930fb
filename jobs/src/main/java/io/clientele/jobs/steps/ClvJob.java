package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clientele.clv.BgNbd;
import io.clientele.clv.Calibration;
import io.clientele.clv.ClvModels;
import io.clientele.clv.ClvPredictions;
import io.clientele.clv.ClvSummary;
import io.clientele.clv.ClvTables;
import io.clientele.clv.GammaGamma;
import io.clientele.clv.MaximumLikelihood;
import io.clientele.clv.ModelFit;
import io.clientele.clv.SegmentClv;
import io.clientele.clv.SummaryCsv;
import io.clientele.clv.TimeUnit;
import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import io.clientele.value.RfmSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Customer lifetime value as of a date: the calibration summary (from silver transactions, or a ready summary
 * in a CSV file), BG/NBD and Gamma-Gamma fitted by maximum likelihood inside Spark, per-customer predictions
 * (customer_clv), the fitted parameters (clv_models), with a holdout the expected-vs-actual comparison
 * (clv_calibration), and the P / R formula per RFM segment (segment_clv). Each table's as_of slice is replaced.
 */
public final class ClvJob {
  private static final String JOB = "clv";

  /** {@code --holdout-end DATE}: compare the predictions with the purchases in [as-of, DATE). */
  public static final JobSpec.Option<LocalDate> HOLDOUT_END = JobSpec.Option.of("--holdout-end", "DATE", LocalDate.class,
      "yyyy-MM-dd; compare predictions with the purchases in [as-of, holdout end)");

  /** {@code --time-unit UNIT}: day or week, clv.time-unit unless given. */
  public static final JobSpec.Option<String> TIME_UNIT = JobSpec.Option.configured("--time-unit", "UNIT", String.class,
      ConfigKeys.CLV_TIME_UNIT, "day or week").normalisedBy(unit -> unit.trim().toLowerCase(Locale.ROOT));

  /** {@code --horizon MONTHS}: clv.horizon-months unless given. */
  public static final JobSpec.Option<Integer> HORIZON = JobSpec.Option.configured("--horizon", "MONTHS", Integer.class,
      ConfigKeys.CLV_HORIZON_MONTHS, "CLV horizon in months");

  /** {@code --summary-csv FILE}: fit a ready summary instead of the transactions. */
  public static final JobSpec.Option<String> SUMMARY_CSV = JobSpec.Option.of("--summary-csv", "FILE", String.class,
      "fit a ready summary instead of the transactions: header with id, x, t_x, T and optionally zbar");

  /** {@code clv --as-of D [--holdout-end E] [--time-unit U] [--horizon M] [--summary-csv F]}. */
  public static final JobSpec SPEC = JobSpec.of("clv",
          "Customer lifetime value: BG/NBD and Gamma-Gamma fitted in Spark on the purchases before the as-of date,",
          "per-customer predictions and CLV tiers, P / R per RFM segment, and with --holdout-end the comparison of",
          "expected and actual purchases after the as-of date. --summary-csv fits a ready summary (x, t_x, T, spend).",
          "The purchases before the as-of date are the calibration period (t_x and T run to the day before it).")
      .with(HOLDOUT_END, TIME_UNIT, HORIZON, SUMMARY_CSV)
      .checking((asOf, options) -> {
        LocalDate holdoutEnd = options.get(HOLDOUT_END);
        if (holdoutEnd != null && !holdoutEnd.isAfter(asOf)) {
          throw new UsageException("--holdout-end " + holdoutEnd + " must be after --as-of " + asOf);
        }
        if (holdoutEnd != null && options.get(SUMMARY_CSV) != null) {
          throw new UsageException("--holdout-end needs the transactions; a summary CSV has no holdout purchases");
        }
      })
      .runs((context, asOf, options) -> {
        Options run = new Options(asOf, options.get(HOLDOUT_END), TimeUnit.parse(options.get(TIME_UNIT)),
            options.get(HORIZON), options.get(SUMMARY_CSV));
        return () -> new ClvJob(context).run(run);
      });

  /** What to compute: the calibration end (as-of), an optional holdout end, the unit, the horizon, a CSV. */
  public record Options(LocalDate asOf, LocalDate holdoutEnd, TimeUnit unit, int horizonMonths, String summaryCsv) {}

  private final JobContext context;

  public ClvJob(JobContext context) {
    this.context = context;
  }

  public JobResult run(Options o) {
    ClienteleConfig config = context.config();
    Lake lake = context.lake();
    List<Double> tierShares = tierShares(config);
    Dataset<Row> transactions = null;
    Dataset<Row> days = null;
    Dataset<Row> summary;
    String source;
    String dataVersion;
    if (o.summaryCsv() == null) {
      GoldSlice.requireFeed(lake, JOB, Tables.TRANSACTIONS, "transactions");
      // Pinned to one Delta version, so that the version clv_models records is exactly the data fitted.
      long version = lake.version(Tables.TRANSACTIONS);
      transactions = lake.spark().sql("SELECT * FROM " + lake.qualified(Tables.TRANSACTIONS) + " VERSION AS OF " + version);
      days = ClvSummary.purchaseDays(transactions, o.holdoutEnd() != null ? o.holdoutEnd() : o.asOf())
          .persist(StorageLevel.MEMORY_AND_DISK());
      summary = ClvSummary.summary(days, o.asOf(), o.unit());
      if (o.holdoutEnd() != null) {
        summary = ClvSummary.withHoldout(summary, days, o.asOf(), o.holdoutEnd());
      }
      source = "transactions";
      dataVersion = lake.qualified(Tables.TRANSACTIONS) + " version " + version;
    } else {
      summary = SummaryCsv.read(lake.spark(), o.summaryCsv())
          .withColumn(ClvSummary.FIRST, lit(null).cast("date"))
          .withColumn(ClvSummary.LAST, lit(null).cast("date"));
      source = "csv " + o.summaryCsv();
      dataVersion = csvVersion(o.summaryCsv());
    }
    if (o.holdoutEnd() == null) {
      summary = summary.withColumn(ClvSummary.HOLDOUT_PURCHASES, lit(null).cast("long"))
          .withColumn(ClvSummary.HOLDOUT_SPEND, lit(null).cast("double"));
    }
    summary = summary.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long customers = summary.count();
      if (customers == 0) {
        throw new IllegalStateException("Cannot fit CLV models as of " + o.asOf() + ": no customer has a purchase before it");
      }
      context.progress(JOB, String.format(Locale.ROOT, "summary as of %s (calibration to %s, in %ss): %,d customers",
          o.asOf(), o.asOf().minusDays(1), o.unit().id(), customers));

      MaximumLikelihood.Settings settings = new MaximumLikelihood.Settings(config.get(ConfigKeys.CLV_PENALTY),
          config.get(ConfigKeys.CLV_MAX_ITERATIONS), config.get(ConfigKeys.CLV_GRADIENT_TOLERANCE), 1e-14);
      int driverRows = config.get(ConfigKeys.CLV_DRIVER_FIT_ROWS);
      ModelFit bgNbd = ClvModels.fitBgNbd(summary, settings, config.get(ConfigKeys.CLV_FALLBACK_PENALTY), driverRows);
      context.progress(JOB, bgNbd.describe());
      ClvModels.SpendFit spend = ClvModels.fitGammaGamma(summary, settings, config.get(ConfigKeys.CLV_FALLBACK_PENALTY),
          driverRows);
      ModelFit gammaGamma = spend.fit();
      Double correlation = spend.frequencySpendCorrelation();
      long repeatCustomers = spend.repeatCustomers();
      context.progress(JOB, gammaGamma.describe() + String.format(Locale.ROOT,
          "; corr(frequency, spend) = %s over %,d repeat customers%s",
          correlation == null ? "n/a" : String.format(Locale.ROOT, "%.3f", correlation), repeatCustomers,
          spend.repeatWithoutSpend() > 0
              ? String.format(Locale.ROOT, " (%,d repeat customers without spend left out)", spend.repeatWithoutSpend())
              : ""));

      Double holdoutLength = o.holdoutEnd() == null ? null
          : (double) java.time.temporal.ChronoUnit.DAYS.between(o.asOf(), o.holdoutEnd()) / o.unit().days();
      ClvPredictions.Horizon horizon = new ClvPredictions.Horizon(o.horizonMonths(),
          config.get(ConfigKeys.CLV_MONTHLY_DISCOUNT), config.get(ConfigKeys.CLV_MARGIN), o.unit(), holdoutLength);
      // Valued once and kept: the tier cut-offs and the write both read it.
      Dataset<Row> valued = ClvPredictions.withPurchaseForecast(summary, BgNbd.Params.of(bgNbd.estimates()), horizon, bgNbd.rows())
          .transform(d -> ClvPredictions.withValue(d, GammaGamma.Params.of(gammaGamma.estimates()), horizon))
          .persist(StorageLevel.MEMORY_AND_DISK());
      long written;
      try {
        Dataset<Row> scored = ClvPredictions.withTier(valued, tierShares)
            .withColumn("time_unit", lit(o.unit().id()))
            .withColumn("horizon_months", lit(o.horizonMonths()))
            .withColumn("holdout_end", lit(o.holdoutEnd() == null ? null : Date.valueOf(o.holdoutEnd())).cast("date"));
        written = GoldSlice.write(lake, ClvTables.CUSTOMER_CLV, ClvTables.CUSTOMER, scored, o.asOf());
      } finally {
        valued.unpersist();
      }
      context.progress(JOB, String.format(Locale.ROOT, "customer_clv: %,d customers", written));

      GoldSlice.write(lake, ClvTables.CLV_MODELS, ClvTables.MODELS,
          modelRows(lake, List.of(bgNbd, gammaGamma), correlation, o.unit(), source, dataVersion), o.asOf());

      Dataset<Row> clv = GoldSlice.read(lake, ClvTables.CUSTOMER_CLV, o.asOf());
      String calibration = "";
      if (o.holdoutEnd() != null) {
        Dataset<Row> compared = Calibration.compare(clv)
            .withColumn("holdout_end", lit(Date.valueOf(o.holdoutEnd())))
            .withColumn("time_unit", lit(o.unit().id()))
            .withColumn("holdout_length", lit(holdoutLength));
        GoldSlice.write(lake, ClvTables.CLV_CALIBRATION, ClvTables.CALIBRATION, compared, o.asOf());
        Row all = GoldSlice.read(lake, ClvTables.CLV_CALIBRATION, o.asOf()).where(col("frequency_bucket").equalTo("all")).head();
        calibration = String.format(Locale.ROOT, "; holdout to %s: %,.0f actual vs %,.1f expected repeat purchases",
            o.holdoutEnd(), all.<Double>getAs("actual_purchases"), all.<Double>getAs("expected_purchases"));
        context.progress(JOB, "clv_calibration" + calibration);
      }
      if (transactions != null) {
        SegmentClv.Settings segmentSettings = new SegmentClv.Settings(config.get(ConfigKeys.CLV_SEGMENT_PERIOD_DAYS),
            config.get(ConfigKeys.VALUE_WINDOW_DAYS), RfmSettings.from(config),
            config.get(ConfigKeys.VALUE_MONETARY).equals("net"), config.get(ConfigKeys.CLV_MARGIN));
        Dataset<Row> before = transactions.where(col("order_date").lt(lit(Date.valueOf(o.asOf()))));
        long segments = GoldSlice.write(lake, ClvTables.SEGMENT_CLV, ClvTables.SEGMENTS,
            SegmentClv.compute(before, o.asOf(), segmentSettings, clv), o.asOf());
        context.progress(JOB, String.format(Locale.ROOT, "segment_clv: %d segments", segments));
      }
      return new JobResult(customers, written, 0L, String.format(Locale.ROOT,
          "as of %s: %,d customers; BG/NBD r=%.4f alpha=%.4f a=%.4f b=%.4f (ll %.2f); Gamma-Gamma p=%.4f q=%.4f gamma=%.4f "
              + "on %,d repeat customers%s", o.asOf(), customers, bgNbd.estimates()[0], bgNbd.estimates()[1],
          bgNbd.estimates()[2], bgNbd.estimates()[3], bgNbd.logLikelihood(), gammaGamma.estimates()[0],
          gammaGamma.estimates()[1], gammaGamma.estimates()[2], repeatCustomers, calibration));
    } finally {
      summary.unpersist();
      if (days != null) {
        days.unpersist();
      }
    }
  }

  private static Dataset<Row> modelRows(Lake lake, List<ModelFit> fits, Double correlation, TimeUnit unit, String source,
      String dataVersion) {
    List<Row> rows = new ArrayList<>();
    for (ModelFit fit : fits) {
      for (int i = 0; i < fit.parameters().size(); i++) {
        rows.add(RowFactory.create(fit.model(), fit.parameters().get(i), fit.estimates()[i],
            Double.isFinite(fit.standardErrors()[i]) ? fit.standardErrors()[i] : null, fit.logLikelihood(),
            Math.round(fit.customers()), fit.rows(), unit.id(), fit.penalty(), fit.iterations(), fit.converged(),
            fit.reason(), fit.model().equals(GammaGamma.MODEL) ? correlation : null, source, dataVersion));
      }
    }
    StructType schema = new StructType(java.util.Arrays.stream(ClvTables.MODELS.fields())
        .filter(f -> !f.name().equals(ClvTables.AS_OF)).toArray(StructField[]::new));
    return lake.spark().createDataFrame(rows, schema);
  }

  private static String csvVersion(String path) {
    try {
      Path file = Paths.get(path);
      if (Files.isRegularFile(file)) {
        return String.format(Locale.ROOT, "%s, %d bytes, modified %s", file.toAbsolutePath(), Files.size(file),
            Files.getLastModifiedTime(file));
      }
    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
      // not a local file: the path itself is the version
    }
    return path;
  }

  static List<Double> tierShares(ClienteleConfig config) {
    List<String> values = config.get(ConfigKeys.CLV_TIER_SHARES);
    String key = ConfigKeys.CLV_TIER_SHARES.key();
    if (values.size() != 2) {
      throw new ConfigException(key + " must hold two shares (high|medium), got " + values);
    }
    List<Double> shares = new ArrayList<>();
    for (String value : values) {
      try {
        double share = Double.parseDouble(value);
        if (!(share > 0 && share < 1)) {
          throw new ConfigException(key + ": each share must be between 0 and 1, got " + value);
        }
        shares.add(share);
      } catch (NumberFormatException e) {
        throw new ConfigException(key + ": '" + value + "' is not a number");
      }
    }
    if (shares.get(0) + shares.get(1) >= 1) {
      throw new ConfigException(key + ": the high and medium shares must leave room for a low tier, got " + values);
    }
    return shares;
  }
}
