package io.clientele.value;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
import io.clientele.ingest.Money;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Loyalty (重复购买, 购买间隔, 价格敏感度) and the seven member lifecycle stages (会员生命周期) as of a date.
 */
public final class Loyalty {
  private Loyalty() {}

  public static final String ORDERS = "orders";
  public static final String IS_REPEAT_BUYER = "is_repeat_buyer";
  public static final String MEAN_INTERVAL = "mean_interval_days";
  public static final String MEDIAN_INTERVAL = "median_interval_days";
  public static final String PRICE_SENSITIVITY = "price_sensitivity";
  public static final String LAST_PURCHASE_EVER = "last_purchase_date";
  public static final String LAST_PURCHASE_AMOUNT = "last_purchase_amount";
  public static final String DAYS_TO_CHOOSE = "days_to_choose";
  public static final String RETURNED_ORDERS = "returned_orders";
  public static final String BOUGHT_AFTER_RETURN = "bought_after_return";
  public static final String DAYS_SINCE_PURCHASE = "days_since_last_purchase";
  public static final String STAGE = "lifecycle_stage";
  public static final String STAGE_ZH = "lifecycle_stage_zh";

  /** The seven stages, in order, with their Chinese names. */
  public enum Stage {
    CONSUMER("消费者"), CUSTOMER("顾客"), NEW_MEMBER("新会员"), ACTIVE_MEMBER("活跃会员"),
    SILENT_MEMBER("沉默会员"), SLEEPING_MEMBER("睡眠会员"), LOST_MEMBER("流失会员");

    private final String chinese;

    Stage(String chinese) {
      this.chinese = chinese;
    }

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String chinese() {
      return chinese;
    }
  }

  /** Lifecycle boundaries in days, checked to be increasing. */
  public static final class Boundaries implements Serializable {
    final int activeDays;
    final int silentDays;
    final int sleepingDays;
    final int newMemberDays;

    public Boundaries(int activeDays, int silentDays, int sleepingDays, int newMemberDays) {
      if (!(activeDays < silentDays && silentDays < sleepingDays)) {
        throw new ConfigException("Invalid value for configuration keys 'lifecycle.active-days', 'lifecycle.silent-days', "
            + "'lifecycle.sleeping-days': expected active < silent < sleeping, got " + activeDays + ", " + silentDays + ", " + sleepingDays);
      }
      this.activeDays = activeDays;
      this.silentDays = silentDays;
      this.sleepingDays = sleepingDays;
      this.newMemberDays = newMemberDays;
    }

    public static Boundaries from(ClienteleConfig config) {
      return new Boundaries(config.get(ConfigKeys.LIFECYCLE_ACTIVE_DAYS), config.get(ConfigKeys.LIFECYCLE_SILENT_DAYS),
          config.get(ConfigKeys.LIFECYCLE_SLEEPING_DAYS), config.get(ConfigKeys.LIFECYCLE_NEW_MEMBER_DAYS));
    }
  }

  /**
   * Per customer with a purchase in the lines: distinct paid orders, repeat buyer flag (2 or more), mean and
   * median days between consecutive orders, and price sensitivity: the share of paid spend on discounted lines
   * or with a coupon. Needs customer_id, order_id, order_ts, status, amount, is_discounted, has_coupon.
   */
  public static Dataset<Row> purchaseHabits(Dataset<Row> lines) {
    Dataset<Row> paid = lines.where(col("status").equalTo("paid"));
    Dataset<Row> orders = paid.groupBy("customer_id", "order_id").agg(min("order_ts").as("order_ts"));
    Dataset<Row> gaps = orders
        .withColumn("_gap", datediff(col("order_ts"), lag(col("order_ts"), 1).over(
            Window.partitionBy("customer_id").orderBy(col("order_ts"), col("order_id")))))
        .groupBy("customer_id") // one row per order: a count is its distinct count
        .agg(count(col("order_id")).as(ORDERS), avg("_gap").as(MEAN_INTERVAL), expr("median(_gap)").as(MEDIAN_INTERVAL));
    Column promoted = col("is_discounted").or(col("has_coupon"));
    Dataset<Row> sensitivity = paid.groupBy("customer_id").agg(
        sum(when(promoted, col("amount")).otherwise(lit(0))).cast("double").divide(sum(col("amount")).cast("double"))
            .as(PRICE_SENSITIVITY));
    return gaps.join(sensitivity, "customer_id").withColumn(IS_REPEAT_BUYER, col(ORDERS).geq(2));
  }

