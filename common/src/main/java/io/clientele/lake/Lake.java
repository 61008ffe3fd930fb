package io.clientele.lake;

import io.clientele.config.UsageException;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * The Delta tables of one Clientele database: created once from their declared schema and registered in the
 * metastore, written only through idempotent operations (replace a slice, merge), read by name.
 */
public final class Lake {
  private final SparkSession spark;
  private final String database;

  /** A database name (catalog.database): quoted into the few SQL statements the lake runs, so checked first. */
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  public Lake(SparkSession spark, String database) {
    if (!DATABASE.matcher(database).matches()) {
      throw new UsageException("Cannot use database '" + database + "' (catalog.database): the name must be "
          + "letters, digits or '_', not starting with a digit, at most 128 characters");
    }
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
    return quoted(database) + "." + quoted(table);
  }

  /** An identifier quoted for SQL: in backticks, a backtick in it doubled, so that it stays one name. */
  public static String quoted(String identifier) {
    return "`" + identifier.replace("`", "``") + "`";
  }

  /**
   * Text as a Spark SQL string literal, for the statements that take no Column (a column's COMMENT): in single
   * quotes, with each backslash and quote escaped by a backslash, which is how Spark reads them back. Doubling a quote
   * is not an escape in Spark SQL ('a''b' is two literals), and a lone backslash would escape the closing quote.
   */
  public static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Creates the database if it is missing; every job calls this first. Asks the catalog first, so that the common
   * case (it exists) is one metastore call rather than a SQL command to parse, analyse and plan.
   */
  public Lake ensureDatabase() {
    if (!spark.catalog().databaseExists(database)) {
      spark.sql("CREATE DATABASE IF NOT EXISTS " + quoted(database));
    }
    return this;
  }

  /**
   * Creates the Delta table with its declared schema if it does not exist yet. Synchronized: steps of one pipeline
   * run at once share this lake, and two of them may create the same table (model_runs) in the same moment.
   */
  public synchronized void ensureTable(String table, StructType schema, String comment, String... partitionColumns) {
    ensureTable(table, schema, comment, Map.of(), partitionColumns);
  }

  /** Creates the Delta table with its declared schema and these Delta properties if it does not exist yet. */
  public synchronized void ensureTable(
      String table, StructType schema, String comment, Map<String, String> properties, String... partitionColumns) {
    if (spark.catalog().tableExists(database, table)) {
      return;
    }
    DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark).tableName(database + "." + table).comment(comment);
    for (StructField field : schema.fields()) {
      builder = builder.addColumn(field);
    }
    for (Map.Entry<String, String> property : properties.entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    if (partitionColumns.length > 0) {
      builder = builder.partitionedBy(partitionColumns);
    }
    builder.execute();
  }

  /** A Delta property of the table, null when it is not set. */
  public String property(String table, String key) {
    scala.Option<String> value = log(table).update(false, Option.empty(), Option.empty()).metadata().configuration().get(key);
    return value.isDefined() ? value.get() : null;
  }

  /** Sets a Delta property of the table (key and value are Clientele's own, never user text). */
  public void setProperty(String table, String key, String value) {
    if (!key.matches("[A-Za-z0-9_.]+") || !value.matches("[A-Za-z0-9_.,]*")) {
      throw new UsageException("Cannot set property '" + key + "' of " + qualified(table) + ": unexpected characters");
    }
    spark.sql("ALTER TABLE " + qualified(table) + " SET TBLPROPERTIES ('" + key + "' = '" + value + "')");
  }

  /** Adds a nullable column to an existing table that lacks it (a table created before the column was declared). */
  public void addColumnIfMissing(String table, StructField column) {
    if (Arrays.asList(read(table).columns()).contains(column.name())) {
      return;
    }
    addColumn(table, column);
  }

  /**
   * Adds to an existing table the columns of its declared schema that it lacks: a table written by an earlier
   * release gains the nullable columns declared since (its older rows hold null there). A missing column that is
   * not nullable cannot be added to rows already written: that is an error naming it.
   */
  public synchronized void addMissingColumns(String table, StructType schema) {
    List<String> present = Arrays.asList(read(table).columns());
    for (StructField column : schema.fields()) {
      if (present.contains(column.name())) {
        continue;
      }
      if (!column.nullable()) {
        throw new IllegalStateException("Cannot write " + qualified(table) + ": it lacks column " + column.name()
            + ", which is declared non-null and so cannot be added to the rows it holds (recreate the table)");
      }
      addColumn(table, column);
    }
  }

