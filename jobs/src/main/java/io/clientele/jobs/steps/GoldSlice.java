package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clientele.config.UsageException;
import io.clientele.lake.Lake;
import io.clientele.lake.Schemas;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** The write of every gold job: a table keyed and partitioned by as_of, whose as_of slice a run replaces. */
public final class GoldSlice {
  static final String AS_OF = "as_of";

  private GoldSlice() {}

  /** Creates the table if needed, replaces the as_of slice with the rows, and returns the slice's row count. */
  public static long write(Lake lake, String table, StructType schema, Dataset<Row> rows, LocalDate asOf) {
    return replace(lake, table, schema, rows, asOf, predicate(asOf));
  }

  /**
   * As {@link #write(Lake, String, StructType, Dataset, LocalDate)} for a table holding several slices per
   * as_of told apart by one more column (such as the campaign of response_scores): only the rows of that
   * as_of and value are replaced.
   */
  public static long write(Lake lake, String table, StructType schema, Dataset<Row> rows, LocalDate asOf, String column,
      String value) {
    return replace(lake, table, schema, rows, asOf, predicate(asOf).and(col(column).equalTo(lit(value))));
  }

  /**
   * Replaces the rows matching the predicate and returns their count: the rows the write's own commit says it
   * wrote (no second pass), or, when another commit came in between, a count.
   */
  private static long replace(Lake lake, String table, StructType schema, Dataset<Row> rows, LocalDate asOf, Column predicate) {
    lake.ensureTable(table, schema, "Gold, keyed by as_of: see README", AS_OF);
    lake.addMissingColumns(table, schema);
    Dataset<Row> slice = Schemas.conformTo(rows.withColumn(AS_OF, lit(Date.valueOf(asOf))), schema, table);
    long before = lake.version(table);
    lake.replaceSlice(table, slice, predicate);
    long written = writtenRows(lake, table, before);
    return written >= 0 ? written : lake.read(table).where(predicate).count();
  }

  /**
   * The rows the commit after version {@code before} wrote (its {@code numOutputRows} metric), read from the
   * table's log without a pass over the data; -1 when that commit is not the latest or has no such metric.
   */
  static long writtenRows(Lake lake, String table, long before) {
    if (lake.version(table) != before + 1) {
      return -1;
    }
    String written = lake.commitMetrics(table, before + 1).get("numOutputRows");
    return written == null ? -1 : Long.parseLong(written);
  }

  /** The predicate of the slice, a Column: values are literals of the expression, never SQL text. */
  static Column predicate(LocalDate asOf) {
    return col(AS_OF).equalTo(lit(Date.valueOf(asOf)));
  }

  /** Fails with the command to run when a silver table the job reads has never been ingested. */
  static void requireFeed(Lake lake, String job, String table, String feed) {
    if (!lake.exists(table)) {
      throw new UsageException("Cannot compute " + job + ": table " + lake.qualified(table)
          + " does not exist (run: clientele ingest " + feed + " PATH)");
    }
  }

  /** The rows of a table's slice. */
  static Dataset<Row> read(Lake lake, String table, LocalDate asOf) {
    return lake.read(table).where(predicate(asOf));
  }
}
