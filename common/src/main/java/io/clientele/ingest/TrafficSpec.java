package io.clientele.ingest;

import static io.clientele.ingest.FeedRules.raw;
import static io.clientele.ingest.FeedRules.unparsed;
import static io.clientele.ingest.Parse.code;
import static io.clientele.ingest.Parse.integer;
import static io.clientele.ingest.Parse.text;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/** Visitor events in stores (zones, floors) and on the web site: the store flow line and the web funnel. */
final class TrafficSpec extends FeedSpec {
  static final StructType SILVER = SilverLineage.with(new StructType()
      .add("event_id", StringType, true)
      .add("visitor_id", StringType, false)
      .add("customer_id", StringType, true)
      .add("session_id", StringType, true)
      .add("event_ts", TimestampType, false)
      .add("event_date", DateType, false)
      .add("channel", StringType, false)
      .add("store_id", StringType, true)
      .add("zone", StringType, true)
      .add("floor", IntegerType, true)
      .add("event_type", StringType, false)
      .add("dwell_seconds", IntegerType, true)
      .add("device", StringType, true)
      .add("region", StringType, true)
      .add("referrer", StringType, true));

  TrafficSpec() {
    super(SILVER, Optional.of("event_date"));
  }

  @Override
  Map<String, Column> typedColumns(FeedRules rules) {
    return FeedRules.named(
        text(raw("event_id")).as("event_id"),
        text(raw("visitor_id")).as("visitor_id"),
        text(raw("customer_id")).as("customer_id"),
        text(raw("session_id")).as("session_id"),
        rules.ts("event_ts").as("event_ts"),
        to_date(rules.ts("event_ts")).as("event_date"),
        code(raw("channel")).as("channel"),
        text(raw("store_id")).as("store_id"),
        text(raw("zone")).as("zone"),
        integer(raw("floor")).as("floor"),
        code(raw("event_type")).as("event_type"),
        integer(raw("dwell_seconds")).as("dwell_seconds"),
        code(raw("device")).as("device"),
        text(raw("region")).as("region"),
        text(raw("referrer")).as("referrer"));
  }

  @Override
  List<Check> checks(FeedRules rules) {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("missing_visitor_id", col("visitor_id").isNull()));
    rules.addTimeChecks(checks, "event_ts");
    checks.add(new Check("unknown_event_type", FeedRules.notIn("event_type", Feed.TRAFFIC_EVENT_TYPES)));
    checks.add(new Check("unknown_channel", FeedRules.notIn("channel", Feed.TRAFFIC_CHANNELS)));
    checks.add(new Check("invalid_number", unparsed("floor", "floor").or(unparsed("dwell_seconds", "dwell_seconds"))));
    checks.add(new Check("negative_dwell", col("dwell_seconds").lt(0)));
    return checks;
  }
}
