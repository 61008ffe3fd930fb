package io.clientele.lake;

import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Shaping a transformation's output to the declared schema of the table it goes to. */
public final class Schemas {
  private Schemas() {}

  /** The schema's columns, in order and cast to its types; fails naming every missing column. */
  public static Dataset<Row> conformTo(Dataset<Row> rows, StructType schema, String table) {
    List<String> have = Arrays.asList(rows.columns());
    List<String> missing = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (!have.contains(field.name())) {
        missing.add(field.name());
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException("Cannot write " + table + ": missing columns " + missing);
    }
    return rows.select(Arrays.stream(schema.fields())
        .map(f -> functions.col(f.name()).cast(f.dataType()).as(f.name())).toArray(Column[]::new));
  }

  /** Fails with "Cannot {what}: missing columns [...]" unless every column is there. */
  public static void requireColumns(Dataset<Row> rows, String what, String... columns) {
    List<String> have = Arrays.asList(rows.columns());
    List<String> missing = new ArrayList<>();
    for (String column : columns) {
      if (!have.contains(column)) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException("Cannot " + what + ": missing columns " + missing);
    }
  }
}
