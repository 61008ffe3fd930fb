package io.clientele.generate;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.ingest.Feed;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * Seeded, parallel synthetic data for the five feeds, in their native layouts ({@link Feed#rawColumns()}).
 * Customers are indexes of {@code spark.range} split into {@code generate.partitions} partitions; each task
 * simulates its customers one by one from (seed, customer number) and writes the lines of one feed. Every feed
 * re-runs the same per-customer simulation, so the feeds agree with each other; the same settings give the same
 * lines in the same partitions and order.
 *
 * <p>Each returned Dataset holds a feed's file content, one line per row: CSV feeds start every partition with
 * the header line, JSON feeds hold one object per line. Write it with {@code .write().text(dir)}.
 */
public final class Generator {
  private Generator() {}

  /** The settings of the {@code generate.*} configuration keys. */
  public static GeneratorSettings settings(ClienteleConfig config) {
    return GeneratorSettings.builder()
        .customers(config.get(ConfigKeys.GENERATE_CUSTOMERS))
        .days(config.get(ConfigKeys.GENERATE_DAYS))
        .seed(config.get(ConfigKeys.GENERATE_SEED))
        .dirtyRate(config.get(ConfigKeys.GENERATE_DIRTY_RATE))
        .endDate(config.get(ConfigKeys.GENERATE_END_DATE))
        .partitions(config.get(ConfigKeys.GENERATE_PARTITIONS))
        .stores(config.get(ConfigKeys.GENERATE_STORES))
        .campaigns(config.get(ConfigKeys.GENERATE_CAMPAIGNS))
        .memberShare(config.get(ConfigKeys.GENERATE_MEMBER_SHARE))
        .build();
  }

  /** Order lines (CSV). */
  public static Dataset<String> transactions(SparkSession spark, GeneratorSettings s) {
    return lines(spark, s, new TransactionsFeed());
  }

  /** Store and web visitor events (JSON lines). */
  public static Dataset<String> traffic(SparkSession spark, GeneratorSettings s) {
    return lines(spark, s, new TrafficFeed());
  }

  /** Social events with review and inquiry texts (JSON lines). */
  public static Dataset<String> social(SparkSession spark, GeneratorSettings s) {
    return lines(spark, s, new SocialFeed());
  }

  /** The customer master with personal data (CSV). */
  public static Dataset<String> customers(SparkSession spark, GeneratorSettings s) {
    return lines(spark, s, new CustomersFeed());
  }

  /** Campaign contacts and responses (CSV). */
  public static Dataset<String> campaigns(SparkSession spark, GeneratorSettings s) {
    return lines(spark, s, new CampaignsFeed());
  }

  /** The lines of any feed, for callers that loop over {@link Feed#values()}. */
  public static Dataset<String> feed(SparkSession spark, GeneratorSettings s, Feed feed) {
    switch (feed) {
      case TRANSACTIONS:
        return transactions(spark, s);
      case TRAFFIC:
        return traffic(spark, s);
      case SOCIAL:
        return social(spark, s);
      case CUSTOMERS:
        return customers(spark, s);
      case CAMPAIGNS:
        return campaigns(spark, s);
      default:
        throw new IllegalArgumentException("Cannot generate feed " + feed);
    }
  }

  private static Dataset<String> lines(SparkSession spark, GeneratorSettings s, FeedRenderer renderer) {
    return spark
        .range(0, s.customers(), 1, s.partitions())
        .mapPartitions(
            (MapPartitionsFunction<Long, String>) indexes -> new FeedLines(s, renderer, indexes),
            Encoders.STRING());
  }
}
