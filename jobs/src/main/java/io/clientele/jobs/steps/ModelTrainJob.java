package io.clientele.jobs.steps;

import io.clientele.config.UsageException;
import io.clientele.ingest.CsvDialect;
import io.clientele.json.Json;
import io.clientele.lake.Lake;
import io.clientele.model.BinaryTrainer;
import io.clientele.model.Draws;
import io.clientele.model.Evaluation;
import io.clientele.model.LeakGuard;
import io.clientele.model.PreparedTable;
import io.clientele.model.TrainingSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * The trainer on any labelled table (a CSV file or a catalog table): shape the columns, hold out a share drawn
 * from a seeded hash of each row, fit the pipeline with a cross-validated regularisation, evaluate on the held-out rows, run
 * the leak guard, save the model under a new version and record it in model_runs.
 */
public final class ModelTrainJob {
  private static final String JOB = "model train";

  /** Where the rows come from and what to learn: exactly one of csv and table. */
  public record Options(String csv, String table, String label, List<String> exclude, String separator, String name) {}

  private final JobContext context;

  public ModelTrainJob(JobContext context) {
    this.context = context;
  }

  /**
   * The reader options of the CSV file: with a separator given, that and a header line; with {@value CsvDialect#AUTO},
   * the separator, quote, escape and header detected from the start of the file (of a folder's first file), said on
   * the progress line. The file must have a header line: it names the label.
   */
  private Map<String, String> csvOptions(Options o) throws java.io.IOException {
    if (!o.separator().equals(CsvDialect.AUTO)) {
      return Map.of("header", "true", "sep", o.separator());
    }
    org.apache.hadoop.conf.Configuration conf = context.spark().sparkContext().hadoopConfiguration();
    Map<String, String> detect = Map.of("sep", CsvDialect.AUTO, "header", CsvDialect.AUTO);
    CsvDialect dialect;
    try {
      dialect = CsvSample.sniff(conf, CsvSample.firstFile(conf, o.csv()), detect, context.config());
    } catch (java.io.FileNotFoundException e) {
      throw new UsageException("Cannot train: no file " + o.csv());
    } catch (CsvDialect.SniffException e) {
      throw new UsageException("Cannot read " + o.csv() + ": " + e.getMessage() + " with --sep C");
    }
    if (!dialect.header()) {
      throw new UsageException("Cannot train on " + o.csv() + ": its first line looks like data, not a header "
          + "(its values are like the lines after it); model train needs a header line that names the columns");
    }
    context.progress(JOB, o.csv() + ": " + dialect.describe() + ", detected (--sep C to choose)");
    return dialect.resolve(detect);
  }

  public JobResult run(Options o) throws Exception {
    Lake lake = context.lake();
    TrainingSettings settings = TrainingSettings.from(context.config());
    Dataset<Row> source;
    String dataVersions;
    if (o.csv() != null) {
      source = lake.spark().read().options(csvOptions(o)).option("inferSchema", true)
          .option("ignoreLeadingWhiteSpace", false).csv(o.csv());
      dataVersions = Json.write(Json.object("csv", o.csv()));
    } else {
      if (!lake.exists(o.table())) {
        throw new UsageException("Cannot train: table " + lake.qualified(o.table()) + " does not exist");
      }
      source = lake.read(o.table());
      dataVersions = Json.write(Json.object(o.table(), lake.version(o.table())));
    }
    // A row is known by all its values as read (ids and excluded columns included): its draw decides whether it is
    // held out and its fold, the same whatever the file's or table's partitioning (randomSplit samples per partition)
    // and whichever columns are excluded, so models with and without a column are judged on the same rows.
    PreparedTable prepared = PreparedTable.prepare(Draws.withDrawOfAllColumns(source, settings.seed()), o.label(),
        o.exclude(), settings.maxCategories());
    Dataset<Row> rows = prepared.rows().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> training = rows.where(functions.not(Draws.isHeldOut(settings.testFraction())))
          .persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> heldOut = rows.where(Draws.isHeldOut(settings.testFraction())).persist(StorageLevel.MEMORY_AND_DISK());
      long trainingRows = training.count();
      long heldOutRows = heldOut.count();
      context.progress(JOB, String.format("%,d training rows, %,d held out; numeric %s; categorical %s; left out %s",
          trainingRows, heldOutRows, prepared.numeric(), prepared.categorical(), prepared.dropped()));

      BinaryTrainer.Fit fit = BinaryTrainer.fit(training, prepared.numeric(), prepared.categorical(), settings);
      context.progress(JOB, String.format(Locale.ROOT, "cross-validated ROC AUC %s for regularisation %s: chose %s",
          java.util.Arrays.toString(fit.cvAucs()), fit.regParams(), fit.regParam()));
      Evaluation evaluation = Evaluation.of(BinaryTrainer.withScore(fit.model().transform(heldOut)), PreparedTable.LABEL,
          BinaryTrainer.SCORE, settings.threshold());
      List<LeakGuard.FeatureAuc> aucs = LeakGuard.singleFeatureAucs(training, heldOut, prepared.numeric(),
          prepared.categorical(), settings.leakAuc());

      String name = Names.model("model name", o.name());
      StringBuilder report = new StringBuilder();
      report.append("model ").append(name).append(": held-out evaluation (")
          .append(String.format(Locale.ROOT, "%,d rows, a share %.2f drawn from a hash of each row, seed %d", heldOutRows,
              settings.testFraction(), settings.seed())).append(")\n");
      report.append(evaluation.toText());
      report.append(LeakGuard.toText(aucs, settings.leakAuc()));

      String parameters = Json.write(Json.object("label", o.label(), "excluded", o.exclude(), "numeric", prepared.numeric(),
          "categorical", prepared.categorical(), "left_out", prepared.dropped(), "reg_params", fit.regParams(),
          "reg_param", fit.regParam(), "cv_folds", settings.folds(), "cv_roc_auc", fit.cvAucs(),
          "test_fraction", settings.testFraction(), "seed", settings.seed(), "threshold", settings.threshold()));
      Map<String, Object> leak = new LinkedHashMap<>();
      for (LeakGuard.FeatureAuc auc : aucs) {
        leak.put(auc.feature(), auc.auc());
      }
      String metrics = Json.write(Json.object("roc_auc", evaluation.rocAuc(), "pr_auc", evaluation.prAuc(), "base_rate",
          evaluation.baseRate(), "top_decile_lift", evaluation.topDecileLift(), "single_feature_auc", leak));
      ModelRegistry.Saved saved = ModelRegistry.save(lake, context.config(), fit.model(), new ModelRegistry.Run(name,
          Instant.now(), null, null, dataVersions, parameters, metrics, evaluation.rocAuc(), evaluation.prAuc(),
          evaluation.baseRate(), evaluation.toJson()));
      report.append("saved: ").append(saved.path()).append('\n');
      context.out().print(report);
      context.out().flush();
      long warnings = aucs.stream().filter(LeakGuard.FeatureAuc::suspicious).count();
      return new JobResult(trainingRows + heldOutRows, heldOutRows, 0L, String.format(Locale.ROOT,
          "model %s version %s: held-out roc_auc %.4f, pr_auc %.4f, base rate %.4f, %d leak warning(s)", name,
          saved.version(), evaluation.rocAuc(), evaluation.prAuc(), evaluation.baseRate(), warnings));
    } finally {
      rows.unpersist();
    }
  }
}
