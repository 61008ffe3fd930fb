package io.clientele.traffic;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Literal silver traffic events for traffic tests. */
final class Events {
  static final StructType SCHEMA = new StructType()
      .add("visitor_id", DataTypes.StringType)
      .add("customer_id", DataTypes.StringType)
      .add("session_id", DataTypes.StringType)
      .add("event_ts", DataTypes.TimestampType)
      .add("event_date", DataTypes.DateType)
      .add("channel", DataTypes.StringType)
      .add("store_id", DataTypes.StringType)
      .add("zone", DataTypes.StringType)
      .add("event_type", DataTypes.StringType)
      .add("dwell_seconds", DataTypes.IntegerType)
      .add("device", DataTypes.StringType)
      .add("region", DataTypes.StringType)
      .add("referrer", DataTypes.StringType);

  private final List<Row> rows = new ArrayList<>();

  /** A store event; "2026-06-01 10:00:00" style timestamp, dwell null when none. */
  Events store(String store, String visitor, String customer, String ts, String zone, String type, Integer dwell) {
    return add(visitor, customer, null, ts, "store", store, zone, type, dwell, null, "east", null);
  }

  Events web(String session, String visitor, String customer, String ts, String type, String device, String referrer) {
    return add(visitor, customer, session, ts, "web", null, null, type, null, device, "east", referrer);
  }

  Events add(String visitor, String customer, String session, String ts, String channel, String store, String zone,
      String type, Integer dwell, String device, String region, String referrer) {
    Timestamp t = Timestamp.valueOf(ts);
    rows.add(RowFactory.create(visitor, customer, session, t, Date.valueOf(ts.substring(0, 10)), channel, store, zone,
        type, dwell, device, region, referrer));
    return this;
  }

  Dataset<Row> build(SparkSession spark) {
    return spark.createDataFrame(rows, SCHEMA);
  }
}