  /**
   * The lifecycle stage of every known customer (the customers table, buyers, and customers seen in traffic):
   * never bought: consumer; bought but not a member: customer; a member who joined within the new-member days:
   * new member; other members by days since the last purchase (or since joining, if they never bought):
   * active, silent, sleeping, lost. {@code known}: customer_id, is_member, signup_date (nullable);
   * {@code lastPurchases}: customer_id, last_purchase_date (paid, before the as-of date).
   */
  public static Dataset<Row> lifecycle(Dataset<Row> known, Dataset<Row> lastPurchases, LocalDate asOf, Boundaries b) {
    Column asOfDate = lit(Date.valueOf(asOf));
    Dataset<Row> joined = known.join(lastPurchases, "customer_id", "left")
        .withColumn(DAYS_SINCE_PURCHASE, datediff(asOfDate, col(LAST_PURCHASE_EVER)));
    Column member = coalesce(col("is_member"), lit(false));
    Column bought = col(LAST_PURCHASE_EVER).isNotNull();
    Column idle = coalesce(col(DAYS_SINCE_PURCHASE), datediff(asOfDate, col("signup_date")));
    Column isNew = col("signup_date").isNotNull().and(datediff(asOfDate, col("signup_date")).lt(b.newMemberDays));
    Column stage = when(member.and(isNew), lit(Stage.NEW_MEMBER.id()))
        .when(member.and(idle.leq(b.activeDays)), lit(Stage.ACTIVE_MEMBER.id()))
        .when(member.and(idle.leq(b.silentDays)), lit(Stage.SILENT_MEMBER.id()))
        .when(member.and(idle.leq(b.sleepingDays)), lit(Stage.SLEEPING_MEMBER.id()))
        .when(member.and(idle.isNotNull()), lit(Stage.LOST_MEMBER.id()))
        .when(bought, lit(Stage.CUSTOMER.id()))
        .otherwise(lit(Stage.CONSUMER.id()));
    Column chinese = null;
    for (Stage s : Stage.values()) {
      Column is = col(STAGE).equalTo(s.id());
      chinese = chinese == null ? when(is, lit(s.chinese())) : chinese.when(is, lit(s.chinese()));
    }
    return joined.withColumn(STAGE, stage).withColumn(STAGE_ZH, chinese);
  }

  /**
   * How long a customer took to choose (one of the texts' loyalty indicators): days from the first time the customer
   * was seen (any traffic event with their id: a store visit, a web view) to the first paid purchase, 0 for a
   * purchase on that day. Only for customers seen on or before their first purchase: one whose first purchase comes
   * before any traffic of theirs (history older than the traffic feed) has no value. customer_id, days_to_choose.
   *
   * @param lines customer_id, order_date, status
   * @param visits customer_id, event_date
   */
  public static Dataset<Row> daysToChoose(Dataset<Row> lines, Dataset<Row> visits) {
    Dataset<Row> firstPurchase = lines.where(col("status").equalTo("paid")).groupBy("customer_id")
        .agg(min("order_date").as("_first_purchase"));
    Dataset<Row> firstSeen = visits.where(col("customer_id").isNotNull()).groupBy("customer_id")
        .agg(min("event_date").as("_first_seen"));
    return firstPurchase.join(firstSeen, "customer_id").where(col("_first_seen").leq(col("_first_purchase")))
        .select(col("customer_id"), datediff(col("_first_purchase"), col("_first_seen")).as(DAYS_TO_CHOOSE));
  }

  /**
   * Tolerance of a quality incident (the texts' other loyalty indicator): for each customer who returned an order
   * (an order with a returned line), how many such orders, and whether they placed a paid order after the first
   * of them (a later time; lines of the returned order itself that were kept do not count). Customers who never
   * returned anything have no row. customer_id, returned_orders, bought_after_return.
   *
   * @param lines customer_id, order_id, order_ts, status
   */
  public static Dataset<Row> returnTolerance(Dataset<Row> lines) {
    Dataset<Row> returns = lines.where(col("status").equalTo("returned")).groupBy("customer_id")
        .agg(countDistinct("order_id").as(RETURNED_ORDERS), min("order_ts").as("_first_return"));
    Dataset<Row> paid = lines.where(col("status").equalTo("paid")).select(col("customer_id"), col("order_ts").as("_paid_ts"));
    return returns.join(paid, "customer_id", "left")
        .groupBy("customer_id", RETURNED_ORDERS)
        .agg(max(coalesce(col("_paid_ts").gt(col("_first_return")), lit(false))).as(BOUGHT_AFTER_RETURN));
  }


  /**
   * customer_id, last_purchase_date, last_purchase_amount (最近一次购买时间/购买金额): each customer's last paid
   * purchase in the lines, the order with the latest time (of two at the same time, the greater order id), and
   * the paid amount of that order. Needs customer_id, order_id, order_ts, order_date, status, amount.
   */
  public static Dataset<Row> lastPurchases(Dataset<Row> lines) {
    Dataset<Row> orders = lines.where(col("status").equalTo("paid")).groupBy("customer_id", "order_id")
        .agg(min("order_ts").as("order_ts"), min("order_date").as("order_date"), sum("amount").as("amount"));
    Column last = max(struct(col("order_ts"), col("order_id"), col("order_date"), col("amount")));
    return orders.groupBy("customer_id").agg(last.as("_last"))
        .select(col("customer_id"), col("_last.order_date").as(LAST_PURCHASE_EVER),
            col("_last.amount").cast(Money.TYPE).as(LAST_PURCHASE_AMOUNT));
  }
}