  private void addColumn(String table, StructField column) {
    if (!column.name().matches("[a-z_]+")) {
      throw new UsageException("Cannot add column '" + column.name() + "' to " + qualified(table) + ": unexpected characters");
    }
    spark.sql("ALTER TABLE " + qualified(table) + " ADD COLUMNS (`" + column.name() + "` " + column.dataType().sql() + ")");
  }

  public boolean exists(String table) {
    return spark.catalog().tableExists(database, table);
  }

  /**
   * The table's current Delta version: the data version gold rows record they were computed from. Read from the
   * table's log on the driver (a listing of its log folder), not through {@code DeltaTable.history}, which reads the
   * commit files in a Spark job.
   */
  public long version(String table) {
    return log(table).update(false, Option.empty(), Option.empty()).version();
  }

  /**
   * The bytes of every file under the table's folder (0 for a table that does not exist): its current version's and
   * older ones' not yet vacuumed, so at least what the table holds. One metastore call for the folder and one
   * file-system summary of it, on the driver: no Delta snapshot is loaded, no Spark job runs.
   */
  public long bytesOnDisk(String table) {
    try {
      Path location = new Path(spark.sessionState().catalog()
          .getTableMetadata(new TableIdentifier(table, Option.apply(database))).location());
      return location.getFileSystem(spark.sessionState().newHadoopConf()).getContentSummary(location).getLength();
    } catch (NoSuchTableException | NoSuchDatabaseException e) {
      return 0L;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot measure table " + qualified(table), e);
    }
  }

  /** The bytes on disk of the silver tables ({@link Tables#SILVER}) that exist. */
  public long silverBytes() {
    long bytes = 0;
    for (String table : Tables.SILVER) {
      bytes += bytesOnDisk(table);
    }
    return bytes;
  }

  /**
   * The operation metrics Delta recorded in the commit of {@code version} (such as {@code numOutputRows}), read from
   * that one commit file on the driver; empty when the commit has none or the version no longer has a commit file.
   */
  public Map<String, String> commitMetrics(String table, long version) {
    DeltaLog log = log(table);
    scala.collection.Iterator<scala.Tuple2<Object, scala.collection.Seq<Action>>> changes = log.getChanges(version, false);
    if (!changes.hasNext()) {
      return Map.of();
    }
    scala.Tuple2<Object, scala.collection.Seq<Action>> first = changes.next();
    if ((Long) first._1() != version) {
      return Map.of();
    }
    scala.collection.Iterator<Action> actions = first._2().iterator();
    while (actions.hasNext()) {
      Action action = actions.next();
      if (action instanceof CommitInfo && ((CommitInfo) action).operationMetrics().isDefined()) {
        return JavaConverters.mapAsJavaMap(((CommitInfo) action).operationMetrics().get());
      }
    }
    return Map.of();
  }

  private DeltaLog log(String table) {
    return DeltaLog.forTable(spark, new TableIdentifier(table, Option.apply(database)));
  }

  public Dataset<Row> read(String table) {
    return spark.table(database + "." + table);
  }

  public DeltaTable delta(String table) {
    return DeltaTable.forName(spark, database + "." + table);
  }

  /**
   * Replaces the rows that match {@code slice} with {@code rows}, atomically: the idempotent write of every job (a
   * rerun replaces its own slice, never appends twice). The slice is a Column, such as
   * {@code col("as_of").equalTo(lit(date)).and(col("campaign_id").equalTo(lit(id)))}: a value is a literal of the
   * expression tree and can never become SQL, as it could when quoted into predicate text.
   */
  public void replaceSlice(String table, Dataset<Row> rows, Column slice) {
    try {
      rows.select(columnsOf(table)).writeTo(database + "." + table).overwrite(slice);
    } catch (NoSuchTableException e) {
      throw new IllegalStateException("Cannot write " + qualified(table) + ": table does not exist", e);
    }
  }

  /**
   * As {@link #replaceSlice(String, Dataset, Column)} with the slice as SQL predicate text. Only for text built by
   * code from constants and generated ids (ingestion's batch ids, hex digests); never for text that holds anything a
   * user typed or a file held: use the Column form.
   */
  public void replaceSlice(String table, Dataset<Row> rows, String slice) {
    replaceSlice(table, rows, org.apache.spark.sql.functions.expr(slice));
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
