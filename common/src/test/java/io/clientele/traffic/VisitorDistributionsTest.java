package io.clientele.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class VisitorDistributionsTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-07-01");
  private final SparkSession spark;

  VisitorDistributionsTest(SparkSession spark) {
    this.spark = spark;
  }

  /** V1 (member C1, gold) is new; V2 (anonymous) first came in January; V3 (C3, no profile) is new. */
  private Dataset<Row> events() {
    return new Events()
        .add("V1", "C1", null, "2026-06-22 10:05:00", "store", "S1", "entrance", "pass_by", null, null, "east", null)
        .add("V1", "C1", null, "2026-06-22 10:06:00", "store", "S1", "entrance", "enter", null, null, "east", null)
        .add("V2", null, null, "2026-01-05 10:30:00", "store", "S1", "entrance", "pass_by", null, null, "east", null)
        .add("V2", null, "s2", "2026-06-10 21:00:00", "web", null, "home", "view", null, "mobile", "east", "direct")
        .add("V2", null, null, "2026-06-22 10:40:00", "store", "S1", "entrance", "pass_by", null, null, "east", null)
        .add("V3", "C3", "s3", "2026-06-25 09:00:00", "web", null, "home", "view", null, "desktop", "west", "search")
        .build(spark);
  }

  private Dataset<Row> customers() {
    return spark.sql("SELECT * FROM VALUES ('C1', 'gold', 'female', DATE'1990-06-15', 'east'), "
        + "('C9', 'silver', 'male', DATE'2001-01-01', 'west') AS t(customer_id, member_level, gender, birth_date, region)");
  }

  private Dataset<Row> lines() {
    return spark.sql("SELECT * FROM VALUES ('C1', 'paid', CAST(100 AS DECIMAL(18,4))), "
        + "('C1', 'cancelled', CAST(20 AS DECIMAL(18,4))), ('C9', 'paid', CAST(40 AS DECIMAL(18,4))) AS t(customer_id, status, amount)");
  }

  private static Map<String, List<Object>> by(Dataset<Row> rows, String[] keys, String... columns) {
    return rows.collectAsList().stream().collect(Collectors.toMap(
        r -> Arrays.stream(keys).map(k -> String.valueOf((Object) r.getAs(k))).collect(Collectors.joining("/")),
        r -> Arrays.stream(columns).map(c -> (Object) r.getAs(c)).collect(Collectors.toList())));
  }

  @Test
  void hourlyCountsVisitorsVisitsAndEventsPerSiteIsoWeekdayAndHour() {
    Map<String, List<Object>> hourly = by(VisitorDistributions.hourly(events()),
        new String[] {"site", "weekday", "hour"}, "visitors", "visits", "events");

    // 2026-06-22 is a Monday (1), 2026-01-05 a Monday too, 2026-06-10 a Wednesday, 2026-06-25 a Thursday.
    assertThat(hourly).containsOnly(
        Map.entry("S1/1/10", List.of(2L, 3L, 4L)),
        Map.entry("web/3/21", List.of(1L, 1L, 1L)),
        Map.entry("web/4/9", List.of(1L, 1L, 1L)));
  }

  @Test
  void regionsCountVisitorsAndMembersFromTrafficAndBuyersAndRevenueFromProfiles() {
    Map<String, List<Object>> regions = by(VisitorDistributions.byRegion(events(), lines(), customers()),
        new String[] {"region"}, "visitors", "members", "buyers", "revenue");

    assertThat(regions).containsOnly(
        Map.entry("east", List.of(2L, 1L, 1L, new BigDecimal("100.0000"))),
        Map.entry("west", List.of(1L, 1L, 1L, new BigDecimal("40.0000"))));
    assertThat(by(VisitorDistributions.byRegion(events(), lines(), null), new String[] {"region"}, "buyers", "revenue"))
        .containsEntry("east", Arrays.asList(null, null));
  }

  @Test
  void visitorFeaturesComeFromFirstVisitsProfilesAndDevices() {
    Dataset<Row> firstVisits = VisitorDistributions.firstVisits(events());
    Dataset<Row> window = events().where("event_date >= DATE'2026-06-01'");

    Map<String, List<Object>> features = by(VisitorDistributions.byFeatures(window, firstVisits, customers(), AS_OF, 30,
        List.of(18, 25, 35, 45)), new String[] {"feature", "value"}, "visitors", "visits", "visitor_share");

    assertThat(features).containsOnly(
        Map.entry("visitor_type/new", List.of(2L, 2L, 2.0 / 3)),
        Map.entry("visitor_type/returning", List.of(1L, 2L, 1.0 / 3)),
        Map.entry("member_level/gold", List.of(1L, 1L, 1.0 / 3)),
        Map.entry("member_level/anonymous", List.of(1L, 2L, 1.0 / 3)),
        Map.entry("member_level/unknown", List.of(1L, 1L, 1.0 / 3)),
        Map.entry("device/in_store", List.of(2L, 2L, 2.0 / 3)),
        Map.entry("device/mobile", List.of(1L, 1L, 1.0 / 3)),
        Map.entry("device/desktop", List.of(1L, 1L, 1.0 / 3)),
        Map.entry("gender/female", List.of(1L, 1L, 1.0 / 3)),
        Map.entry("gender/anonymous", List.of(1L, 2L, 1.0 / 3)),
        Map.entry("gender/unknown", List.of(1L, 1L, 1.0 / 3)),
        Map.entry("age_band/35-44", List.of(1L, 1L, 1.0 / 3)),
        Map.entry("age_band/anonymous", List.of(1L, 2L, 1.0 / 3)),
        Map.entry("age_band/unknown", List.of(1L, 1L, 1.0 / 3)));
  }
}
