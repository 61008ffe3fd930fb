package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.json.Json;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import io.clientele.model.BinaryTrainer;
import io.clientele.model.CustomerFeatures;
import io.clientele.model.Draws;
import io.clientele.model.Evaluation;
import io.clientele.model.LeakGuard;
import io.clientele.model.ModelTables;
import io.clientele.model.PreparedTable;
import io.clientele.model.Response;
import io.clientele.model.TrainingSettings;
import io.clientele.tag.Audience;
import io.clientele.tag.TagTables;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Marketing response. {@code train --as-of D}: one row per campaign contact with the customer's features as
 * of the contact date; evaluated on the contacts of the last response.evaluation-days whose window closed
 * before D, trained on the contacts answered before those were made (a split by time). The regression is
 * not class-weighted, so its probabilities are calibrated and add up to expected responders. {@code score
 * --as-of D}: a planned campaign's audience scored by the promoted model, with the expected return.
 */
public final class ResponseJob {
  public static final String MODEL = "response";
  private static final String JOB = "response";

  /** {@code response train --as-of D}. */
  public static final JobSpec TRAIN = JobSpec.of("response train",
          "One row per campaign contact with the customer's features as of the contact date; label: a response within",
          "response.window-days. Evaluated on the contacts of the last response.evaluation-days whose window closed",
          "before the as-of date, trained on those answered before them; saved under a new version, recorded in model_runs.")
      .runs((context, asOf, options) -> () -> new ResponseJob(context).train(asOf));

  public static final JobSpec.Option<String> CAMPAIGN = JobSpec.Option.of("--campaign", "ID", String.class,
      "id of the planned campaign (default planned-DATE): letters, digits, '.', '_', ':', '@' or '-', starting",
      "with a letter or digit, at most 128").normalisedBy(id -> Names.id("--campaign", id));
  public static final JobSpec.Option<String> CHANNEL = JobSpec.Option.of("--channel", "CHANNEL", String.class,
      "sms, email, app_push, coupon, ... (default: the most used)").normalisedBy(c -> c.trim().toLowerCase(Locale.ROOT));
  public static final JobSpec.Option<String> OFFER = JobSpec.Option.of("--offer", "OFFER", String.class,
      "the offer (default: the most used)");
  public static final JobSpec.Option<Double> COST = JobSpec.Option.of("--cost", "AMOUNT", Double.class,
      "cost of one contact (default: the channel's mean cost)");
  public static final JobSpec.Option<Double> RESPONSE_VALUE = JobSpec.Option.of("--response-value", "AMOUNT", Double.class,
      "value of one response (default: the mean response amount)");
  public static final JobSpec.Option<String> AUDIENCE = JobSpec.Option.of("--audience", "EXPR", String.class,
      "a tag expression over customer_profile (as in the audience command) selecting the audience, from the latest",
      "profile on or before the date (default: every customer with a purchase or a sign-up before it)");

  /** {@code response score --as-of D [--campaign ID] [--channel C] [--offer O] [--cost A] [--response-value A] [--audience EXPR]}. */
  public static final JobSpec SCORE = JobSpec.of("response score",
          "Score a planned campaign's audience (the customers matching --audience, or every customer with a purchase or a",
          "sign-up before the as-of date) with the promoted response model: response_scores (probability, band, expected",
          "value per customer) and response_plans (expected responders, revenue, cost and return). Options left out take their value from the",
          "contact history before the date.")
      .with(CAMPAIGN, CHANNEL, OFFER, COST, RESPONSE_VALUE, AUDIENCE)
      .runs((context, asOf, options) -> {
        PlanOptions plan = new PlanOptions(options.get(CAMPAIGN), options.get(CHANNEL), options.get(OFFER),
            options.get(COST), options.get(RESPONSE_VALUE), options.get(AUDIENCE));
        return () -> new ResponseJob(context).score(asOf, plan);
      });

  private final JobContext context;

  public ResponseJob(JobContext context) {
    this.context = context;
  }

  /** The planned campaign of {@code response score}; null fields take their defaults from the contact history. */
  public record PlanOptions(String campaignId, String channel, String offer, Double costPerContact, Double responseValue,
      String audience) {}

