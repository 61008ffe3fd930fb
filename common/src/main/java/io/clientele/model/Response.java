package io.clientele.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.UsageException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Marketing response (营销响应预测): the chance that a contacted customer answers a campaign. One row per
 * contact: the customer's features as of the contact date (nothing on or after it), what the contact was
 * (channel, offer, cost), and the label: a response within the campaign window. The split is by time: the
 * model learns from contacts whose answers were all known before the evaluation contacts were made.
 */
public final class Response {
  private Response() {}

  public static final String CAMPAIGN_ID = "campaign_id";
  public static final String CONTACT_DATE = "contact_date";
  public static final String CHANNEL = "channel";
  public static final String OFFER = "offer";
  public static final String COST = "cost";
  /** 1.0 when the customer had bought before the contact (else the purchase features are imputed). */
  public static final String HAS_PURCHASED = "has_purchased";
  public static final String RESPONSE_PROBABILITY = "response_probability";
  public static final String PROPENSITY_BAND = "propensity_band";
  public static final String EXPECTED_VALUE = "expected_value";

  /** The numeric model inputs: every customer feature, whether the customer had bought, the contact's cost. */
  public static final List<String> NUMERIC;
  /** The categorical model inputs: the customer's top category, the contact's channel and offer. */
  public static final List<String> CATEGORICAL = List.of(CustomerFeatures.TOP_CATEGORY, CHANNEL, OFFER);

  static {
    List<String> numeric = new ArrayList<>(CustomerFeatures.NUMERIC);
    numeric.add(HAS_PURCHASED);
    numeric.add(COST);
    NUMERIC = List.copyOf(numeric);
  }

  /** The time split of {@code response train --as-of D}. */
  public record Split(LocalDate trainingLast, LocalDate evaluationFirst, LocalDate evaluationLast) {}

  /**
   * The contacts usable at as-of D are those whose window closed before D: contact date at most D - window.
   * The evaluation takes the last {@code evaluationDays} of them; the training those whose window closed before
   * the first evaluation contact, so no training label comes from the evaluation period.
   */
  public static Split split(LocalDate asOf, int windowDays, int evaluationDays) {
    if (windowDays < 0 || evaluationDays < 1) {
      throw new UsageException("Cannot split contacts: window " + windowDays + " and evaluation " + evaluationDays
          + " days (expected >= 0 and >= 1)");
    }
    LocalDate evaluationLast = asOf.minusDays(windowDays + 1L);
    LocalDate evaluationFirst = evaluationLast.minusDays(evaluationDays - 1L);
    LocalDate trainingLast = evaluationFirst.minusDays(windowDays + 1L);
    return new Split(trainingLast, evaluationFirst, evaluationLast);
  }

  /**
   * Adds {@link PreparedTable#LABEL}: 1.0 when the contact was answered within {@code windowDays} days of the
   * contact date (a response dated later, or before the contact, does not count), else 0.0.
   */
  public static Dataset<Row> withLabel(Dataset<Row> contacts, int windowDays) {
    CustomerFeatures.requireColumns(contacts, "campaign_contacts", CustomerFeatures.CUSTOMER_ID, CONTACT_DATE,
        "responded", "response_date");
    Column days = datediff(col("response_date"), col(CONTACT_DATE));
    return contacts.withColumn(PreparedTable.LABEL,
        when(col("responded").and(days.between(0, windowDays)), 1.0).otherwise(0.0));
  }

  /**
   * The model rows: each contact beside its customer's features as of the contact date ({@code featuresAt}:
   * one row per customer and contact date, from {@link CustomerFeatures#computeAt}), with {@link #HAS_PURCHASED};
   * a customer who had not bought yet keeps the contact but has null purchase features (imputed by the model).
   */
  public static Dataset<Row> modelRows(Dataset<Row> contacts, Dataset<Row> featuresAt) {
    Dataset<Row> features = featuresAt.withColumn(HAS_PURCHASED, lit(1.0));
    return contacts.join(features, scala.collection.JavaConverters.asScalaBuffer(
            List.of(CustomerFeatures.CUSTOMER_ID, CONTACT_DATE)).toSeq(), "left")
        .withColumn(HAS_PURCHASED, coalesce(col(HAS_PURCHASED), lit(0.0)));
  }

