package io.clientele.jobs;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StructField;

/**
 * A table's rows and a checksum of their content, for "a rerun changes nothing": two runs that write the same
 * number of rows but different values differ here, where a row count would not. Every column counts except the
 * ones named as volatile (when a row was written, run ids, model versions); doubles are rounded to 9 decimals.
 * The checksum is a sum of row hashes, so row order does not matter.
 */
final class TableChecksum {
  private TableChecksum() {}

  /** {@code rows/checksum} of the rows of {@code table} matching {@code where} ("true" for all). */
  static String of(SparkSession spark, String table, String where, Set<String> volatileColumns) {
    String columns = Arrays.stream(spark.table(table).schema().fields())
        .filter(f -> !volatileColumns.contains(f.name()))
        .map(TableChecksum::comparable).collect(Collectors.joining(", "));
    Row row = spark.sql("SELECT count(*), sum(xxhash64(to_json(struct(" + columns + ")))) FROM " + table + " WHERE " + where)
        .first();
    return row.getLong(0) + "/" + row.get(1);
  }

  static String of(SparkSession spark, String table, String where) {
    return of(spark, table, where, Set.of());
  }

  private static String comparable(StructField field) {
    return field.dataType() instanceof DoubleType || field.dataType() instanceof FloatType
        ? "round(`" + field.name() + "`, 9) AS `" + field.name() + "`"
        : "`" + field.name() + "`";
  }
}
