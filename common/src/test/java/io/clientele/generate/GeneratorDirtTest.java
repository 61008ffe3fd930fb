package io.clientele.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ingest.Feed;
import io.clientele.testing.SparkExtension;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(SparkExtension.class)
class GeneratorDirtTest {
  private static final GeneratorSettings DIRTY =
      GeneratorSettings.builder().customers(1000).days(180).partitions(2).dirtyRate(0.2).build();

  private static final Map<Feed, List<String>> LINES = new EnumMap<>(Feed.class);

  /** Each feed is generated once for all tests of the class. */
  private static List<String> lines(SparkSession spark, Feed feed) {
    return LINES.computeIfAbsent(feed, f -> Generator.feed(spark, DIRTY, f).collectAsList());
  }

  private static Set<Dirt.Kind> expectedKinds(Feed feed) {
    Set<Dirt.Kind> kinds = EnumSet.allOf(Dirt.Kind.class);
    if (feed != Feed.TRANSACTIONS) {
      kinds.remove(Dirt.Kind.NON_POSITIVE);
    }
    return kinds;
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void everyDirtKindAppearsInEveryFeedItAppliesTo(Feed feed, SparkSession spark) {
    List<String> lines = lines(spark, feed);

    Map<Dirt.Kind, Integer> found = GeneratedLines.dirt(feed, lines);

    assertThat(found.keySet()).isEqualTo(expectedKinds(feed));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void dirtKindsAreRoughlyEquallyLikely(Feed feed, SparkSession spark) {
    List<String> lines = lines(spark, feed);

    Map<Dirt.Kind, Integer> found = GeneratedLines.dirt(feed, lines);

    double mean = found.values().stream().mapToInt(Integer::intValue).average().orElse(0);
    assertThat(found.values()).allSatisfy(n -> assertThat(n.doubleValue()).isBetween(mean / 2, mean * 2));
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void theShareOfDirtyRecordsFollowsTheDirtyRate(Feed feed, SparkSession spark) {
    List<String> clean = Generator.feed(spark, DIRTY.toBuilder().dirtyRate(0).build(), feed).collectAsList();
    List<String> lines = lines(spark, feed);

    int dirty = GeneratedLines.dirt(feed, lines).values().stream().mapToInt(Integer::intValue).sum();

    int records = clean.size() - ("csv".equals(feed.defaultFormat()) ? DIRTY.partitions() : 0);
    assertThat(dirty / (double) records).isBetween(0.15, 0.25);
  }
}
