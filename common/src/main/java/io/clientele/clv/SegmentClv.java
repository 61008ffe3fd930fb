package io.clientele.clv;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.value.Rfm;
import io.clientele.value.RfmSettings;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The course formula CLV = P / R per RFM segment (docs/domain.md §2): P is a segment's yearly contribution per
 * customer, R its yearly churn rate. Both are measured on the segment as it stood one period before the as-of
 * date (the cohort): R = the share of the cohort that made no purchase in the period since, P = margin × the
 * cohort's paid spend in that period per cohort customer; a period other than a year is annualised
 * (R = 1 − (1 − r)^(365/days), P × 365/days). The result is shown beside the current segment's size and the mean
 * model CLV of its customers, so the group formula and the individual models can be compared.
 */
public final class SegmentClv {
  private SegmentClv() {}

  /** Settings: the cohort period, the RFM window and rules, monetary net or gross, the margin. */
  public record Settings(int periodDays, int windowDays, RfmSettings rfm, boolean net, double margin) {}

  /**
   * @param transactions silver lines (customer_id, order_id, order_date, status, amount), any dates
   * @param customerClv customer_id and clv of the customers as of the date (may be empty)
   */
  public static Dataset<Row> compute(Dataset<Row> transactions, LocalDate asOf, Settings s, Dataset<Row> customerClv) {
    LocalDate start = asOf.minusDays(s.periodDays());
    double years = s.periodDays() / 365.0;
    Dataset<Row> current = segments(transactions, asOf, s).join(customerClv.select("customer_id", "clv"), "customer_id", "left")
        .groupBy("segment", "segment_zh", "segment_en")
        .agg(count(lit(1)).as("customers"), avg("clv").as("model_clv_mean"), sum("clv").as("model_clv_total"));
    Dataset<Row> periodSpend = transactions
        .where(col("status").equalTo("paid").and(col("order_date").geq(lit(Date.valueOf(start))))
            .and(col("order_date").lt(lit(Date.valueOf(asOf)))))
        .groupBy("customer_id").agg(sum("amount").cast("double").as("period_spend"));
    Dataset<Row> cohort = segments(transactions, start, s).join(periodSpend, "customer_id", "left")
        .groupBy(col("segment").as("c_segment"), col("segment_zh").as("c_zh"), col("segment_en").as("c_en"))
        .agg(count(lit(1)).as("cohort_customers"),
            count(col("period_spend")).as("cohort_retained"),
            sum(coalesce(col("period_spend"), lit(0.0))).as("cohort_spend"))
        .withColumn("period_churn_rate", lit(1.0).minus(col("cohort_retained").divide(col("cohort_customers"))))
        .withColumn("yearly_churn_rate", lit(1.0).minus(pow(lit(1.0).minus(col("period_churn_rate")), 1 / years)))
        .withColumn("yearly_contribution",
            lit(s.margin()).multiply(col("cohort_spend")).divide(col("cohort_customers")).divide(years));
    return current.join(cohort, current.col("segment").equalTo(cohort.col("c_segment")), "full_outer")
        .select(
            coalesce(col("segment"), col("c_segment")).as("segment"),
            coalesce(col("segment_zh"), col("c_zh")).as("segment_zh"),
            coalesce(col("segment_en"), col("c_en")).as("segment_en"),
            coalesce(col("customers"), lit(0L)).as("customers"),
            col("cohort_customers"),
            col("cohort_retained"),
            col("period_churn_rate"),
            col("yearly_churn_rate"),
            col("yearly_contribution"),
            when(col("yearly_churn_rate").gt(0), col("yearly_contribution").divide(col("yearly_churn_rate"))).as("clv_pr"),
            col("model_clv_mean"),
            col("model_clv_total"),
            lit(s.periodDays()).as("period_days"));
  }

  /** customer_id and RFM segment as of a date, with the value job's rules. */
  static Dataset<Row> segments(Dataset<Row> transactions, LocalDate asOf, Settings s) {
    Dataset<Row> measures = Rfm.measures(Rfm.filterWindow(transactions, asOf, s.windowDays()), asOf, s.net());
    return measures.transform(m -> Rfm.withScores(m, s.rfm())).transform(m -> Rfm.withSegments(m, s.rfm()))
        .select("customer_id", "segment", "segment_zh", "segment_en");
  }
}
