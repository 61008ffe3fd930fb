package io.clientele.value;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
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

  /** customer_id, last_purchase_date: the last paid purchase of each customer in the lines. */
  public static Dataset<Row> lastPurchases(Dataset<Row> lines) {
    return lines.where(col("status").equalTo("paid")).groupBy("customer_id").agg(max("order_date").as(LAST_PURCHASE_EVER));
  }
}
