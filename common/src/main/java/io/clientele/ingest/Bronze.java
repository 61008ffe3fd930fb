package io.clientele.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bronze: every record read, as received, with lineage. The native columns hold the mapped text (nothing
 * parsed yet), {@code _record} the whole source record (the raw line for a malformed one), so that nothing is
 * lost and every later decision can be traced to a file and a batch.
 */
public final class Bronze {
  private Bronze() {}

  public static final String RECORD = "_record";
  public static final String IS_MALFORMED = "_is_malformed";
  public static final String SOURCE_FILE = "_source_file";
  public static final String ROW_ID = "_row_id";
  public static final String BATCH_ID = "_batch_id";
  public static final String INGEST_TS = "_ingest_ts";
  /** Spark's column for lines the CSV or JSON reader could not parse. */
  public static final String CORRUPT_RECORD = "_corrupt_record";

  public static final List<String> LINEAGE = List.of(RECORD, IS_MALFORMED, SOURCE_FILE, ROW_ID, BATCH_ID, INGEST_TS);

  /** The bronze table of a feed: its native columns as text, then the lineage columns. */
  public static StructType schema(Feed feed) {
    StructType schema = new StructType();
    for (String column : feed.mappedColumns()) {
      schema = schema.add(column, DataTypes.StringType, true);
    }
    return schema
        .add(RECORD, DataTypes.StringType, true)
        .add(IS_MALFORMED, DataTypes.BooleanType, false)
        .add(SOURCE_FILE, DataTypes.StringType, false)
        .add(ROW_ID, DataTypes.LongType, false)
        .add(BATCH_ID, DataTypes.StringType, false)
        .add(INGEST_TS, DataTypes.TimestampType, false);
  }

  /**
   * Source rows (with {@code _source_file}, {@code _row_id} and, for CSV and JSON, {@code _corrupt_record})
   * to bronze rows: each native column is the mapping's expression as text. Source columns the expressions read
   * that the rows lack (a file whose header lacks them, rejected whole by the job) read as null, so that what the
   * file does hold is kept; {@code _record} is the columns it has.
   */
  public static Dataset<Row> fromSource(Dataset<Row> source, IngestMapping mapping, String batchId, Timestamp ingestTs) {
    List<String> sourceColumns = Arrays.stream(source.columns())
        .filter(c -> !c.equals(SOURCE_FILE) && !c.equals(ROW_ID) && !c.equals(CORRUPT_RECORD))
        .collect(Collectors.toList());
    boolean hasCorrupt = Arrays.asList(source.columns()).contains(CORRUPT_RECORD);
    Column asReceived = mapping.format().equals("text") && sourceColumns.equals(List.of("value"))
        ? col("value")
        : to_json(struct(sourceColumns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new)));
    Column malformed = hasCorrupt ? col(CORRUPT_RECORD).isNotNull() : lit(false);
    Dataset<Row> complete = source;
    for (String missing : mapping.missingColumns(sourceColumns)) {
      complete = complete.withColumn(missing, lit(null).cast(DataTypes.StringType));
    }

    List<Column> columns = new ArrayList<>();
    for (Map.Entry<String, String> entry : mapping.columns().entrySet()) {
      columns.add(expr(entry.getValue()).cast(DataTypes.StringType).as(entry.getKey()));
    }
    columns.add((hasCorrupt ? org.apache.spark.sql.functions.coalesce(col(CORRUPT_RECORD), asReceived) : asReceived).as(RECORD));
    columns.add(malformed.as(IS_MALFORMED));
    columns.add(col(SOURCE_FILE));
    columns.add(col(ROW_ID));
    columns.add(lit(batchId).as(BATCH_ID));
    columns.add(lit(ingestTs).as(INGEST_TS));
    return complete.select(columns.toArray(Column[]::new));
  }
}
