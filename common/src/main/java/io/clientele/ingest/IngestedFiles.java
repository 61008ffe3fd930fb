package io.clientele.ingest;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * The files each feed has taken, so that a rerun over a folder reads only new files and the same file
 * ingested twice adds nothing. A file is the same file while its path, size and modification time are.
 */
public final class IngestedFiles {
  private IngestedFiles() {}

  public static final String FEED = "feed";
  public static final String MAPPING = "mapping";
  public static final String PATH = "path";
  public static final String SIZE = "size";
  public static final String MODIFIED_AT = "modified_at";
  public static final String BATCH_ID = "batch_id";
  public static final String INGESTED_AT = "ingested_at";

  public static final StructType SCHEMA = new StructType()
      .add(FEED, StringType, false)
      .add(MAPPING, StringType, false)
      .add(PATH, StringType, false)
      .add(SIZE, LongType, false)
      .add(MODIFIED_AT, TimestampType, false)
      .add(BATCH_ID, StringType, false)
      .add(INGESTED_AT, TimestampType, false);
}
