package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user runs it, after {@code mvn package}: {@code bin/clientele demo} end to end on the
 * embedded default, then the pipeline's ingest step rerun in a fresh JVM (the metastore reopened) finding
 * nothing new, then {@code clientele sql} reading what was written, and a bad configuration value that exits 2.
 * Each call is a separate JVM, as on a laptop. What the demo computes is checked in-process by other tests
 * (PipelineTest, the ingest, value and clv tests); here it is the launcher, the fresh JVMs and the
 * warehouse they share. The demo runs once, in {@link #demo()}: the one place to swap for a shared demo
 * warehouse.
 */
class LauncherIT {
  @TempDir static Path work;
  private static Demo demo;

  /** What {@code bin/clientele demo} left: its warehouse, its raw files and what it printed. */
  record Demo(Path warehouse, Path data, DemoWarehouse.Run run) {}

  /** The demo warehouse shared by the Failsafe tests ({@link DemoWarehouse}: bin/clientele demo once per JVM). */
  static synchronized Demo demo() throws IOException, InterruptedException {
    if (demo == null) {
      demo = new Demo(DemoWarehouse.get(), DemoWarehouse.data(), DemoWarehouse.demoRun());
    }
    return demo;
  }

  /** bin/clientele in a fresh JVM, in the test's work folder. */
  private static DemoWarehouse.Run clientele(Path warehouse, String... args) throws IOException, InterruptedException {
    return DemoWarehouse.clientele(warehouse, work, args);
  }

  /** A count a summary line printed, grouped by the locale ("12,345" -> 12345). */
  private static long printed(String out, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(out);
    assertThat(m.find()).as(pattern + " in\n" + out).isTrue();
    return Long.parseLong(m.group(1).replaceAll("[^0-9]", ""));
  }

  @Test
  void demoRunsEndToEndAndAFreshJvmFindsNothingNewAndSqlReadsItsTables() throws Exception {
    Demo demo = demo();
    assertThat(demo.run.exitCode).as(demo.run.toString()).isZero();
    assertThat(demo.run.out).contains("generate:").contains("ingest: transactions:").contains("ingest: campaigns:")
        .contains("value: as of 2026-07-01").contains("clv: as of 2026-07-01").contains("response score: as of 2026-07-01")
        .contains("tags: ").contains("report: as of 2026-07-01");
    assertThat(demo.warehouse.resolve("reports/report-2026-07-01.html")).isRegularFile();
    long accepted = printed(demo.run.out, "(?m)^ingest: transactions: [^ ]+ records read, ([0-9][^ ]*) accepted into transactions");

    // A fresh JVM over the same warehouse (the metastore reopened): the pipeline's ingest step finds nothing new.
    // (Reruns of the analytics steps are checked in-process by PipelineTest.)
    DemoWarehouse.Run again = clientele(demo.warehouse, "--set", "pipeline.landing-dir=" + demo.data, "pipeline", "--as-of", "2026-07-01",
        "--step", "ingest");
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("ingest: transactions: no new files").contains("ingest: campaigns: no new files");

    // Another fresh JVM reads what both wrote: silver holds what the demo's ingest accepted, no more.
    DemoWarehouse.Run counts = clientele(demo.warehouse, "sql", "SELECT (SELECT count(*) FROM transactions) AS transactions, "
        + "(SELECT count(*) FROM raw_transactions) AS raw, (SELECT count(*) FROM quarantine WHERE feed = 'transactions') AS bad, "
        + "(SELECT count(DISTINCT feed) FROM quarantine) AS feeds_with_dirt, (SELECT count(*) FROM customers_pii) AS pii, "
        + "(SELECT count(*) FROM customer_rfm WHERE as_of = DATE'2026-07-01') AS scored, "
        + "(SELECT count(DISTINCT customer_id) FROM transactions WHERE status = 'paid' AND order_date >= DATE'2025-07-01') AS buyers",
        "--format", "csv");
    assertThat(counts.exitCode).as(counts.toString()).isZero();
    String[] values = counts.out.lines().skip(1).findFirst().orElseThrow().split(",");
    long silver = Long.parseLong(values[0]);
    long bronze = Long.parseLong(values[1]);
    long quarantined = Long.parseLong(values[2]);
    assertThat(silver).isPositive().isEqualTo(accepted);
    assertThat(silver + quarantined).isEqualTo(bronze);
    assertThat(Long.parseLong(values[3])).isEqualTo(5);
    assertThat(Long.parseLong(values[4])).isPositive();
    assertThat(Long.parseLong(values[5])).isPositive().isEqualTo(Long.parseLong(values[6]));
  }

  @Test
  void badConfigurationExitsTwoBeforeAnyWork() throws Exception {
    DemoWarehouse.Run run = clientele(work.resolve("unused-warehouse"), "--set", "metastore.type=oracle", "sql", "SELECT 1");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("'metastore.type'");
  }
}
