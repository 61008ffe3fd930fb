package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.clv.ClvTables;
import io.clientele.jobs.steps.GoldSlice;
import io.clientele.lake.Lake;
import io.clientele.model.ModelTables;
import io.clientele.tag.TagTables;
import io.clientele.testing.SparkExtension;
import io.clientele.traffic.TrafficTables;
import io.clientele.value.ValueTables;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a small warehouse written by hand (every gold table the report reads, with the declared
 * schemas, plus response_scores and tag_stats with the column names their issues document), rendered in
 * headless Chromium: every chart drawn, no script error, and a screenshot in target/report/.
 */
@ExtendWith(SparkExtension.class)
class ReportJobTest {
  private static final LocalDate AS_OF = LocalDate.of(2026, 7, 1);
  private static final LocalDate EARLIER = LocalDate.of(2026, 6, 1);
  private static final List<String> ALL_CHARTS = List.of("rfm-segments", "rf-heatmap", "abc-pareto", "lifecycle",
      "member-kpis", "clv-distribution", "value-quadrant", "clv-calibration", "churn-roc", "churn-lift", "response-roc", "response-lift",
      "response-return", "traffic-heatmap", "store-funnel", "regions", "cluster-profiles", "tag-coverage", "tag-drift");
  private static final Pattern STATUS = Pattern.compile(
      "<footer id=\"report-status\" data-charts=\"(\\d+)\" data-rendered=\"(-?\\d+)\" data-errors=\"(-?\\d+)\">([^<]*)</footer>");

  private final SparkSession spark;

  ReportJobTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void everyChartIsDrawnInChromiumWithoutErrors(@TempDir Path work) throws Exception {
    Lake lake = new Lake(spark, "report_full").ensureDatabase();
    writeEverything(lake);
    Path html = work.resolve("report.html");

    Cli cli = Cli.run(spark, "--set", "catalog.database=report_full", "--warehouse", work.resolve("wh").toString(), "report",
        "--as-of", AS_OF.toString(), "--out", html.toString());

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("report: as of 2026-07-01: 19 of 19 charts drawn");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    // Nothing is fetched when the file opens: no external script or style sheet, no remote url().
    assertThat(page).doesNotContainPattern("<script[^>]* src=").doesNotContain("<link ")
        .doesNotContainPattern("url\\(\\s*['\"]?https?:").contains("echarts").doesNotContain("Not computed");
    // Captions from the data: the Pareto class A boundary, the churn model's AUC, the funnel shares.
    assertThat(page).contains("Class A (80% of revenue) is the top 20% of customers")
        .contains("ROC AUC 0.813").contains("entered 50%").contains("bought 10%")
        .contains("the anonymous visitors of the traffic window (no customer id: consumers 消费者 no customer table "
            + "holds): 25 as of 2026-07-01")
        .contains("3 to keep and grow (high, high), 1 to harvest (high now, low later), 2 to develop (low now, high "
            + "later), 4 to serve at low cost");

    String dom = Chromium.dumpDom(html, work);
    Matcher status = STATUS.matcher(dom);
    assertThat(status.find()).as(dom.substring(Math.max(0, dom.length() - 2000))).isTrue();
    assertThat(status.group(4)).isEqualTo("19 of 19 charts drawn; no errors");
    assertThat(status.group(2)).isEqualTo("19");
    assertThat(status.group(3)).isEqualTo("0");
    for (String chart : ALL_CHARTS) {
      assertThat(dom).as(chart).containsPattern("data-chart=\"" + chart + "\"[^>]*data-shapes=\"[1-9]");
    }

    Path png = Paths.get("target", "report", "report-full.png");
    Chromium.screenshot(html, png, 1400, 4700, work);
    assertThat(Files.size(png)).isGreaterThan(50_000);
    Files.copy(html, Paths.get("target", "report", "report-full.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void chartsWithoutTheirTablesSayWhichCommandComputesThem(@TempDir Path work) throws Exception {
    Lake lake = new Lake(spark, "report_value_only").ensureDatabase();
    writeValueTables(lake);
    Path html = work.resolve("partial.html");

    Cli cli = Cli.run(spark, "--set", "catalog.database=report_value_only", "--warehouse", work.resolve("wh").toString(),
        "report", "--as-of", AS_OF.toString(), "--out", html.toString());

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("5 of 19 charts drawn");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page)
        .contains("Not computed for 2026-07-01: no customer_clv for this date (run: clientele clv --as-of 2026-07-01).")
        .contains("no clv_calibration whose holdout ended by this date (run: clientele clv --as-of EARLIER --holdout-end 2026-07-01)")
        .contains("Not computed: no successful 'churn' model in model_runs")
        .contains("(run: clientele churn train --as-of 2026-07-01)")
        .contains("no traffic_hourly for this date (run: clientele traffic --as-of 2026-07-01)")
        .contains("no segment_profiles for this date (run: clientele segment --as-of 2026-07-01)")
        .contains("no tag_stats for this date (run: clientele tags --as-of 2026-07-01)")
        .contains("no customer_profile for this date (run: clientele tags --as-of 2026-07-01)")
        .contains("no response_scores for this date");

    Matcher status = STATUS.matcher(Chromium.dumpDom(html, work));
    assertThat(status.find()).isTrue();
    assertThat(status.group(4)).isEqualTo("5 of 5 charts drawn; no errors");
  }

  @Test
  void anAsOfWithoutAnySliceStillWritesTheReport(@TempDir Path work) throws Exception {
    new Lake(spark, "report_value_only").ensureDatabase();
    Path html = work.resolve("sub/dir/empty.html");

    Cli cli = Cli.run(spark, "--set", "catalog.database=report_value_only", "--warehouse", work.resolve("wh").toString(),
        "report", "--as-of", "2020-01-01", "--out", html.toString());

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("0 of 19 charts drawn");
    assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("Not computed for 2020-01-01: no segment_summary");
  }

  // ------------------------------------------------------------------ the hand-written warehouse

  private void writeValueTables(Lake lake) {
    write(lake, ValueTables.SEGMENT_SUMMARY, ValueTables.SUMMARY, AS_OF, List.of(
        Map.of("dimension", "rfm_segment", "group_value", "important_value", "customers", 2L, "revenue", money(600)),
        Map.of("dimension", "rfm_segment", "group_value", "general_retain", "customers", 6L, "revenue", money(300)),
        Map.of("dimension", "rfm_segment", "group_value", "important_keep", "customers", 2L, "revenue", money(100)),
        Map.of("dimension", "abc_class", "group_value", "A", "customers", 2L, "revenue", money(800))));
    List<Map<String, Object>> rfm = new ArrayList<>();
    List<Map<String, Object>> value = new ArrayList<>();
    double[] cumulative = {0.5, 0.8, 0.87, 0.92, 0.95, 0.97, 0.98, 0.99, 0.995, 1.0};
    for (int i = 1; i <= 10; i++) {
      rfm.add(Map.of("customer_id", "c" + i, "r_score", 1 + i % 5, "f_score", 1 + (i * 3) % 5, "monetary", money(100)));
      value.add(Map.of("customer_id", "c" + i, "customer_rank_share", i / 10.0, "cumulative_revenue_share", cumulative[i - 1],
          "abc_class", i <= 2 ? "A" : i <= 5 ? "B" : "C"));
    }
    write(lake, ValueTables.CUSTOMER_RFM, ValueTables.RFM, AS_OF, rfm);
    write(lake, ValueTables.CUSTOMER_VALUE, ValueTables.VALUE, AS_OF, value);
    for (LocalDate date : List.of(EARLIER, AS_OF)) {
      List<Map<String, Object>> loyalty = new ArrayList<>();
      String[] stages = {"customer", "new_member", "active_member", "active_member", "silent_member", "lost_member"};
      for (int i = 0; i < stages.length; i++) {
        loyalty.add(Map.of("customer_id", "c" + i, "lifecycle_stage", date.equals(AS_OF) && i == 2 ? "sleeping_member" : stages[i]));
      }
      write(lake, ValueTables.CUSTOMER_LOYALTY, ValueTables.LOYALTY, date, loyalty);
      // Visitors by member level as the traffic job writes them: 40 anonymous ones on the earlier date, 25 now.
      write(lake, TrafficTables.TRAFFIC_VISITORS, TrafficTables.VISITORS, date, List.of(
          Map.of("feature", "member_level", "value", "anonymous", "visitors", date.equals(AS_OF) ? 25L : 40L),
          Map.of("feature", "member_level", "value", "gold", "visitors", 7L),
          Map.of("feature", "device", "value", "anonymous", "visitors", 99L)));
    }
    List<Map<String, Object>> kpis = new ArrayList<>();
    for (int m = 1; m <= 6; m++) {
      Map<String, Object> month = new HashMap<>(Map.of("grain", "month", "segment", "all", "period_start",
          Date.valueOf(LocalDate.of(2026, m, 1)), "new_members", 10L + m, "purchasing_members", 30L + m,
          "active_members", 50L + m, "lost_members", (long) m, "repeat_purchase_rate", 0.2 + m / 100.0));
      month.put("member_churn_rate", m == 1 ? null : m / 100.0);
      kpis.add(month);
    }
    kpis.add(Map.of("grain", "day", "segment", "all", "period_start", Date.valueOf(EARLIER), "new_members", 999L));
    write(lake, ValueTables.MEMBER_KPIS, ValueTables.KPIS, AS_OF, kpis);
  }

  private void writeEverything(Lake lake) {
    writeValueTables(lake);
    List<Map<String, Object>> clv = new ArrayList<>();
    double[] values = {0, 3, 12, 40, 90, 150, 400, 900, 2500, 7000};
    for (int i = 0; i < values.length; i++) {
      clv.add(Map.of("customer_id", "c" + i, "clv", values[i], "prob_alive", 0.5, "clv_tier", i >= 8 ? "high" : i >= 5 ? "medium" : "low"));
    }
    write(lake, ClvTables.CUSTOMER_CLV, ClvTables.CUSTOMER, AS_OF, clv);
    List<Map<String, Object>> calibration = new ArrayList<>();
    String[] buckets = {"0", "1", "2", "3", "7+", "all"};
    for (int i = 0; i < buckets.length; i++) {
      // Calibrated to 90 days before the report's date, the holdout ending on it.
      Map<String, Object> row = new HashMap<>(Map.of("frequency_bucket", buckets[i], "customers", 10L,
          "actual_purchases", 1.0 + i, "expected_purchases", 1.2 + i, "holdout_end", Date.valueOf(AS_OF)));
      row.put("min_frequency", buckets[i].equals("all") ? null : buckets[i].equals("7+") ? 7 : Integer.parseInt(buckets[i]));
      calibration.add(row);
    }
    write(lake, ClvTables.CLV_CALIBRATION, ClvTables.CALIBRATION, AS_OF.minusDays(90), calibration);

    String evaluation = "{\"rows\":40,\"positives\":16,\"deciles\":["
        + "{\"decile\":1,\"rows\":10,\"positives\":8,\"mean_score\":0.8,\"rate\":0.8,\"lift\":2.0,\"capture\":0.5},"
        + "{\"decile\":2,\"rows\":10,\"positives\":5,\"mean_score\":0.6,\"rate\":0.5,\"lift\":1.25,\"capture\":0.8125},"
        + "{\"decile\":3,\"rows\":10,\"positives\":3,\"mean_score\":0.4,\"rate\":0.3,\"lift\":0.75,\"capture\":1.0},"
        + "{\"decile\":4,\"rows\":10,\"positives\":0,\"mean_score\":0.2,\"rate\":0.0,\"lift\":0.0,\"capture\":1.0}]}";
    List<Map<String, Object>> runs = List.of(
        run("churn", "v1", 0.6, "{\"deciles\":[]}", "2026-06-01 00:00:00"),
        run("churn", "v2", 0.8125, evaluation, "2026-07-01 00:00:00"),
        run("response", "r1", 0.7, evaluation, "2026-07-01 00:00:00"));
    lake.ensureTable(ModelTables.MODEL_RUNS, ModelTables.RUNS, "model runs");
    lake.append(ModelTables.MODEL_RUNS, frame(ModelTables.RUNS, runs, null));

    List<Map<String, Object>> churn = new ArrayList<>();
    List<Map<String, Object>> response = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      churn.add(Map.of("customer_id", "c" + i, "churn_probability", i / 40.0, "risk_band", i >= 28 ? "high" : "low"));
      response.add(Map.of("customer_id", "c" + i, "campaign_id", "planned-2026-07-01", "response_probability", i / 40.0,
          "expected_value", 100.0 - i * 3));
    }
    write(lake, ModelTables.CHURN_SCORES, ModelTables.CHURN, AS_OF, churn);
    write(lake, ModelTables.RESPONSE_SCORES, ModelTables.RESPONSE, AS_OF, response);

    List<Map<String, Object>> hourly = new ArrayList<>();
    for (int day = 1; day <= 7; day++) {
      for (int hour = 8; hour < 22; hour++) {
        hourly.add(Map.of("channel", "store", "site", "s1", "weekday", day, "hour", hour, "visitors", (long) (day * hour)));
      }
    }
    write(lake, TrafficTables.TRAFFIC_HOURLY, TrafficTables.HOURLY, AS_OF, hourly);
    write(lake, TrafficTables.TRAFFIC_FUNNEL, TrafficTables.FUNNEL, AS_OF, List.of(
        funnel("all", 600, 300, 240, 150, 90, 60), funnel("all", 400, 200, 160, 100, 60, 40),
        funnel("womenswear", 5000, 5000, 5000, 5000, 5000, 5000)));
    write(lake, TrafficTables.TRAFFIC_REGION, TrafficTables.REGION, AS_OF, List.of(
        Map.of("region", "east", "visitors", 300L, "members", 100L, "buyers", 80L, "revenue", money(8000)),
        Map.of("region", "north", "visitors", 200L, "members", 60L, "buyers", 40L, "revenue", money(3000))));
    write(lake, ModelTables.SEGMENT_PROFILES, ModelTables.PROFILES, AS_OF, List.of(
        profile(0, "recent frequent big spenders", 20, 0.2, 0.6), profile(1, "lapsed occasional small spenders", 50, 0.5, 0.1),
        profile(2, "recent occasional small spenders", 30, 0.3, 0.3)));
    // customer_profile as the tags job writes it, with the one tag the report reads (the value quadrant; c11 has no CLV).
    StructType profile = new StructType().add("customer_id", DataTypes.StringType, false)
        .add("as_of", DataTypes.DateType, false).add("value_quadrant", DataTypes.StringType, true);
    List<Map<String, Object>> quadrants = new ArrayList<>();
    String[] ofEach = {"high_current_high_future", "high_current_high_future", "high_current_high_future",
        "high_current_low_future", "low_current_high_future", "low_current_high_future", "low_current_low_future",
        "low_current_low_future", "low_current_low_future", "low_current_low_future"};
    for (int i = 0; i < ofEach.length; i++) {
      quadrants.add(Map.of("customer_id", "c" + i, "value_quadrant", ofEach[i]));
    }
    quadrants.add(Map.of("customer_id", "c11"));
    write(lake, TagTables.CUSTOMER_PROFILE, profile, AS_OF, quadrants);
    // tag_stats as the tags job writes it: a '*' row per tag with its coverage, one row per value with its share.
    write(lake, TagTables.TAG_STATS, TagTables.STATS, AS_OF, List.of(
        Map.of("tag_id", "value.rfm_segment", "value", "*", "coverage", 0.92, "share_change", 0.01),
        Map.of("tag_id", "value.rfm_segment", "value", "important_value", "share", 0.2, "share_change", -0.05),
        Map.of("tag_id", "churn.risk_band", "value", "*", "coverage", 0.4, "share_change", -0.12),
        Map.of("tag_id", "social.photo_reviewer", "value", "*", "coverage", 0.05, "share_change", 0.3)));
  }

