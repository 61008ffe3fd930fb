package io.clientele.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.ingest.Money;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Customer value beyond RFM: the ABC class (Pareto share of revenue), the customer tier (key, ordinary, small,
 * bad) and the rule value class of the store exercise with the days between the first purchases.
 */
public final class CustomerValue {
  private CustomerValue() {}

  public static final String REVENUE_SHARE = "revenue_share";
  public static final String CUMULATIVE_SHARE = "cumulative_revenue_share";
  public static final String ABC_CLASS = "abc_class";
  public static final String CUSTOMER_RANK_SHARE = "customer_rank_share";
  public static final String TIER = "tier";
  public static final String RECENT_PURCHASES = "recent_purchases";
  public static final String RECENT_SPEND = "recent_spend";
  public static final String VALUE_CLASS = "value_class";
  public static final String DAYS_1ST_TO_2ND = "days_1st_to_2nd";
  public static final String DAYS_2ND_TO_3RD = "days_2nd_to_3rd";

  /** ABC and tier settings; shares are cumulative, A/key first. */
  public static final class Cutoffs implements java.io.Serializable {
    final double aShare;
    final double bShare;
    final double importantShare;
    final double keyShare;
    final double ordinaryShare;
    final double badReturnShare;

    public Cutoffs(double aShare, double bShare, double importantShare, double keyShare, double ordinaryShare, double badReturnShare) {
      if (!(aShare <= bShare) || !(importantShare <= keyShare && keyShare <= ordinaryShare)) {
        throw new io.clientele.config.ConfigException(
            "Invalid value for configuration keys 'value.abc.*' or 'value.tier.*': shares must be cumulative "
                + "(a-share <= b-share, important-share <= key-share <= ordinary-share)");
      }
      this.aShare = aShare;
      this.bShare = bShare;
      this.importantShare = importantShare;
      this.keyShare = keyShare;
      this.ordinaryShare = ordinaryShare;
      this.badReturnShare = badReturnShare;
    }
  }

  /**
   * Adds each customer's revenue share, the cumulative share of the customers worth at least as much, the
   * ABC class, the share of customers ranked at or above, and the tier. Needs customer_id, monetary,
   * gross_spend, cancelled_or_returned. Customers with equal monetary get the same class and tier.
   */
  public static Dataset<Row> withAbcAndTier(Dataset<Row> measures, Cutoffs cutoffs) {
    // One ordered pass over customers (not order lines): a window over the whole set runs on one partition,
    // which is fine at a million customers and keeps the shares exact.
    WindowSpec byValue = Window.orderBy(col(Rfm.MONETARY).desc()).rangeBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec all = Window.partitionBy();
    Column total = sum(col(Rfm.MONETARY)).over(all);
    Column customers = count(lit(1)).over(all);
    Dataset<Row> ranked = measures
        .withColumn(REVENUE_SHARE, col(Rfm.MONETARY).divide(total).cast("double"))
        .withColumn(CUMULATIVE_SHARE, sum(col(Rfm.MONETARY)).over(byValue).divide(total).cast("double"))
        .withColumn(CUSTOMER_RANK_SHARE, count(lit(1)).over(byValue).divide(customers).cast("double"));
    // The customer who crosses the A line still belongs to A: A is the smallest set reaching the share.
    Column previousShare = col(CUMULATIVE_SHARE).minus(col(REVENUE_SHARE));
    Column abcClass = when(previousShare.lt(cutoffs.aShare), lit("A"))
        .when(previousShare.lt(cutoffs.bShare), lit("B"))
        .otherwise(lit("C"));
    Column gross = col(Rfm.GROSS).cast("double");
    Column back = col(Rfm.CANCELLED_OR_RETURNED).cast("double");
    Column bad = col(Rfm.MONETARY).leq(0).or(back.geq(gross.multiply(cutoffs.badReturnShare)).and(back.gt(0)));
    Column tier = when(bad, lit("bad"))
        .when(col(CUSTOMER_RANK_SHARE).leq(cutoffs.importantShare), lit("key_important"))
        .when(col(CUSTOMER_RANK_SHARE).leq(cutoffs.keyShare), lit("key_secondary"))
        .when(col(CUSTOMER_RANK_SHARE).leq(cutoffs.ordinaryShare), lit("ordinary"))
        .otherwise(lit("small"));
    return ranked.withColumn(ABC_CLASS, abcClass).withColumn(TIER, tier);
  }

  /** Rule value class settings of the store exercise. */
  public static final class ClassRules implements java.io.Serializable {
    final double highSpend;
    final int highPurchases;
    final double mediumSpend;
    final int mediumMinPurchases;
    final int mediumMaxPurchases;

    public ClassRules(double highSpend, int highPurchases, double mediumSpend, int mediumMinPurchases, int mediumMaxPurchases) {
      this.highSpend = highSpend;
      this.highPurchases = highPurchases;
      this.mediumSpend = mediumSpend;
      this.mediumMinPurchases = mediumMinPurchases;
      this.mediumMaxPurchases = mediumMaxPurchases;
    }
  }

  /**
   * Per customer over the recent window's lines: purchases (distinct paid orders), spend, the value class
   * (high: spend above the high spend and at least the high purchases; medium: purchases within the medium
   * range and spend above the medium spend; low otherwise) and the days between the dates of the 1st and 2nd
   * and the 2nd and 3rd purchase. Needs customer_id, order_id, order_date, status, amount.
   */
  public static Dataset<Row> valueClasses(Dataset<Row> recentLines, ClassRules rules) {
    Column paid = col("status").equalTo("paid");
    Dataset<Row> orders = recentLines.where(paid).groupBy("customer_id", "order_id")
        .agg(min("order_date").as("order_date"), sum("amount").as("order_amount"));
    Column dates = sort_array(org.apache.spark.sql.functions.collect_list(col("order_date")));
    Dataset<Row> perCustomer = orders.groupBy("customer_id").agg(
        count(col("order_id")).as(RECENT_PURCHASES), // one row per order
        sum("order_amount").cast(Money.TYPE).as(RECENT_SPEND),
        dates.as("_dates"));
    Column spend = col(RECENT_SPEND).cast("double");
    Column purchases = col(RECENT_PURCHASES);
    Column valueClass = when(spend.gt(rules.highSpend).and(purchases.geq(rules.highPurchases)), lit("high"))
        .when(purchases.between(rules.mediumMinPurchases, rules.mediumMaxPurchases).and(spend.gt(rules.mediumSpend)), lit("medium"))
        .otherwise(lit("low"));
    return perCustomer
        .withColumn(VALUE_CLASS, valueClass)
        .withColumn(DAYS_1ST_TO_2ND, datediff(element_at(col("_dates"), 2), element_at(col("_dates"), 1)))
        .withColumn(DAYS_2ND_TO_3RD, datediff(element_at(col("_dates"), 3), element_at(col("_dates"), 2)))
        .drop("_dates");
  }
}
