package io.clientele.config;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key Clientele knows, with its default and a line of documentation. Defaults live here
 * and in {@code conf/clientele.properties}; a key that is in neither place is rejected when loaded.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  // ---- lakehouse ---------------------------------------------------------------------------------------
  /** Database in the metastore that holds every Clientele table. */
  public static final ConfigOption<String> DATABASE =
      ConfigOption.nonEmpty("catalog.database", "clientele", "database that holds every table");

  /** Warehouse folder (or URI) for managed tables; --warehouse sets it. */
  public static final ConfigOption<String> WAREHOUSE_DIR =
      ConfigOption.nonEmpty("warehouse.dir", "warehouse", "warehouse folder or URI for managed Delta tables");

  /** Metastore: an embedded Derby database under the warehouse, or an external Hive metastore. */
  public static final ConfigOption<String> METASTORE_TYPE =
      ConfigOption.oneOf("metastore.type", "derby", "derby (embedded) or hive (external)", "derby", "hive");

  /** Thrift URIs of an external Hive metastore (metastore.type = hive). */
  public static final ConfigOption<String> METASTORE_URIS =
      ConfigOption.string("metastore.uris", "", "thrift://host:9083 of an external Hive metastore");

  /** Session time zone; every timestamp is interpreted and shown in it. */
  public static final ConfigOption<String> TIME_ZONE =
      ConfigOption.nonEmpty("session.time-zone", "UTC", "Spark session time zone");

  // ---- ingestion ---------------------------------------------------------------------------------------
  /** Events before this date are impossible (the shop did not exist) and are quarantined. */
  public static final ConfigOption<LocalDate> SHOP_OPENED =
      ConfigOption.date("ingest.shop-opened", "1990-01-01", "events before this date are quarantined");

  /** Events later than ingest time plus this many hours are in the future and are quarantined. */
  public static final ConfigOption<Integer> FUTURE_TOLERANCE_HOURS =
      ConfigOption.intAtLeast("ingest.future-tolerance-hours", 24, 0, "allowed clock skew for event times");

  /** Accepted timestamp layouts, tried in order; the first that parses wins. */
  public static final ConfigOption<List<String>> TIMESTAMP_FORMATS =
      ConfigOption.list(
          "ingest.timestamp-formats",
          "yyyy-MM-dd HH:mm:ss|yyyy-MM-dd'T'HH:mm:ss|yyyy-MM-dd'T'HH:mm:ssXXX|yyyy/MM/dd HH:mm:ss|yyyy-MM-dd HH:mm|yyyyMMdd",
          "accepted timestamp layouts");

  /** Accepted date layouts, tried in order. */
  public static final ConfigOption<List<String>> DATE_FORMATS =
      ConfigOption.list("ingest.date-formats", "yyyy-MM-dd|yyyy/MM/dd|yyyyMMdd|dd.MM.yyyy", "accepted date layouts");

  /** Highest review rating; ratings outside 1..max are quarantined. */
  public static final ConfigOption<Integer> MAX_RATING =
      ConfigOption.intAtLeast("ingest.max-rating", 5, 1, "highest review rating");

  /**
   * A batch of at most this many records looks for its duplicates among the silver records of its own days only
   * (a duplicate has the same content, so the same day): Delta skips the files of other days, and the lookup costs
   * what the batch touches, not what silver holds. Larger batches (a backfill) compare with every silver key.
   */
  public static final ConfigOption<Integer> INGEST_SMALL_BATCH_ROWS =
      ConfigOption.intAtLeast("ingest.small-batch-rows", 100_000, 0, "batches up to this size look up duplicates in their own days of silver");

  /**
   * CSV dialect detection ({@code --sep auto}, a mapping's {@code option.sep = auto}): how many records of a file's
   * start are split with each candidate separator and quote.
   */
  public static final ConfigOption<Integer> CSV_SNIFF_RECORDS =
      ConfigOption.intAtLeast("csv.sniff-records", 100, 2, "records read to detect a CSV file's separator, quote and header");

  /**
   * The share of those records that must have a candidate's most common number of fields for it to fit: below 1 a
   * few malformed lines (which ingestion quarantines) do not hide the dialect.
   */
  public static final ConfigOption<Double> CSV_SNIFF_MIN_SHARE =
      ConfigOption.doubleBetween("csv.sniff-min-share", 0.9, 0.5, 1.0, "share of sniffed records a CSV separator must split alike");

  /** Spellings that mean male / female in the customers feed (compared lower-case). */
  public static final ConfigOption<List<String>> GENDER_MALE =
      ConfigOption.list("ingest.gender.male", "m|male|man|男|1", "spellings of male");

  public static final ConfigOption<List<String>> GENDER_FEMALE =
      ConfigOption.list("ingest.gender.female", "f|female|woman|女|2", "spellings of female");

  // ---- execution ---------------------------------------------------------------------------------------------
  /**
   * Below this many bytes of data a job's expressions are interpreted instead of compiled to Java classes
   * (io.clientele.lake.ExpressionMode): for an ingest the files of its batch (compressed files by their compressed
   * size), for every other job the silver tables' bytes on disk. 0: always Spark's code generation. Setting
   * spark.sql.codegen.wholeStage or spark.sql.codegen.factoryMode yourself turns the choice off.
   */
  public static final ConfigOption<Long> EXECUTION_INTERPRETED_MAX_BYTES =
      ConfigOption.longAtLeast("execution.interpreted-max-bytes", 67_108_864L, 0,
          "below this much data (bytes) jobs interpret expressions instead of generating code");

  // ---- personal data (clientele forget) ------------------------------------------------------------------
  /**
   * forget --vacuum removes the files of earlier table versions older than this: Delta's default is 168 (7 days);
   * below it time travel and readers of those versions lose their files, and Delta's own check is turned off.
   */
  public static final ConfigOption<Integer> FORGET_VACUUM_RETENTION_HOURS =
      ConfigOption.intAtLeast("forget.vacuum-retention-hours", 168, 0, "forget --vacuum: retention of old table files in hours");

  // ---- synthetic data ----------------------------------------------------------------------------------
  public static final ConfigOption<Long> GENERATE_CUSTOMERS =
      ConfigOption.longAtLeast("generate.customers", 2000, 1, "customers to simulate");

  public static final ConfigOption<Integer> GENERATE_DAYS =
      ConfigOption.intAtLeast("generate.days", 365, 7, "days of history to simulate");

  public static final ConfigOption<Long> GENERATE_SEED =
      ConfigOption.longAtLeast("generate.seed", 42, 0, "random seed; the same seed gives the same files");

  public static final ConfigOption<Double> GENERATE_DIRTY_RATE =
      ConfigOption.doubleBetween("generate.dirty-rate", 0.02, 0.0, 0.5, "share of corrupted records per feed");

  public static final ConfigOption<LocalDate> GENERATE_END_DATE =
      ConfigOption.date("generate.end-date", "2026-06-30", "last simulated day (fixed, so output is reproducible)");

  public static final ConfigOption<Integer> GENERATE_PARTITIONS =
      ConfigOption.intAtLeast("generate.partitions", 8, 1, "output files per feed (parallel tasks)");

  public static final ConfigOption<Integer> GENERATE_STORES =
      ConfigOption.intAtLeast("generate.stores", 6, 1, "physical stores");

  public static final ConfigOption<Integer> GENERATE_CAMPAIGNS =
      ConfigOption.intAtLeast("generate.campaigns", 12, 0, "marketing campaigns over the period");

  public static final ConfigOption<Double> GENERATE_MEMBER_SHARE =
      ConfigOption.doubleBetween("generate.member-share", 0.7, 0.0, 1.0, "share of customers who join the membership");

  // ---- customer value (RFM, ABC, tiers, value classes, loyalty, lifecycle) -----------------------------
  /** RFM window: purchases in [as-of - window, as-of) count; --window-days sets it. */
  public static final ConfigOption<Integer> VALUE_WINDOW_DAYS =
      ConfigOption.intAtLeast("value.window-days", 365, 1, "RFM window in days before the as-of date");

  /** completed: monetary is the spend on paid lines; net: minus cancelled and returned lines. */
  public static final ConfigOption<String> VALUE_MONETARY =
      ConfigOption.oneOf("value.monetary", "completed", "completed or net", "completed", "net");

  /** How R, F and M scores are set: quantile bins, above/below the mean, or fixed business cut-offs. */
  public static final ConfigOption<String> RFM_STRATEGY =
      ConfigOption.oneOf("value.rfm.strategy", "quantile", "quantile, mean or fixed", "quantile", "mean", "fixed");

  public static final ConfigOption<Integer> RFM_BINS =
      ConfigOption.intAtLeast("value.rfm.bins", 5, 2, "score levels of the quantile strategy");

  public static final ConfigOption<Double> RFM_QUANTILE_ERROR =
      ConfigOption.doubleBetween("value.rfm.quantile-error", 0.0001, 0.0, 0.1, "relative error of the quantile cut-offs");

  /** Fixed strategy: ascending cut-offs; recency at or below the first scores highest. */
  public static final ConfigOption<List<String>> RFM_RECENCY_CUTOFFS =
      ConfigOption.list("value.rfm.recency-cutoffs", "30|90|180|365", "fixed recency cut-offs in days");

  public static final ConfigOption<List<String>> RFM_FREQUENCY_CUTOFFS =
      ConfigOption.list("value.rfm.frequency-cutoffs", "1|2|4|8", "fixed frequency cut-offs in orders");

  public static final ConfigOption<List<String>> RFM_MONETARY_CUTOFFS =
      ConfigOption.list("value.rfm.monetary-cutoffs", "100|300|1000|3000", "fixed monetary cut-offs");

  /** A score is "high" when above the mean score of all customers (mean), or at least the threshold. */
  public static final ConfigOption<String> RFM_HIGH_RULE =
      ConfigOption.oneOf("value.rfm.high-rule", "mean", "mean or threshold", "mean", "threshold");

  public static final ConfigOption<Integer> RFM_HIGH_THRESHOLD =
      ConfigOption.intAtLeast("value.rfm.high-threshold", 3, 1, "lowest high score with high-rule=threshold");

  /** ABC: A until this cumulative revenue share, B until the next, C the rest. */
  public static final ConfigOption<Double> ABC_A_SHARE =
      ConfigOption.doubleBetween("value.abc.a-share", 0.8, 0.0, 1.0, "cumulative revenue share of class A");

  public static final ConfigOption<Double> ABC_B_SHARE =
      ConfigOption.doubleBetween("value.abc.b-share", 0.95, 0.0, 1.0, "cumulative revenue share of classes A and B");

  /** Tiers by rank of monetary: key (important, then secondary), ordinary, small; bad overrides. */
  public static final ConfigOption<Double> TIER_IMPORTANT_SHARE =
      ConfigOption.doubleBetween("value.tier.important-share", 0.05, 0.0, 1.0, "top share of customers that are important key customers");

  public static final ConfigOption<Double> TIER_KEY_SHARE =
      ConfigOption.doubleBetween("value.tier.key-share", 0.2, 0.0, 1.0, "top share of customers that are key customers");

  public static final ConfigOption<Double> TIER_ORDINARY_SHARE =
      ConfigOption.doubleBetween("value.tier.ordinary-share", 0.5, 0.0, 1.0, "top share of customers that are key or ordinary");

  public static final ConfigOption<Double> TIER_BAD_RETURN_SHARE =
      ConfigOption.doubleBetween("value.tier.bad-return-share", 0.5, 0.0, 1.0, "returned share of gross spend that makes a bad customer");

  /** Rule value classes of the store exercise, over a recent window. */
  public static final ConfigOption<Integer> CLASS_WINDOW_DAYS =
      ConfigOption.intAtLeast("value.class.window-days", 90, 1, "window of the rule value classes");

  public static final ConfigOption<Double> CLASS_HIGH_SPEND =
      ConfigOption.doubleBetween("value.class.high-spend", 200, 0, Double.MAX_VALUE, "high value: spend above this");

  public static final ConfigOption<Integer> CLASS_HIGH_PURCHASES =
      ConfigOption.intAtLeast("value.class.high-purchases", 4, 1, "high value: at least this many purchases");

  public static final ConfigOption<Double> CLASS_MEDIUM_SPEND =
      ConfigOption.doubleBetween("value.class.medium-spend", 100, 0, Double.MAX_VALUE, "medium value: spend above this");

  public static final ConfigOption<Integer> CLASS_MEDIUM_MIN_PURCHASES =
      ConfigOption.intAtLeast("value.class.medium-min-purchases", 2, 1, "medium value: at least this many purchases");

  public static final ConfigOption<Integer> CLASS_MEDIUM_MAX_PURCHASES =
      ConfigOption.intAtLeast("value.class.medium-max-purchases", 3, 1, "medium value: at most this many purchases");

  /** Lifecycle boundaries: days since the last purchase, and days since joining for a new member. */
  public static final ConfigOption<Integer> LIFECYCLE_ACTIVE_DAYS =
      ConfigOption.intAtLeast("lifecycle.active-days", 30, 1, "active member: last purchase at most this many days ago");

  public static final ConfigOption<Integer> LIFECYCLE_SILENT_DAYS =
      ConfigOption.intAtLeast("lifecycle.silent-days", 90, 1, "silent member: at most this many days");

  public static final ConfigOption<Integer> LIFECYCLE_SLEEPING_DAYS =
      ConfigOption.intAtLeast("lifecycle.sleeping-days", 180, 1, "sleeping member: at most this many days; lost beyond");

  public static final ConfigOption<Integer> LIFECYCLE_NEW_MEMBER_DAYS =
      ConfigOption.intAtLeast("lifecycle.new-member-days", 30, 1, "new member: joined at most this many days ago");

  // ---- customer lifetime value (clientele clv) ------------------------------------------------------------
  /** Unit of t_x, T and the purchase rate: day or week (the papers' unit; CDNOW's published figures are in weeks). */
  public static final ConfigOption<String> CLV_TIME_UNIT =
      ConfigOption.oneOf("clv.time-unit", "week", "day or week", "day", "week");

  /** CLV horizon in months (a month is 365.25 / 12 days). */
  public static final ConfigOption<Integer> CLV_HORIZON_MONTHS =
      ConfigOption.intAtLeast("clv.horizon-months", 12, 1, "CLV horizon in months");

  /** Monthly discount rate d: the spend expected in month i counts 1 / (1 + d)^i. */
  public static final ConfigOption<Double> CLV_MONTHLY_DISCOUNT =
      ConfigOption.doubleBetween("clv.monthly-discount", 0.01, 0.0, 1.0, "monthly discount rate");

  /** Share of spend that is contribution (profit), for the CLV and for P in P / R; 1 gives revenue. */
  public static final ConfigOption<Double> CLV_MARGIN =
      ConfigOption.doubleBetween("clv.margin", 1.0, 0.0, 1.0, "contribution margin applied to spend");

  /** L2 penalty λ on the natural parameters (λ Σ θ² added to the mean negative log-likelihood); 0 = plain MLE. */
  public static final ConfigOption<Double> CLV_PENALTY =
      ConfigOption.doubleBetween("clv.penalty", 0.0, 0.0, 100.0, "L2 penalty on the model parameters");

  /**
   * When the data do not identify a model with clv.penalty (small samples), it is fitted once more with this
   * penalty, and clv_models says so; 0 makes such a fit fail instead.
   */
  public static final ConfigOption<Double> CLV_FALLBACK_PENALTY =
      ConfigOption.doubleBetween("clv.fallback-penalty", 0.001, 0.0, 100.0, "penalty of the second attempt when a fit is not identified");

  /**
   * A model's collapsed rows (distinct (x, t_x, T), or (x, spend)) up to this many are collected and fitted on
   * the driver; more stay cached in Spark, one job per likelihood evaluation. Both add up in a fixed order.
   */
  public static final ConfigOption<Integer> CLV_DRIVER_FIT_ROWS =
      ConfigOption.intAtLeast("clv.driver-fit-rows", 200_000, 0, "collapsed rows fitted on the driver; more are fitted in Spark");

  public static final ConfigOption<Integer> CLV_MAX_ITERATIONS =
      ConfigOption.intAtLeast("clv.max-iterations", 500, 10, "L-BFGS iteration limit; beyond it the fit fails");

  /** Converged when the largest gradient component (mean log-likelihood, log-parameters) is below this. */
  public static final ConfigOption<Double> CLV_GRADIENT_TOLERANCE =
      ConfigOption.doubleBetween("clv.gradient-tolerance", 1e-7, 0.0, 1.0, "gradient tolerance of the fit");

  /** CLV tiers: high = the top first share of customers by CLV, medium = the next second share, low the rest. */
  public static final ConfigOption<List<String>> CLV_TIER_SHARES =
      ConfigOption.list("clv.tier-shares", "0.2|0.3", "shares of customers in the high and medium CLV tiers");

  /** P / R per RFM segment: the cohort is the segment this many days before the as-of date (365 = a year). */
  public static final ConfigOption<Integer> CLV_SEGMENT_PERIOD_DAYS =
      ConfigOption.intAtLeast("clv.segment-period-days", 365, 7, "cohort period of the P / R segment formula");

  // ---- pipeline ----------------------------------------------------------------------------------------
  /** Where the pipeline's ingest step finds each feed's new files: LANDING/transactions, LANDING/customers, ... */
  public static final ConfigOption<String> PIPELINE_LANDING_DIR =
      ConfigOption.nonEmpty("pipeline.landing-dir", "landing", "folder (or URI) with one sub-folder of raw files per feed");

  /** Where the pipeline's report step writes report-DATE.html. */
  public static final ConfigOption<String> PIPELINE_REPORT_DIR =
      ConfigOption.nonEmpty("pipeline.report-dir", "reports", "folder where the pipeline writes report-DATE.html (relative: inside the warehouse)");

  /**
   * Steps the in-process pipeline runs at once, among those whose inputs are ready (the step graph decides, as it
   * does for the Airflow DAG). On small data a step keeps about one core busy with driver work (planning, code
   * generation, Delta commits), so two steps at once use a laptop's cores; 1 runs the steps one by one.
   */
  public static final ConfigOption<Integer> PIPELINE_PARALLELISM =
      ConfigOption.intAtLeast("pipeline.parallelism", 2, 1, "pipeline steps run at once when their inputs are ready");

  // ---- models (features, model train, evaluation) ------------------------------------------------------
  /** Recent trend: orders in the last recent-days against the previous-days before them. */
  public static final ConfigOption<Integer> FEATURES_RECENT_DAYS =
      ConfigOption.intAtLeast("features.recent-days", 30, 1, "recent window of the order trend, in days");

  public static final ConfigOption<Integer> FEATURES_PREVIOUS_DAYS =
      ConfigOption.intAtLeast("features.previous-days", 90, 1, "window before the recent one that the trend compares with");

  /** The bring-your-own-table split of model train: this share of rows is held out, drawn with the seed. */
  public static final ConfigOption<Double> MODEL_TEST_FRACTION =
      ConfigOption.doubleBetween("model.test-fraction", 0.25, 0.05, 0.9, "share of rows held out by model train");

  /** Seed of every random choice of the model jobs (split, folds, KMeans), so reruns give the same model. */
  public static final ConfigOption<Long> MODEL_SEED =
      ConfigOption.longAtLeast("model.seed", 42, 0, "seed of splits, folds and clustering");

  /** Regularisation grid of the logistic regression, chosen by cross-validated ROC AUC. */
  public static final ConfigOption<List<String>> MODEL_REG_PARAMS =
      ConfigOption.list("model.reg-params", "0.001|0.01|0.1", "L2 regularisation values tried by cross-validation");

  public static final ConfigOption<Integer> MODEL_CV_FOLDS =
      ConfigOption.intAtLeast("model.cv-folds", 3, 2, "cross-validation folds");

  /**
   * Cross-validation fits run at once (MLlib's CrossValidator parallelism). On small data a fit is mostly driver
   * work (one small Spark job per L-BFGS iteration), so two at once use two cores; the result is the same.
   */
  public static final ConfigOption<Integer> MODEL_CV_PARALLELISM =
      ConfigOption.intAtLeast("model.cv-parallelism", 2, 1, "cross-validation fits run at once");

  public static final ConfigOption<Integer> MODEL_MAX_ITERATIONS =
      ConfigOption.intAtLeast("model.max-iterations", 100, 1, "iteration limit of the logistic regression");

  /** Decision threshold on the predicted probability for the confusion matrix. */
  public static final ConfigOption<Double> MODEL_THRESHOLD =
      ConfigOption.doubleBetween("model.threshold", 0.5, 0.0, 1.0, "probability at or above which a row is predicted positive");

  /** The leak guard warns about a feature whose single-feature ROC AUC reaches this. */
  public static final ConfigOption<Double> MODEL_LEAK_AUC =
      ConfigOption.doubleBetween("model.leak-auc", 0.80, 0.5, 1.0, "single-feature ROC AUC at which the leak guard warns");

  /** Text columns with more distinct values than this are not one-hot encoded but left out (ids, free text). */
  public static final ConfigOption<Integer> MODEL_MAX_CATEGORIES =
      ConfigOption.intAtLeast("model.max-categories", 100, 2, "most distinct values of a categorical feature");

  /**
   * Training sets (and segmentation inputs) of at most this many rows are fitted in one partition, sorted by row key:
   * one task per optimiser iteration instead of one per partition, whose fixed cost is most of a fit on small data,
   * and the same model whatever the partitioning (the k-means starts and medians are drawn per partition). 0: never.
   */
  public static final ConfigOption<Integer> MODEL_SINGLE_PARTITION_ROWS =
      ConfigOption.intAtLeast("model.single-partition-rows", 50_000, 0, "most rows a model is fitted on in one partition (a logistic regression on the driver)");

  /** Churn: a customer with a purchase in the last active-days churns when none follows in the next horizon-days. */
  public static final ConfigOption<Integer> CHURN_ACTIVE_DAYS =
      ConfigOption.intAtLeast("churn.active-days", 90, 1, "a customer with a purchase in this many days before the as-of date is active");

  public static final ConfigOption<Integer> CHURN_HORIZON_DAYS =
      ConfigOption.intAtLeast("churn.horizon-days", 60, 1, "an active customer with no purchase in this many days from the as-of date churned");

  /** Risk bands of churn_scores: medium from the first probability, high from the second. */
  public static final ConfigOption<List<String>> CHURN_RISK_BANDS =
      ConfigOption.list("churn.risk-bands", "0.4|0.7", "churn probabilities where the medium and the high risk band start");

  /** Response: a contact is answered when a response follows within window-days of the contact date. */
  public static final ConfigOption<Integer> RESPONSE_WINDOW_DAYS =
      ConfigOption.intAtLeast("response.window-days", 14, 0, "days after a contact within which a response counts");

  /** Response train: the evaluation takes the contacts of the last evaluation-days whose window closed before the as-of date. */
  public static final ConfigOption<Integer> RESPONSE_EVALUATION_DAYS =
      ConfigOption.intAtLeast("response.evaluation-days", 90, 1, "days of contacts held out (the latest) to evaluate the response model");

  /** Propensity bands of response_scores: medium from the first probability, high from the second. */
  public static final ConfigOption<List<String>> RESPONSE_PROPENSITY_BANDS =
      ConfigOption.list("response.propensity-bands", "0.1|0.3", "response probabilities where the medium and the high band start");

  /** Segmentation: k is chosen by silhouette among k-min..k-max. */
  public static final ConfigOption<Integer> SEGMENT_K_MIN =
      ConfigOption.intAtLeast("segment.k-min", 3, 2, "fewest segments tried");

  public static final ConfigOption<Integer> SEGMENT_K_MAX =
      ConfigOption.intAtLeast("segment.k-max", 8, 2, "most segments tried");

  /** The customer_features columns the segmentation clusters on (standardised). */
  public static final ConfigOption<List<String>> SEGMENT_FEATURES =
      ConfigOption.list("segment.features",
          "log_recency|log_frequency|log_monetary|tenure_days|mean_interval_days|discount_share|visits|reviews",
          "customer_features columns clustered by segment");

  // ---- traffic (visitor distributions, store and web funnels, AARRR) -----------------------------------
  /** Traffic window: events in [as-of - window, as-of) count. */
  public static final ConfigOption<Integer> TRAFFIC_WINDOW_DAYS =
      ConfigOption.intAtLeast("traffic.window-days", 365, 1, "traffic window in days before the as-of date");

  /** A visitor whose first visit ever is at most this many days before the as-of date is new, else returning. */
  public static final ConfigOption<Integer> TRAFFIC_NEW_VISITOR_DAYS =
      ConfigOption.intAtLeast("traffic.new-visitor-days", 30, 1, "new visitor: first visit within this many days");

  /** Lower bounds of the age bands after the first ("<first"): 18|25|35 gives <18, 18-24, 25-34, 35+. */
  public static final ConfigOption<List<String>> TRAFFIC_AGE_BANDS =
      ConfigOption.list("traffic.age-bands", "18|25|35|45|55|65", "ascending lower bounds of the age bands");

  /** AARRR period: week or month. */
  public static final ConfigOption<String> TRAFFIC_AARRR_GRAIN =
      ConfigOption.oneOf("traffic.aarrr.grain", "month", "week or month", "week", "month");

  /** Event types that make a new visitor activated (AARRR activation). */
  public static final ConfigOption<List<String>> TRAFFIC_ACTIVATION_EVENTS =
      ConfigOption.list("traffic.aarrr.activation-events", "stay|touch|try_on|trial|add_to_cart|purchase",
          "event types that count as activation");

  /** Web referrers that count as referral (AARRR referral), besides invitations in the social feed. */
  public static final ConfigOption<List<String>> TRAFFIC_REFERRAL_REFERRERS =
      ConfigOption.list("traffic.aarrr.referral-referrers", "wechat|weibo|douyin",
          "web referrers that count as referred visits");

  // ---- social behaviour and consumer psychology --------------------------------------------------------
  /** Social window: events in [as-of - window, as-of) count. */
  public static final ConfigOption<Integer> SOCIAL_WINDOW_DAYS =
      ConfigOption.intAtLeast("social.window-days", 365, 1, "social window in days before the as-of date");

  /** Photo reviewer (喜欢晒图): at least this many reviews with photos ... */
  public static final ConfigOption<Integer> PHOTO_REVIEWER_MIN_PHOTOS =
      ConfigOption.intAtLeast("social.photo-reviewer.min-photo-reviews", 2, 1, "photo reviewer: least reviews with photos");

  /** ... making at least this share of the customer's reviews. */
  public static final ConfigOption<Double> PHOTO_REVIEWER_MIN_SHARE =
      ConfigOption.doubleBetween("social.photo-reviewer.min-share", 0.5, 0.0, 1.0, "photo reviewer: least share of reviews with photos");

  /** Influence score weights: ln(1 + reach), ln(1 + invitations), ln(1 + engagement), see README. */
  public static final ConfigOption<Double> INFLUENCE_REACH_WEIGHT =
      ConfigOption.doubleBetween("social.influence.reach-weight", 1.0, 0.0, 1000.0, "influence weight of ln(1 + reach)");

  public static final ConfigOption<Double> INFLUENCE_INVITE_WEIGHT =
      ConfigOption.doubleBetween("social.influence.invite-weight", 2.0, 0.0, 1000.0, "influence weight of ln(1 + invitations)");

  public static final ConfigOption<Double> INFLUENCE_ENGAGEMENT_WEIGHT =
      ConfigOption.doubleBetween("social.influence.engagement-weight", 0.5, 0.0, 1000.0,
          "influence weight of ln(1 + engagement received)");

  /** The consumer-psychology lexicon: a file name in conf/ (or the packaged copy), or a path. */
  public static final ConfigOption<String> PSYCHOLOGY_LEXICON =
      ConfigOption.nonEmpty("psychology.lexicon", "psychology-lexicon.txt", "keyword lexicon of the psychology types");

  /** Social actions whose texts are read for psychology evidence. */
  public static final ConfigOption<List<String>> PSYCHOLOGY_ACTIONS =
      ConfigOption.list("psychology.actions", "review|review_with_photo|inquiry", "actions whose texts are read");

  // ---- tags, profile and the JDBC endpoint (clientele tags, profile, serve) -----------------------------
  /** The tag catalog: a file name in conf/ (or the packaged copy), or a path; README "Tags" gives the format. */
  public static final ConfigOption<String> TAGS_CATALOG =
      ConfigOption.nonEmpty("tags.catalog", "tag-catalog.txt", "the tag catalog file");

  /** Window of the purchases and visits tag sources: [as-of - window, as-of). */
  public static final ConfigOption<Integer> TAGS_WINDOW_DAYS =
      ConfigOption.intAtLeast("tags.window-days", 365, 1, "window of the purchases and visits tag sources");

  /** A gold table's latest slice at or before the as-of date is used only if at most this many days older. */
  public static final ConfigOption<Integer> TAGS_SOURCE_MAX_AGE_DAYS =
      ConfigOption.intAtLeast("tags.source-max-age-days", 31, 0, "oldest gold slice a tags run reads, in days before the as-of date");

  /** tag_stats keeps this many most frequent values per qualitative tag; the rest are summed as (other). */
  public static final ConfigOption<Integer> TAGS_STATS_MAX_VALUES =
      ConfigOption.intAtLeast("tags.stats.max-values", 50, 1, "values per qualitative tag in tag_stats");

  /** The tags the profile command shows first, for a service agent (the rest follow by category). */
  public static final ConfigOption<List<String>> PROFILE_CARD_TAGS =
      ConfigOption.list("profile.card-tags",
          "is_member|member_level|total_spend|purchase_frequency|days_since_last_purchase|price_sensitivity|photo_reviewer"
              + "|rfm_segment|value_class|lifecycle_stage|churn_risk|clv|clv_tier|cluster|psychology_type",
          "tags shown first by the profile command");

  /** serve: the port of the Thrift JDBC/ODBC server. */
  public static final ConfigOption<Integer> SERVE_PORT =
      ConfigOption.intAtLeast("serve.port", 10000, 0, "port of the JDBC endpoint (0: any free port, printed)");

  /** serve: the address it binds to; any address but loopback requires serve.auth=password. */
  public static final ConfigOption<String> SERVE_BIND =
      ConfigOption.nonEmpty("serve.bind", "127.0.0.1", "address the JDBC endpoint binds to");

  /** serve: none (loopback only) or password (users and salted password hashes in serve.users-file). */
  public static final ConfigOption<String> SERVE_AUTH =
      ConfigOption.oneOf("serve.auth", "none", "authentication of the JDBC endpoint", "none", "password");

  /** serve: the users file (name:iterations:salt:hash lines); empty means WAREHOUSE/serve-users. */
  public static final ConfigOption<String> SERVE_USERS_FILE =
      ConfigOption.string("serve.users-file", "", "users and password hashes of the JDBC endpoint");

  /**
   * serve: the tables and views of the database that BI users may read (a user's own list in the users file
   * replaces it): the gold and tag tables; never bronze, quarantine, ingested_files, customers_pii, job_runs or
   * model_runs (its paths).
   */
  public static final ConfigOption<List<String>> SERVE_TABLES =
      ConfigOption.list("serve.tables",
          "customer_rfm|customer_value|customer_loyalty|segment_summary|member_kpis|repeat_purchase|customer_clv|clv_models"
              + "|clv_calibration|segment_clv|customer_features|churn_scores|response_scores|response_plans"
              + "|customer_segments|segment_profiles|traffic_hourly|traffic_region|traffic_visitors|traffic_funnel|traffic_floors"
              + "|traffic_web_funnel|traffic_aarrr|social_features|customer_psychology|tag_catalog|customer_tags"
              + "|customer_profile|customer_profile_latest|tag_stats",
          "tables and views BI users of the JDBC endpoint may read");

  /** serve: the session settings a BI user may SET (anything else, and SET without a key, is refused). */
  public static final ConfigOption<List<String>> SERVE_SETTABLE =
      ConfigOption.list("serve.settable", "spark.sql.session.timeZone|spark.sql.ansi.enabled",
          "session settings BI users of the JDBC endpoint may SET");

  /** serve: TLS on the Thrift transport: auto (on when binding to anything but loopback), on, off. */
  public static final ConfigOption<String> SERVE_TLS =
      ConfigOption.oneOf("serve.tls", "auto", "TLS of the JDBC endpoint", "auto", "on", "off");

  /** serve: the TLS keystore (PKCS12 or JKS) holding the server's key and certificate. */
  public static final ConfigOption<String> SERVE_KEYSTORE =
      ConfigOption.string("serve.keystore", "", "TLS keystore of the JDBC endpoint");

  /** serve: the keystore's password; empty: the environment variable CLIENTELE_SERVE_KEYSTORE_PASSWORD. */
  public static final ConfigOption<String> SERVE_KEYSTORE_PASSWORD =
      ConfigOption.string("serve.keystore-password", "", "password of serve.keystore");

  /** Keys under these prefixes are open-ended and checked by their owners. */
  public static final List<String> DYNAMIC_PREFIXES = List.of("spark.", "ingest.mapping.");

  /**
   * Every static key, by name, in the order declared above. Each {@code ConfigOption} registers itself when it is
   * created (see {@code ConfigOption.declared}), so this index cannot miss a key; it must stay the last field.
   */
  public static final Map<String, ConfigOption<?>> ALL = index(ConfigOption.declared());

  private static Map<String, ConfigOption<?>> index(List<ConfigOption<?>> options) {
    Map<String, ConfigOption<?>> byKey = new LinkedHashMap<>();
    for (ConfigOption<?> option : options) {
      if (byKey.put(option.key(), option) != null) {
        throw new IllegalStateException("Duplicate configuration key " + option.key());
      }
    }
    return Collections.unmodifiableMap(byKey);
  }
}
