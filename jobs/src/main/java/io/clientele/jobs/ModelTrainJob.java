package io.clientele.jobs;

import io.clientele.config.UsageException;
import io.clientele.ingest.CsvDialect;
import io.clientele.lake.Lake;
import io.clientele.model.BinaryTrainer;
import io.clientele.model.Draws;
import io.clientele.model.Evaluation;
import io.clientele.model.LeakGuard;
import io.clientele.model.PreparedTable;
import io.clientele.model.TrainingSettings;
import java.time.Instant;
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
      dataVersions = "{\"csv\":\"" + o.csv().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    } else {
      if (!lake.exists(o.table())) {
        throw new UsageException("Cannot train: table " + lake.qualified(o.table()) + " does not exist");
      }
      source = lake.read(o.table());
      dataVersions = "{\"" + o.table() + "\":" + lake.version(o.table()) + "}";
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

      String parameters = String.format(Locale.ROOT,
          "{\"label\":\"%s\",\"excluded\":%s,\"numeric\":%s,\"categorical\":%s,\"left_out\":%s,\"reg_params\":%s,"
              + "\"reg_param\":%s,\"cv_folds\":%d,\"cv_roc_auc\":%s,\"test_fraction\":%s,\"seed\":%d,\"threshold\":%s}",
          o.label(), json(o.exclude()), json(prepared.numeric()), json(prepared.categorical()), json(prepared.dropped()),
          fit.regParams(), fit.regParam(), settings.folds(), java.util.Arrays.toString(fit.cvAucs()),
          settings.testFraction(), settings.seed(), settings.threshold());
      StringBuilder leak = new StringBuilder("{");
      for (int i = 0; i < aucs.size(); i++) {
        leak.append(i == 0 ? "" : ",").append('"').append(aucs.get(i).feature()).append("\":")
            .append(String.format(Locale.ROOT, "%.6f", aucs.get(i).auc()));
      }
      leak.append('}');
      String metrics = String.format(Locale.ROOT, "{\"roc_auc\":%.6f,\"pr_auc\":%.6f,\"base_rate\":%.6f,\"top_decile_lift\":%.6f,"
          + "\"single_feature_auc\":%s}", evaluation.rocAuc(), evaluation.prAuc(), evaluation.baseRate(),
          evaluation.topDecileLift(), leak);
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

  private static String json(List<String> names) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < names.size(); i++) {
      out.append(i == 0 ? "" : ",").append('"').append(names.get(i).replace("\"", "\\\"")).append('"');
    }
    return out.append(']').toString();
  }
}
