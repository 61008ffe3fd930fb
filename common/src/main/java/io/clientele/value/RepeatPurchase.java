package io.clientele.value;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The repeat purchase rate 重复购买率 (the texts' main loyalty figure) for every buyer, not only members: buyers with
 * two or more paid orders in a period / buyers with at least one, for the whole window and for each month of it,
 * over all buyers and per RFM segment, per value class (both as of the date) and per channel (the order's: a
 * buyer of a channel repeats when two of their orders in the period were in it). A group without a value (a buyer
 * the RFM run did not score, an order without a channel) is {@code unknown}.
 */
public final class RepeatPurchase {
  private RepeatPurchase() {}

  public static final String ALL = "all";
  public static final String UNKNOWN = "unknown";
  /** The dimensions, in the order of the rows. */
  public static final List<String> DIMENSIONS = List.of(ALL, "rfm_segment", "value_class", "channel");
  /** The grains: the whole window as one period, and its calendar months. */
  public static final List<String> GRAINS = List.of("window", "month");

  /**
   * @param lines transaction lines in the window [as-of - windowDays, as-of): customer_id, order_id, order_date,
   *     status, channel
   * @param groups customer_id, rfm_segment, value_class of the buyers as of the date
   */
  public static Dataset<Row> compute(Dataset<Row> lines, Dataset<Row> groups, LocalDate asOf, int windowDays) {
    Column windowStart = lit(Date.valueOf(asOf.minusDays(windowDays)));
    Column lastDay = date_sub(lit(Date.valueOf(asOf)), 1);
    // One row per paid order: its day and channel (an order's lines share them; the least is taken if not).
    Dataset<Row> orders = lines.where(col("status").equalTo("paid")).groupBy("customer_id", "order_id")
        .agg(min("order_date").as("day"), min("channel").as("channel"))
        .join(groups, "customer_id", "left");
    Dataset<Row> periods = orders.withColumn("grain", lit("window")).withColumn("period_start", windowStart)
        .unionByName(orders.withColumn("grain", lit("month")).withColumn("period_start", trunc(col("day"), "month")));
    Column pairs = array(
        struct(lit(ALL).as("dimension"), lit(ALL).as("group_value")),
        struct(lit("rfm_segment").as("dimension"), group("rfm_segment").as("group_value")),
        struct(lit("value_class").as("dimension"), group("value_class").as("group_value")),
        struct(lit("channel").as("dimension"), group("channel").as("group_value")));
    Dataset<Row> perBuyer = periods.select(col("grain"), col("period_start"), col("customer_id"), col("order_id"),
            explode(pairs).as("_g"))
        .groupBy(col("grain"), col("period_start"), col("_g.dimension").as("dimension"), col("_g.group_value").as("group_value"),
            col("customer_id"))
        .agg(count(col("order_id")).as("_orders")); // one row per order and dimension: a count is its distinct count
    return perBuyer.groupBy("grain", "period_start", "dimension", "group_value")
        .agg(count(lit(1)).as("buyers"), sum(when(col("_orders").geq(2), 1L).otherwise(0L)).as("repeat_buyers"),
            sum("_orders").as("orders"))
        .withColumn("repeat_purchase_rate", col("repeat_buyers").cast("double").divide(col("buyers").cast("double")))
        .withColumn("period_end", when(col("grain").equalTo("window"), lastDay)
            .otherwise(least(last_day(col("period_start")), lastDay)));
  }

  private static Column group(String column) {
    return coalesce(col(column).cast("string"), lit(UNKNOWN));
  }

}
