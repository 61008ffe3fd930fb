package io.clientele.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.UsageException;
import io.clientele.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Bucketizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The honest report of a binary model on rows it never saw: ROC AUC and PR AUC from the probabilities, the
 * base rate, lift, capture and calibration by decile of the score (decile 1 = the highest scores), and the
 * confusion matrix at the decision threshold. Deciles come from approximate quantiles of the score, applied
 * as a bucketing (no global sort); rows with equal scores share a decile, so deciles may differ in size.
 */
public final class Evaluation {
  public static final int DECILES = 10;
  private static final double QUANTILE_ERROR = 0.001;

  /** One decile: rows, positives, mean score, observed rate, lift over the base rate, cumulative capture. */
  public record Decile(int decile, long rows, long positives, double meanScore, double rate, double lift, double capture) {}

  private final long rows;
  private final long positives;
  private final double rocAuc;
  private final double prAuc;
  private final double threshold;
  private final long truePositives;
  private final long falsePositives;
  private final long trueNegatives;
  private final long falseNegatives;
  private final List<Decile> deciles;

  private Evaluation(long rows, long positives, double rocAuc, double prAuc, double threshold, long tp, long fp, long tn,
      long fn, List<Decile> deciles) {
    this.rows = rows;
    this.positives = positives;
    this.rocAuc = rocAuc;
    this.prAuc = prAuc;
    this.threshold = threshold;
    this.truePositives = tp;
    this.falsePositives = fp;
    this.trueNegatives = tn;
    this.falseNegatives = fn;
    this.deciles = List.copyOf(deciles);
  }

  /** Evaluates scored rows with {@code labelColumn} (0/1) and {@code scoreColumn} (probability of 1). */
  public static Evaluation of(Dataset<Row> scored, String labelColumn, String scoreColumn, double threshold) {
    Dataset<Row> rows = scored.select(col(labelColumn).cast("double").as("_label"), col(scoreColumn).cast("double").as("_score"))
        .cache();
    try {
      Row totals = rows.agg(count(lit(1)), sum("_label"),
          sum(when(col("_score").geq(threshold).and(col("_label").equalTo(1.0)), 1).otherwise(0)),
          sum(when(col("_score").geq(threshold).and(col("_label").equalTo(0.0)), 1).otherwise(0)),
          sum(when(col("_score").lt(threshold).and(col("_label").equalTo(0.0)), 1).otherwise(0)),
          sum(when(col("_score").lt(threshold).and(col("_label").equalTo(1.0)), 1).otherwise(0))).first();
      long n = totals.getLong(0);
      long p = n == 0 ? 0 : (long) totals.getDouble(1);
      if (n == 0 || p == 0 || p == n) {
        throw new UsageException("Cannot evaluate: the evaluation rows hold only one class (" + p + " positive of " + n + ")");
      }
      BinaryClassificationEvaluator evaluator = new BinaryClassificationEvaluator().setLabelCol("_label")
          .setRawPredictionCol("_score").setNumBins(0);
      double roc = evaluator.setMetricName("areaUnderROC").evaluate(rows);
      double pr = evaluator.setMetricName("areaUnderPR").evaluate(rows);
      return new Evaluation(n, p, roc, pr, threshold, totals.getLong(2), totals.getLong(3), totals.getLong(4),
          totals.getLong(5), deciles(rows, n, p));
    } finally {
      rows.unpersist();
    }
  }

  /**
   * Standard error of an ROC AUC (Hanley and McNeil 1982, "The meaning and use of the area under a ROC curve",
   * Radiology 143: 29-36, their equation 2): sqrt((A(1 - A) + (P - 1)(Q1 - A^2) + (N - 1)(Q2 - A^2)) / (P N)) with
   * Q1 = A / (2 - A) and Q2 = 2 A^2 / (1 + A), for P positive and N negative rows.
   */
  public static double aucStandardError(double auc, long positives, long negatives) {
    if (positives < 1 || negatives < 1) {
      throw new UsageException("Cannot compute an AUC's standard error: " + positives + " positive and "
          + negatives + " negative rows (at least one of each needed)");
    }
    double q1 = auc / (2 - auc);
    double q2 = 2 * auc * auc / (1 + auc);
    double squared = auc * auc;
    double variance = (auc * (1 - auc) + (positives - 1) * (q1 - squared) + (negatives - 1) * (q2 - squared))
        / ((double) positives * negatives);
    return Math.sqrt(variance);
  }

  /** The lower bound of the two-sided 95% confidence interval of an ROC AUC: A - 1.96 x its standard error. */
  public static double aucLowerBound95(double auc, long positives, long negatives) {
    return auc - 1.959963984540054 * aucStandardError(auc, positives, negatives);
  }

