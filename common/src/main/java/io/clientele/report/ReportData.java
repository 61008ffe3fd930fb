package io.clientele.report;

import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log10;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.ntile;
import static org.apache.spark.sql.functions.sum;

import io.clientele.config.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The small tables the report's charts draw, each computed from one gold table in a single aggregation; the
 * report job reads the table, applies one of these and collects the few rows. Every function checks the
 * columns it needs and names the missing ones.
 */
public final class ReportData {
  /** The store flow line's steps in order, as traffic_funnel columns. */
  public static final List<String> STORE_FUNNEL_STEPS =
      List.of("passed_by", "entered", "passed_aisle", "stayed", "touched", "bought");

  /** The evaluation JSON's deciles (model_runs.evaluation), as far as the report reads them. */
  static final StructType EVALUATION = new StructType()
      .add("deciles", DataTypes.createArrayType(new StructType()
          .add("decile", DataTypes.IntegerType)
          .add("rows", DataTypes.LongType)
          .add("positives", DataTypes.LongType)
          .add("mean_score", DataTypes.DoubleType)
          .add("rate", DataTypes.DoubleType)
          .add("lift", DataTypes.DoubleType)
          .add("capture", DataTypes.DoubleType)));

  private ReportData() {}

  /**
   * RFM segments of segment_summary (dimension rfm_segment): group_value, customers, revenue, customer_share,
   * revenue_share (of all segments' revenue), largest segment first.
   */
  public static Dataset<Row> segmentShares(Dataset<Row> segmentSummary) {
    require(segmentSummary, "segment_summary", "dimension", "group_value", "customers", "revenue");
    WindowSpec all = Window.partitionBy();
    return segmentSummary.where(col("dimension").equalTo("rfm_segment"))
        .select(col("group_value"), col("customers").cast("long").as("customers"), col("revenue").cast("double").as("revenue"))
        .withColumn("customer_share", col("customers").divide(sum("customers").over(all)))
        .withColumn("revenue_share", col("revenue").divide(sum("revenue").over(all)))
        .orderBy(desc("customers"), col("group_value"));
  }

  /** Customers per recency and frequency score of customer_rfm: r_score, f_score, customers. */
  public static Dataset<Row> recencyFrequencyGrid(Dataset<Row> customerRfm) {
    require(customerRfm, "customer_rfm", "r_score", "f_score");
    return customerRfm.groupBy("r_score", "f_score").agg(count(lit(1)).as("customers")).orderBy("r_score", "f_score");
  }

  /**
   * The Pareto curve of customer_value at {@code points} steps of the customer ranking: rank_share (the top
   * share of customers, k / points) and revenue_share (the cumulative revenue share they hold), plus the ABC
   * class of the last customer in the step. Starts at (0, 0) only in the chart, not here.
   */
  public static Dataset<Row> paretoCurve(Dataset<Row> customerValue, int points) {
    require(customerValue, "customer_value", "customer_rank_share", "cumulative_revenue_share", "abc_class");
    Column step = greatest(ceil(col("customer_rank_share").multiply(points)), lit(1)).cast("int");
    return customerValue.groupBy(step.as("step")).agg(
            max("cumulative_revenue_share").as("revenue_share"),
            max(org.apache.spark.sql.functions.struct(col("customer_rank_share"), col("abc_class"))).getField("abc_class")
                .as("abc_class"))
        .select(col("step").divide(points).as("rank_share"), col("revenue_share"), col("abc_class"))
        .orderBy("rank_share");
  }

  /** Customers per lifecycle stage and as_of slice of customer_loyalty: as_of, lifecycle_stage, customers. */
  public static Dataset<Row> lifecycleStages(Dataset<Row> customerLoyalty) {
    require(customerLoyalty, "customer_loyalty", "as_of", "lifecycle_stage");
    return customerLoyalty.groupBy("as_of", "lifecycle_stage").agg(count(lit(1)).as("customers"))
        .orderBy("as_of", "lifecycle_stage");
  }

