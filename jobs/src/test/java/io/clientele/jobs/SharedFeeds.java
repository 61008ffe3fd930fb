package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ingest.Feed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Generated feeds that several test classes read, generated and ingested once per test JVM (lazily, by the
 * first class that asks) instead of once per class: generating and ingesting costs more than most of what the
 * classes then check. Each data set has its own database; the classes that share one write their outputs to
 * tables or as-of dates of their own, and never assert on rows another class writes.
 */
final class SharedFeeds {
  /** A generated data set: the folder of its feeds (one subfolder per feed) and the database it is ingested into. */
  record Data(Path dir, String database) {
    Path feed(Feed feed) {
      return dir.resolve(feed.cliName());
    }
  }

  /** The arguments that generate {@link #dirtyFeeds}: a rerun with them must find the files up to date. */
  static final String[] DIRTY_GENERATE = {"--customers", "250", "--days", "120", "--dirty-rate", "0.2"};

  private static Data dirty;
  private static Data transactions;

  private SharedFeeds() {}

  /**
   * 250 customers over the 120 days to 2026-06-30, a fifth of the records dirty, all five feeds ingested into
   * database {@code shared_dirty_feeds}.
   */
  static synchronized Data dirtyFeeds(SparkSession spark) {
    if (dirty == null) {
      Data data = new Data(tempDir("clientele-dirty-feeds"), "shared_dirty_feeds");
      generate(spark, data, DIRTY_GENERATE);
      for (Feed feed : Feed.values()) {
        ingest(spark, data, feed);
      }
      dirty = data;
    }
    return dirty;
  }

  /**
   * 800 customers over the 300 days to 2026-06-30, no dirt, only customers and transactions generated and only
   * transactions ingested (database {@code shared_transactions}): the other feeds are absent.
   */
  static synchronized Data transactionsOnly(SparkSession spark) {
    if (transactions == null) {
      Data data = new Data(tempDir("clientele-transactions"), "shared_transactions");
      generate(spark, data, "--customers", "800", "--days", "300", "--dirty-rate", "0", "--feeds", "customers,transactions");
      ingest(spark, data, Feed.TRANSACTIONS);
      transactions = data;
    }
    return transactions;
  }

  private static void generate(SparkSession spark, Data data, String... options) {
    String[] args = Stream.concat(Stream.of("--set", "catalog.database=" + data.database(), "--set", "generate.partitions=2",
        "generate", "--out", data.dir().toString()), Stream.of(options)).toArray(String[]::new);
    Cli generate = Cli.run(spark, args);
    assertThat(generate.exitCode).as(generate.toString()).isZero();
  }

  private static void ingest(SparkSession spark, Data data, Feed feed) {
    Cli ingest = Cli.run(spark, "--set", "catalog.database=" + data.database(), "ingest", feed.cliName(),
        data.feed(feed).toString());
    assertThat(ingest.exitCode).as(ingest.toString()).isZero();
  }

  private static Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary folder
    }
  }
}
