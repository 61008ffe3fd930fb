package io.clientele.value;

import static io.clientele.lake.SmallSets.distinctCount;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
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
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * RFM as of a date. Conventions: the window is [as-of - window days, as-of); a purchase is a paid order
 * (cancelled and returned lines are not purchases); recency is calendar days from the date of the last
 * purchase to the as-of date; frequency counts distinct orders; monetary sums the paid lines' amounts
 * (net mode subtracts cancelled and returned lines in the window).
 */
public final class Rfm {
  private Rfm() {}

  public static final String CUSTOMER_ID = "customer_id";
  public static final String FIRST_PURCHASE = "first_purchase_date";
  public static final String LAST_PURCHASE = "last_purchase_date";
  public static final String RECENCY = "recency_days";
  public static final String FREQUENCY = "frequency";
  public static final String MONETARY = "monetary";
  public static final String GROSS = "gross_spend";
  public static final String CANCELLED_OR_RETURNED = "cancelled_or_returned";
  public static final String R_SCORE = "r_score";
  public static final String F_SCORE = "f_score";
  public static final String M_SCORE = "m_score";
  public static final String RFM_CODE = "rfm_code";
  public static final String R_HIGH = "is_r_high";
  public static final String F_HIGH = "is_f_high";
  public static final String M_HIGH = "is_m_high";
  public static final String SEGMENT = "segment";
  public static final String SEGMENT_ZH = "segment_zh";
  public static final String SEGMENT_EN = "segment_en";

  /** Transaction lines (silver) in the window [as-of - days, as-of). Needs order_date. */
  public static Dataset<Row> filterWindow(Dataset<Row> transactions, LocalDate asOf, int windowDays) {
    return transactions.where(col("order_date").geq(lit(Date.valueOf(asOf.minusDays(windowDays))))
        .and(col("order_date").lt(lit(Date.valueOf(asOf)))));
  }

  /**
   * Per customer with at least one purchase in the lines: first and last purchase date, recency, frequency,
   * monetary, gross spend and the amount cancelled or returned. Needs customer_id, order_id, order_date,
   * status, amount.
   */
  public static Dataset<Row> measures(Dataset<Row> lines, LocalDate asOf, boolean net) {
    Column paid = col("status").equalTo("paid");
    Column paidAmount = when(paid, col("amount")).otherwise(lit(0).cast(Money.TYPE));
    Column backAmount = when(paid, lit(0).cast(Money.TYPE)).otherwise(col("amount"));
    Dataset<Row> perCustomer = lines.groupBy(CUSTOMER_ID).agg(
        min(when(paid, col("order_date"))).as(FIRST_PURCHASE),
        max(when(paid, col("order_date"))).as(LAST_PURCHASE),
        distinctCount(when(paid, col("order_id"))).as(FREQUENCY),
        sum(paidAmount).cast(Money.TYPE).as(GROSS),
        sum(backAmount).cast(Money.TYPE).as(CANCELLED_OR_RETURNED));
    return perCustomer
        .where(col(FREQUENCY).gt(0))
        .withColumn(RECENCY, datediff(lit(Date.valueOf(asOf)), col(LAST_PURCHASE)))
        .withColumn(MONETARY, (net ? col(GROSS).minus(col(CANCELLED_OR_RETURNED)) : col(GROSS)).cast(Money.TYPE));
  }

