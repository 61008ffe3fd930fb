package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user runs it, after {@code mvn package}: {@code bin/clientele demo} end to end on the
 * embedded default, then {@code clientele sql} reading what it wrote, the ingest step rerun in a fresh JVM
 * finding nothing new, and a bad configuration value that exits 2. Each call is a separate JVM, as on a laptop.
 */
class LauncherIT {
  @TempDir Path work;

  private Run clientele(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(SharedData.projectDir().resolve("bin/clientele").toString());
    command.add("--warehouse");
    command.add(work.resolve("warehouse").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    builder.environment().put("CLIENTELE_NO_BUILD", "1");
    builder.environment().put("CLIENTELE_HEAP", "2g");
    builder.environment().remove("SPARK_HOME");
    Path out = work.resolve("out.txt");
    Path err = work.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("bin/clientele " + String.join(" ", args) + " did not finish in 10 minutes");
      }
    } finally {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void demoRunsEndToEndAndSqlReadsItsTables() throws Exception {
    Run demo = clientele("demo", "--data", work.resolve("data").toString(), "--customers", "300");
    assertThat(demo.exitCode).as(demo.toString()).isZero();
    assertThat(demo.out).contains("generate:").contains("ingest: transactions:").contains("ingest: campaigns:").contains("value: as of 2026-07-01")
        .contains("clv: as of 2026-07-01");

    Run counts = clientele("sql", "SELECT (SELECT count(*) FROM transactions) AS transactions, "
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
    assertThat(silver).isPositive();
    assertThat(silver + quarantined).isEqualTo(bronze);
    assertThat(Long.parseLong(values[3])).isEqualTo(5);
    assertThat(Long.parseLong(values[4])).isPositive();
    assertThat(Long.parseLong(values[5])).isPositive().isEqualTo(Long.parseLong(values[6]));

    // A fresh JVM over the same warehouse (the metastore reopened): the pipeline's ingest step finds nothing new.
    // (Reruns of the analytics steps are checked in-process by PipelineTest.)
    Run again = clientele("--set", "pipeline.landing-dir=" + work.resolve("data"), "pipeline", "--as-of", "2026-07-01",
        "--step", "ingest");
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("ingest: transactions: no new files").contains("ingest: campaigns: no new files");
    Run recount = clientele("sql", "SELECT count(*) FROM transactions", "--format", "csv");
    assertThat(recount.out).isEqualTo("count(1)\n" + silver + "\n");
  }

  @Test
  void badConfigurationExitsTwoBeforeAnyWork() throws Exception {
    Run run = clientele("--set", "metastore.type=oracle", "sql", "SELECT 1");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(2);
    assertThat(run.err).contains("'metastore.type'");
  }

  private static final class Run {
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
