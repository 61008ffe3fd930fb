package io.clientele.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Duplicates among valid records go to quarantine too, never silently away: within a batch the first copy
 * (by file and row) is kept; a record whose key is already in silver from an earlier batch is a duplicate of
 * it. For upserted feeds (customers), of several versions of one entity in a batch the latest is kept and
 * the others are superseded.
 */
public final class Dedup {
  private Dedup() {}

  private static final String RANK = "_rank";
  private static final String SEEN = "_seen_before";
  private static final String STORED_ENTITY = "_stored_entity";
  private static final String STORED_VERSION = "_stored_version";

  /**
   * Marks {@code _reject_reason = duplicate} on valid rows whose {@code _record_key} repeats in the batch or
   * appears in {@code earlierKeys} (a one-column Dataset of {@code _record_key} from other batches).
   */
  public static Dataset<Row> markDuplicates(Dataset<Row> conformed, Dataset<Row> earlierKeys) {
    WindowSpec byKey = Window.partitionBy(FeedRules.RECORD_KEY).orderBy(validFirst(), col(Bronze.SOURCE_FILE), col(Bronze.ROW_ID));
    Dataset<Row> seen = earlierKeys.select(col(FeedRules.RECORD_KEY)).distinct().withColumn(SEEN, lit(true));
    Dataset<Row> ranked = conformed
        .withColumn(RANK, when(valid(), row_number().over(byKey)))
        .join(seen, conformed.col(FeedRules.RECORD_KEY).equalTo(seen.col(FeedRules.RECORD_KEY)), "left")
        .drop(seen.col(FeedRules.RECORD_KEY));
    Column duplicate = valid().and(col(RANK).gt(1).or(col(SEEN).isNotNull()));
    return ranked
        .withColumn(Check.REJECT_REASON, when(duplicate, lit(FeedRules.DUPLICATE)).otherwise(col(Check.REJECT_REASON)))
        .drop(RANK, SEEN);
  }

  /**
   * Marks {@code superseded} on every valid version of an entity that is not the latest: older than another
   * version in the batch, or than the version already in silver ({@code current}: entity and version columns
   * of the rows from other batches).
   */
  public static Dataset<Row> markSuperseded(
      Dataset<Row> records, Dataset<Row> current, String entityColumn, String versionColumn) {
    WindowSpec latestFirst = Window.partitionBy(col(entityColumn))
        .orderBy(validFirst(), col(versionColumn).desc_nulls_last(), col(Bronze.SOURCE_FILE).desc(), col(Bronze.ROW_ID).desc());
    Dataset<Row> stored = current.select(col(entityColumn).as(STORED_ENTITY), col(versionColumn).as(STORED_VERSION));
    Column olderThanStored = col(STORED_VERSION).isNotNull()
        .and(col(versionColumn).isNull().or(col(versionColumn).lt(col(STORED_VERSION))));
    return records
        .join(stored, col(entityColumn).equalTo(col(STORED_ENTITY)), "left")
        .withColumn(RANK, when(valid(), row_number().over(latestFirst)))
        .withColumn(Check.REJECT_REASON,
            when(valid().and(col(RANK).gt(1).or(olderThanStored)), lit(FeedRules.SUPERSEDED))
                .otherwise(col(Check.REJECT_REASON)))
        .drop(RANK, STORED_ENTITY, STORED_VERSION);
  }

  /** Rejected rows share the window but must never outrank a valid one. */
  private static Column validFirst() {
    return when(valid(), lit(0)).otherwise(lit(1));
  }

  private static Column valid() {
    return col(Check.REJECT_REASON).isNull();
  }
}
