package io.clientele.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.UsageException;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The low / medium / high band of a model's probability by two ascending cut-offs (churn risk, response propensity). */
final class ProbabilityBands {
  private ProbabilityBands() {}

  /**
   * Adds {@code bandColumn}: {@code high} at or above the last cut, {@code medium} at or above the first,
   * {@code low} below it; {@code what} names the band in the error for cut-offs that are not two ascending values.
   */
  static Dataset<Row> withBand(Dataset<Row> scored, String probabilityColumn, String bandColumn, List<Double> cuts, String what) {
    if (cuts.size() != 2 || cuts.get(0) >= cuts.get(1)) {
      throw new UsageException("Cannot band " + what + ": expected two ascending cut-offs, got " + cuts);
    }
    Column p = col(probabilityColumn);
    return scored.withColumn(bandColumn, when(p.geq(cuts.get(1)), "high").when(p.geq(cuts.get(0)), "medium").otherwise("low"));
  }
}