  /**
   * Anonymous visitors per as-of date: the visitors of the traffic window without a customer id (traffic_visitors,
   * feature member_level, value anonymous), the part of the 消费者 (consumer) stage no customer table can hold.
   */
  public static Dataset<Row> anonymousVisitors(Dataset<Row> trafficVisitors) {
    require(trafficVisitors, "traffic_visitors", "as_of", "feature", "value", "visitors");
    return trafficVisitors.where(col("feature").equalTo("member_level").and(col("value").equalTo("anonymous")))
        .groupBy("as_of").agg(sum("visitors").as("visitors")).orderBy("as_of");
  }

  /** Monthly member indicators of member_kpis for all members: period_start and the chart's indicators. */
  public static Dataset<Row> monthlyMemberKpis(Dataset<Row> memberKpis) {
    require(memberKpis, "member_kpis", "grain", "segment", "period_start", "new_members", "purchasing_members",
        "active_members", "lost_members", "member_churn_rate", "repeat_purchase_rate");
    return memberKpis.where(col("grain").equalTo("month").and(col("segment").equalTo("all")))
        .select("period_start", "new_members", "purchasing_members", "active_members", "lost_members",
            "member_churn_rate", "repeat_purchase_rate")
        .orderBy("period_start");
  }

  /** The tag of the four quadrants of current and future value in customer_profile (conf/tag-catalog.txt). */
  public static final String VALUE_QUADRANT = "value_quadrant";

  /**
   * Customers per quadrant of current value x future value (当前价值 × 未来价值): quadrant, customers, from a
   * customer_profile slice; customers without a quadrant (no CLV) left out. The profile must have the column.
   */
  public static Dataset<Row> valueQuadrants(Dataset<Row> profile) {
    return profile.where(col(VALUE_QUADRANT).isNotNull()).groupBy(VALUE_QUADRANT).agg(count(lit(1)).as("customers"))
        .orderBy(VALUE_QUADRANT);
  }

  /**
   * Customers per CLV band of customer_clv on a log scale: band (k: CLV in [10^(k w) - 1, 10^((k+1) w) - 1)
   * with w = {@code bandWidth} decades; negative CLV falls in band 0) and customers.
   */
  public static Dataset<Row> clvBands(Dataset<Row> customerClv, double bandWidth) {
    require(customerClv, "customer_clv", "clv");
    Column band = floor(log10(greatest(col("clv"), lit(0.0)).plus(1.0)).divide(bandWidth)).cast("int");
    return customerClv.where(col("clv").isNotNull()).groupBy(band.as("band")).agg(count(lit(1)).as("customers"))
        .orderBy("band");
  }

  /** Customers and CLV per tier of customer_clv: clv_tier, customers, clv (the sum). */
  public static Dataset<Row> clvTiers(Dataset<Row> customerClv) {
    require(customerClv, "customer_clv", "clv_tier", "clv");
    return customerClv.groupBy("clv_tier").agg(count(lit(1)).as("customers"), sum("clv").as("clv"))
        .orderBy(desc("clv"));
  }

  /** Expected against actual holdout purchases per calibration frequency of clv_calibration (the 'all' row left out). */
  public static Dataset<Row> calibration(Dataset<Row> clvCalibration) {
    require(clvCalibration, "clv_calibration", "frequency_bucket", "min_frequency", "customers", "actual_purchases",
        "expected_purchases");
    return clvCalibration.where(col("frequency_bucket").notEqual("all"))
        .select(col("frequency_bucket"), col("customers"), col("actual_purchases").cast("double").as("actual_purchases"),
            col("expected_purchases").cast("double").as("expected_purchases"), col("min_frequency"))
        .orderBy("min_frequency");
  }

  /**
   * The deciles of a model's evaluation JSON (one model_runs row): decile (1 = highest scores), rows,
   * positives, rate, lift, capture, and the ROC point after the decile: tpr (positives so far / all
   * positives) and fpr (negatives so far / all negatives).
   */
  public static Dataset<Row> evaluationDeciles(Dataset<Row> modelRun) {
    require(modelRun, "model_runs", "evaluation");
    Dataset<Row> deciles = modelRun.select(explode(from_json(col("evaluation"), EVALUATION).getField("deciles")).as("d"))
        .select("d.decile", "d.rows", "d.positives", "d.rate", "d.lift", "d.capture");
    WindowSpec upTo = Window.orderBy("decile").rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec all = Window.partitionBy();
    Column negatives = col("rows").minus(col("positives"));
    return deciles
        .withColumn("tpr", sum("positives").over(upTo).divide(sum("positives").over(all)))
        .withColumn("fpr", sum(negatives).over(upTo).divide(sum(negatives).over(all)))
        .orderBy("decile");
  }

