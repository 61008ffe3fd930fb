package io.clientele.ingest;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The lineage columns every silver row keeps after its business columns: its key, file, batch and ingest time. */
final class SilverLineage {
  static final String RECORD_KEY = "_record_key";

  private static final StructType LINEAGE = new StructType()
      .add(RECORD_KEY, StringType, false)
      .add(Bronze.SOURCE_FILE, StringType, false)
      .add(Bronze.BATCH_ID, StringType, false)
      .add(Bronze.INGEST_TS, TimestampType, false);

  private SilverLineage() {}

  /** The business columns followed by the lineage. */
  static StructType with(StructType business) {
    StructType schema = business;
    for (StructField field : LINEAGE.fields()) {
      schema = schema.add(field);
    }
    return schema;
  }
}