  private static Map<String, Object> run(String name, String version, double auc, String evaluation, String trainedAt) {
    return Map.of("model_name", name, "version", version, "trained_at", Timestamp.valueOf(trainedAt), "roc_auc", auc,
        "evaluation", evaluation, "status", "succeeded", "evaluation_as_of", Date.valueOf(AS_OF));
  }

  private static Map<String, Object> funnel(String zone, long passedBy, long entered, long aisle, long stayed, long touched, long bought) {
    return Map.of("store_id", "s1", "zone", zone, "passed_by", passedBy, "entered", entered, "passed_aisle", aisle,
        "stayed", stayed, "touched", touched, "bought", bought);
  }

  private static Map<String, Object> profile(int id, String name, long customers, double customerShare, double revenueShare) {
    return Map.of("segment_id", id, "segment_name", name, "customers", customers, "customer_share", customerShare,
        "revenue_share", revenueShare, "mean_recency_days", 10.0 + id, "mean_frequency", 3.0, "mean_monetary", 250.0);
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value);
  }

  private void write(Lake lake, String table, StructType schema, LocalDate asOf, List<Map<String, Object>> rows) {
    GoldSlice.write(lake, table, schema, frame(schema, rows, asOf).drop("as_of"), asOf);
  }

  /** Rows of the schema: the given values, and for every other column a null or, where nulls are not allowed, a zero. */
  private Dataset<Row> frame(StructType schema, List<Map<String, Object>> rows, LocalDate asOf) {
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> values : rows) {
      Object[] cells = new Object[schema.fields().length];
      for (int i = 0; i < cells.length; i++) {
        StructField field = schema.fields()[i];
        if (field.name().equals("as_of") && asOf != null) {
          cells[i] = Date.valueOf(asOf);
        } else if (values.containsKey(field.name())) {
          cells[i] = cast(values.get(field.name()), field.dataType());
        } else {
          cells[i] = field.nullable() ? null : zero(field.dataType());
        }
      }
      out.add(RowFactory.create(cells));
    }
    return spark.createDataFrame(out, schema);
  }

  private static Object cast(Object value, DataType type) {
    if (value instanceof Number && type instanceof DecimalType) {
      return new BigDecimal(value.toString()).setScale(((DecimalType) type).scale());
    }
    if (value instanceof Number && type.equals(DataTypes.LongType)) {
      return ((Number) value).longValue();
    }
    if (value instanceof Number && type.equals(DataTypes.IntegerType)) {
      return ((Number) value).intValue();
    }
    if (value instanceof Number && type.equals(DataTypes.DoubleType)) {
      return ((Number) value).doubleValue();
    }
    return value;
  }

  private static Object zero(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return "";
    } else if (type.equals(DataTypes.LongType)) {
      return 0L;
    } else if (type.equals(DataTypes.IntegerType)) {
      return 0;
    } else if (type.equals(DataTypes.DoubleType)) {
      return 0.0;
    } else if (type.equals(DataTypes.BooleanType)) {
      return false;
    } else if (type.equals(DataTypes.DateType)) {
      return Date.valueOf(AS_OF);
    } else if (type.equals(DataTypes.TimestampType)) {
      return Timestamp.valueOf("2026-07-01 00:00:00");
    } else if (type instanceof DecimalType) {
      return BigDecimal.ZERO.setScale(((DecimalType) type).scale());
    } else if (type instanceof org.apache.spark.sql.types.MapType) {
      return scala.collection.immutable.Map$.MODULE$.empty();
    } else if (type instanceof org.apache.spark.sql.types.ArrayType) {
      return new Object[0];
    }
    throw new IllegalArgumentException("no zero for " + type);
  }
}
