package io.clientele.value;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.UsageException;
import io.clientele.ingest.Money;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Member indicators (会员数据化运营指标) per period (day, week or month) and segment (member level, and
 * 'all'), over the periods of the window before the as-of date. Stocks (registered, activated, effective,
 * invalid members) are running sums of member events, so the work grows with events, not members x periods:
 * a member is lost the day after {@code sleepingDays} pass with no purchase since joining or since the last
 * purchase, and is reactivated by the next purchase.
 */
public final class MemberKpis {
  private MemberKpis() {}

  public static final List<String> GRAINS = List.of("day", "week", "month");
  public static final String ALL = "all";

  private static final String SEGMENT = "segment";
  private static final String PERIOD = "period_start";

  /** The first day of the period holding a date. */
  static Column periodOf(Column date, String grain) {
    switch (grain) {
      case "day": return date;
      case "week": return to_date(org.apache.spark.sql.functions.date_trunc("week", date));
      case "month": return org.apache.spark.sql.functions.trunc(date, "month");
      default: throw new UsageException("Unknown grain '" + grain + "' (expected one of " + GRAINS + ")");
    }
  }

  private static String step(String grain) {
    return grain.equals("day") ? "1 day" : grain.equals("week") ? "1 week" : "1 month";
  }

  /**
   * The grain-independent part of the indicators, computed once for all grains: paid orders per member and
   * segment, member events (joined, first active, lost, reactivated) counted per segment and day, the days each
   * member was active (a purchase or a visit), the campaign contacts per segment, and the segments themselves.
   * The value job persists these while it computes the day, week and month grains from them.
   */
  public record Daily(Dataset<Row> orders, Dataset<Row> events, Dataset<Row> activeDays, Dataset<Row> contacts,
      Dataset<Row> segments) {
    public List<Dataset<Row>> all() {
      return List.of(orders, events, activeDays, contacts, segments);
    }
  }

  /**
   * @param members customer_id, member_level, signup_date (members only)
   * @param lines transaction lines before the as-of date: customer_id, order_id, order_date, status, amount, quantity
   * @param visits customer_id, event_date of traffic events before the as-of date
   * @param contacts customer_id, contact_date, cost, response_amount of campaign contacts before the as-of date
   */
  public static Dataset<Row> compute(Dataset<Row> members, Dataset<Row> lines, Dataset<Row> visits, Dataset<Row> contacts,
      LocalDate asOf, int windowDays, String grain, int sleepingDays) {
    return compute(daily(members, lines, visits, contacts, asOf, sleepingDays), asOf, windowDays, grain);
  }

