package io.clientele.jobs;

import static org.apache.spark.sql.functions.lit;

import io.clientele.lake.Lake;
import io.clientele.lake.Schemas;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Gold tables keyed by as_of: created from their schema, partitioned by as_of, written one slice at a time. */
final class GoldSlices {
  static final String AS_OF = "as_of";

  private GoldSlices() {}

  /** Replaces the as-of slice of the table with the rows; returns the rows now in the slice. */
  static long write(Lake lake, String table, StructType schema, Dataset<Row> rows, LocalDate asOf) {
    lake.ensureTable(table, schema, "Gold, keyed by as_of: see README", AS_OF);
    Dataset<Row> slice = Schemas.conformTo(rows.withColumn(AS_OF, lit(Date.valueOf(asOf))), schema, table);
    String predicate = AS_OF + " = DATE'" + asOf + "'";
    lake.replaceSlice(table, slice, predicate);
    return lake.read(table).where(predicate).count();
  }

  /** Fails with a message naming the missing table and the command that fills it. */
  static void require(Lake lake, String job, String table, String feed) {
    if (!lake.exists(table)) {
      throw new IllegalArgumentException("Cannot compute " + job + ": table " + lake.qualified(table)
          + " does not exist (run: clientele ingest " + feed + " PATH)");
    }
  }
}