  public JobResult train(LocalDate asOf) throws Exception {
    ClienteleConfig config = context.config();
    Lake lake = context.lake();
    TrainingSettings settings = TrainingSettings.from(config);
    int window = config.get(ConfigKeys.RESPONSE_WINDOW_DAYS);
    Response.Split split = Response.split(asOf, window, config.get(ConfigKeys.RESPONSE_EVALUATION_DAYS));
    GoldSlice.requireFeed(lake, JOB, Tables.TRANSACTIONS, "transactions");
    GoldSlice.requireFeed(lake, JOB, Tables.CAMPAIGN_CONTACTS, "campaigns");
    Dataset<Row> contacts = lake.read(Tables.CAMPAIGN_CONTACTS);
    Dataset<Row> usable = Response.withLabel(contacts.where(col(Response.CONTACT_DATE).leq(lit(Date.valueOf(split.evaluationLast())))
        .and(col(CustomerFeatures.CUSTOMER_ID).isNotNull())), window);
    Dataset<Row> featuresAt = CustomerFeatures.computeAt(usable.select(CustomerFeatures.CUSTOMER_ID, Response.CONTACT_DATE),
        Response.CONTACT_DATE, lake.read(Tables.TRANSACTIONS), FeaturesJob.optional(lake, Tables.TRAFFIC_EVENTS),
        FeaturesJob.optional(lake, Tables.SOCIAL_EVENTS), contacts, FeaturesJob.trend(config));
    Dataset<Row> rows = Response.inputs(Response.modelRows(usable, featuresAt), CustomerFeatures.CUSTOMER_ID,
        Response.CONTACT_DATE, Response.CAMPAIGN_ID);
    // A contact's fold is drawn from who was contacted when, in which campaign, and model.seed: the same in any layout.
    Dataset<Row> training = Draws.withDraw(CustomerFeatures.inStableOrder(
            rows.where(col(Response.CONTACT_DATE).leq(lit(Date.valueOf(split.trainingLast())))),
            CustomerFeatures.CUSTOMER_ID, Response.CONTACT_DATE, Response.CAMPAIGN_ID), settings.seed(),
            List.of(CustomerFeatures.CUSTOMER_ID, Response.CONTACT_DATE, Response.CAMPAIGN_ID))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> evaluationRows = rows.where(col(Response.CONTACT_DATE).geq(lit(Date.valueOf(split.evaluationFirst()))))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long trainingCount = training.count();
      long evaluationCount = evaluationRows.count();
      context.progress(JOB, String.format("training: %,d contacts up to %s; evaluation: %,d contacts %s..%s (window %d days)",
          trainingCount, split.trainingLast(), evaluationCount, split.evaluationFirst(), split.evaluationLast(), window));
      if (trainingCount == 0 || evaluationCount == 0) {
        throw new UsageException(String.format("Cannot train the response model as of %s: %,d contacts up to %s "
            + "to train on and %,d from %s to %s to evaluate on; both are needed (contacts must reach back before %s, "
            + "response.evaluation-days = %d, response.window-days = %d)", asOf, trainingCount, split.trainingLast(),
            evaluationCount, split.evaluationFirst(), split.evaluationLast(), split.trainingLast(),
            config.get(ConfigKeys.RESPONSE_EVALUATION_DAYS), window));
      }
      BinaryTrainer.Fit fit = BinaryTrainer.fit(training, Response.NUMERIC, Response.CATEGORICAL, settings, false);
      Dataset<Row> scored = BinaryTrainer.withScore(fit.model().transform(evaluationRows)).cache();
      Evaluation evaluation = Evaluation.of(scored, PreparedTable.LABEL, BinaryTrainer.SCORE, settings.threshold());
      double expectedResponders = scored.agg(org.apache.spark.sql.functions.sum(BinaryTrainer.SCORE)).first().getDouble(0);
      scored.unpersist();
      List<LeakGuard.FeatureAuc> aucs = LeakGuard.singleFeatureAucs(training, evaluationRows, Response.NUMERIC,
          Response.CATEGORICAL, settings.leakAuc());
      String report = String.format(Locale.ROOT, "response model: trained on contacts up to %s, evaluated on contacts %s..%s "
              + "(a response within %d days of the contact)%n", split.trainingLast(), split.evaluationFirst(),
          split.evaluationLast(), window)
          + evaluation.toText()
          + String.format(Locale.ROOT, "expected_responders=%.1f%nactual_responders=%d%n", expectedResponders, evaluation.positives())
          + LeakGuard.toText(aucs, settings.leakAuc());
      String parameters = Json.write(Json.object("window_days", window, "training_last", split.trainingLast(),
          "evaluation_first", split.evaluationFirst(), "evaluation_last", split.evaluationLast(), "numeric", Response.NUMERIC,
          "categorical", Response.CATEGORICAL, "class_weights", "none", "reg_params", fit.regParams(), "reg_param",
          fit.regParam(), "cv_folds", settings.folds(), "cv_roc_auc", fit.cvAucs(), "seed", settings.seed(), "threshold",
          settings.threshold()));
      String metrics = Json.write(Json.object("roc_auc", evaluation.rocAuc(), "pr_auc", evaluation.prAuc(), "base_rate",
          evaluation.baseRate(), "top_decile_lift", evaluation.topDecileLift(), "expected_responders", expectedResponders,
          "actual_responders", evaluation.positives(), "training_rows", trainingCount, "evaluation_rows", evaluationCount));
      ModelRegistry.Saved saved = ModelRegistry.save(lake, config, fit.model(), new ModelRegistry.Run(MODEL, Instant.now(),
          split.trainingLast(), asOf, ChurnJob.dataVersions(lake), parameters, metrics, evaluation.rocAuc(),
          evaluation.prAuc(), evaluation.baseRate(), evaluation.toJson()));
      context.out().print(report + "saved: " + saved.path() + "\n");
      context.out().flush();
      return new JobResult(trainingCount + evaluationCount, evaluationCount, 0L, String.format(Locale.ROOT,
          "model response version %s: roc_auc %.4f on %,d contacts %s..%s (base rate %.4f, top-decile lift %.2f, "
              + "expected %.1f responders, actual %d)", saved.version(), evaluation.rocAuc(), evaluationCount,
          split.evaluationFirst(), split.evaluationLast(), evaluation.baseRate(), evaluation.topDecileLift(),
          expectedResponders, evaluation.positives()));
    } finally {
      training.unpersist();
      evaluationRows.unpersist();
    }
  }

  /**
   * Scores the planned campaign's audience: the customers matching a tag expression, or else every marketable
   * customer (a purchase before the as-of date, or registered before it), writes its rows of response_scores and its expected outcome into response_plans.
   */
  public JobResult score(LocalDate asOf, PlanOptions options) {
    ClienteleConfig config = context.config();
    Lake lake = context.lake();
    ModelRegistry.Saved saved = ModelRegistry.promoted(lake, MODEL, "clientele response train --as-of DATE");
    PipelineModel model = ModelRegistry.load(saved);
    Response.Plan plan = plan(lake, asOf, options);
    Dataset<Row> features = FeaturesJob.compute(lake, config, asOf);
    Dataset<Row> audience = options.audience() != null ? tagged(lake, asOf, options.audience()) : marketable(lake, features, asOf);
    Dataset<Row> ready = Response.inputs(Response.plannedContacts(audience, features, plan), CustomerFeatures.CUSTOMER_ID);
    Dataset<Row> scored = Response.withExpectedValue(Response.withPropensityBand(
            BinaryTrainer.withScore(model.transform(ready)).withColumn(Response.RESPONSE_PROBABILITY, col(BinaryTrainer.SCORE)),
            bands(config)), plan)
        .withColumn(Response.CAMPAIGN_ID, lit(plan.campaignId()))
        .withColumn("model_version", lit(saved.version()));
    long rows = GoldSlice.write(lake, ModelTables.RESPONSE_SCORES, ModelTables.RESPONSE, scored, asOf,
        Response.CAMPAIGN_ID, plan.campaignId());
    Dataset<Row> written = GoldSlice.read(lake, ModelTables.RESPONSE_SCORES, asOf)
        .where(col(Response.CAMPAIGN_ID).equalTo(plan.campaignId()));
    Dataset<Row> outcome = Response.outcome(written, plan, asOf).withColumn("model_version", lit(saved.version()));
    GoldSlice.write(lake, ModelTables.RESPONSE_PLANS, ModelTables.PLANS, outcome, asOf, Response.CAMPAIGN_ID, plan.campaignId());
    Row o = GoldSlice.read(lake, ModelTables.RESPONSE_PLANS, asOf).where(col(Response.CAMPAIGN_ID).equalTo(plan.campaignId()))
        .first();
    String summary = String.format(Locale.ROOT,
        "campaign %s (%s, offer %s, %.2f per contact, %.2f per response) as of %s: audience %,d, expected responders "
            + "%.1f (%.2f%%), expected return %.2f; contacting only the %,d with positive expected value: %.1f "
            + "responders, return %.2f",
        plan.campaignId(), plan.channel(), plan.offer(), plan.costPerContact(), plan.responseValue(), asOf,
        o.<Long>getAs("audience"), o.<Double>getAs("expected_responders"), 100 * o.<Double>getAs("expected_response_rate"),
        o.<Double>getAs("expected_return"), o.<Long>getAs("targeted"), o.<Double>getAs("targeted_expected_responders"),
        o.<Double>getAs("targeted_expected_return"));
    context.out().println(summary);
    context.out().flush();
    return new JobResult(rows, rows, 0L, String.format("as of %s: %,d customers scored for campaign %s with response model %s",
        asOf, rows, plan.campaignId(), saved.version()));
  }

  /** Every customer with a purchase (a features row) or a sign-up before the as-of date. */
  private static Dataset<Row> marketable(Lake lake, Dataset<Row> features, LocalDate asOf) {
    Dataset<Row> audience = features.select(CustomerFeatures.CUSTOMER_ID);
    if (lake.exists(Tables.CUSTOMERS)) {
      audience = audience.union(lake.read(Tables.CUSTOMERS)
          .where(col("signup_date").lt(lit(Date.valueOf(asOf))).and(col(CustomerFeatures.CUSTOMER_ID).isNotNull()))
          .select(CustomerFeatures.CUSTOMER_ID));
    }
    return audience;
  }

  /**
   * The customers whose tags match the expression in the latest customer_profile slice on or before the as-of
   * date (the pipeline scores before it tags, so that is usually the previous day's profile).
   */
  private static Dataset<Row> tagged(Lake lake, LocalDate asOf, String expression) {
    if (!lake.exists(TagTables.CUSTOMER_PROFILE)) {
      throw new UsageException("Cannot select the audience by tags: " + lake.qualified(TagTables.CUSTOMER_PROFILE)
          + " does not exist (run: clientele tags --as-of DATE)");
    }
    Dataset<Row> profiles = lake.read(TagTables.CUSTOMER_PROFILE);
    Row latest = profiles.where(col(TagTables.AS_OF).leq(lit(Date.valueOf(asOf)))).agg(max(TagTables.AS_OF)).first();
    if (latest.isNullAt(0)) {
      throw new UsageException("Cannot select the audience by tags: customer_profile has no slice on or before "
          + asOf + " (run: clientele tags --as-of DATE)");
    }
    return Audience.select(profiles.where(col(TagTables.AS_OF).equalTo(lit(latest.getDate(0)))), expression, List.of())
        .select(CustomerFeatures.CUSTOMER_ID);
  }

  /**
   * The plan with its defaults: campaign id {@code planned-DATE}, channel and offer the most frequent in the
   * contacts, cost per contact the mean cost of that channel's contacts, response value the mean amount of
   * the answered contacts.
   */
  static Response.Plan plan(Lake lake, LocalDate asOf, PlanOptions options) {
    GoldSlice.requireFeed(lake, JOB, Tables.CAMPAIGN_CONTACTS, "campaigns");
    Dataset<Row> history = lake.read(Tables.CAMPAIGN_CONTACTS).where(col(Response.CONTACT_DATE).lt(lit(Date.valueOf(asOf))));
    String channel = options.channel() != null ? options.channel() : mostFrequent(history, Response.CHANNEL, "--channel");
    String offer = options.offer() != null ? options.offer() : mostFrequent(history, Response.OFFER, "--offer");
    Double cost = options.costPerContact();
    if (cost == null) {
      Row mean = history.where(col(Response.CHANNEL).equalTo(channel)).agg(avg(col(Response.COST).cast("double"))).first();
      if (mean.isNullAt(0)) {
        throw new UsageException("Cannot plan the campaign: no past " + channel + " contact says what one costs; "
            + "give --cost");
      }
      cost = mean.getDouble(0);
    }
    Double value = options.responseValue();
    if (value == null) {
      Row mean = history.where(col("responded").and(col("response_amount").isNotNull()))
          .agg(avg(col("response_amount").cast("double"))).first();
      if (mean.isNullAt(0)) {
        throw new UsageException("Cannot plan the campaign: no past response says what one is worth; give "
            + "--response-value");
      }
      value = mean.getDouble(0);
    }
    String id = options.campaignId() != null ? options.campaignId() : "planned-" + asOf;
    return new Response.Plan(id, channel, offer, cost, value);
  }

  private static String mostFrequent(Dataset<Row> history, String column, String option) {
    List<Row> top = history.where(col(column).isNotNull()).groupBy(column).count()
        .orderBy(col("count").desc(), col(column)).limit(1).collectAsList();
    if (top.isEmpty()) {
      throw new UsageException("Cannot plan the campaign: no past contact to take a default from; give " + option);
    }
    return top.get(0).getString(0);
  }

  static List<Double> bands(ClienteleConfig config) {
    try {
      return config.get(ConfigKeys.RESPONSE_PROPENSITY_BANDS).stream().map(Double::valueOf).collect(Collectors.toList());
    } catch (NumberFormatException e) {
      throw new ConfigException("Invalid value for configuration key '" + ConfigKeys.RESPONSE_PROPENSITY_BANDS.key()
          + "': " + config.get(ConfigKeys.RESPONSE_PROPENSITY_BANDS) + " (expected two numbers)");
    }
  }

}
