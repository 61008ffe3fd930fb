package io.clientele.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** The quarantine: every rejected record, as received, with the reason and where it came from. */
public final class Quarantine {
  private Quarantine() {}

  public static final String FEED = "feed";
  public static final String REASON = "reason";
  public static final String RECORD = "record";
  public static final String SOURCE_FILE = "source_file";
  public static final String ROW_ID = "row_id";
  public static final String BATCH_ID = "batch_id";
  public static final String INGEST_TS = "ingest_ts";

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
    return marked.withColumn(Bronze.RECORD, when(col(Check.REJECT_REASON).isNotNull(), col(Bronze.RECORD)));
  }

  /** Conformed rows with a reject reason -> quarantine rows. */
  public static Dataset<Row> fromRejected(Dataset<Row> rejected, Feed feed) {
    return rejected.select(
        lit(feed.cliName()).as(FEED),
        col(Check.REJECT_REASON).as(REASON),
        col(Bronze.RECORD).as(RECORD),
        col(Bronze.SOURCE_FILE).as(SOURCE_FILE),
        col(Bronze.ROW_ID).as(ROW_ID),
        col(Bronze.BATCH_ID).as(BATCH_ID),
        col(Bronze.INGEST_TS).as(INGEST_TS));
  }
}