  /** The grain-independent part; parameters as in {@link #compute(Dataset, Dataset, Dataset, Dataset, LocalDate, int, String, int)}. */
  public static Daily daily(Dataset<Row> members, Dataset<Row> lines, Dataset<Row> visits, Dataset<Row> contacts,
      LocalDate asOf, int sleepingDays) {
    Column asOfDate = lit(Date.valueOf(asOf));
    Dataset<Row> segmented = members.select(col("customer_id"), col("member_level").as(SEGMENT), col("signup_date"))
        .unionByName(members.select(col("customer_id"), lit(ALL).as(SEGMENT), col("signup_date")));
    Dataset<Row> orders = lines.where(col("status").equalTo("paid"))
        .groupBy("customer_id", "order_id").agg(min("order_date").as("day"), sum("amount").as("amount"),
            sum("quantity").cast("long").as("items"))
        .join(segmented, "customer_id")
        .select("customer_id", SEGMENT, "order_id", "day", "amount", "items");

    // Member events: joined, first active, lost, reactivated.
    Dataset<Row> purchaseDays = orders.select("customer_id", SEGMENT, "day").distinct();
    Dataset<Row> anchors = purchaseDays
        .join(segmented.select("customer_id", SEGMENT, "signup_date"), seq("customer_id", SEGMENT), "inner")
        .where(col("signup_date").isNull().or(col("day").geq(col("signup_date"))))
        .select("customer_id", SEGMENT, "day")
        .unionByName(segmented.where(col("signup_date").isNotNull()).select(col("customer_id"), col(SEGMENT), col("signup_date").as("day")))
        .distinct();
    WindowSpec byMember = Window.partitionBy("customer_id", SEGMENT).orderBy("day");
    Dataset<Row> gaps = anchors.withColumn("next_day", lead("day", 1).over(byMember))
        .where(datediff(coalesce(col("next_day"), asOfDate), col("day")).gt(sleepingDays));
    Dataset<Row> losses = gaps.select(col(SEGMENT), date_add(col("day"), sleepingDays + 1).as("day"))
        .where(col("day").lt(asOfDate)).withColumn("kind", lit("lost"));
    Dataset<Row> reactivations = gaps.where(col("next_day").isNotNull())
        .select(col(SEGMENT), col("next_day").as("day")).withColumn("kind", lit("reactivated"));
    Dataset<Row> joins = segmented.where(col("signup_date").isNotNull().and(col("signup_date").lt(asOfDate)))
        .select(col(SEGMENT), col("signup_date").as("day")).withColumn("kind", lit("joined"));
    Dataset<Row> activeDays = orders.select(col("customer_id"), col(SEGMENT), col("day"))
        .unionByName(visits.join(segmented, "customer_id").select(col("customer_id"), col(SEGMENT), col("event_date").as("day")))
        .distinct();
    Dataset<Row> firstActive = activeDays.groupBy("customer_id", SEGMENT).agg(min("day").as("day"))
        .select(col(SEGMENT), col("day")).withColumn("kind", lit("activated"));
    Dataset<Row> events = joins.unionByName(firstActive).unionByName(losses).unionByName(reactivations)
        .groupBy(SEGMENT, "day").agg(
            sum(when(col("kind").equalTo("joined"), 1).otherwise(0)).as("joined"),
            sum(when(col("kind").equalTo("activated"), 1).otherwise(0)).as("activated"),
            sum(when(col("kind").equalTo("lost"), 1).otherwise(0)).as("lost"),
            sum(when(col("kind").equalTo("reactivated"), 1).otherwise(0)).as("reactivated"));
    Dataset<Row> contacted = contacts.join(segmented, "customer_id")
        .select("customer_id", SEGMENT, "contact_date", "cost", "response_amount");
    return new Daily(orders, events, activeDays, contacted, segmented.select(SEGMENT).distinct());
  }

