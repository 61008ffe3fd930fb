package io.clientele.tag;

import io.clientele.config.SafeExpression;
import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;

/** Selecting customers by a tag expression over the wide profile (precision marketing, docs/domain.md §7). */
public final class Audience {
  private Audience() {}

  /**
   * The customers of a profile slice for whom {@code expression} (Spark SQL over the tag columns, e.g.
   * {@code rfm_segment = 'important_retain' AND churn_risk = 'high'}) is true, with customer_id and the
   * {@code columns} asked for. A bad expression or column is an {@link IllegalArgumentException}, and so is an
   * expression {@link SafeExpression} refuses (a subquery, reflection, a function that is not built in).
   */
  public static Dataset<Row> select(Dataset<Row> profile, String expression, List<String> columns) {
    Column condition;
    try {
      condition = SafeExpression.column(profile.sparkSession(), expression);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Cannot select an audience with '" + expression + "': " + e.getMessage(), e);
    }
    DataType type;
    try {
      type = profile.select(condition).schema().fields()[0].dataType();
    } catch (Exception e) {
      throw new UsageException("Cannot select an audience with '" + expression + "': " + firstLine(e.getMessage())
          + " (the columns are the tag ids of customer_profile)", e);
    }
    if (!(type instanceof BooleanType)) {
      throw new UsageException("Cannot select an audience with '" + expression + "': it is " + type.simpleString()
          + ", not a condition (true or false)");
    }
    List<Column> output = new ArrayList<>();
    output.add(profile.col(TagEvaluation.CUSTOMER_ID));
    for (String column : columns) {
      if (!List.of(profile.columns()).contains(column)) {
        throw new UsageException("Cannot output column '" + column + "': customer_profile has no such tag");
      }
      output.add(profile.col(column));
    }
    return profile.where(condition).select(output.toArray(new Column[0]));
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.strip().split("\n", 2)[0];
  }
}
