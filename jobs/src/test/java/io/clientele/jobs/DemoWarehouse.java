package io.clientele.jobs;

import io.clientele.testing.ProjectData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The warehouse {@code bin/clientele demo} writes, built once per test JVM and shared by the integration tests
 * that read it (notebooks, the report on real data, the launcher) or compare with it (the crash and cluster
 * tests, whose reruns of the same files must give its tables): {@code bin/clientele --warehouse
 * target/it-demo/warehouse demo --data target/it-demo/data --customers 300 --history-months 1} in a fresh JVM, as a user runs it
 * after {@code mvn package}. Its embedded Derby metastore can be open in one JVM at a time, so the tests that use
 * it run {@code bin/clientele} (a fresh JVM each) against it, never an in-process session.
 */
final class DemoWarehouse {
  /** The as-of date of the demo: the day after the generated period (generate.end-date 2026-06-30). */
  static final String AS_OF = "2026-07-01";
  static final String CUSTOMERS = "300";
  /**
   * One earlier month of the schedule (the demo's default is two): enough for every chart of the report (a history,
   * an earlier tags run, a CLV holdout) at one pipeline run less.
   */
  static final String HISTORY_MONTHS = "1";

  private static Path warehouse;
  private static Run demo;

  private DemoWarehouse() {}

  /** The demo warehouse, built on the first call. */
  static synchronized Path get() throws IOException, InterruptedException {
    if (warehouse == null) {
      Path root = Paths.get("target", "it-demo").toAbsolutePath();
      delete(root);
      Files.createDirectories(root);
      Run demo = clientele(root.resolve("warehouse"), root, "demo", "--data", root.resolve("data").toString(),
          "--customers", CUSTOMERS, "--history-months", HISTORY_MONTHS);
      if (demo.exitCode != 0) {
        throw new IllegalStateException("bin/clientele demo failed: " + demo);
      }
      warehouse = root.resolve("warehouse");
      DemoWarehouse.demo = demo;
    }
    return warehouse;
  }

  /** What {@code bin/clientele demo} printed when it built the warehouse. */
  static Run demoRun() throws IOException, InterruptedException {
    get();
    return demo;
  }

  /** The data folder the demo generated. */
  static Path data() throws IOException, InterruptedException {
    return get().resolveSibling("data");
  }

  /** Runs bin/clientele --warehouse WAREHOUSE ARGS in a fresh JVM in {@code workDir}, capturing what it prints. */
  static Run clientele(Path warehouse, Path workDir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProjectData.projectDir().resolve("bin/clientele").toString());
    command.add("--warehouse");
    command.add(warehouse.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().put("CLIENTELE_NO_BUILD", "1");
    builder.environment().put("CLIENTELE_HEAP", "2g");
    builder.environment().remove("SPARK_HOME");
    Path out = Files.createTempFile(workDir, "clientele-out", ".txt");
    Path err = Files.createTempFile(workDir, "clientele-err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!process.waitFor(15, TimeUnit.MINUTES)) {
        throw new IllegalStateException("bin/clientele " + String.join(" ", args) + " did not finish in 15 minutes");
      }
    } finally {
      process.destroyForcibly();
    }
    Run run = new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return run;
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** What one bin/clientele run did. */
  static final class Run {
    final int exitCode;
    final String out;
    final String err;

    Run(int exitCode, String out, String err) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }
}
