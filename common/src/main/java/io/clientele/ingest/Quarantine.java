package io.clientele.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.clientele.config.UsageException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The quarantine: every rejected record with the reason and where it came from. The record is kept as received,
 * except for a feed with personal columns ({@link Feed#personalColumns()}): there {@code quarantine} keeps the
 * record without them, and {@code quarantine_pii} (same columns, same feed / batch_id / row_id, never served)
 * keeps it whole, so that a data engineer can still fix and replay it.
 */
public final class Quarantine {
  private Quarantine() {}

  public static final String FEED = "feed";
  public static final String REASON = "reason";
  public static final String RECORD = "record";
  public static final String SOURCE_FILE = "source_file";
  public static final String ROW_ID = "row_id";
  public static final String BATCH_ID = "batch_id";
  public static final String INGEST_TS = "ingest_ts";

  /** Conformed rows of a feed with personal columns: the record as received without them. */
  public static final String SHAREABLE_RECORD = "_shareable_record";

  public static final StructType SCHEMA = new StructType()
      .add(FEED, StringType, false)
      .add(REASON, StringType, false)
      .add(RECORD, StringType, true)
      .add(SOURCE_FILE, StringType, false)
      .add(ROW_ID, LongType, false)
      .add(BATCH_ID, StringType, false)
      .add(INGEST_TS, TimestampType, false);

  /**
   * Marked rows with the text as received ({@link Bronze#RECORD}) kept only where there is a reject reason: the
   * quarantine keeps that text, silver does not. What ingest holds between its count, quarantine and silver
   * writes is then the typed columns, the lineage and the rejected rows' text, not a second copy of every
   * record as received (at 90M traffic events that copy outgrew the free disk the cache spilled to).
   */
  public static Dataset<Row> withRecordOfRejectedOnly(Dataset<Row> marked) {
    Dataset<Row> kept = marked.withColumn(Bronze.RECORD, when(col(Check.REJECT_REASON).isNotNull(), col(Bronze.RECORD)));
    return List.of(marked.columns()).contains(SHAREABLE_RECORD)
        ? kept.withColumn(SHAREABLE_RECORD, when(col(Check.REJECT_REASON).isNotNull(), col(SHAREABLE_RECORD)))
        : kept;
  }

  /**
   * The record of a feed with personal columns as JSON of its mapped columns as received, the personal ones left
   * out. Null for a malformed record: its fields cannot be told apart (a stray comma in a name shifts a phone number
   * into the next column), so only quarantine_pii keeps it.
   *
   * @param raw the mapped columns as text, in one struct
   */
  static Column recordWithoutPersonalData(Feed feed, Column raw, Column isMalformed) {
    List<Column> shareable = feed.mappedColumns().stream().filter(c -> !feed.personalColumns().contains(c))
        .map(c -> raw.getField(c).as(c)).collect(Collectors.toList());
    return when(not(isMalformed), to_json(struct(shareable.toArray(Column[]::new))));
  }

  /** Conformed rows with a reject reason -> quarantine rows (for a feed with personal columns, without them). */
  public static Dataset<Row> fromRejected(Dataset<Row> rejected, Feed feed) {
    return select(rejected, feed, feed.personalColumns().isEmpty() ? col(Bronze.RECORD) : col(SHAREABLE_RECORD));
  }

  /** Conformed rows of a feed with personal columns with a reject reason -> quarantine_pii rows: the record whole. */
  public static Dataset<Row> personalFromRejected(Dataset<Row> rejected, Feed feed) {
    if (feed.personalColumns().isEmpty()) {
      throw new UsageException("Cannot keep personal data of feed " + feed.cliName() + ": it has no personal columns");
    }
    return select(rejected, feed, col(Bronze.RECORD));
  }

  private static Dataset<Row> select(Dataset<Row> rejected, Feed feed, Column record) {
    return rejected.select(
        lit(feed.cliName()).as(FEED),
        col(Check.REJECT_REASON).as(REASON),
        record.as(RECORD),
        col(Bronze.SOURCE_FILE).as(SOURCE_FILE),
        col(Bronze.ROW_ID).as(ROW_ID),
        col(Bronze.BATCH_ID).as(BATCH_ID),
        col(Bronze.INGEST_TS).as(INGEST_TS));
  }
}
