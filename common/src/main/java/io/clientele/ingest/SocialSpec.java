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

/** Social actions of customers: shares, likes, comments, reviews (with a text and a rating), follows, invitations. */
final class SocialSpec extends FeedSpec {
  static final StructType SILVER = SilverLineage.with(new StructType()
      .add("event_id", StringType, true)
      .add("customer_id", StringType, false)
      .add("event_ts", TimestampType, false)
      .add("event_date", DateType, false)
      .add("platform", StringType, true)
      .add("action", StringType, false)
      .add("text", StringType, true)
      .add("rating", IntegerType, true)
      .add("target_sku", StringType, true)
      .add("reach", IntegerType, true));

  SocialSpec() {
    super(SILVER, Optional.of("event_date"));
  }

  @Override
  Map<String, Column> typedColumns(FeedRules rules) {
    return FeedRules.named(
        text(raw("event_id")).as("event_id"),
        text(raw("customer_id")).as("customer_id"),
        rules.ts("event_ts").as("event_ts"),
        to_date(rules.ts("event_ts")).as("event_date"),
        code(raw("platform")).as("platform"),
        code(raw("action")).as("action"),
        text(raw("text")).as("text"),
        integer(raw("rating")).as("rating"),
        text(raw("target_sku")).as("target_sku"),
        integer(raw("reach")).as("reach"));
  }

  @Override
  List<Check> checks(FeedRules rules) {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("missing_customer_id", col("customer_id").isNull()));
    rules.addTimeChecks(checks, "event_ts");
    checks.add(new Check("unknown_action", FeedRules.notIn("action", Feed.SOCIAL_ACTIONS)));
    checks.add(new Check("invalid_rating", unparsed("rating", "rating")
        .or(col("rating").lt(1)).or(col("rating").gt(rules.maxRating()))));
    checks.add(new Check("invalid_number", unparsed("reach", "reach").or(col("reach").lt(0))));
    return checks;
  }
}
