package io.clientele.model;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.Imputer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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

  /** Every feature's single-feature AUC, strongest first. Both data sets carry {@link PreparedTable#LABEL}. */
  public static List<FeatureAuc> singleFeatureAucs(Dataset<Row> training, Dataset<Row> heldOut, List<String> numeric,
      List<String> categorical, double warnAt) {
    List<FeatureAuc> result = new ArrayList<>();
    BinaryClassificationEvaluator evaluator = new BinaryClassificationEvaluator().setLabelCol(PreparedTable.LABEL)
        .setRawPredictionCol("_single").setMetricName("areaUnderROC").setNumBins(0);
    if (!numeric.isEmpty()) {
      String[] imputed = numeric.stream().map(n -> n + "__imputed").toArray(String[]::new);
      Dataset<Row> filled = new Imputer().setStrategy("median").setInputCols(numeric.toArray(String[]::new))
          .setOutputCols(imputed).fit(training).transform(heldOut).cache();
      try {
        for (String name : numeric) {
          double auc = evaluator.evaluate(filled.select(col(PreparedTable.LABEL), col(name + "__imputed").as("_single")));
          result.add(feature(name, Math.max(auc, 1 - auc), warnAt));
        }
      } finally {
        filled.unpersist();
      }
    }
    double baseRate = training.agg(avg(PreparedTable.LABEL)).first().getDouble(0);
    for (String name : categorical) {
      Dataset<Row> rates = training.groupBy(name).agg(avg(PreparedTable.LABEL).as("_rate"));
      Dataset<Row> encoded = heldOut.select(col(PreparedTable.LABEL), col(name)).join(rates, name, "left")
          .select(col(PreparedTable.LABEL), functions.coalesce(col("_rate"), lit(baseRate)).as("_single"));
      double auc = evaluator.evaluate(encoded);
      result.add(feature(name, Math.max(auc, 1 - auc), warnAt));
    }
    result.sort(Comparator.comparingDouble(FeatureAuc::auc).reversed().thenComparing(FeatureAuc::feature));
    return result;
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
