package io.clientele.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clientele.clv.ClvTables;
import io.clientele.jobs.steps.ChurnJob;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.JobResult;
import io.clientele.jobs.steps.JobSpec;
import io.clientele.jobs.steps.ModelRegistry;
import io.clientele.jobs.steps.ResponseJob;
import io.clientele.lake.Lake;
import io.clientele.model.ModelTables;
import io.clientele.model.Response;
import io.clientele.report.ReportData;
import io.clientele.tag.TagStats;
import io.clientele.tag.TagTables;
import io.clientele.traffic.TrafficTables;
import io.clientele.value.ValueTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The HTML report as of a date: one self-contained file (ECharts, the styles and every chart's data inline,
 * nothing fetched when it opens) with a chart and a short caption per analysis. A chart whose table is absent,
 * or has no slice for the date, becomes a note naming the command that computes it; the report never fails for
 * that. Each chart is a spec in {@link #CHARTS}: its id and title, the table it reads (by its declared name and
 * columns) and how ({@link From}: the date's slice, the history, the closed CLV calibration, a model's promoted
 * run), the command that computes that table, and how its rows are drawn; adding a chart is one entry there. The
 * chart data are {@link ReportData}'s small aggregations; the draw functions shape them into ECharts options.
 */
public final class ReportJob {
  /** {@code --out FILE}: the HTML file to write (folders are created). */
  public static final JobSpec.Option<String> OUT = JobSpec.Option.of("--out", "FILE", String.class,
      "the HTML file to write (folders are created)").required();

  /** {@code report --as-of D --out FILE}. */
  public static final JobSpec SPEC = JobSpec.of("report",
          "Write the HTML report as of a date: one self-contained file (charts, data and scripts inline; it",
          "opens offline). A chart whose table was not computed for the date says which command computes it.")
      .with(OUT)
      .runs((context, asOf, options) -> {
        String out = options.get(OUT);
        return () -> new ReportJob(context).run(asOf, out);
      });

  private static final String JOB = "report";

  /** The response model's name in model_runs. */
  static final String RESPONSE_MODEL = ResponseJob.MODEL;

  private final JobContext context;

  public ReportJob(JobContext context) {
    this.context = context;
  }

  /** {@link #run(LocalDate, Path)} with the file as a path string (what the pipeline's step has). */
  public JobResult run(LocalDate asOf, String outFile) throws IOException {
    return run(asOf, java.nio.file.Paths.get(outFile));
  }

  /** Writes the report for {@code asOf} to {@code outFile} (folders created); returns the charts drawn and the notes. */
  public JobResult run(LocalDate asOf, Path outFile) throws IOException {
    Lake lake = context.lake();
    Sources sources = new Sources(lake, asOf);
    List<ReportPage.Chart> charts = new ArrayList<>();
    for (ChartSpec chart : CHARTS) {
      charts.add(chart.render(sources));
    }

    long drawn = charts.stream().filter(c -> c.option() != null).count();
    String html = ReportPage.render(asOf, context.config().get(io.clientele.config.ConfigKeys.DATABASE), charts, summary(sources));
    Path parent = outFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(outFile, html, StandardCharsets.UTF_8);
    context.progress(JOB, String.format(Locale.ROOT, "%d charts drawn, %d not computed for %s", drawn, charts.size() - drawn, asOf));
    return new JobResult(null, drawn, 0L, String.format(Locale.ROOT, "as of %s: %d of %d charts drawn (the others say "
        + "which command computes them), %,d bytes written to %s", asOf, drawn, charts.size(), html.length(), outFile));
  }

  /** The tables of one database as of a date: a slice when present, otherwise why not. */
  static final class Sources {
    final Lake lake;
    final LocalDate asOf;
    /** What each source gave, loaded once: charts that share a table (and the headline figures) share its load. */
    private final Map<String, Optional<Dataset<Row>>> loaded = new HashMap<>();

    Sources(Lake lake, LocalDate asOf) {
      this.lake = lake;
      this.asOf = asOf;
    }

    /** The rows a chart reads from a table as {@code from} says, loaded on the first ask. */
    Optional<Dataset<Row>> load(From from, String table) {
      String key = from + " " + table;
      Optional<Dataset<Row>> rows = loaded.get(key);
      if (rows == null) {
        rows = from.rows(this, table);
        loaded.put(key, rows);
      }
      return rows;
    }

    /** The as_of slice of a table, or empty when the table or the slice is not there. */
    Optional<Dataset<Row>> slice(String table) {
      if (!lake.exists(table)) {
        return Optional.empty();
      }
      Dataset<Row> rows = lake.read(table);
      if (Arrays.asList(rows.columns()).contains("as_of")) {
        rows = rows.where(col("as_of").equalTo(lit(Date.valueOf(asOf))));
      }
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows);
    }

