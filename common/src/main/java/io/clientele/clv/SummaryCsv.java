package io.clientele.clv;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A ready summary from a CSV file with a header, for users who bring their own: customer id, x, t_x, T and
 * optionally the mean repeat spend, under any of the usual names (this project's, the papers', lifetimes').
 * A row that is not a valid summary (not a number, negative, x not whole, t_x after T, x = 0 with t_x > 0)
 * stops the fit with the count and the first examples: a model fitted on silently dropped rows would be wrong.
 */
public final class SummaryCsv {
  private SummaryCsv() {}

  static final List<String> ID = List.of("customer_id", "id", "cust", "customer");
  static final List<String> X = List.of("x", "frequency");
  static final List<String> T_X = List.of("t_x", "recency");
  static final List<String> AGE = List.of("T", "age");
  static final List<String> SPEND = List.of("zbar", "mean_repeat_spend", "monetary_value", "spend", "m_x");

  /** customer_id, x, t_x, age, mean_repeat_spend (null when x = 0 or absent). */
  public static Dataset<Row> read(SparkSession spark, String path) {
    Dataset<Row> raw = spark.read().option("header", "true").option("mode", "PERMISSIVE").csv(path);
    List<String> header = List.of(raw.columns());
    String id = find(header, ID, path, true);
    String x = find(header, X, path, true);
    String tx = find(header, T_X, path, true);
    String age = find(header, AGE, path, true);
    String spend = find(header, SPEND, path, false);
    Column xValue = col(quote(x)).cast("double");
    Dataset<Row> typed = raw.select(
        col(quote(id)).cast("string").as(ClvSummary.CUSTOMER_ID),
        xValue.as("x_raw"),
        col(quote(tx)).cast("double").as(ClvSummary.T_X),
        col(quote(age)).cast("double").as(ClvSummary.AGE),
        (spend == null ? lit(null).cast("double") : col(quote(spend)).cast("double")).as("spend_raw"));
    Column problem = when(col(ClvSummary.CUSTOMER_ID).isNull(), lit("no customer id"))
        .when(col("x_raw").isNull().or(col(ClvSummary.T_X).isNull()).or(col(ClvSummary.AGE).isNull()),
            lit("x, t_x or T is not a number"))
        .when(col("x_raw").lt(0).or(col(ClvSummary.T_X).lt(0)).or(col(ClvSummary.AGE).lt(0)), lit("negative value"))
        .when(col("x_raw").notEqual(floor(col("x_raw"))), lit("x is not a whole number"))
        .when(col(ClvSummary.T_X).gt(col(ClvSummary.AGE)), lit("t_x is after T"))
        .when(col("x_raw").equalTo(0).and(col(ClvSummary.T_X).gt(0)), lit("x = 0 but t_x > 0"))
        .when(col("x_raw").gt(0).and(col("spend_raw").isNotNull()).and(col("spend_raw").lt(0)), lit("negative spend"));
    Dataset<Row> checked = typed.withColumn("problem", problem);
    List<Row> bad = checked.where(col("problem").isNotNull()).limit(5).collectAsList();
    if (!bad.isEmpty()) {
      long count = checked.where(col("problem").isNotNull()).count();
      List<String> examples = new ArrayList<>();
      for (Row row : bad) {
        examples.add(String.format(Locale.ROOT, "%s (%s)", row.getAs(ClvSummary.CUSTOMER_ID), row.getAs("problem")));
      }
      throw new UsageException(String.format(Locale.ROOT,
          "%s: %,d rows are not a valid summary, e.g. %s", path, count, String.join(", ", examples)));
    }
    return checked.select(
        col(ClvSummary.CUSTOMER_ID),
        col("x_raw").cast("long").as(ClvSummary.X),
        col(ClvSummary.T_X),
        col(ClvSummary.AGE),
        when(col("x_raw").gt(0), col("spend_raw")).cast(io.clientele.ingest.Money.TYPE).as(ClvSummary.MEAN_SPEND));
  }

  /** The header's column among the accepted names; T and t_x differ only in case, so matching is exact first. */
  private static String find(List<String> header, List<String> names, String path, boolean required) {
    for (String name : names) {
      if (header.contains(name)) {
        return name;
      }
    }
    for (String name : names) {
      if (name.equals("T")) {
        continue;
      }
      for (String column : header) {
        if (column.trim().equalsIgnoreCase(name)) {
          return column;
        }
      }
    }
    if (required) {
      throw new UsageException(String.format(Locale.ROOT,
          "%s has no column for %s (accepted names: %s; header: %s)", path, names.get(0), names, header));
    }
    return null;
  }

  private static String quote(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
