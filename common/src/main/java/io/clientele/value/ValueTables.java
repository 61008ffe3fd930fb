package io.clientele.value;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.clientele.ingest.Money;
import org.apache.spark.sql.types.StructType;

/** The gold tables of the value job, each keyed by as_of (and partitioned by it). */
public final class ValueTables {
  private ValueTables() {}

  public static final String CUSTOMER_RFM = "customer_rfm";
  public static final String CUSTOMER_VALUE = "customer_value";
  public static final String CUSTOMER_LOYALTY = "customer_loyalty";
  public static final String SEGMENT_SUMMARY = "segment_summary";
  public static final String MEMBER_KPIS = "member_kpis";
  public static final String REPEAT_PURCHASE = "repeat_purchase";
  public static final String AS_OF = "as_of";

  public static final StructType RFM = new StructType()
      .add("customer_id", StringType, false)
      .add(AS_OF, DateType, false)
      .add("window_days", IntegerType, false)
      .add(Rfm.FIRST_PURCHASE, DateType, false)
      .add(Rfm.LAST_PURCHASE, DateType, false)
      .add(Rfm.RECENCY, IntegerType, false)
      .add(Rfm.FREQUENCY, LongType, false)
      .add(Rfm.MONETARY, Money.TYPE, false)
      .add(Rfm.R_SCORE, IntegerType, false)
      .add(Rfm.F_SCORE, IntegerType, false)
      .add(Rfm.M_SCORE, IntegerType, false)
      .add(Rfm.RFM_CODE, IntegerType, false)
      .add(Rfm.R_HIGH, BooleanType, false)
      .add(Rfm.F_HIGH, BooleanType, false)
      .add(Rfm.M_HIGH, BooleanType, false)
      .add(Rfm.SEGMENT, StringType, false)
      .add(Rfm.SEGMENT_ZH, StringType, false)
      .add(Rfm.SEGMENT_EN, StringType, false);

  public static final StructType VALUE = new StructType()
      .add("customer_id", StringType, false)
      .add(AS_OF, DateType, false)
      .add(Rfm.MONETARY, Money.TYPE, false)
      .add(Rfm.GROSS, Money.TYPE, false)
      .add(Rfm.CANCELLED_OR_RETURNED, Money.TYPE, false)
      .add(CustomerValue.REVENUE_SHARE, DoubleType, true)
      .add(CustomerValue.CUMULATIVE_SHARE, DoubleType, true)
      .add(CustomerValue.CUSTOMER_RANK_SHARE, DoubleType, false)
      .add(CustomerValue.ABC_CLASS, StringType, false)
      .add(CustomerValue.TIER, StringType, false)
      .add(CustomerValue.RECENT_PURCHASES, LongType, false)
      .add(CustomerValue.RECENT_SPEND, Money.TYPE, false)
      .add(CustomerValue.VALUE_CLASS, StringType, false)
      .add(CustomerValue.DAYS_1ST_TO_2ND, IntegerType, true)
      .add(CustomerValue.DAYS_2ND_TO_3RD, IntegerType, true);

  public static final StructType LOYALTY = new StructType()
      .add("customer_id", StringType, false)
      .add(AS_OF, DateType, false)
      .add(Loyalty.ORDERS, LongType, false)
      .add(Loyalty.IS_REPEAT_BUYER, BooleanType, false)
      .add(Loyalty.MEAN_INTERVAL, DoubleType, true)
      .add(Loyalty.MEDIAN_INTERVAL, DoubleType, true)
      .add(Loyalty.PRICE_SENSITIVITY, DoubleType, true)
      .add("is_member", BooleanType, false)
      .add("signup_date", DateType, true)
      .add(Loyalty.LAST_PURCHASE_EVER, DateType, true)
      .add(Loyalty.DAYS_SINCE_PURCHASE, IntegerType, true)
      .add(Loyalty.STAGE, StringType, false)
      .add(Loyalty.STAGE_ZH, StringType, false)
      // Added after the first release: nullable, so a table created before them gains them (GoldSlice).
      .add(Loyalty.LAST_PURCHASE_AMOUNT, Money.TYPE, true)
      .add(Loyalty.DAYS_TO_CHOOSE, IntegerType, true)
      .add(Loyalty.RETURNED_ORDERS, LongType, true)
      .add(Loyalty.BOUGHT_AFTER_RETURN, BooleanType, true);

  public static final StructType SUMMARY = new StructType()
      .add(AS_OF, DateType, false)
      .add(SegmentSummary.DIMENSION, StringType, false)
      .add(SegmentSummary.GROUP, StringType, false)
      .add("customers", LongType, false)
      .add("revenue", Money.TYPE, false)
      .add("revenue_share", DoubleType, true)
      .add("orders", LongType, false)
      .add("average_order_value", Money.TYPE, true)
      .add("mean_recency_days", DoubleType, true);

  public static final StructType REPEAT = new StructType()
      .add(AS_OF, DateType, false)
      .add("grain", StringType, false)
      .add("period_start", DateType, false)
      .add("period_end", DateType, false)
      .add("dimension", StringType, false)
      .add("group_value", StringType, false)
      .add("buyers", LongType, false)
      .add("repeat_buyers", LongType, false)
      .add("orders", LongType, false)
      .add("repeat_purchase_rate", DoubleType, false);

  public static final StructType KPIS = new StructType()
      .add(AS_OF, DateType, false)
      .add("grain", StringType, false)
      .add("period_start", DateType, false)
      .add("period_end", DateType, false)
      .add("segment", StringType, false)
      .add("registered_members", LongType, false)
      .add("new_members", LongType, false)
      .add("activated_members", LongType, false)
      .add("effective_members_at_start", LongType, false)
      .add("lost_members", LongType, false)
      .add("invalid_members", LongType, false)
      .add("member_churn_rate", DoubleType, true)
      .add("purchasing_members", LongType, false)
      .add("active_members", LongType, false)
      .add("repurchasing_members", LongType, false)
      .add("repeat_purchase_rate", DoubleType, true)
      .add("member_pool", LongType, false)
      .add("orders", LongType, false)
      .add("spend", Money.TYPE, false)
      .add("average_order_value", DoubleType, true)
      .add("purchases_per_member", DoubleType, true)
      .add("spend_per_member", DoubleType, true)
      .add("contacted_members", LongType, false)
      .add("marketing_cost", Money.TYPE, true)
      .add("marketing_revenue", Money.TYPE, true)
      // Added after the first release: nullable, so a table created before them gains them (GoldSlice).
      .add("items", LongType, true)
      .add("items_per_order", DoubleType, true)
      .add("items_per_order_growth", DoubleType, true)
      .add("average_order_value_growth", DoubleType, true)
      .add("member_change_ratio", DoubleType, true);
}
