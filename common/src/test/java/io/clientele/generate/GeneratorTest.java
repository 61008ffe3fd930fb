package io.clientele.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.ingest.Feed;
import io.clientele.testing.SparkExtension;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@ExtendWith(SparkExtension.class)
class GeneratorTest {
  private static final GeneratorSettings CLEAN =
      GeneratorSettings.builder().customers(200).days(120).partitions(3).dirtyRate(0).build();
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @ParameterizedTest
  @EnumSource(Feed.class)
  void sameSettingsGiveIdenticalLines(Feed feed, SparkSession spark) {
    GeneratorSettings settings = CLEAN.toBuilder().dirtyRate(0.1).build();

    List<String> first = Generator.feed(spark, settings, feed).collectAsList();
    List<String> second = Generator.feed(spark, settings.toBuilder().build(), feed).collectAsList();

    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void anotherSeedGivesOtherLines(Feed feed, SparkSession spark) {
    List<String> first = Generator.feed(spark, CLEAN, feed).collectAsList();
    List<String> second = Generator.feed(spark, CLEAN.toBuilder().seed(CLEAN.seed() + 1).build(), feed).collectAsList();

    assertThat(first).isNotEqualTo(second);
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void thePartitionCountDoesNotChangeTheRecords(Feed feed, SparkSession spark) {
    String header = GeneratedLines.header(feed);

    List<String> one = Generator.feed(spark, CLEAN.toBuilder().partitions(1).build(), feed).collectAsList();
    List<String> three = Generator.feed(spark, CLEAN, feed).collectAsList();

    assertThat(three.stream().filter(l -> !l.equals(header)).collect(Collectors.toList()))
        .isEqualTo(one.stream().filter(l -> !l.equals(header)).collect(Collectors.toList()));
  }

  @Test
  void theDirtyRateLeavesCleanRecordsUnchanged(SparkSession spark) {
    List<String> clean = Generator.transactions(spark, CLEAN).collectAsList();
    List<String> dirty = Generator.transactions(spark, CLEAN.toBuilder().dirtyRate(0.1).build()).collectAsList();

    // A tenth of the records get dirt; all others must be the very same lines.
    long shared = clean.stream().filter(new HashSet<>(dirty)::contains).count();
    assertThat(shared).isGreaterThan((long) (clean.size() * 0.85)).isLessThan(clean.size());
  }

  @ParameterizedTest
  @EnumSource(value = Feed.class, names = {"TRANSACTIONS", "CUSTOMERS", "CAMPAIGNS"})
  void everyCsvPartitionStartsWithTheHeader(Feed feed, SparkSession spark) {
    List<List<String>> partitions = Generator.feed(spark, CLEAN, feed).javaRDD().glom().collect();

    assertThat(partitions).hasSize(CLEAN.partitions());
    assertThat(partitions).allSatisfy(lines -> assertThat(lines.get(0)).isEqualTo(String.join(",", feed.rawColumns())));
    assertThat(partitions.stream().flatMap(List::stream).filter(l -> l.equals(GeneratedLines.header(feed))))
        .hasSize(CLEAN.partitions());
  }

  @ParameterizedTest
  @EnumSource(value = Feed.class, names = {"TRANSACTIONS", "CUSTOMERS", "CAMPAIGNS"})
  void cleanCsvLinesHaveExactlyTheFeedsFields(Feed feed, SparkSession spark) {
    List<String> lines = Generator.feed(spark, CLEAN, feed).collectAsList();

    List<Integer> widths =
        lines.stream().map(l -> GeneratedLines.splitCsv(l).size()).distinct().collect(Collectors.toList());

    assertThat(lines).hasSizeGreaterThan(CLEAN.partitions());
    assertThat(widths).containsExactly(feed.rawColumns().size());
  }

  @Test
  void csvFieldsWithCommasAndQuotesAreQuoted(SparkSession spark) {
    List<String> lines = Generator.customers(spark, CLEAN.toBuilder().customers(2000).build()).collectAsList();

    List<Map<String, String>> records = GeneratedLines.csvRecords(Feed.CUSTOMERS, lines);

    assertThat(records).anySatisfy(r -> assertThat(r.get("address")).contains(", "));
    assertThat(records).anySatisfy(r -> assertThat(r.get("name")).contains("\""));
    assertThat(records).hasSize(2000);
  }

  @Test
  void sparksCsvReaderReadsTheCustomersBackWithDoubledQuotesAsEscapes(SparkSession spark) {
    Dataset<String> lines = Generator.customers(spark, CLEAN.toBuilder().customers(2000).build());

    Dataset<Row> parsed = spark.read().option("header", "true").option("escape", "\"").csv(lines);

    assertThat(parsed.columns()).containsExactlyElementsOf(Feed.CUSTOMERS.rawColumns());
    assertThat(parsed.count()).isEqualTo(2000);
    assertThat(parsed.filter("name LIKE '%\"%'").count()).isPositive();
    assertThat(parsed.filter("address LIKE '%, %'").count()).isPositive();
  }

  @ParameterizedTest
  @EnumSource(value = Feed.class, names = {"TRAFFIC", "SOCIAL"})
  void jsonLinesParseWithExactlyTheFeedsColumns(Feed feed, SparkSession spark) {
    Dataset<String> lines = Generator.feed(spark, CLEAN, feed);

    Dataset<Row> parsed = spark.read().json(lines);

    assertThat(Arrays.asList(parsed.columns())).containsExactlyInAnyOrderElementsOf(feed.rawColumns());
    assertThat(parsed.count()).isEqualTo(lines.count()).isGreaterThan(0);
    assertThat(GeneratedLines.parseJson(lines.first()).keySet()).containsExactlyElementsOf(feed.rawColumns());
  }

  @ParameterizedTest
  @EnumSource(Feed.class)
  void aCleanRunHasNoDirt(Feed feed, SparkSession spark) {
    List<String> lines = Generator.feed(spark, CLEAN, feed).collectAsList();

    assertThat(GeneratedLines.dirt(feed, lines)).isEmpty();
  }

  @Test
  void cleanTransactionsHaveCustomersPositiveAmountsAndKnownValues(SparkSession spark) {
    List<Map<String, String>> lines =
        GeneratedLines.csvRecords(Feed.TRANSACTIONS, Generator.transactions(spark, CLEAN).collectAsList());

    assertThat(lines).isNotEmpty().allSatisfy(r -> {
      assertThat(r.get("customer_id")).matches("C\\d{7}");
      assertThat(Integer.parseInt(r.get("quantity"))).isPositive();
      assertThat(Double.parseDouble(r.get("unit_price"))).isPositive();
      assertThat(Double.parseDouble(r.get("discount"))).isBetween(0.0, 0.5);
      assertThat(r.get("status")).isIn(Feed.TRANSACTION_STATUSES);
      assertThat(r.get("channel")).isIn(Feed.SALES_CHANNELS);
      assertThat(r.get("store_id")).matches(r.get("channel").equals("store") ? "S0[1-6]" : "");
    });
  }

  @Test
  void cleanTrafficAndSocialValuesAreKnown(SparkSession spark) {
    List<Map<String, String>> traffic = GeneratedLines.jsonRecords(Generator.traffic(spark, CLEAN).collectAsList());
    List<Map<String, String>> social = GeneratedLines.jsonRecords(Generator.social(spark, CLEAN).collectAsList());

    assertThat(traffic).isNotEmpty().allSatisfy(r -> {
      assertThat(r.get("visitor_id")).isNotEmpty();
      assertThat(r.get("event_type")).isIn(Feed.TRAFFIC_EVENT_TYPES);
      assertThat(r.get("channel")).isIn(Feed.TRAFFIC_CHANNELS);
    });
    assertThat(social).isNotEmpty().allSatisfy(r -> {
      assertThat(r.get("customer_id")).matches("C\\d{7}");
      assertThat(r.get("action")).isIn(Feed.SOCIAL_ACTIONS);
    });
  }

  @Test
  void cleanCustomersAndContactsValuesAreKnown(SparkSession spark) {
    List<Map<String, String>> customers =
        GeneratedLines.csvRecords(Feed.CUSTOMERS, Generator.customers(spark, CLEAN).collectAsList());
    List<Map<String, String>> contacts =
        GeneratedLines.csvRecords(Feed.CAMPAIGNS, Generator.campaigns(spark, CLEAN).collectAsList());

    assertThat(customers).extracting(r -> r.get("customer_id"))
        .containsExactlyInAnyOrderElementsOf(
            LongStream.rangeClosed(1, 200).mapToObj(n -> String.format("C%07d", n))
                .collect(Collectors.toList()));
    assertThat(customers).allSatisfy(r -> {
      assertThat(r.get("member_level")).isIn(Feed.MEMBER_LEVELS);
      assertThat(r.get("marital_status")).isIn(Feed.MARITAL_STATUSES);
      assertThat(r.get("gender")).isIn("M", "F");
      assertThat(r.get("member_level").equals("none")).isEqualTo(r.get("signup_date").isEmpty());
    });
    assertThat(contacts).isNotEmpty().allSatisfy(r -> {
      assertThat(r.get("customer_id")).matches("C\\d{7}");
      assertThat(r.get("channel")).isIn(Feed.CONTACT_CHANNELS);
    });
    assertThat(contacts).extracting(r -> r.get("contact_id")).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(value = Feed.class, names = {"TRANSACTIONS", "TRAFFIC", "SOCIAL"})
  void eventTimesLieInThePeriod(Feed feed, SparkSession spark) {
    String column = feed == Feed.TRANSACTIONS ? "order_ts" : "event_ts";
    LocalDateTime first = CLEAN.startDate().atStartOfDay();
    LocalDateTime end = CLEAN.endDate().plusDays(1).atStartOfDay();

    List<LocalDateTime> times = GeneratedLines.records(feed, Generator.feed(spark, CLEAN, feed).collectAsList())
        .stream().map(r -> LocalDateTime.parse(r.get(column), TIMESTAMP)).collect(Collectors.toList());

    assertThat(times).isNotEmpty().allSatisfy(t -> assertThat(t).isAfterOrEqualTo(first).isBefore(end));
  }

  @Test
  void contactAndResponseDatesLieInThePeriod(SparkSession spark) {
    List<Map<String, String>> contacts =
        GeneratedLines.csvRecords(Feed.CAMPAIGNS, Generator.campaigns(spark, CLEAN).collectAsList());

    assertThat(contacts).isNotEmpty().allSatisfy(r -> {
      LocalDate contacted = LocalDate.parse(r.get("contact_date"));
      assertThat(contacted).isBetween(CLEAN.startDate(), CLEAN.endDate());
      if (r.get("responded").equals("true")) {
        assertThat(LocalDate.parse(r.get("response_date"))).isBetween(contacted, contacted.plusDays(14));
        assertThat(Double.parseDouble(r.get("response_amount"))).isPositive();
      } else {
        assertThat(r.get("response_date")).isEmpty();
        assertThat(r.get("response_amount")).isEmpty();
      }
    });
  }
}
