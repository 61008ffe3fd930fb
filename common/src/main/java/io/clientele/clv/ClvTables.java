package io.clientele.clv;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import io.clientele.ingest.Money;
import org.apache.spark.sql.types.StructType;

/** The gold tables of the clv job, each keyed by as_of (and partitioned by it). */
public final class ClvTables {
  private ClvTables() {}

  public static final String CUSTOMER_CLV = "customer_clv";
  public static final String CLV_MODELS = "clv_models";
  public static final String CLV_CALIBRATION = "clv_calibration";
  public static final String SEGMENT_CLV = "segment_clv";
  public static final String AS_OF = "as_of";

  public static final StructType CUSTOMER = new StructType()
      .add("customer_id", StringType, false)
      .add(AS_OF, DateType, false)
      .add("time_unit", StringType, false)
      .add(ClvSummary.FIRST, DateType, true)
      .add(ClvSummary.LAST, DateType, true)
      .add(ClvSummary.X, LongType, false)
      .add(ClvSummary.T_X, DoubleType, false)
      .add(ClvSummary.AGE, DoubleType, false)
      .add(ClvSummary.MEAN_SPEND, Money.TYPE, true)
      .add(ClvPredictions.PROB_ALIVE, DoubleType, false)
      .add("horizon_months", IntegerType, false)
      .add(ClvPredictions.EXPECTED_PURCHASES, DoubleType, false)
      .add(ClvPredictions.DISCOUNTED_PURCHASES, DoubleType, false)
      .add(ClvPredictions.EXPECTED_SPEND, DoubleType, false)
      .add(ClvPredictions.CLV, DoubleType, false)
      .add(ClvPredictions.CLV_TIER, StringType, false)
      .add("holdout_end", DateType, true)
      .add(ClvSummary.HOLDOUT_PURCHASES, LongType, true)
      .add(ClvSummary.HOLDOUT_SPEND, Money.TYPE, true)
      .add(ClvPredictions.EXPECTED_HOLDOUT, DoubleType, true);

  public static final StructType MODELS = new StructType()
      .add(AS_OF, DateType, false)
      .add("model", StringType, false)
      .add("parameter", StringType, false)
      .add("estimate", DoubleType, false)
      .add("std_error", DoubleType, true)
      .add("log_likelihood", DoubleType, false)
      .add("customers", LongType, false)
      .add("distinct_rows", LongType, false)
      .add("time_unit", StringType, false)
      .add("penalty", DoubleType, false)
      .add("iterations", IntegerType, false)
      .add("converged", BooleanType, false)
      .add("convergence", StringType, false)
      .add("frequency_spend_correlation", DoubleType, true)
      .add("source", StringType, false)
      .add("data_version", StringType, false);

  public static final StructType CALIBRATION = new StructType()
      .add(AS_OF, DateType, false)
      .add("holdout_end", DateType, false)
      .add("time_unit", StringType, false)
      .add("holdout_length", DoubleType, false)
      .add("frequency_bucket", StringType, false)
      .add("min_frequency", IntegerType, true)
      .add("customers", LongType, false)
      .add("actual_purchases", DoubleType, false)
      .add("expected_purchases", DoubleType, false)
      .add("actual_mean", DoubleType, false)
      .add("expected_mean", DoubleType, false)
      .add("error", DoubleType, false)
      .add("relative_error", DoubleType, true)
      .add("mae", DoubleType, false)
      .add("rmse", DoubleType, false);

  public static final StructType SEGMENTS = new StructType()
      .add(AS_OF, DateType, false)
      .add("segment", StringType, false)
      .add("segment_zh", StringType, false)
      .add("segment_en", StringType, false)
      .add("customers", LongType, false)
      .add("cohort_customers", LongType, true)
      .add("cohort_retained", LongType, true)
      .add("period_churn_rate", DoubleType, true)
      .add("yearly_churn_rate", DoubleType, true)
      .add("yearly_contribution", DoubleType, true)
      .add("clv_pr", DoubleType, true)
      .add("model_clv_mean", DoubleType, true)
      .add("model_clv_total", DoubleType, true)
      .add("period_days", IntegerType, false);
}