  private static List<Decile> deciles(Dataset<Row> rows, long n, long p) {
    double[] probabilities = new double[DECILES - 1];
    for (int i = 1; i < DECILES; i++) {
      probabilities[i - 1] = (double) i / DECILES;
    }
    double[] cuts = rows.stat().approxQuantile("_score", probabilities, QUANTILE_ERROR);
    // Bucketing the negated score makes each bucket (-c_upper, -c_lower] in score terms, i.e. a score on a
    // cut-off falls to the lower decile (as RFM scores do), and bucket 0 holds the highest scores.
    List<Double> splits = new ArrayList<>();
    splits.add(Double.NEGATIVE_INFINITY);
    for (int i = cuts.length - 1; i >= 0; i--) {
      if (-cuts[i] > splits.get(splits.size() - 1)) {
        splits.add(-cuts[i]);
      }
    }
    splits.add(Double.POSITIVE_INFINITY);
    Dataset<Row> bucketed = new Bucketizer().setInputCol("_negated").setOutputCol("_bucket")
        .setSplits(splits.stream().mapToDouble(Double::doubleValue).toArray())
        .transform(rows.withColumn("_negated", col("_score").multiply(-1.0)));
    List<Row> grouped = bucketed.groupBy("_bucket").agg(count(lit(1)), sum("_label"), avg("_score"))
        .orderBy(col("_bucket")).collectAsList();
    double baseRate = (double) p / n;
    List<Decile> result = new ArrayList<>();
    long captured = 0;
    int decile = 0;
    for (Row row : grouped) {
      decile++;
      long size = row.getLong(1);
      long pos = (long) row.getDouble(2);
      captured += pos;
      double rate = (double) pos / size;
      result.add(new Decile(decile, size, pos, row.getDouble(3), rate, rate / baseRate, (double) captured / p));
    }
    return result;
  }

  public long rows() {
    return rows;
  }

  public long positives() {
    return positives;
  }

  public double baseRate() {
    return (double) positives / rows;
  }

  public double rocAuc() {
    return rocAuc;
  }

  public double prAuc() {
    return prAuc;
  }

  public List<Decile> deciles() {
    return deciles;
  }

  public long truePositives() {
    return truePositives;
  }

  public long falsePositives() {
    return falsePositives;
  }

  public long trueNegatives() {
    return trueNegatives;
  }

  public long falseNegatives() {
    return falseNegatives;
  }

  /** Lift of the top decile: its positive rate over the base rate. */
  public double topDecileLift() {
    return deciles.isEmpty() ? Double.NaN : deciles.get(0).lift();
  }

  /** The report, one fact per line; the AUC line reads {@code roc_auc=<value>}. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "rows=%d positives=%d base_rate=%.4f%n", rows, positives, baseRate()));
    text.append(String.format(Locale.ROOT, "roc_auc=%.4f%n", rocAuc));
    text.append(String.format(Locale.ROOT, "pr_auc=%.4f%n", prAuc));
    double precision = truePositives + falsePositives == 0 ? Double.NaN : (double) truePositives / (truePositives + falsePositives);
    double recall = (double) truePositives / positives;
    text.append(String.format(Locale.ROOT,
        "confusion at threshold %.2f: tp=%d fp=%d tn=%d fn=%d precision=%.4f recall=%.4f accuracy=%.4f%n", threshold,
        truePositives, falsePositives, trueNegatives, falseNegatives, precision, recall,
        (double) (truePositives + trueNegatives) / rows));
    text.append("decile  rows  positives  mean_score  rate  lift  capture\n");
    for (Decile d : deciles) {
      text.append(String.format(Locale.ROOT, "%6d %5d %10d %11.4f %5.3f %5.2f %8.3f%n", d.decile(), d.rows(),
          d.positives(), d.meanScore(), d.rate(), d.lift(), d.capture()));
    }
    return text.toString();
  }

  /** The same as JSON, for model_runs and the file saved beside the model. */
  public String toJson() {
    List<Object> rowsByDecile = new ArrayList<>();
    for (Decile d : deciles) {
      rowsByDecile.add(Json.object("decile", d.decile(), "rows", d.rows(), "positives", d.positives(), "mean_score",
          d.meanScore(), "rate", d.rate(), "lift", d.lift(), "capture", d.capture()));
    }
    return Json.write(Json.object("rows", rows, "positives", positives, "base_rate", baseRate(), "roc_auc", rocAuc,
        "pr_auc", prAuc, "threshold", threshold, "confusion", Json.object("tp", truePositives, "fp", falsePositives, "tn",
            trueNegatives, "fn", falseNegatives), "deciles", rowsByDecile));
  }

}