    /**
     * The clv_calibration slice of the latest calibration whose holdout ended by the date: a holdout that ends after
     * it is not over, so what happened in it is not known yet.
     */
    Optional<Dataset<Row>> closedCalibration() {
      if (!lake.exists(ClvTables.CLV_CALIBRATION)) {
        return Optional.empty();
      }
      Dataset<Row> closed = lake.read(ClvTables.CLV_CALIBRATION).where(col("holdout_end").leq(lit(Date.valueOf(asOf))));
      Row latest = closed.agg(functions.max("as_of")).first();
      return latest.isNullAt(0) ? Optional.empty()
          : Optional.of(closed.where(col("as_of").equalTo(lit(latest.get(0)))));
    }

    /** Every slice up to the date. */
    Optional<Dataset<Row>> history(String table) {
      if (!lake.exists(table)) {
        return Optional.empty();
      }
      Dataset<Row> rows = lake.read(table).where(col("as_of").leq(lit(Date.valueOf(asOf))));
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows);
    }

    /** The promoted (latest successful) run of a model. */
    Optional<Dataset<Row>> promotedRun(String model) {
      if (!lake.exists(ModelTables.MODEL_RUNS)) {
        return Optional.empty();
      }
      Dataset<Row> run = lake.read(ModelTables.MODEL_RUNS)
          .where(col("model_name").equalTo(model).and(col("status").equalTo(ModelRegistry.SUCCEEDED)))
          .orderBy(col("trained_at").desc(), col("version").desc()).limit(1);
      return run.isEmpty() ? Optional.empty() : Optional.of(run);
    }

    String command(String template) {
      return template.replace("DATE", asOf.toString());
    }
  }

  /** Where a chart's rows come from, and what the report says when they are not there. */
  enum From {
    /** The table's slice of the date. */
    SLICE,
    /** Every slice of the table up to the date. */
    HISTORY,
    /** clv_calibration: the latest calibration whose holdout ended by the date. */
    CLOSED_CALIBRATION,
    /** model_runs: the promoted run of the model named by the spec's table. */
    PROMOTED_RUN;

    Optional<Dataset<Row>> rows(Sources s, String table) {
      switch (this) {
        case SLICE:
          return s.slice(table);
        case HISTORY:
          return s.history(table);
        case CLOSED_CALIBRATION:
          return s.closedCalibration();
        default:
          return s.promotedRun(table);
      }
    }

    String missing(Sources s, String table, String command) {
      switch (this) {
        case CLOSED_CALIBRATION:
          return "Not computed for " + s.asOf + ": no " + table + " whose holdout ended by this date (run: "
              + s.command(command) + ").";
        case PROMOTED_RUN:
          return "Not computed: no successful '" + table + "' model in model_runs (run: " + s.command(command) + ").";
        default:
          return notComputed(s, table, command);
      }
    }
  }

  /** A chart's caption and ECharts option, or why its rows cannot be drawn. */
  record Drawn(String caption, Map<String, Object> option, String notDrawn) {
    static Drawn of(String caption, Map<String, Object> option) {
      return new Drawn(caption, option, null);
    }

    static Drawn not(String why) {
      return new Drawn(null, null, why);
    }
  }

  /** How a chart's rows become its caption and option. */
  interface Draw {
    Drawn draw(Dataset<Row> rows, Sources sources);
  }

  /**
   * One chart of the report: its id and title, the table it reads and how ({@link From}), the command that computes
   * that table (DATE stands for the report's date), and how its rows are drawn.
   */
  record ChartSpec(String id, String title, From from, String table, String command, Draw draw) {
    ReportPage.Chart render(Sources s) {
      Optional<Dataset<Row>> rows = s.load(from, table);
      if (rows.isEmpty()) {
        return missing(id, title, from.missing(s, table, command));
      }
      Drawn drawn = draw.draw(rows.get(), s);
      return drawn.notDrawn() != null ? missing(id, title, drawn.notDrawn())
          : new ReportPage.Chart(id, title, drawn.caption(), drawn.option(), null);
    }
  }

  private static final String VALUE = "clientele value --as-of DATE";
  private static final String TRAFFIC = "clientele traffic --as-of DATE";

  /** Every chart of the report, in the order they appear. */
  static final List<ChartSpec> CHARTS = List.of(
      new ChartSpec("rfm-segments", "RFM segments: customers and revenue", From.SLICE, ValueTables.SEGMENT_SUMMARY, VALUE,
          ReportJob::rfmSegments),
      new ChartSpec("rf-heatmap", "Recency × frequency scores", From.SLICE, ValueTables.CUSTOMER_RFM, VALUE,
          ReportJob::recencyFrequency),
      new ChartSpec("abc-pareto", "ABC: the Pareto curve of revenue", From.SLICE, ValueTables.CUSTOMER_VALUE, VALUE,
          ReportJob::pareto),
      new ChartSpec("lifecycle", "Lifecycle stages over time", From.HISTORY, ValueTables.CUSTOMER_LOYALTY, VALUE,
          ReportJob::lifecycle),
      new ChartSpec("member-kpis", "Member KPIs per month", From.SLICE, ValueTables.MEMBER_KPIS, VALUE, ReportJob::memberKpis),
      new ChartSpec("clv-distribution", "Customer lifetime value", From.SLICE, ClvTables.CUSTOMER_CLV,
          "clientele clv --as-of DATE", ReportJob::clvDistribution),
      new ChartSpec("value-quadrant", "Current value × future value", From.SLICE, TagTables.CUSTOMER_PROFILE,
          "clientele tags --as-of DATE", ReportJob::valueQuadrant),
      new ChartSpec("clv-calibration", "CLV calibration: expected vs actual holdout purchases", From.CLOSED_CALIBRATION,
          ClvTables.CLV_CALIBRATION, "clientele clv --as-of EARLIER --holdout-end DATE", ReportJob::clvCalibration),
      new ChartSpec("churn-roc", "Churn model: ROC", From.PROMOTED_RUN, ChurnJob.MODEL, "clientele churn train --as-of DATE",
          (rows, s) -> roc(rows, "churn")),
      new ChartSpec("churn-lift", "Churn model: lift per decile", From.PROMOTED_RUN, ChurnJob.MODEL,
          "clientele churn train --as-of DATE", ReportJob::lift),
      new ChartSpec("response-roc", "Response model: ROC", From.PROMOTED_RUN, RESPONSE_MODEL,
          "clientele response train --as-of DATE", (rows, s) -> roc(rows, "response")),
      new ChartSpec("response-lift", "Response model: lift per decile", From.PROMOTED_RUN, RESPONSE_MODEL,
          "clientele response train --as-of DATE", ReportJob::lift),
      new ChartSpec("response-return", "Campaign response: expected return by audience size", From.SLICE,
          ModelTables.RESPONSE_SCORES, "clientele response score --as-of DATE", ReportJob::responseReturn),
      new ChartSpec("traffic-heatmap", "Visitors by hour and weekday", From.SLICE, TrafficTables.TRAFFIC_HOURLY, TRAFFIC,
          ReportJob::trafficHeatmap),
      new ChartSpec("store-funnel", "Store flow line", From.SLICE, TrafficTables.TRAFFIC_FUNNEL, TRAFFIC, ReportJob::storeFunnel),
      new ChartSpec("regions", "Visitors, buyers and revenue by region", From.SLICE, TrafficTables.TRAFFIC_REGION, TRAFFIC,
          ReportJob::regions),
      new ChartSpec("cluster-profiles", "Customer segments (clusters)", From.SLICE, ModelTables.SEGMENT_PROFILES,
          "clientele segment --as-of DATE", ReportJob::clusterProfiles),
      new ChartSpec("tag-coverage", "Tag coverage", From.SLICE, TagTables.TAG_STATS, "clientele tags --as-of DATE",
          ReportJob::tagCoverage),
      new ChartSpec("tag-drift", "Tag drift against the previous run", From.SLICE, TagTables.TAG_STATS,
          "clientele tags --as-of DATE", ReportJob::tagDrift));

  private static ReportPage.Chart missing(String id, String title, String why) {
    return new ReportPage.Chart(id, title, null, null, why);
  }

  private static String notComputed(Sources s, String table, String command) {
    return "Not computed for " + s.asOf + ": no " + table + " for this date (run: " + s.command(command) + ").";
  }

  // ---------------------------------------------------------------- value

  private static Drawn rfmSegments(Dataset<Row> table, Sources s) {
    List<Row> rows = ReportData.segmentShares(table).collectAsList();
    List<Object> names = new ArrayList<>();
    List<Object> customers = new ArrayList<>();
    List<Object> revenue = new ArrayList<>();
    for (Row r : rows) {
      names.add(r.getString(0));
      customers.add(percent(r.getDouble(3)));
      revenue.add(percent(r.getDouble(4)));
    }
    String caption = String.format(Locale.ROOT, "Share of the %,d customers scored in the RFM window and of their revenue, "
        + "per segment. Segments whose revenue share exceeds their customer share are worth more than their size.",
        rows.stream().mapToLong(r -> r.getLong(1)).sum());
    return Drawn.of(caption, Echarts.bars(names, Map.of(), List.of(
        Echarts.series("customers %", customers), Echarts.series("revenue %", revenue)), "%", true));
  }

  private static Drawn recencyFrequency(Dataset<Row> table, Sources s) {
    List<Row> rows = ReportData.recencyFrequencyGrid(table).collectAsList();
    int maxScore = 1;
    for (Row r : rows) {
      maxScore = Math.max(maxScore, Math.max(((Number) r.get(0)).intValue(), ((Number) r.get(1)).intValue()));
    }
    List<Object> axis = new ArrayList<>();
    for (int i = 1; i <= maxScore; i++) {
      axis.add(Integer.toString(i));
    }
    List<Object> cells = new ArrayList<>();
    long most = 0;
    for (Row r : rows) {
      long n = r.getLong(2);
      most = Math.max(most, n);
      cells.add(List.of(((Number) r.get(0)).intValue() - 1, ((Number) r.get(1)).intValue() - 1, n));
    }
    return Drawn.of("Customers per recency score (x, 5 = most recent) and frequency score (y, 5 = "
        + "most frequent). The top right holds the best customers; the bottom right new ones; the top left those slipping away.",
        Echarts.heatmap(axis, axis, cells, most, "R score", "F score"));
  }

  private static Drawn pareto(Dataset<Row> table, Sources s) {
    List<Row> rows = ReportData.paretoCurve(table, 100).collectAsList();
    List<Object> points = new ArrayList<>();
    points.add(List.of(0.0, 0.0));
    String aEnd = null;
    for (Row r : rows) {
      points.add(List.of(percent(r.getDouble(0)), percent(r.isNullAt(1) ? 0.0 : ((Number) r.get(1)).doubleValue())));
      if ("A".equals(r.getString(2))) {
        aEnd = String.format(Locale.ROOT, "%.0f%%", r.getDouble(0) * 100);
      }
    }
    return Drawn.of("Cumulative share of revenue held by the top share of customers. "
        + (aEnd == null ? "" : "Class A (80% of revenue) is the top " + aEnd + " of customers; ") + "B reaches 95%, C is the rest.",
        Echarts.curve(points, "customers (top %)", "revenue %", "revenue", List.of(80.0, 95.0)));
  }

  private static Drawn lifecycle(Dataset<Row> table, Sources s) {
    List<Row> rows = ReportData.lifecycleStages(table).collectAsList();
    TreeSet<String> dates = new TreeSet<>();
    for (Row r : rows) {
      dates.add(r.get(0).toString());
    }
    List<String> order = List.of("consumer", "customer", "new_member", "active_member", "silent_member", "sleeping_member",
        "lost_member");
    Map<String, Map<String, Long>> byStage = new LinkedHashMap<>();
    for (String stage : order) {
      byStage.put(stage, new TreeMap<>());
    }
    for (Row r : rows) {
      byStage.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).put(r.get(0).toString(), r.getLong(2));
    }
    List<Object> series = new ArrayList<>();
    // The consumer stage's visitors without a customer id (traffic_visitors of the same dates), under the stages.
    Map<String, Long> anonymous = new TreeMap<>();
    s.load(From.HISTORY, TrafficTables.TRAFFIC_VISITORS).ifPresent(visitors -> {
      for (Row r : ReportData.anonymousVisitors(visitors).collectAsList()) {
        anonymous.put(r.get(0).toString(), r.getLong(1));
      }
    });
    anonymous.keySet().retainAll(dates);
    if (!anonymous.isEmpty()) {
      List<Object> values = new ArrayList<>();
      for (String d : dates) {
        values.add(anonymous.getOrDefault(d, 0L));
      }
      series.add(Echarts.stacked("anonymous_visitor", values));
    }
    for (Map.Entry<String, Map<String, Long>> stage : byStage.entrySet()) {
      if (stage.getValue().isEmpty()) {
        continue;
      }
      List<Object> values = new ArrayList<>();
      for (String d : dates) {
        values.add(stage.getValue().getOrDefault(d, 0L));
      }
      series.add(Echarts.stacked(stage.getKey(), values));
    }
    String latest = dates.last();
    String visitors = anonymous.isEmpty() ? " Anonymous visitors: no traffic_visitors for these dates (clientele traffic)."
        : String.format(Locale.ROOT, " Under them, the anonymous visitors of the traffic window (no customer id: "
            + "consumers 消费者 no customer table holds): %s as of %s.", anonymous.containsKey(latest)
            ? String.format(Locale.ROOT, "%,d", anonymous.get(latest)) : "none recorded", latest);
    return Drawn.of(String.format(Locale.ROOT, "Known customers per lifecycle stage in each of the "
        + "%d value runs up to %s (one bar per as-of date).", dates.size(), s.asOf) + visitors,
        Echarts.bars(new ArrayList<>(dates), Map.of(), series, "", true));
  }

  private static Drawn memberKpis(Dataset<Row> table, Sources s) {
    List<Row> rows = ReportData.monthlyMemberKpis(table).collectAsList();
    List<Object> months = new ArrayList<>();
    Map<String, List<Object>> counts = new LinkedHashMap<>();
    for (String k : List.of("new members", "purchasing members", "active members", "lost members")) {
      counts.put(k, new ArrayList<>());
    }
    List<Object> churn = new ArrayList<>();
    List<Object> repeat = new ArrayList<>();
    for (Row r : rows) {
      months.add(r.get(0).toString().substring(0, 7));
      counts.get("new members").add(number(r.get(1)));
      counts.get("purchasing members").add(number(r.get(2)));
      counts.get("active members").add(number(r.get(3)));
      counts.get("lost members").add(number(r.get(4)));
      churn.add(r.isNullAt(5) ? null : percent(((Number) r.get(5)).doubleValue()));
      repeat.add(r.isNullAt(6) ? null : percent(((Number) r.get(6)).doubleValue()));
    }
    List<Object> series = new ArrayList<>();
    counts.forEach((k, v) -> series.add(Echarts.line(k, v, 0)));
    series.add(Echarts.line("churn rate %", churn, 1));
    series.add(Echarts.line("repeat purchase rate %", repeat, 1));
    return Drawn.of("All members, per month of the value window: new, purchasing, active and lost "
        + "members (left axis), the member churn rate and repeat purchase rate (right axis, %; empty where the base is zero).",
        Echarts.lines(months, series, "members", "%"));
  }

  // ---------------------------------------------------------------- CLV

  /** Each quadrant's cell: [current value, future value], 0 low and 1 high. */
  private static final Map<String, List<Integer>> QUADRANT_CELLS = Map.of(
      "low_current_low_future", List.of(0, 0), "high_current_low_future", List.of(1, 0),
      "low_current_high_future", List.of(0, 1), "high_current_high_future", List.of(1, 1));

  private static Drawn valueQuadrant(Dataset<Row> profile, Sources s) {
    if (!Arrays.asList(profile.columns()).contains(ReportData.VALUE_QUADRANT)) {
      return Drawn.not("Not drawn: the tag catalog has no " + ReportData.VALUE_QUADRANT + " tag (see conf/tag-catalog.txt).");
    }
    List<Row> rows = ReportData.valueQuadrants(profile).collectAsList();
    List<Object> cells = new ArrayList<>();
    Map<String, Long> byQuadrant = new LinkedHashMap<>();
    long most = 0;
    for (Row r : rows) {
      String quadrant = r.getString(0);
      List<Integer> cell = QUADRANT_CELLS.get(quadrant);
      if (cell == null) {
        continue;
      }
      cells.add(List.of(cell.get(0), cell.get(1), r.getLong(1)));
      byQuadrant.put(quadrant, r.getLong(1));
      most = Math.max(most, r.getLong(1));
    }
    if (cells.isEmpty()) {
      return Drawn.not("Not drawn: no customer has a " + ReportData.VALUE_QUADRANT + " as of " + s.asOf + " (it needs their CLV).");
    }
    String caption = String.format(Locale.ROOT, "Customers by current value (spend in the RFM window, high by the RFM "
        + "high/low rule) and future value (the CLV forecast, high in the high or medium CLV tier): %,d to keep and grow "
        + "(high, high), %,d to harvest (high now, low later), %,d to develop (low now, high later), %,d to serve at low "
        + "cost.", byQuadrant.getOrDefault("high_current_high_future", 0L),
        byQuadrant.getOrDefault("high_current_low_future", 0L), byQuadrant.getOrDefault("low_current_high_future", 0L),
        byQuadrant.getOrDefault("low_current_low_future", 0L));
    return Drawn.of(caption, Echarts.heatmap(List.of("low", "high"), List.of("low", "high"), cells, most,
        "current value", "future value"));
  }

  private static Drawn clvDistribution(Dataset<Row> table, Sources s) {
    double width = 0.25;
    List<Row> bands = ReportData.clvBands(table, width).collectAsList();
    List<Object> labels = new ArrayList<>();
    List<Object> counts = new ArrayList<>();
    Map<Integer, Long> byBand = new TreeMap<>();
    for (Row r : bands) {
      byBand.put(r.getInt(0), r.getLong(1));
    }
    if (!byBand.isEmpty()) {
      // Every band from the lowest to the highest, empty ones too, so the axis is a continuous log scale.
      for (int band = ((TreeMap<Integer, Long>) byBand).firstKey(); band <= ((TreeMap<Integer, Long>) byBand).lastKey(); band++) {
        labels.add(String.format(Locale.ROOT, "%s–%s", money(Math.pow(10, band * width) - 1), money(Math.pow(10, (band + 1) * width) - 1)));
        counts.add(byBand.getOrDefault(band, 0L));
      }
    }
    StringBuilder tiers = new StringBuilder();
    for (Row r : ReportData.clvTiers(table).collectAsList()) {
      tiers.append(String.format(Locale.ROOT, "%s%s %,d customers (CLV %s)", tiers.length() == 0 ? "" : "; ",
          r.getString(0), r.getLong(1), money(((Number) r.get(2)).doubleValue())));
    }
    return Drawn.of("Customers per CLV band (log scale: each band a quarter of a decade). Tiers: "
        + tiers + ".", Echarts.bars(labels, Map.of(), List.of(Echarts.series("customers", counts)), "", false));
  }

  private static Drawn clvCalibration(Dataset<Row> table, Sources s) {
    Row period = table.select(col("as_of"), col("holdout_end")).first();
    List<Object> buckets = new ArrayList<>();
    List<Object> actual = new ArrayList<>();
    List<Object> expected = new ArrayList<>();
    for (Row r : ReportData.calibration(table).collectAsList()) {
      buckets.add(r.getString(0));
      actual.add(r.getDouble(2));
      expected.add(r.getDouble(3));
    }
    return Drawn.of("Repeat purchases in the holdout period (" + period.get(0) + " to "
        + period.get(1) + ") per number of repeat purchases in the calibration period before it: what the BG/NBD "
        + "model expected against what happened.",
        Echarts.bars(buckets, Map.of("name", "repeat purchases before the as-of date"), List.of(
            Echarts.series("actual", actual), Echarts.series("expected (BG/NBD)", expected)), "", false));
  }

  // ---------------------------------------------------------------- models

  private static Drawn roc(Dataset<Row> run, String label) {
    Row meta = run.select("version", "roc_auc", "evaluation_as_of").head();
    List<Object> curve = new ArrayList<>();
    curve.add(List.of(0.0, 0.0));
    for (Row d : ReportData.evaluationDeciles(run).collectAsList()) {
      curve.add(List.of(d.isNullAt(7) ? 0.0 : d.getDouble(7), d.isNullAt(6) ? 0.0 : d.getDouble(6)));
    }
    String auc = meta.isNullAt(1) ? "n/a" : String.format(Locale.ROOT, "%.3f", meta.getDouble(1));
    String evaluated = meta.isNullAt(2) ? "" : " on " + meta.get(2);
    return Drawn.of(String.format(Locale.ROOT, "The promoted %s model (version %s) evaluated%s: ROC AUC %s. The curve "
        + "passes through the score deciles (true against false positive rate when targeting the top 1, 2, ... deciles); "
        + "the diagonal is a random choice.", label, meta.getString(0), evaluated, auc), Echarts.roc(curve));
  }

  private static Drawn lift(Dataset<Row> run, Sources s) {
    List<Object> names = new ArrayList<>();
    List<Object> lifts = new ArrayList<>();
    for (Row d : ReportData.evaluationDeciles(run).collectAsList()) {
      names.add(Integer.toString(d.getInt(0)));
      lifts.add(d.isNullAt(4) ? null : d.getDouble(4));
    }
    return Drawn.of("Positive rate per score decile (1 = highest scores) over the base rate, on the held-out evaluation of "
        + "the same model; 1 is no better than random.",
        Echarts.bars(names, Map.of("name", "decile"), List.of(Echarts.series("lift", lifts)), "", false));
  }

  /** The expected value per customer (response_scores.expected_value) of the campaign with the largest audience. */
  private static Drawn responseReturn(Dataset<Row> table, Sources s) {
    String column = Response.EXPECTED_VALUE;
    // Several planned campaigns may be scored for one date: the chart shows the one with the largest audience.
    String campaign = table.groupBy(Response.CAMPAIGN_ID).count().orderBy(col("count").desc(), col(Response.CAMPAIGN_ID))
        .head().getString(0);
    Dataset<Row> scores = table.where(col(Response.CAMPAIGN_ID).equalTo(campaign));
    int groups = 20;
    List<Object> points = new ArrayList<>();
    points.add(List.of(0.0, 0.0));
    long customers = 0;
    double total = 0;
    List<Row> rows = ReportData.rankedValue(scores, column, groups).collectAsList();
    long all = rows.stream().mapToLong(r -> r.getLong(1)).sum();
    for (Row r : rows) {
      customers += r.getLong(1);
      total += r.isNullAt(2) ? 0 : r.getDouble(2);
      points.add(List.of(percent((double) customers / all), round(total)));
    }
    return Drawn.of(String.format(Locale.ROOT, "Cumulative expected return (%s) of campaign %s when the campaign targets "
        + "the best scored customers first, by share of the %,d scored customers; where the curve flattens, more contacts "
        + "add little.", column, campaign, all),
        Echarts.curve(points, "customers targeted (top %)", "expected return", "expected return", List.of()));
  }

  // ---------------------------------------------------------------- traffic

  private static Drawn trafficHeatmap(Dataset<Row> table, Sources s) {
    List<Object> hours = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      hours.add(String.format(Locale.ROOT, "%02d", h));
    }
    List<Object> days = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");
    List<Object> cells = new ArrayList<>();
    long most = 0;
    for (Row r : ReportData.weekdayHourVisitors(table).collectAsList()) {
      long n = ((Number) r.get(2)).longValue();
      most = Math.max(most, n);
      cells.add(List.of(((Number) r.get(1)).intValue(), ((Number) r.get(0)).intValue() - 1, n));
    }
    return Drawn.of("Visitors (store and web, summed over the traffic window's days) per hour of the "
        + "day and weekday: when to staff the stores and send the messages.",
        Echarts.heatmap(hours, days, cells, most, "hour", ""));
  }

  private static Drawn storeFunnel(Dataset<Row> table, Sources s) {
    List<Object> data = new ArrayList<>();
    StringBuilder rates = new StringBuilder();
    for (Row r : ReportData.storeFunnel(table).collectAsList()) {
      String step = r.getString(1).replace('_', ' ');
      data.add(Map.of("name", step, "value", ((Number) r.get(2)).longValue()));
      if (!r.isNullAt(3)) {
        rates.append(rates.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.0f%%", step, r.getDouble(3) * 100));
      }
    }
    return Drawn.of("Visitor-days at each step of the store flow line, every store and day of the "
        + "window (each step as a share of the passers-by: " + rates + ").", Echarts.funnel(data));
  }

  private static Drawn regions(Dataset<Row> table, Sources s) {
    List<Object> names = new ArrayList<>();
    List<Object> visitors = new ArrayList<>();
    List<Object> buyers = new ArrayList<>();
    List<Object> revenue = new ArrayList<>();
    for (Row r : ReportData.regions(table).collectAsList()) {
      names.add(r.getString(0));
      visitors.add(number(r.get(1)));
      buyers.add(number(r.get(3)));
      revenue.add(r.isNullAt(4) ? null : round(r.getDouble(4)));
    }
    return Drawn.of("Visitors of the traffic window and buyers per region (left axis), revenue of "
        + "paid lines per region of the customer profiles (right axis).",
        Echarts.barsWithLine(names, List.of(Echarts.series("visitors", visitors), Echarts.series("buyers", buyers)),
            Echarts.line("revenue", revenue, 1)));
  }

  // ---------------------------------------------------------------- segments

  private static Drawn clusterProfiles(Dataset<Row> table, Sources s) {
    List<Object> names = new ArrayList<>();
    List<Object> customers = new ArrayList<>();
    List<Object> revenue = new ArrayList<>();
    StringBuilder profiles = new StringBuilder();
    for (Row r : ReportData.clusterProfiles(table).collectAsList()) {
      String name = r.getInt(0) + ": " + r.getString(1);
      names.add(name);
      customers.add(percent(r.getDouble(3)));
      revenue.add(r.isNullAt(4) ? null : percent(r.getDouble(4)));
      profiles.append(String.format(Locale.ROOT, "%s%s: %,d customers, mean recency %s days, %s orders, spend %s",
          profiles.length() == 0 ? "" : "; ", name, r.getLong(2), oneDecimal(r, 5), oneDecimal(r, 6), oneDecimal(r, 7)));
    }
    return Drawn.of("Share of customers and of revenue per KMeans segment. " + profiles + ".",
        Echarts.bars(names, Map.of(), List.of(Echarts.series("customers %", customers), Echarts.series("revenue %", revenue)),
            "%", true));
  }

  // ---------------------------------------------------------------- tags

  /**
   * Per tag of tag_stats (as the tags job writes it: a '*' row per tag holds its coverage, one row per value its share):
   * its coverage, and its drift, the largest move of any of its values' shares (coverage included) against the
   * previous run.
   */
  private static List<Row> tagRows(Dataset<Row> stats) {
    Dataset<Row> covered = stats.where(col("value").equalTo(TagStats.ALL)).select(col("tag_id"), col("coverage"));
    Dataset<Row> drift = stats.groupBy("tag_id").agg(functions.max(functions.abs(col("share_change"))).as("drift"));
    return covered.join(drift, "tag_id").orderBy("tag_id").collectAsList();
  }

  private static Drawn tagCoverage(Dataset<Row> stats, Sources s) {
    List<Object> names = new ArrayList<>();
    List<Object> covered = new ArrayList<>();
    List<Row> rows = tagRows(stats);
    for (Row r : rows) {
      names.add(r.getString(0));
      covered.add(r.isNullAt(1) ? null : percent(r.getDouble(1)));
    }
    return Drawn.of(String.format(Locale.ROOT, "Share of customers holding each of the %d tags as of %s.", rows.size(), s.asOf),
        Echarts.bars(names, Map.of(), List.of(Echarts.series("coverage %", covered)), "%", false));
  }

  private static Drawn tagDrift(Dataset<Row> stats, Sources s) {
    List<Object> names = new ArrayList<>();
    List<Object> changes = new ArrayList<>();
    for (Row r : tagRows(stats)) {
      names.add(r.getString(0));
      changes.add(r.isNullAt(2) ? null : round4(r.getDouble(2)));
    }
    if (changes.stream().allMatch(v -> v == null)) {
      return Drawn.not("Not computed for " + s.asOf + ": no earlier tags run to compare with.");
    }
    return Drawn.of("Largest change of any value's share of each tag against the previous tags run (share_change, "
        + "absolute); large values mean the tag's population moved and its rule or data deserve a look.",
        Echarts.bars(names, Map.of(), List.of(Echarts.series("share_change", changes)), "", false));
  }

  // ---------------------------------------------------------------- headline figures

  private static List<String[]> summary(Sources s) {
    List<String[]> cards = new ArrayList<>();
    s.load(From.SLICE, ValueTables.CUSTOMER_RFM).ifPresent(rfm -> {
      Row r = rfm.selectExpr("count(*)", "cast(sum(monetary) as double)", "avg(frequency)").head();
      cards.add(new String[] {"customers scored", String.format(Locale.ROOT, "%,d", r.getLong(0))});
      cards.add(new String[] {"revenue in the RFM window", r.isNullAt(1) ? "-" : money(r.getDouble(1))});
      cards.add(new String[] {"orders per customer", r.isNullAt(2) ? "-" : String.format(Locale.ROOT, "%.2f", r.getDouble(2))});
    });
    s.load(From.SLICE, ClvTables.CUSTOMER_CLV).ifPresent(clv -> {
      Row r = clv.selectExpr("cast(sum(clv) as double)", "avg(prob_alive)").head();
      cards.add(new String[] {"total CLV", r.isNullAt(0) ? "-" : money(r.getDouble(0))});
      cards.add(new String[] {"mean P(alive)", r.isNullAt(1) ? "-" : String.format(Locale.ROOT, "%.2f", r.getDouble(1))});
    });
    s.load(From.SLICE, ModelTables.CHURN_SCORES).ifPresent(churn -> {
      Row r = churn.selectExpr("count(*)", "sum(CASE WHEN risk_band = 'high' THEN 1 ELSE 0 END)").head();
      cards.add(new String[] {"high churn risk", String.format(Locale.ROOT, "%,d of %,d", r.getLong(1), r.getLong(0))});
    });
    return cards;
  }

  // ---------------------------------------------------------------- helpers

  private static Object number(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }

  private static double percent(double share) {
    return Math.round(share * 10000) / 100.0;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static double round4(double value) {
    return Math.round(value * 10000) / 10000.0;
  }

  private static String oneDecimal(Row r, int i) {
    return r.isNullAt(i) ? "-" : String.format(Locale.ROOT, "%,.1f", ((Number) r.get(i)).doubleValue());
  }

  static String money(double value) {
    if (Math.abs(value) >= 1e6) {
      return String.format(Locale.ROOT, "%,.1fM", value / 1e6);
    }
    if (Math.abs(value) >= 1e4) {
      return String.format(Locale.ROOT, "%,.0fk", value / 1e3);
    }
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
