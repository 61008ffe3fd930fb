package io.clientele.jobs.steps;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.lake.ExpressionMode;
import io.clientele.lake.JobRuns;
import io.clientele.lake.Lake;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * What every job shares: the validated configuration, the one SparkSession (created on first use), the
 * lake, and the bookkeeping of a run: a row in {@code job_runs}, progress lines and a one-line summary.
 */
public final class JobContext implements AutoCloseable {
  private final ClienteleConfig config;
  private final Function<ClienteleConfig, SparkSession> sessions;
  private final boolean ownsSession;
  private final PrintStream out;
  private final PrintStream err;
  private final long created = System.nanoTime();
  private SparkSession spark;
  private Lake lake;
  private Boolean interpreting;

  public JobContext(
      ClienteleConfig config, Function<ClienteleConfig, SparkSession> sessions, boolean ownsSession,
      PrintStream out, PrintStream err) {
    this.config = config;
    this.sessions = sessions;
    this.ownsSession = ownsSession;
    this.out = out;
    this.err = err;
  }

  public ClienteleConfig config() {
    return config;
  }

  public synchronized SparkSession spark() {
    if (spark == null) {
      spark = sessions.apply(config);
    }
    return spark;
  }

  /** The lake of the configured database, created on first use. */
  public synchronized Lake lake() {
    if (lake == null) {
      lake = new Lake(spark(), config.get(ConfigKeys.DATABASE)).ensureDatabase();
    }
    return lake;
  }

  public PrintStream out() {
    return out;
  }

  /** A progress line on standard error (time since the session started), so that standard output stays the result. */
  public void progress(String job, String message) {
    err.printf("[%s +%.1fs] %s%n", job, (System.nanoTime() - created) / 1e9, message);
    err.flush();
  }

  /**
   * Runs a job body and records it in {@code job_runs}, succeeded or failed; prints the summary line. A
   * failure is recorded with its message and rethrown.
   */
  public JobResult run(String job, String arguments, LocalDate asOf, Callable<JobResult> body) throws Exception {
    String runId = UUID.randomUUID().toString();
    Instant started = Instant.now();
    JobResult result;
    try {
      // By what silver holds; an ingest sizes itself again by its batch once it knows its new files (IngestJob).
      sizeExecution(job, lake().silverBytes());
      result = body.call();
    } catch (Exception | Error e) {
      Instant finished = Instant.now();
      try {
        JobRuns.record(lake(), JobRuns.row(runId, job, arguments, asOf, started, finished, JobRuns.FAILED,
            null, null, null, String.valueOf(e.getMessage())));
      } catch (RuntimeException recordFailure) {
        e.addSuppressed(recordFailure);
      }
      throw e;
    }
    Instant finished = Instant.now();
    JobRuns.record(lake(), JobRuns.row(runId, job, arguments, asOf, started, finished, JobRuns.SUCCEEDED,
        result.rowsIn(), result.rowsOut(), result.rowsQuarantined(), null, result.details()));
    out.printf("%s: %s (%.1f s)%n", job, result.summary(), Duration.between(started, finished).toMillis() / 1000.0);
    out.flush();
    return result;
  }

  /**
   * Chooses how the session evaluates expressions for the {@code bytes} of data a job works on: the silver tables
   * before {@link #run} runs any job, then the files of its batch for an ingest; see
   * {@link ExpressionMode}. Says so on the progress line when the choice changes.
   */
  public void sizeExecution(String job, long bytes) {
    ExpressionMode.Choice chosen = ExpressionMode.apply(spark(), config, bytes);
    synchronized (this) {
      if (chosen == null || Boolean.valueOf(chosen.interpreted()).equals(interpreting)) {
        return;
      }
      interpreting = chosen.interpreted();
    }
    progress(job, chosen.description());
  }

  @Override
  public synchronized void close() {
    if (spark != null && ownsSession) {
      spark.stop();
    }
  }
}
