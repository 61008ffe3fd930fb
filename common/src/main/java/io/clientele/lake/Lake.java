package io.clientele.lake;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Delta tables of one Clientele database: created once from their declared schema and registered in the
 * metastore, written only through idempotent operations (replace a slice, merge), read by name.
 */
public final class Lake {
  private final SparkSession spark;
  private final String database;

  public Lake(SparkSession spark, String database) {
    this.spark = spark;
    this.database = database;
  }

  public SparkSession spark() {
    return spark;
  }

  public String database() {
    return database;
  }

  /** database.table, quoted for SQL. */
  public String qualified(String table) {
    return "`" + database + "`.`" + table + "`";
  }

  /** Creates the database if it is missing; every job calls this first. */
  public Lake ensureDatabase() {
    spark.sql("CREATE DATABASE IF NOT EXISTS `" + database + "`");
    return this;
  }

  /** Creates the Delta table with its declared schema if it does not exist yet. */
  public void ensureTable(String table, StructType schema, String comment, String... partitionColumns) {
    if (spark.catalog().tableExists(database, table)) {
      return;
    }
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark).tableName(database + "." + table).comment(comment);
    for (StructField field : schema.fields()) {
      builder = builder.addColumn(field);
    }
    if (partitionColumns.length > 0) {
      builder = builder.partitionedBy(partitionColumns);
    }
    builder.execute();
  }

  public boolean exists(String table) {
    return spark.catalog().tableExists(database, table);
  }

  /** The table's current Delta version: the data version gold rows record they were computed from. */
  public long version(String table) {
    return delta(table).history(1).select("version").head().getLong(0);
  }

  public Dataset<Row> read(String table) {
    return spark.table(database + "." + table);
  }

  public DeltaTable delta(String table) {
    return DeltaTable.forName(spark, database + "." + table);
  }

  /**
   * Replaces the rows that match {@code slice} (a SQL predicate) with {@code rows}, atomically: the
   * idempotent write of every job (a rerun replaces its own slice, never appends twice).
   */
  public void replaceSlice(String table, Dataset<Row> rows, String slice) {
    try {
      rows.select(columnsOf(table)).writeTo(database + "." + table).overwrite(org.apache.spark.sql.functions.expr(slice));
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("Cannot write " + qualified(table) + ": table does not exist", e);
    }
  }

  /** Appends rows (only for tables whose rows are keyed so that a rerun cannot add them twice). */
  public void append(String table, Dataset<Row> rows) {
    try {
      rows.select(columnsOf(table)).writeTo(database + "." + table).append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("Cannot write " + qualified(table) + ": table does not exist", e);
    }
  }

  /** The table's columns in order, so that writers never depend on the order a transformation produced. */
  private org.apache.spark.sql.Column[] columnsOf(String table) {
    List<String> names = Arrays.asList(read(table).columns());
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
  }
}
