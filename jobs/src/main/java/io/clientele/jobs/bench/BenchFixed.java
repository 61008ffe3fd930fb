package io.clientele.jobs.bench;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.ingest.Feed;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code bench fixed}: what a user pays before any data is worked on. Each measurement is a whole process, as an
 * Airflow task or a user at a prompt pays it (the same Java, JVM options, class path and class-data archive as
 * this process, so the figures are the launcher's minus its few milliseconds of shell): {@code bench stages} on a
 * data set of the chosen size (every step in one JVM, with its seconds, Spark jobs and tasks), then {@code sql
 * "SELECT 1"} three times on the warehouse it wrote, then three incremental ingests of a two-line transactions
 * file into it. This process starts no Spark session itself: the warehouse's embedded metastore can be open in one
 * JVM at a time.
 */
public final class BenchFixed {
  /** The launcher's main class, {@code io.clientele.jobs.Main} (named, not referenced: this package sits below it). */
  public static final String MAIN_CLASS = "io.clientele.jobs.Main";

  private static final int REPEATS = 3;
  private static final long TIMEOUT_MINUTES = 120;

  private final ClienteleConfig config;
  private final List<String> globalArguments;
  private final PrintStream out;

  public BenchFixed(ClienteleConfig config, List<String> globalArguments, PrintStream out) {
    this.config = config;
    this.globalArguments = globalArguments;
    this.out = out;
  }

  public int run(Long customers, Integer days, List<String> skip, Path profile) throws IOException, InterruptedException {
    Path warehouse = Paths.get(config.get(ConfigKeys.WAREHOUSE_DIR)).toAbsolutePath();
    requireEmpty(warehouse);
    Path scratch = Files.createDirectories(warehouse.resolve("_bench").resolve("fixed"));
    List<String> stages = new ArrayList<>(List.of("bench", "stages"));
    stages.addAll(List.of("--customers", Long.toString(customers == null ? config.get(ConfigKeys.GENERATE_CUSTOMERS) : customers)));
    if (days != null) {
      stages.addAll(List.of("--days", days.toString()));
    }
    if (!skip.isEmpty()) {
      stages.addAll(List.of("--skip", String.join(",", skip)));
    }
    if (profile != null) {
      stages.addAll(List.of("--profile", profile.toAbsolutePath().toString()));
    }
    out.println("bench fixed: every stage in one JVM (bench stages), then whole processes on the warehouse it wrote");
    out.flush();
    Timed all = child(stages, scratch, true);
    require(all, "bench stages");
    out.printf(Locale.ROOT, "  %-46s %8.1f s%n", "bench stages, whole process", all.seconds);

    for (int i = 1; i <= REPEATS; i++) {
      Timed select = child(List.of("sql", "SELECT 1"), scratch, false);
      require(select, "sql \"SELECT 1\"");
      out.printf(Locale.ROOT, "  %-46s %8.1f s%n", "sql \"SELECT 1\" (run " + i + ")", select.seconds);
      out.flush();
    }
    LocalDate day = config.get(ConfigKeys.GENERATE_END_DATE);
    for (int i = 1; i <= REPEATS; i++) {
      Path file = Files.createDirectories(scratch.resolve("incremental-" + System.nanoTime())).resolve("two-lines.csv");
      Files.write(file, twoLines(day, i), StandardCharsets.UTF_8);
      Timed ingest = child(List.of("ingest", "transactions", file.toString()), scratch, false);
      require(ingest, "ingest transactions");
      out.printf(Locale.ROOT, "  %-46s %8.1f s%n", "ingest transactions, 2 lines (run " + i + ")", ingest.seconds);
      out.flush();
    }
    return CommandLine.ExitCode.OK;
  }

  /**
   * The warehouse must hold nothing but an earlier bench's scratch folder: the figures are those of a first run of
   * every step, and the data set and the incremental ingests would otherwise be written into the tables it holds.
   */
  static void requireEmpty(Path warehouse) throws IOException {
    if (!Files.isDirectory(warehouse)) {
      return;
    }
    try (Stream<Path> entries = Files.list(warehouse)) {
      List<String> held = entries.map(p -> p.getFileName().toString()).filter(name -> !name.equals("_bench")).sorted()
          .collect(Collectors.toList());
      if (!held.isEmpty()) {
        throw new UsageException("bench fixed needs an empty warehouse (it times every step's first run and"
            + " ingests into the warehouse it writes), but " + warehouse + " holds " + String.join(", ",
            held.subList(0, Math.min(5, held.size()))) + (held.size() > 5 ? ", ..." : "") + ": give --warehouse a new folder");
      }
    }
  }

  /** Two valid transaction lines of the native layout, on the given day, new to the warehouse (run-specific ids). */
  static List<String> twoLines(LocalDate day, int run) {
    List<String> lines = new ArrayList<>();
    lines.add(String.join(",", Feed.TRANSACTIONS.rawColumns()));
    String order = "BENCH-" + System.currentTimeMillis() + "-" + run;
    lines.add(order + ",1,BENCH-C1," + day + " 10:00:00,SKU-1,toys,acme,1,9.90,0,,store,S01,card,paid");
    lines.add(order + ",2,BENCH-C1," + day + " 10:00:00,SKU-2,toys,acme,2,4.50,0,,store,S01,card,paid");
    return lines;
  }

  private static void require(Timed timed, String what) {
    if (timed.exitCode != 0) {
      throw new IllegalStateException(what + " failed (exit " + timed.exitCode + "): " + timed.errorTail);
    }
  }

  private record Timed(int exitCode, double seconds, String errorTail) {}

  /** Runs {@code clientele GLOBAL ARGS} in a new JVM like this one; its output shown ({@code show}) or kept. */
  private Timed child(List<String> arguments, Path scratch, boolean show) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN_CLASS);
    command.addAll(globalArguments);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    Path err = Files.createTempFile(scratch, "stderr", ".txt");
    Path output = Files.createTempFile(scratch, "stdout", ".txt");
    builder.redirectError(err.toFile());
    builder.redirectOutput(show ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.to(output.toFile()));
    out.flush();
    long start = System.nanoTime();
    Process process = builder.start();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        throw new IllegalStateException(String.join(" ", arguments) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
      }
    } finally {
      process.destroyForcibly();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> errLines = Files.readAllLines(err, StandardCharsets.UTF_8);
    String tail = String.join("\n", errLines.subList(Math.max(0, errLines.size() - 5), errLines.size()));
    Files.deleteIfExists(err);
    Files.deleteIfExists(output);
    return new Timed(process.exitValue(), seconds, tail);
  }
}
