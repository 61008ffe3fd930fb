package io.clientele.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.UsageException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Churn as a label: a customer active at the as-of date (a purchase in the last {@code activeDays} days
 * before it) churns when they make no purchase in the {@code horizonDays} days from it. Features come from
 * before the date, the label from after it, so a model trained at one date and evaluated at a later one never
 * sees the outcome it predicts.
 */
public final class Churn {
  private Churn() {}

  public static final String CHURN_PROBABILITY = "churn_probability";
  public static final String RISK_BAND = "risk_band";

  /** The window lengths: active = a purchase in the last activeDays; churned = none in the next horizonDays. */
  public record Windows(int activeDays, int horizonDays) {
    public Windows {
      if (activeDays < 1 || horizonDays < 1) {
        throw new UsageException("Cannot define churn: windows must be at least one day, got " + activeDays
            + " and " + horizonDays);
      }
    }
  }

  /** The customers of the features table active at its as-of date (recency_days at most activeDays). */
  public static Dataset<Row> filterActive(Dataset<Row> features, Windows windows) {
    return features.where(col(CustomerFeatures.RECENCY_DAYS).leq(windows.activeDays()));
  }

  /**
   * Adds {@link PreparedTable#LABEL} to the active customers' features: 1.0 when the customer has no paid
   * purchase in [as-of, as-of + horizonDays), 0.0 otherwise. Needs transactions (customer_id, order_date, status).
   */
  public static Dataset<Row> withLabel(Dataset<Row> activeFeatures, Dataset<Row> transactions, LocalDate asOf, Windows windows) {
    Column day = lit(Date.valueOf(asOf));
    Dataset<Row> buyers = transactions.where(col("status").equalTo("paid").and(col("order_date").geq(day))
            .and(col("order_date").lt(date_add(day, windows.horizonDays()))))
        .select(col(CustomerFeatures.CUSTOMER_ID)).distinct().withColumn("_bought", lit(true));
    return activeFeatures.join(buyers, CustomerFeatures.CUSTOMER_ID, "left")
        .withColumn(PreparedTable.LABEL, when(col("_bought").isNull(), 1.0).otherwise(0.0))
        .drop("_bought");
  }

  /**
   * Adds {@link #RISK_BAND} from a probability column: {@code high} at or above the last cut, {@code medium}
   * at or above the first, {@code low} below it (cuts ascending).
   */
  public static Dataset<Row> withRiskBand(Dataset<Row> scored, String probabilityColumn, List<Double> cuts) {
    return ProbabilityBands.withBand(scored, probabilityColumn, RISK_BAND, cuts, "risks");
  }
}