  /** The indicators of one grain from the grain-independent part. */
  public static Dataset<Row> compute(Daily daily, LocalDate asOf, int windowDays, String grain) {
    Column asOfDate = lit(Date.valueOf(asOf));
    Dataset<Row> orders = daily.orders();
    Dataset<Row> events = daily.events().withColumn(PERIOD, periodOf(col("day"), grain))
        .groupBy(SEGMENT, PERIOD).agg(sum("joined").as("joined"), sum("activated").as("activated"),
            sum("lost").as("lost"), sum("reactivated").as("reactivated"));

    // The periods of the window, for every segment, so that quiet periods still have a row.
    Column first = periodOf(lit(Date.valueOf(asOf.minusDays(windowDays))), grain);
    Column last = periodOf(date_sub(asOfDate, 1), grain);
    Dataset<Row> grid = daily.segments()
        .crossJoin(orders.sparkSession().range(1).select(explode(expr("sequence(" + sqlOf(first) + ", " + sqlOf(last)
            + ", interval " + step(grain) + ")")).as(PERIOD)));
    WindowSpec upToHere = Window.partitionBy(SEGMENT).orderBy(PERIOD).rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> stocks = grid.withColumn("_grid", lit(true))
        .unionByName(events.withColumn("_grid", lit(false)), true)
        .groupBy(SEGMENT, PERIOD).agg(
            expr("max(_grid)").as("_in_window"),
            coalesce(sum("joined"), lit(0L)).as("new_members"),
            coalesce(sum("activated"), lit(0L)).as("_activated"),
            coalesce(sum("lost"), lit(0L)).as("lost_members"),
            coalesce(sum("reactivated"), lit(0L)).as("_reactivated"))
        .withColumn("registered_members", sum("new_members").over(upToHere))
        .withColumn("activated_members", sum("_activated").over(upToHere))
        .withColumn("invalid_members", sum(col("lost_members").minus(col("_reactivated"))).over(upToHere))
        .withColumn("effective_members_at_start",
            col("registered_members").minus(col("new_members")).minus(col("invalid_members"))
                .plus(col("lost_members")).minus(col("_reactivated")))
        .where(col("_in_window"));

    // Flows within each period.
    Dataset<Row> periodOrders = orders.withColumn(PERIOD, periodOf(col("day"), grain));
    Dataset<Row> firstPurchase = orders.groupBy("customer_id", SEGMENT).agg(min("day").as("first_purchase"));
    Dataset<Row> perMember = periodOrders.groupBy("customer_id", SEGMENT, PERIOD)
        .agg(count(col("order_id")).as("member_orders"), sum("amount").as("member_spend"), // one row per order
            sum("items").as("member_items"))
        .join(firstPurchase, seq("customer_id", SEGMENT));
    Dataset<Row> purchasing = perMember.groupBy(SEGMENT, PERIOD).agg(
        count(lit(1)).as("purchasing_members"),
        sum(when(col("member_orders").geq(2), 1).otherwise(0)).as("_repeaters"),
        sum(when(col("first_purchase").lt(col(PERIOD)), 1).otherwise(0)).as("repurchasing_members"),
        sum("member_orders").as("orders"),
        sum("member_spend").cast(Money.TYPE).as("spend"),
        sum("member_items").as("items"));
    Dataset<Row> active = daily.activeDays()
        .withColumn(PERIOD, periodOf(col("day"), grain))
        .groupBy(SEGMENT, PERIOD).agg(countDistinct("customer_id").as("active_members"));
    Dataset<Row> marketing = daily.contacts()
        .withColumn(PERIOD, periodOf(col("contact_date"), grain))
        .groupBy(SEGMENT, PERIOD).agg(countDistinct("customer_id").as("contacted_members"),
            sum("cost").cast(Money.TYPE).as("marketing_cost"),
            sum("response_amount").cast(Money.TYPE).as("marketing_revenue"));

    scala.collection.Seq<String> on = seq(SEGMENT, PERIOD);
    WindowSpec previous = Window.partitionBy(SEGMENT).orderBy(PERIOD);
    return stocks.join(purchasing, on, "left").join(active, on, "left").join(marketing, on, "left")
        .withColumn("grain", lit(grain))
        .withColumn("period_end", least(date_sub(asOfDate, 1), date_sub(expr(PERIOD + " + interval " + step(grain)), 1)))
        .withColumn("purchasing_members", coalesce(col("purchasing_members"), lit(0L)))
        .withColumn("repurchasing_members", coalesce(col("repurchasing_members"), lit(0L)))
        .withColumn("active_members", coalesce(col("active_members"), lit(0L)))
        .withColumn("orders", coalesce(col("orders"), lit(0L)))
        .withColumn("items", coalesce(col("items"), lit(0L)))
        .withColumn("spend", coalesce(col("spend"), lit(0).cast(Money.TYPE)))
        .withColumn("contacted_members", coalesce(col("contacted_members"), lit(0L)))
        .withColumn("repeat_purchase_rate", ratio(col("_repeaters"), col("purchasing_members")))
        .withColumn("member_churn_rate", ratio(col("lost_members"), col("effective_members_at_start")))
        .withColumn("member_pool", col("new_members").plus(col("invalid_members")).plus(col("repurchasing_members")))
        .withColumn("average_order_value", ratio(col("spend"), col("orders")))
        .withColumn("purchases_per_member", ratio(col("orders"), col("purchasing_members")))
        .withColumn("spend_per_member", ratio(col("spend"), col("purchasing_members")))
        // 会员异动比: members gained per member lost in the period (above 1 the pool grows).
        .withColumn("member_change_ratio", ratio(col("new_members"), col("lost_members")))
        // 客品数: items per order (sales ticket); with 客单价, each against the segment's previous period
        // (消费水平增长比率): this period's figure / the previous one's - 1, null where either is unknown.
        .withColumn("items_per_order", ratio(col("items"), col("orders")))
        .withColumn("items_per_order_growth", growth(col("items_per_order"), previous))
        .withColumn("average_order_value_growth", growth(col("average_order_value"), previous))
        .drop("_repeaters", "_activated", "_reactivated", "_in_window");
  }

  /**
   * A figure against the previous period of the window (the row before in {@code previous}): figure / previous - 1;
   * null in the window's first period, or when either figure is unknown or the previous one is zero.
   */
  private static Column growth(Column figure, WindowSpec previous) {
    Column before = lag(figure, 1).over(previous);
    return when(before.gt(0), figure.divide(before).minus(1));
  }

  /** numerator / denominator, null when the denominator is zero (a rate of nothing is unknown, not 0). */
  private static Column ratio(Column numerator, Column denominator) {
    return when(denominator.gt(0), numerator.cast("double").divide(denominator.cast("double")));
  }

  private static scala.collection.Seq<String> seq(String... columns) {
    return scala.collection.JavaConverters.asScalaBuffer(java.util.Arrays.asList(columns)).toSeq();
  }

  private static String sqlOf(Column column) {
    return column.expr().sql();
  }
}
