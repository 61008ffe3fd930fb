package io.clientele.clv;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.ingest.Money;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The per-customer summary the buy-till-you-die models are fitted on, computed as distributed aggregations.
 *
 * <p>Conventions (as in Fader, Hardie and Lee): a purchase is a day with at least one paid line (several orders
 * on one day are one purchase, their amounts summed); the calibration period is every day before the as-of date;
 * x = repeat purchases (purchase days after the first), t_x = time from the first to the last purchase day,
 * T = time from the first purchase day to the calibration's last day (as-of minus one day), both in the time
 * unit; mean_repeat_spend = mean spend of the repeat purchase days (the first day excluded; money, decimal), null when
 * x = 0.
 */
public final class ClvSummary {
  private ClvSummary() {}

  public static final String CUSTOMER_ID = "customer_id";
  public static final String DAY = "purchase_day";
  public static final String SPEND = "spend";
  public static final String FIRST = "first_purchase_date";
  public static final String LAST = "last_purchase_date";
  public static final String X = "x";
  public static final String T_X = "t_x";
  public static final String AGE = "age";
  public static final String MEAN_SPEND = "mean_repeat_spend";
  public static final String HOLDOUT_PURCHASES = "holdout_purchases";
  public static final String HOLDOUT_SPEND = "holdout_spend";
  public static final String WEIGHT = "weight";

  /** Paid lines before {@code end}, one row per customer and purchase day with the day's spend (money). */
  public static Dataset<Row> purchaseDays(Dataset<Row> transactions, LocalDate end) {
    return transactions
        .where(col("status").equalTo("paid").and(col("order_date").lt(lit(Date.valueOf(end)))))
        .groupBy(col("customer_id").as(CUSTOMER_ID), col("order_date").as(DAY))
        .agg(sum(col("amount")).cast(Money.TYPE).as(SPEND));
  }

  /** The calibration summary as of a date: every customer whose first purchase day is before it. */
  public static Dataset<Row> summary(Dataset<Row> purchaseDays, LocalDate asOf, TimeUnit unit) {
    double days = unit.days();
    Date end = Date.valueOf(asOf);
    Date lastDay = Date.valueOf(asOf.minusDays(1));
    Dataset<Row> perCustomer = purchaseDays.where(col(DAY).lt(lit(end))).groupBy(CUSTOMER_ID).agg(
        min(DAY).as(FIRST),
        max(DAY).as(LAST),
        count(lit(1)).as("purchase_days"),
        sum(SPEND).as("total_spend"),
        expr("min_by(" + SPEND + ", " + DAY + ")").as("first_spend"));
    return perCustomer.select(
        col(CUSTOMER_ID),
        col(FIRST),
        col(LAST),
        col("purchase_days").minus(1).cast("long").as(X),
        datediff(col(LAST), col(FIRST)).divide(days).as(T_X),
        datediff(lit(lastDay), col(FIRST)).divide(days).as(AGE),
        // In decimal, rounded half-up to the money scale: 23.475 stays 23.475, not 23.474999... as a double.
        when(col("purchase_days").gt(1), col("total_spend").minus(col("first_spend")).divide(col("purchase_days").minus(1)))
            .cast(Money.TYPE).as(MEAN_SPEND));
  }

  /** Adds the purchase days and spend in the holdout [as-of, holdout end), zero for customers who bought nothing. */
  public static Dataset<Row> withHoldout(Dataset<Row> summary, Dataset<Row> purchaseDays, LocalDate asOf, LocalDate holdoutEnd) {
    Dataset<Row> holdout = purchaseDays
        .where(col(DAY).geq(lit(Date.valueOf(asOf))).and(col(DAY).lt(lit(Date.valueOf(holdoutEnd)))))
        .groupBy(CUSTOMER_ID)
        .agg(count(lit(1)).as(HOLDOUT_PURCHASES), sum(SPEND).cast(Money.TYPE).as(HOLDOUT_SPEND));
    return summary.join(holdout, CUSTOMER_ID, "left")
        .withColumn(HOLDOUT_PURCHASES, coalesce(col(HOLDOUT_PURCHASES), lit(0L)))
        .withColumn(HOLDOUT_SPEND, coalesce(col(HOLDOUT_SPEND), lit(0).cast(Money.TYPE)));
  }

  /** Customers with the same (x, t_x, T) collapse into one row weighted by their number: the BG/NBD's data. */
  public static Dataset<Row> collapseForBgNbd(Dataset<Row> summary) {
    return summary.groupBy(col(X).cast("double").as(X), col(T_X), col(AGE)).agg(count(lit(1)).cast("double").as(WEIGHT));
  }

  /**
   * The Gamma-Gamma's data: repeat customers with a positive mean repeat spend, collapsed on (x, mean spend).
   * Customers whose repeat purchases were all free cannot enter the model (ln 0); the job reports how many.
   */
  public static Dataset<Row> collapseForGammaGamma(Dataset<Row> summary) {
    return repeatSpenders(summary)
        .groupBy(col(X).cast("double").as(X), col(MEAN_SPEND).cast("double").as(MEAN_SPEND)).agg(count(lit(1)).cast("double").as(WEIGHT));
  }

  /** Customers the Gamma-Gamma model is fitted on. */
  public static Dataset<Row> repeatSpenders(Dataset<Row> summary) {
    return summary.where(col(X).gt(0).and(col(MEAN_SPEND).gt(0)));
  }
}
