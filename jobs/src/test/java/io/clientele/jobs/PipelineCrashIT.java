package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.clientele.testing.SparkExtension;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety, with real processes: the pipeline's steps ingest to features (the model steps are left out to
 * keep the test short: their writes are the same slice replacements) run over the demo's raw files in a JVM
 * that is killed with SIGKILL while the value step has written data files of a table but not yet committed
 * them: the kill is triggered by that state on disk, seen through file-system change events. Then every table of the killed warehouse reads at its last committed Delta version (the orphaned files
 * are in none), the embedded Derby metastore the killed JVM left locked opens in a fresh JVM, and the rerun
 * converges to the uninterrupted run: the demo warehouse ({@link DemoWarehouse}, the same files and as-of, run by
 * {@code bin/clientele demo} in another JVM), whose tables it must equal row for row, apart from load times, run
 * ids and model versions.
 */
@ExtendWith(SparkExtension.class)
class PipelineCrashIT {
  private static final String AS_OF = "2026-07-01";
  /** The tables the value step writes, where the kill is aimed. */
  private static final List<String> VALUE_TABLES =
      List.of("customer_rfm", "customer_value", "customer_loyalty", "segment_summary", "repeat_purchase", "member_kpis");
  /** Columns that differ between two correct runs: when they ran, their ids, the versions of saved models. */
  static final Set<String> VOLATILE = Set.of("_ingest_ts", "ingest_ts", "ingested_at", "started_at", "finished_at", "run_id",
      "trained_at", "version", "path", "model_version", "data_versions");

  private final SparkSession spark;
  @TempDir Path work;

  PipelineCrashIT(SparkSession spark) {
    this.spark = spark;
  }

  private List<String> pipeline(Path warehouse, Path data) {
    return JavaProcesses.clientele(List.of("--warehouse", warehouse.toString(), "--set", "pipeline.landing-dir=" + data,
        "pipeline", "--as-of", AS_OF, "--to", "features"));
  }

  @Test
  void aRunKilledInTheMiddleOfAWriteLeavesEveryTableAtItsLastCommitAndTheRerunConverges() throws Exception {
    // The uninterrupted run: the demo's, over the same raw files and as-of.
    Path reference = DemoWarehouse.get();
    Path data = DemoWarehouse.data();
    assertThat(DemoWarehouse.AS_OF).isEqualTo(AS_OF);
    Path crashed = work.resolve("crashed");

    Map<String, Set<String>> orphans;
    try (JavaProcesses.Running victim = JavaProcesses.start(pipeline(crashed, data), work, "killed", Map.of())) {
      String table = awaitUncommittedWrite(victim, crashed, crashed.resolve("clientele.db"));
      victim.kill();
      System.err.println("PipelineCrashIT: killed while " + table + " had uncommitted data files");
    }
    Path database = crashed.resolve("clientele.db");
    orphans = new TreeMap<>();
    for (String table : VALUE_TABLES) {
      Set<String> files = uncommitted(database.resolve(table));
      if (!files.isEmpty()) {
        orphans.put(table, files);
      }
    }
    assertThat(orphans).as("data files written but not committed when the JVM was killed").isNotEmpty();

    // Every table reads at its last committed version; files of the interrupted write are in none.
    for (Path table : tables(database)) {
      long lastCommit = lastCommit(table);
      DeltaTable delta = DeltaTable.forPath(spark, table.toString());
      assertThat(delta.history(1).first().<Long>getAs("version")).as(table.getFileName().toString()).isEqualTo(lastCommit);
      Dataset<Row> rows = delta.toDF();
      rows.count();
      Set<String> read = Arrays.stream(rows.inputFiles()).map(f -> f.substring(f.lastIndexOf('/') + 1)).collect(Collectors.toSet());
      Set<String> orphaned = orphans.getOrDefault(table.getFileName().toString(), Set.of());
      if (!orphaned.isEmpty()) {
        assertThat(read).as(table.getFileName().toString()).doesNotContainAnyElementsOf(orphaned);
      }
    }
    for (String table : orphans.keySet()) {
      // The interrupted write was this as-of's first: the table's last commit has none of its rows.
      assertThat(DeltaTable.forPath(spark, database.resolve(table).toString()).toDF().where("as_of = DATE'" + AS_OF + "'").count())
          .as(table).isZero();
    }
    // The killed JVM left the embedded Derby metastore's lock file behind.
    assertThat(crashed.resolve("metastore_db/db.lck")).exists();

    // A fresh JVM opens that metastore (Derby sees that no live JVM holds the lock and recovers) and the rerun converges.
    long started = System.nanoTime();
    JavaProcesses.Running rerun = JavaProcesses.run(pipeline(crashed, data), work, "rerun", 15);
    assertThat(rerun.process.exitValue()).as(rerun.toString()).isZero();
    assertThat(rerun.out()).contains("ingest: transactions: no new files");
    System.err.printf("PipelineCrashIT: rerun after the kill %.0f s%n", (System.nanoTime() - started) / 1e9);
    assertSameTables(spark, reference.resolve("clientele.db"), database);
  }