  /** Selects and types the model's input columns: the carried ones, the label, numerics as double, categories non-null. */
  public static Dataset<Row> inputs(Dataset<Row> rows, String... carried) {
    List<Column> columns = new ArrayList<>();
    for (String name : carried) {
      columns.add(col(name));
    }
    columns.add(col(PreparedTable.LABEL));
    NUMERIC.forEach(n -> columns.add(col(n).cast("double").as(n)));
    CATEGORICAL.forEach(n -> columns.add(coalesce(col(n).cast("string"), lit(PreparedTable.BLANK)).as(n)));
    return rows.select(columns.toArray(Column[]::new));
  }

  /**
   * Adds {@link #PROPENSITY_BAND}: {@code high} at or above the last cut, {@code medium} at or above the first,
   * {@code low} below (cuts ascending, on calibrated probabilities).
   */
  public static Dataset<Row> withPropensityBand(Dataset<Row> scored, List<Double> cuts) {
    return ProbabilityBands.withBand(scored, RESPONSE_PROBABILITY, PROPENSITY_BAND, cuts, "propensities");
  }

  /** What a planned campaign is: its name, channel, offer, cost per contact and the value of one response. */
  public record Plan(String campaignId, String channel, String offer, double costPerContact, double responseValue) {
    public Plan {
      if (costPerContact < 0 || responseValue < 0) {
        throw new UsageException("Cannot plan campaign " + campaignId + ": cost per contact " + costPerContact
            + " and response value " + responseValue + " must not be negative");
      }
    }
  }

  /** The audience's rows ready to score: features as of the date, with the planned contact's channel, offer and cost. */
  public static Dataset<Row> plannedContacts(Dataset<Row> audience, Dataset<Row> featuresAsOf, Plan plan) {
    Dataset<Row> features = featuresAsOf.withColumn(HAS_PURCHASED, lit(1.0));
    return audience.select(CustomerFeatures.CUSTOMER_ID).distinct()
        .join(features, scala.collection.JavaConverters.asScalaBuffer(List.of(CustomerFeatures.CUSTOMER_ID)).toSeq(), "left")
        .withColumn(HAS_PURCHASED, coalesce(col(HAS_PURCHASED), lit(0.0)))
        .withColumn(CAMPAIGN_ID, lit(plan.campaignId()))
        .withColumn(CHANNEL, lit(plan.channel()))
        .withColumn(OFFER, lit(plan.offer()))
        .withColumn(COST, lit(plan.costPerContact()))
        .withColumn(PreparedTable.LABEL, lit(0.0));
  }

  /** Adds {@link #EXPECTED_VALUE}: probability x response value - cost per contact, the return of contacting one. */
  public static Dataset<Row> withExpectedValue(Dataset<Row> scored, Plan plan) {
    return scored.withColumn(EXPECTED_VALUE,
        col(RESPONSE_PROBABILITY).multiply(plan.responseValue()).minus(plan.costPerContact()));
  }

  /**
   * The campaign's expected outcome over the scored audience, and over the part worth contacting (expected
   * value above zero): audience, expected responders, expected revenue, cost and expected return for each.
   */
  public static Dataset<Row> outcome(Dataset<Row> scored, Plan plan, LocalDate asOf) {
    Column worth = col(EXPECTED_VALUE).gt(0);
    return scored.agg(
            count(lit(1)).as("audience"),
            coalesce(sum(col(RESPONSE_PROBABILITY)), lit(0.0)).as("expected_responders"),
            coalesce(avg(col(RESPONSE_PROBABILITY)), lit(0.0)).as("expected_response_rate"),
            count(when(worth, 1)).as("targeted"),
            coalesce(sum(when(worth, col(RESPONSE_PROBABILITY))), lit(0.0)).as("targeted_expected_responders"))
        .withColumn("as_of", lit(Date.valueOf(asOf)))
        .withColumn(CAMPAIGN_ID, lit(plan.campaignId()))
        .withColumn(CHANNEL, lit(plan.channel()))
        .withColumn(OFFER, lit(plan.offer()))
        .withColumn("cost_per_contact", lit(plan.costPerContact()))
        .withColumn("response_value", lit(plan.responseValue()))
        .withColumn("expected_revenue", col("expected_responders").multiply(plan.responseValue()))
        .withColumn("cost", col("audience").multiply(plan.costPerContact()))
        .withColumn("expected_return", col("expected_revenue").minus(col("cost")))
        .withColumn("targeted_expected_return", col("targeted_expected_responders").multiply(plan.responseValue())
            .minus(col("targeted").multiply(plan.costPerContact())));
  }
}
