package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.lake.Lake;
import io.clientele.model.ModelTables;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Where fitted models live: each training run saves its {@link PipelineModel} under a new, never reused
 * folder {@code <warehouse>/models/<name>/<version>/model} with its evaluation beside it
 * ({@code evaluation.json}), and records a row in {@code model_runs}. The promoted model of a name is the one
 * of its latest successful run; scoring loads that one.
 */
public final class ModelRegistry {
  public static final String SUCCEEDED = "succeeded";
  private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** What one training run produced, to be saved and recorded. */
  record Run(String name, Instant trainedAt, LocalDate trainingAsOf, LocalDate evaluationAsOf, String dataVersions,
      String parameters, String metrics, Double rocAuc, Double prAuc, Double baseRate, String evaluation) {}

  /** A saved model: its version and folder. */
  record Saved(String version, String path) {}

  private ModelRegistry() {}

  /**
   * The model name a file's or table's name gives when --name is not given: lower case, every character other than a
   * letter, digit, '_' or '-' made '_'; refused unless it is then a model name ({@link Names#MODEL}).
   */
  public static String safeName(String name) {
    String safe = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    if (!Names.MODEL.matcher(safe).matches()) {
      throw new UsageException("Cannot name a model after '" + name + "': give --name (" + Names.MODEL_RULE + ")");
    }
    return safe;
  }

  /** Saves the model under a fresh version (failing rather than overwriting) and records the run. */
  static Saved save(Lake lake, ClienteleConfig config, PipelineModel model, Run run) throws IOException {
    Names.model("model name", run.name()); // a folder under the warehouse: never a path of its own
    String version = VERSION_TIME.format(run.trainedAt()) + "-" + UUID.randomUUID().toString().substring(0, 8);
    // The session's warehouse, where the Delta tables are (warehouse.dir as the session resolved it).
    String warehouse = lake.spark().conf().get("spark.sql.warehouse.dir", config.get(ConfigKeys.WAREHOUSE_DIR));
    Path folder = new Path(new Path(new Path(warehouse, "models"), run.name()), version);
    FileSystem fs = folder.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
    Path qualified = fs.makeQualified(folder);
    if (fs.exists(qualified)) {
      throw new IllegalStateException("Cannot save model " + run.name() + ": version folder " + qualified + " exists");
    }
    model.write().save(new Path(qualified, "model").toString());
    try (OutputStream out = fs.create(new Path(qualified, "evaluation.json"), false)) {
      out.write(run.evaluation().getBytes(StandardCharsets.UTF_8));
    }
    lake.ensureTable(ModelTables.MODEL_RUNS, ModelTables.RUNS, "Every model training run: see README");
    Row row = RowFactory.create(run.name(), version, Timestamp.from(run.trainedAt()),
        run.trainingAsOf() == null ? null : Date.valueOf(run.trainingAsOf()),
        run.evaluationAsOf() == null ? null : Date.valueOf(run.evaluationAsOf()), run.dataVersions(), run.parameters(),
        run.metrics(), run.rocAuc(), run.prAuc(), run.baseRate(), run.evaluation(), lake.spark().version(),
        qualified.toString(), SUCCEEDED);
    lake.append(ModelTables.MODEL_RUNS, lake.spark().createDataFrame(List.of(row), ModelTables.RUNS));
    return new Saved(version, qualified.toString());
  }

  /** The folder of the promoted (latest successful) model of a name; fails naming the command to run. */
  static Saved promoted(Lake lake, String name, String trainCommand) {
    if (!lake.exists(ModelTables.MODEL_RUNS)) {
      throw new UsageException("Cannot score with model " + name + ": no model trained yet (run: " + trainCommand + ")");
    }
    List<Row> latest = lake.read(ModelTables.MODEL_RUNS)
        .where(col("model_name").equalTo(name).and(col("status").equalTo(SUCCEEDED)))
        .orderBy(col("trained_at").desc(), col("version").desc()).limit(1).collectAsList();
    if (latest.isEmpty()) {
      throw new UsageException("Cannot score with model " + name + ": no model trained yet (run: " + trainCommand + ")");
    }
    return new Saved(latest.get(0).getAs("version"), latest.get(0).getAs("path"));
  }

  /** Loads a saved model's pipeline. */
  static PipelineModel load(Saved saved) {
    return PipelineModel.load(new Path(saved.path(), "model").toString());
  }
}