  /**
   * Waits until one of the value step's tables has a data file on disk that no commit of its log names yet, and
   * returns that table; fails when the value step's last write is committed first (it ended uncaught) or the
   * process ends. The trigger is that state of the files, seen through the file system's change events
   * (inotify on Linux, through Java's WatchService): every folder under the database is watched as it appears,
   * and each new file in a value table is checked against the table's log when it is created, not at the next
   * tick of a timer and not from what the process prints.
   */
  private static String awaitUncommittedWrite(JavaProcesses.Running victim, Path warehouse, Path database) throws Exception {
    long deadline = System.nanoTime() + 10L * 60 * 1_000_000_000L;
    Files.createDirectories(warehouse); // an empty warehouse folder, as a user may give; the run fills it
    try (WatchService watcher = warehouse.getFileSystem().newWatchService()) {
      Map<WatchKey, Path> watched = new java.util.HashMap<>();
      String caught = watch(watcher, watched, database, warehouse);
      while (caught == null) {
        if (!victim.process.isAlive()) {
          fail("the pipeline ended before a write of the value step was caught: " + victim);
        }
        if (valueEnded(database)) {
          fail("the value step ended before one of its writes was caught in flight: " + victim);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no uncommitted write of the value step in 10 minutes: " + victim);
        }
        // Bounded so that the checks above run even when nothing changes on disk.
        WatchKey key = watcher.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        if (key == null) {
          continue;
        }
        Path folder = watched.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            caught = watch(watcher, watched, database, warehouse);
          } else if (folder != null && caught == null) {
            caught = watch(watcher, watched, database, folder.resolve((Path) event.context()));
          }
        }
        key.reset();
      }
      return caught;
    }
  }

  /**
   * Watches {@code path} and every folder under it (it may have filled before it was watched) and returns a value
   * table of {@code database} with an uncommitted data file among what it holds, or null.
   */
  private static String watch(WatchService watcher, Map<WatchKey, Path> watched, Path database, Path path) throws IOException {
    if (Files.isDirectory(path)) {
      List<Path> folders;
      try (Stream<Path> walk = Files.walk(path)) {
        folders = walk.filter(Files::isDirectory).collect(Collectors.toList());
      } catch (IOException | UncheckedIOException e) {
        return null; // a folder vanished while listing (a temporary one): its parent's next event comes
      }
      for (Path folder : folders) {
        try {
          watched.put(folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE), folder);
        } catch (java.nio.file.NoSuchFileException gone) {
          // a temporary folder, renamed away
        }
      }
    } else if (!path.getFileName().toString().endsWith(".parquet")) {
      return null;
    }
    if (!path.startsWith(database) || path.equals(database)) {
      // the warehouse or the database folder (again, after an overflow): look at every value table
      return VALUE_TABLES.stream().filter(t -> !uncommitted(database.resolve(t)).isEmpty()).findFirst().orElse(null);
    }
    Path relative = database.relativize(path);
    String table = relative.getName(0).toString();
    return VALUE_TABLES.contains(table) && !uncommitted(database.resolve(table)).isEmpty() ? table : null;
  }

  /**
   * Whether the value step has ended: its last write (member_kpis, created empty as version 0 by its slice write)
   * is committed as version 1. Other steps run beside it (pipeline.parallelism), so another step's table appearing
   * says nothing of where the value step is.
   */
  private static boolean valueEnded(Path database) {
    return Files.exists(database.resolve("member_kpis").resolve("_delta_log").resolve("00000000000000000001.json"));
  }

  /** Parquet files of a Delta table that no commit of its log adds (listed first, so a racing commit is seen). */
  static Set<String> uncommitted(Path table) {
    Path log = table.resolve("_delta_log");
    if (!Files.isDirectory(log)) {
      return Set.of();
    }
    try {
      Set<String> files;
      try (Stream<Path> walk = Files.walk(table)) {
        files = walk.filter(p -> !p.startsWith(log)).map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".parquet") && !n.startsWith(".")).collect(Collectors.toCollection(TreeSet::new));
      }
      if (files.isEmpty()) {
        return files;
      }
      StringBuilder commits = new StringBuilder();
      try (Stream<Path> entries = Files.list(log)) {
        for (Path json : entries.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json")).collect(Collectors.toList())) {
          commits.append(Files.readString(json, StandardCharsets.UTF_8));
        }
      }
      files.removeIf(name -> commits.indexOf(name) >= 0);
      return files;
    } catch (IOException e) {
      // A file vanished while listing (a temporary one renamed): ask again at the next poll.
      return Set.of();
    }
  }

  private static long lastCommit(Path table) throws IOException {
    try (Stream<Path> entries = Files.list(table.resolve("_delta_log"))) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{20}\\.json"))
          .mapToLong(n -> Long.parseLong(n.substring(0, 20))).max().orElseThrow();
    }
  }

  /** The Delta tables under a database folder. */
  static List<Path> tables(Path database) {
    try (Stream<Path> entries = Files.list(database)) {
      return entries.filter(p -> Files.isDirectory(p.resolve("_delta_log"))).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every table of {@code actual} is in {@code expected} with the same rows, apart from {@link #VOLATILE} columns
   * and floating-point noise (doubles compared to 9 significant digits: a sum's last bits depend on the order
   * Spark adds partial sums in). {@code expected} may hold more tables (the demo ran every step, the tests only
   * some, and at the earlier dates of its schedule: only the as-of dates {@code actual} holds are compared); job_runs
   * is compared as the set of succeeded (job, arguments, as-of) of the jobs {@code actual} ran (a killed run records
   * nothing, a rerun adds rows).
   */
  static void assertSameTables(SparkSession spark, Path expected, Path actual) {
    List<String> names = tables(actual).stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    assertThat(names).as("tables in %s", actual).contains("transactions", "customer_rfm");
    assertThat(tables(expected).stream().map(p -> p.getFileName().toString())).containsAll(names);
    List<String> differences = new ArrayList<>();
    for (String name : names) {
      Dataset<Row> got = comparable(spark, actual.resolve(name), name);
      Dataset<Row> want = comparable(spark, expected.resolve(name), name);
      if ("job_runs".equals(name)) {
        // (job, arguments, as_of) again: the join keeps the key column first.
        want = want.join(got.select("job").distinct(), "job");
      }
      if (Arrays.asList(got.columns()).contains("as_of")) {
        // The demo also ran the schedule's earlier months: the dates the test ran are compared.
        Dataset<Row> dates = got.select(got.col("as_of").as("_as_of")).distinct();
        want = want.join(dates, want.col("as_of").eqNullSafe(dates.col("_as_of")), "left_semi");
      }
      List<Row> missing = want.exceptAll(got).limit(3).collectAsList();
      List<Row> extra = got.exceptAll(want).limit(3).collectAsList();
      if (!missing.isEmpty() || !extra.isEmpty()) {
        differences.add(name + ": expected rows not found " + missing + "; unexpected rows " + extra);
      }
      if (!"job_runs".equals(name)) {
        assertThat(got.count()).as(name).isEqualTo(want.count());
      }
    }
    assertThat(differences).as("tables that differ").isEmpty();
  }

  private static Dataset<Row> comparable(SparkSession spark, Path table, String name) {
    Dataset<Row> rows = spark.read().format("delta").load(table.toString());
    if ("job_runs".equals(name)) {
      return rows.where("status = 'succeeded'").select("job", "arguments", "as_of").distinct();
    }
    return rows.select(Arrays.stream(rows.schema().fields()).filter(f -> !VOLATILE.contains(f.name()))
        .map(f -> f.dataType() instanceof org.apache.spark.sql.types.DoubleType
                || f.dataType() instanceof org.apache.spark.sql.types.FloatType
            ? org.apache.spark.sql.functions.format_string("%.9g", rows.col(f.name())).as(f.name())
            : rows.col(f.name()))
        .toArray(org.apache.spark.sql.Column[]::new));
  }
}
