package io.clientele.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Literal bronze rows for tests: the native fields given, the rest null, lineage filled in. */
final class BronzeRows {
  static final Timestamp INGEST_TS = Timestamp.valueOf("2026-07-01 12:00:00");

  private BronzeRows() {}

  static Dataset<Row> of(SparkSession spark, Feed feed, List<Map<String, String>> records) {
    List<Row> rows = new ArrayList<>();
    long rowId = 0;
    for (Map<String, String> record : records) {
      List<Object> values = new ArrayList<>();
      for (String column : feed.mappedColumns()) {
        values.add(record.get(column));
      }
      boolean malformed = record.containsKey("_malformed");
      values.add(malformed ? record.get("_malformed") : record.toString());
      values.add(malformed);
      values.add("file:/landing/" + feed.cliName() + ".csv");
      values.add(rowId++);
      values.add("batch-1");
      values.add(INGEST_TS);
      rows.add(RowFactory.create(values.toArray()));
    }
    return spark.createDataFrame(rows, Bronze.schema(feed));
  }
}
