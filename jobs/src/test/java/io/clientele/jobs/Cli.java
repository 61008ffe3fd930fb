package io.clientele.jobs;

import io.clientele.jobs.cli.ClienteleCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.metrics.source.CodegenMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the clientele command in-process over the shared test session and captures what it prints. Each run prints
 * one line to the test's standard error: the command, its seconds, the Spark jobs it started and the classes Spark's
 * code generation compiled for it (Janino), so that the build's log is a profile of what the suite's time goes to
 * (which commands, how often, at what cost).
 */
final class Cli {
  private static final JobCounter JOBS = new JobCounter();

  final int exitCode;
  final String out;
  final String err;

  private Cli(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  static Cli run(SparkSession spark, String... args) {
    JOBS.register(spark.sparkContext());
    int jobsBefore = JOBS.started.get();
    long compilesBefore = CodegenMetrics.METRIC_COMPILATION_TIME().getCount();
    long start = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ClienteleCommand.execute(new ClienteleCommand(config -> spark, false), args,
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    System.err.printf("cli %6.1f s %4d jobs %4d compiled exit %d: %s%n", (System.nanoTime() - start) / 1e9,
        JOBS.started.get() - jobsBefore, CodegenMetrics.METRIC_COMPILATION_TIME().getCount() - compilesBefore, code,
        String.join(" ", args));
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
  }

  /** Counts the jobs Spark starts (job starts are posted to the listener bus as they happen; the count may lag by a few). */
  private static final class JobCounter extends SparkListener {
    final AtomicInteger started = new AtomicInteger();
    private SparkContext registeredOn;

    synchronized void register(SparkContext context) {
      if (registeredOn != context) {
        context.addSparkListener(this);
        registeredOn = context;
      }
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      started.incrementAndGet();
    }
  }
}
