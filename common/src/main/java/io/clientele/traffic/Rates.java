package io.clientele.traffic;

import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Rates over counts. */
public final class Rates {
  private Rates() {}

  /** numerator / denominator, null when the denominator is zero or null (a rate of nothing is unknown, not 0). */
  public static Column ratio(Column numerator, Column denominator) {
    return when(denominator.gt(0), numerator.cast("double").divide(denominator.cast("double")));
  }
}