  /** Adds r_score, f_score, m_score (1 = worst) and rfm_code = 100 R + 10 F + M. */
  public static Dataset<Row> withScores(Dataset<Row> measures, RfmSettings settings) {
    Dataset<Row> cuts;
    int recencyLevels;
    switch (settings.strategy) {
      case QUANTILE: {
        String probabilities = java.util.stream.IntStream.range(1, settings.bins)
            .mapToObj(i -> String.format(Locale.ROOT, "%.6f", (double) i / settings.bins))
            .collect(Collectors.joining(", ", "array(", ")"));
        int accuracy = settings.quantileError == 0 ? Integer.MAX_VALUE : (int) Math.ceil(1.0 / settings.quantileError);
        cuts = measures.agg(
            expr(percentile(RECENCY, probabilities, accuracy)).as("r_cuts"),
            expr(percentile(FREQUENCY, probabilities, accuracy)).as("f_cuts"),
            expr(percentile(MONETARY, probabilities, accuracy)).as("m_cuts"));
        recencyLevels = settings.bins;
        break;
      }
      case MEAN:
        cuts = measures.agg(
            array(avg(col(RECENCY))).as("r_cuts"),
            array(avg(col(FREQUENCY))).as("f_cuts"),
            array(avg(col(MONETARY).cast("double"))).as("m_cuts"));
        recencyLevels = 2;
        break;
      case FIXED:
        cuts = measures.sparkSession().range(1).select(
            literalArray(settings.recencyCutoffs).as("r_cuts"),
            literalArray(settings.frequencyCutoffs).as("f_cuts"),
            literalArray(settings.monetaryCutoffs).as("m_cuts"));
        recencyLevels = settings.recencyCutoffs.size() + 1;
        break;
      default:
        throw new IllegalStateException(settings.strategy.name());
    }
    // The cut-offs are one row: broadcast to every partition, so scoring stays parallel (no global sort).
    return measures.crossJoin(functions.broadcast(cuts))
        .withColumn(R_SCORE, lit(recencyLevels).minus(above(RECENCY, "r_cuts")))
        .withColumn(F_SCORE, lit(1).plus(above(FREQUENCY, "f_cuts")))
        .withColumn(M_SCORE, lit(1).plus(above(MONETARY, "m_cuts")))
        .withColumn(RFM_CODE, col(R_SCORE).multiply(100).plus(col(F_SCORE).multiply(10)).plus(col(M_SCORE)))
        .drop("r_cuts", "f_cuts", "m_cuts")
        .withColumn(R_SCORE, col(R_SCORE).cast("int"))
        .withColumn(F_SCORE, col(F_SCORE).cast("int"))
        .withColumn(M_SCORE, col(M_SCORE).cast("int"))
        .withColumn(RFM_CODE, col(RFM_CODE).cast("int"));
  }

  /**
   * Adds the high/low flags and the segment with its Chinese and English labels. High means above the mean
   * score of all customers scored together, or at least the configured threshold.
   */
  public static Dataset<Row> withSegments(Dataset<Row> scored, RfmSettings settings) {
    Dataset<Row> flagged;
    if (settings.highAboveMean) {
      Dataset<Row> means = scored.agg(avg(R_SCORE).as("r_mean"), avg(F_SCORE).as("f_mean"), avg(M_SCORE).as("m_mean"));
      flagged = scored.crossJoin(functions.broadcast(means))
          .withColumn(R_HIGH, col(R_SCORE).gt(col("r_mean")))
          .withColumn(F_HIGH, col(F_SCORE).gt(col("f_mean")))
          .withColumn(M_HIGH, col(M_SCORE).gt(col("m_mean")))
          .drop("r_mean", "f_mean", "m_mean");
    } else {
      flagged = scored
          .withColumn(R_HIGH, col(R_SCORE).geq(settings.highThreshold))
          .withColumn(F_HIGH, col(F_SCORE).geq(settings.highThreshold))
          .withColumn(M_HIGH, col(M_SCORE).geq(settings.highThreshold));
    }
    Column id = null;
    Column zh = null;
    Column en = null;
    for (Segment segment : Segment.values()) {
      Column matches = col(R_HIGH).equalTo(segment.recentHigh())
          .and(col(F_HIGH).equalTo(segment.frequencyHigh()))
          .and(col(M_HIGH).equalTo(segment.monetaryHigh()));
      id = id == null ? when(matches, lit(segment.id())) : id.when(matches, lit(segment.id()));
      zh = zh == null ? when(matches, lit(segment.chinese())) : zh.when(matches, lit(segment.chinese()));
      en = en == null ? when(matches, lit(segment.english())) : en.when(matches, lit(segment.english()));
    }
    return flagged.withColumn(SEGMENT, id).withColumn(SEGMENT_ZH, zh).withColumn(SEGMENT_EN, en);
  }

  private static String percentile(String column, String probabilities, int accuracy) {
    return String.format("percentile_approx(CAST(%s AS DOUBLE), %s, %d)", column, probabilities, accuracy);
  }

  private static Column literalArray(List<Double> values) {
    return array(values.stream().map(v -> lit(v)).toArray(Column[]::new));
  }

  /** How many cut-offs the value is strictly above: ties at a cut-off fall into the lower level. */
  private static Column above(String column, String cuts) {
    return expr(String.format("size(filter(%s, c -> CAST(%s AS DOUBLE) > c))", cuts, column));
  }
}