  /** Visitors per ISO weekday (1 = Monday) and hour of traffic_hourly, over every channel and site. */
  public static Dataset<Row> weekdayHourVisitors(Dataset<Row> trafficHourly) {
    require(trafficHourly, "traffic_hourly", "weekday", "hour", "visitors");
    return trafficHourly.groupBy("weekday", "hour").agg(sum("visitors").as("visitors")).orderBy("weekday", "hour");
  }

  /**
   * The store flow line over every store and day of traffic_funnel (the whole-store rows, zone 'all'): one row
   * per step of {@link #STORE_FUNNEL_STEPS} in order, with step, visitors (summed visitor-days) and
   * share_of_first (of the passers-by).
   */
  public static Dataset<Row> storeFunnel(Dataset<Row> trafficFunnel) {
    require(trafficFunnel, "traffic_funnel", concat("zone", STORE_FUNNEL_STEPS));
    Column[] sums = STORE_FUNNEL_STEPS.stream().map(s -> coalesce(sum(s), lit(0L)).as(s)).toArray(Column[]::new);
    Dataset<Row> totals = trafficFunnel.where(col("zone").equalTo("all")).agg(sums[0], Arrays.copyOfRange(sums, 1, sums.length));
    String stack = STORE_FUNNEL_STEPS.stream().map(s -> String.format("%d, '%s', %s", STORE_FUNNEL_STEPS.indexOf(s), s, s))
        .collect(Collectors.joining(", "));
    return totals.selectExpr("stack(" + STORE_FUNNEL_STEPS.size() + ", " + stack + ") AS (position, step, visitors)",
            STORE_FUNNEL_STEPS.get(0) + " AS first_step")
        .withColumn("share_of_first", col("visitors").divide(col("first_step")))
        .drop("first_step")
        .orderBy("position");
  }

  /** Per region of traffic_region: region, visitors, members, buyers, revenue; most visitors first. */
  public static Dataset<Row> regions(Dataset<Row> trafficRegion) {
    require(trafficRegion, "traffic_region", "region", "visitors", "members", "buyers", "revenue");
    return trafficRegion.select(col("region"), col("visitors"), col("members"), col("buyers"),
        col("revenue").cast("double").as("revenue")).orderBy(desc("visitors"), col("region"));
  }

  /** Per segment of segment_profiles: segment_id, segment_name, customer and revenue shares, mean R, F, M. */
  public static Dataset<Row> clusterProfiles(Dataset<Row> segmentProfiles) {
    require(segmentProfiles, "segment_profiles", "segment_id", "segment_name", "customers", "customer_share",
        "revenue_share", "mean_recency_days", "mean_frequency", "mean_monetary");
    return segmentProfiles.select("segment_id", "segment_name", "customers", "customer_share", "revenue_share",
        "mean_recency_days", "mean_frequency", "mean_monetary").orderBy("segment_id");
  }

  /**
   * Expected return when targeting the best customers first: the scored customers ranked by {@code value}
   * (highest first) in {@code groups} equal groups; per group: group (1 = best), customers, value (summed).
   * The report cumulates them.
   */
  public static Dataset<Row> rankedValue(Dataset<Row> scores, String value, int groups) {
    require(scores, "scores", value);
    // The scores of one as-of are a few hundred thousand rows at most: one ordered window is fine here.
    return scores.where(col(value).isNotNull())
        .withColumn("group", ntile(groups).over(Window.orderBy(desc(value), col(value))))
        .groupBy("group").agg(count(lit(1)).as("customers"), sum(col(value).cast("double")).as("value"))
        .orderBy("group");
  }

  private static String[] concat(String first, List<String> rest) {
    String[] all = new String[rest.size() + 1];
    all[0] = first;
    for (int i = 0; i < rest.size(); i++) {
      all[i + 1] = rest.get(i);
    }
    return all;
  }

  static void require(Dataset<Row> table, String name, String... columns) {
    List<String> have = Arrays.asList(table.columns());
    List<String> missing = Arrays.stream(columns).filter(c -> !have.contains(c)).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      throw new UsageException("Cannot chart " + name + ": missing columns " + missing);
    }
  }
}
