package io.clientele.jobs.steps;

import io.clientele.config.UsageException;
import io.clientele.generate.Generator;
import io.clientele.generate.GeneratorSettings;
import io.clientele.ingest.Feed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the five synthetic feeds under one folder (DIR/transactions, DIR/traffic, ...), in parallel with
 * Spark. The output is a function of the settings alone, so when DIR already holds the output of the same
 * settings (its manifest says so) nothing is rewritten: ingestion then sees the same files, and a rerun of
 * the demo adds nothing. A folder that holds files but no manifest was not written here (a landing folder, an
 * export): it is refused unless forced, since its feed folders would be overwritten.
 */
public final class GenerateJob {
  static final String MANIFEST = "_clientele_generate.properties";

  private final JobContext context;

  public GenerateJob(JobContext context) {
    this.context = context;
  }

  public JobResult run(String out, GeneratorSettings settings, boolean force) throws IOException {
    return run(out, settings, java.util.EnumSet.allOf(Feed.class), force);
  }

  /** Writes the chosen feeds only (a benchmark of one feed need not write the others). */
  public JobResult run(String out, GeneratorSettings settings, java.util.Set<Feed> chosen, boolean force) throws IOException {
    SparkSession spark = context.spark();
    Path root = new Path(out);
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    Path manifest = new Path(root, MANIFEST);
    Properties wanted = manifestOf(settings, chosen);
    boolean ours = fs.exists(manifest);
    if (!force && ours && wanted.equals(readManifest(fs, manifest))) {
      return new JobResult(0L, 0L, 0L, "up to date: " + out + " already holds the output of these settings (--force rewrites)");
    }
    if (!force && !ours && fs.exists(root) && fs.listStatus(root).length > 0) {
      throw new UsageException("Cannot generate into " + out + ": the folder is not empty and was not written by"
          + " generate (no " + MANIFEST + "); use --force to overwrite its feed folders");
    }
    // Marks the folder as ours before the first write, and as not up to date until the last: a run killed in
    // between is rerun without --force and rewrites everything.
    Properties writing = new Properties();
    writing.putAll(wanted);
    writing.setProperty("writing", "true");
    writeManifest(fs, manifest, writing);
    long lines = 0;
    StringBuilder counts = new StringBuilder();
    for (Feed feed : chosen) {
      String dir = new Path(root, feed.cliName()).toString();
      context.progress("generate", "writing " + dir);
      Generator.feed(spark, settings, feed).write().mode("overwrite").text(dir);
      long written = spark.read().text(dir).count();
      lines += written;
      counts.append(String.format("%s%s %,d", counts.length() == 0 ? "" : ", ", feed.cliName(), written));
    }
    writeManifest(fs, manifest, wanted);
    return new JobResult(0L, lines, 0L, String.format("%,d lines under %s (%s)", lines, out, counts));
  }

  private static Properties manifestOf(GeneratorSettings settings, java.util.Set<Feed> chosen) {
    Properties properties = new Properties();
    properties.setProperty("settings", settings.toString());
    properties.setProperty("feeds", chosen.toString());
    properties.setProperty("version", "1");
    return properties;
  }

  private static void writeManifest(FileSystem fs, Path manifest, Properties properties) throws IOException {
    try (java.io.Writer writer = new java.io.OutputStreamWriter(fs.create(manifest, true), StandardCharsets.UTF_8)) {
      properties.store(writer, "settings of clientele generate");
    }
  }

  private static Properties readManifest(FileSystem fs, Path manifest) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = fs.open(manifest)) {
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }
}
