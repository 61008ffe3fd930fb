package io.clientele.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * The leak guard: how well each feature alone separates the classes on the held-out rows. A feature that
 * alone reaches the configured AUC is usually information from after the outcome (a call's duration, a
 * cancellation date), so it is named in a warning. Numeric features score by their value (median-imputed
 * on the training rows) in whichever direction separates better; categorical ones by their category's positive
 * rate on the training rows (an unseen category gets the training base rate).
 */
public final class LeakGuard {
  private LeakGuard() {}

  /** One feature's AUC alone, and whether it reaches the warning level. */
  public record FeatureAuc(String feature, double auc, boolean suspicious) {}

  /**
   * Every feature's single-feature AUC, strongest first. Both data sets carry {@link PreparedTable#LABEL}. All
   * features are scored in one pass over the held-out rows: each feature's AUC is the Mann-Whitney statistic
   * (the share of positive-negative pairs the score orders right, ties counting half), which is the area under
   * the exact ROC curve.
   */
  public static List<FeatureAuc> singleFeatureAucs(Dataset<Row> training, Dataset<Row> heldOut, List<String> numeric,
      List<String> categorical, double warnAt) {
    List<String> features = new ArrayList<>();
    List<Column> scores = new ArrayList<>();
    Dataset<Row> scored = heldOut;
    if (!numeric.isEmpty()) {
      String[] imputed = numeric.stream().map(n -> n + "__imputed").toArray(String[]::new);
      scored = new Imputer().setStrategy("median").setInputCols(numeric.toArray(String[]::new))
          .setOutputCols(imputed).fit(training).transform(heldOut);
      for (String name : numeric) {
        features.add(name);
        scores.add(col(name + "__imputed").cast("double"));
      }
    }
    if (!categorical.isEmpty()) {
      Map<String, Map<String, Double>> rates = categoryRates(training, categorical);
      double baseRate = training.agg(avg(PreparedTable.LABEL)).first().getDouble(0);
      for (String name : categorical) {
        List<Column> entries = new ArrayList<>();
        rates.getOrDefault(name, Map.of()).forEach((category, rate) -> {
          entries.add(lit(category));
          entries.add(lit(rate));
        });
        Column rate = entries.isEmpty() ? lit(null).cast("double")
            : functions.element_at(functions.map(entries.toArray(Column[]::new)), col(name).cast("string"));
        features.add(name);
        scores.add(functions.coalesce(rate, lit(baseRate)));
      }
    }
    List<FeatureAuc> result = new ArrayList<>();
    if (features.isEmpty()) {
      return result;
    }
    Map<String, Double> aucs = aucs(scored, features, scores);
    for (String name : features) {
      double auc = aucs.getOrDefault(name, Double.NaN);
      result.add(feature(name, Math.max(auc, 1 - auc), warnAt));
    }
    result.sort(Comparator.comparingDouble(FeatureAuc::auc).reversed().thenComparing(FeatureAuc::feature));
    return result;
  }

  /** Per categorical column, each category's positive rate on the training rows, in one pass. */
  private static Map<String, Map<String, Double>> categoryRates(Dataset<Row> training, List<String> categorical) {
    StringBuilder stack = new StringBuilder("stack(").append(categorical.size());
    for (int i = 0; i < categorical.size(); i++) {
      stack.append(", '").append(i).append("', CAST(`").append(categorical.get(i).replace("`", "``")).append("` AS STRING)");
    }
    stack.append(") AS (_feature, _category)");
    Map<String, Map<String, Double>> rates = new HashMap<>();
    for (Row row : training.select(col(PreparedTable.LABEL), functions.expr(stack.toString()))
        .where(col("_category").isNotNull())
        .groupBy("_feature", "_category").agg(avg(PreparedTable.LABEL)).collectAsList()) {
      rates.computeIfAbsent(categorical.get(Integer.parseInt(row.getString(0))), k -> new HashMap<>())
          .put(row.getString(1), row.getDouble(2));
    }
    return rates;
  }

  /**
   * Each score's ROC AUC against the label, in one pass: per feature and distinct score, the positives and
   * negatives; a positive beats the negatives of lower scores and ties half of those with its score.
   */
  private static Map<String, Double> aucs(Dataset<Row> scored, List<String> features, List<Column> scores) {
    List<Column> stacked = new ArrayList<>();
    for (int i = 0; i < features.size(); i++) {
      stacked.add(functions.struct(lit(i).as("_feature"), scores.get(i).as("_score")));
    }
    Dataset<Row> byFeature = scored.select(col(PreparedTable.LABEL).cast("double").as("_label"),
            functions.explode(functions.array(stacked.toArray(Column[]::new))).as("_s"))
        .select(col("_s._feature").as("_feature"), col("_s._score").as("_score"), col("_label"));
    Dataset<Row> counts = byFeature.groupBy("_feature", "_score").agg(
        functions.sum(col("_label")).as("_pos"), functions.sum(lit(1.0).minus(col("_label"))).as("_neg"));
    WindowSpec below = Window.partitionBy("_feature").orderBy(col("_score").asc_nulls_first())
        .rowsBetween(Window.unboundedPreceding(), -1);
    Dataset<Row> perFeature = counts
        .withColumn("_neg_below", functions.coalesce(functions.sum("_neg").over(below), lit(0.0)))
        .groupBy("_feature").agg(
            functions.sum(col("_pos").multiply(col("_neg_below").plus(col("_neg").multiply(0.5)))).as("_pairs_won"),
            functions.sum("_pos").as("_pos"), functions.sum("_neg").as("_neg"));
    Map<String, Double> aucs = new HashMap<>();
    for (Row row : perFeature.collectAsList()) {
      double pairs = row.getDouble(2) * row.getDouble(3);
      aucs.put(features.get(row.getInt(0)), pairs > 0 ? row.getDouble(1) / pairs : Double.NaN);
    }
    return aucs;
  }

  private static FeatureAuc feature(String name, double auc, double warnAt) {
    return new FeatureAuc(name, auc, auc >= warnAt);
  }

  /** The guard's report: one line per feature, then one WARNING line per suspicious feature. */
  public static String toText(List<FeatureAuc> aucs, double warnAt) {
    StringBuilder text = new StringBuilder("leak guard: single-feature ROC AUC on the held-out rows (warns at ")
        .append(String.format(Locale.ROOT, "%.2f", warnAt)).append(")\n");
    for (FeatureAuc f : aucs) {
      text.append(String.format(Locale.ROOT, "  %-28s %.4f%n", f.feature(), f.auc()));
    }
    for (FeatureAuc f : aucs) {
      if (f.suspicious()) {
        text.append(String.format(Locale.ROOT,
            "WARNING: feature '%s' alone reaches ROC AUC %.4f >= %.2f: is it known before the outcome? (exclude it with --exclude)%n",
            f.feature(), f.auc(), warnAt));
      }
    }
    return text.toString();
  }
}
