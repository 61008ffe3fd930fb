package io.clientele.model;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/** The gold tables of the model jobs; README.md documents every column. */
public final class ModelTables {
  private ModelTables() {}

  public static final String CUSTOMER_FEATURES = "customer_features";
  public static final String MODEL_RUNS = "model_runs";
  public static final String CHURN_SCORES = "churn_scores";
  public static final String CUSTOMER_SEGMENTS = "customer_segments";
  public static final String SEGMENT_PROFILES = "segment_profiles";
  public static final String RESPONSE_SCORES = "response_scores";
  public static final String RESPONSE_PLANS = "response_plans";
  public static final String AS_OF = "as_of";

  public static final StructType FEATURES = new StructType()
      .add(CustomerFeatures.CUSTOMER_ID, StringType, false)
      .add(AS_OF, DateType, false)
      .add(CustomerFeatures.RECENCY_DAYS, IntegerType, false)
      .add(CustomerFeatures.FREQUENCY, LongType, false)
      .add(CustomerFeatures.MONETARY, DoubleType, false)
      .add(CustomerFeatures.LOG_RECENCY, DoubleType, false)
      .add(CustomerFeatures.LOG_FREQUENCY, DoubleType, false)
      .add(CustomerFeatures.LOG_MONETARY, DoubleType, false)
      .add(CustomerFeatures.TENURE_DAYS, IntegerType, false)
      .add(CustomerFeatures.AVERAGE_ORDER_VALUE, DoubleType, false)
      .add(CustomerFeatures.ITEMS_PER_ORDER, DoubleType, false)
      .add(CustomerFeatures.PURCHASE_DAYS, LongType, false)
      .add(CustomerFeatures.MEAN_INTERVAL_DAYS, DoubleType, true)
      .add(CustomerFeatures.LAST_INTERVAL_DAYS, IntegerType, true)
      .add(CustomerFeatures.OVERDUE_RATIO, DoubleType, true)
      .add(CustomerFeatures.DISCOUNT_SHARE, DoubleType, false)
      .add(CustomerFeatures.CATEGORY_COUNT, LongType, false)
      .add(CustomerFeatures.TOP_CATEGORY, StringType, true)
      .add(CustomerFeatures.TOP_CATEGORY_SHARE, DoubleType, true)
      .add(CustomerFeatures.ONLINE_SHARE, DoubleType, false)
      .add(CustomerFeatures.RECENT_ORDERS, LongType, false)
      .add(CustomerFeatures.PREVIOUS_ORDERS, LongType, false)
      .add(CustomerFeatures.ORDER_TREND, DoubleType, false)
      .add(CustomerFeatures.VISITS, LongType, false)
      .add(CustomerFeatures.DWELL_SECONDS, LongType, false)
      .add(CustomerFeatures.FUNNEL_DEPTH, DoubleType, false)
      .add(CustomerFeatures.REVIEWS, LongType, false)
      .add(CustomerFeatures.PHOTO_REVIEWS, LongType, false)
      .add(CustomerFeatures.SHARES, LongType, false)
      .add(CustomerFeatures.CONTACTS, LongType, false)
      .add(CustomerFeatures.RESPONSES, LongType, false);

  /** One row per training run of any model: what was trained on what, how it scored, where it is saved. */
  public static final StructType RUNS = new StructType()
      .add("model_name", StringType, false)
      .add("version", StringType, false)
      .add("trained_at", TimestampType, false)
      .add("training_as_of", DateType, true)
      .add("evaluation_as_of", DateType, true)
      .add("data_versions", StringType, false)
      .add("parameters", StringType, false)
      .add("metrics", StringType, false)
      .add("roc_auc", DoubleType, true)
      .add("pr_auc", DoubleType, true)
      .add("base_rate", DoubleType, true)
      .add("evaluation", StringType, false)
      .add("spark_version", StringType, false)
      .add("path", StringType, false)
      .add("status", StringType, false);

  /** One row per customer active at the as-of date: the promoted churn model's probability and risk band. */
  public static final StructType CHURN = new StructType()
      .add(CustomerFeatures.CUSTOMER_ID, StringType, false)
      .add(AS_OF, DateType, false)
      .add(Churn.CHURN_PROBABILITY, DoubleType, false)
      .add(Churn.RISK_BAND, StringType, false)
      .add("model_version", StringType, false);

  /** One row per customer with features: the segment and its name. */
  public static final StructType SEGMENTS = new StructType()
      .add(CustomerFeatures.CUSTOMER_ID, StringType, false)
      .add(AS_OF, DateType, false)
      .add(Segmentation.SEGMENT_ID, IntegerType, false)
      .add(Segmentation.SEGMENT_NAME, StringType, false)
      .add("model_version", StringType, false);

  /** One row per segment: size, shares, mean recency, frequency and spend, every feature's mean (JSON), the fit. */
  public static final StructType PROFILES = new StructType()
      .add(AS_OF, DateType, false)
      .add(Segmentation.SEGMENT_ID, IntegerType, false)
      .add(Segmentation.SEGMENT_NAME, StringType, false)
      .add("customers", LongType, false)
      .add("customer_share", DoubleType, false)
      .add("revenue_share", DoubleType, true)
      .add("mean_recency_days", DoubleType, true)
      .add("mean_frequency", DoubleType, true)
      .add("mean_monetary", DoubleType, true)
      .add("feature_means", StringType, false)
      .add("k", IntegerType, false)
      .add("silhouette", DoubleType, false)
      .add("model_version", StringType, false);

  /** One row per customer of a planned campaign's audience: the promoted response model's probability and return. */
  public static final StructType RESPONSE = new StructType()
      .add(CustomerFeatures.CUSTOMER_ID, StringType, false)
      .add(AS_OF, DateType, false)
      .add(Response.CAMPAIGN_ID, StringType, false)
      .add(Response.CHANNEL, StringType, false)
      .add(Response.OFFER, StringType, false)
      .add(Response.RESPONSE_PROBABILITY, DoubleType, false)
      .add(Response.PROPENSITY_BAND, StringType, false)
      .add(Response.EXPECTED_VALUE, DoubleType, false)
      .add("model_version", StringType, false);

  /** One row per planned campaign and as_of: its expected outcome over the whole audience and over the worth-contacting part. */
  public static final StructType PLANS = new StructType()
      .add(AS_OF, DateType, false)
      .add(Response.CAMPAIGN_ID, StringType, false)
      .add(Response.CHANNEL, StringType, false)
      .add(Response.OFFER, StringType, false)
      .add("cost_per_contact", DoubleType, false)
      .add("response_value", DoubleType, false)
      .add("audience", LongType, false)
      .add("expected_responders", DoubleType, false)
      .add("expected_response_rate", DoubleType, false)
      .add("expected_revenue", DoubleType, false)
      .add("cost", DoubleType, false)
      .add("expected_return", DoubleType, false)
      .add("targeted", LongType, false)
      .add("targeted_expected_responders", DoubleType, false)
      .add("targeted_expected_return", DoubleType, false)
      .add("model_version", StringType, false);
}
