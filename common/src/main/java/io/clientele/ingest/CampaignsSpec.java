package io.clientele.ingest;

import static io.clientele.ingest.FeedRules.raw;
import static io.clientele.ingest.FeedRules.unparsed;
import static io.clientele.ingest.Parse.code;
import static io.clientele.ingest.Parse.decimal;
import static io.clientele.ingest.Parse.flag;
import static io.clientele.ingest.Parse.text;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/** Campaign contacts: who was contacted when, by which channel and offer, at what cost, and whether they responded. */
final class CampaignsSpec extends FeedSpec {
  static final StructType SILVER = SilverLineage.with(new StructType()
      .add("contact_id", StringType, false)
      .add("campaign_id", StringType, false)
      .add("customer_id", StringType, false)
      .add("contact_date", DateType, false)
      .add("channel", StringType, false)
      .add("offer", StringType, true)
      .add("cost", Money.TYPE, true)
      .add("responded", BooleanType, false)
      .add("response_date", DateType, true)
      .add("response_amount", Money.TYPE, true));

  CampaignsSpec() {
    super(SILVER, Optional.of("contact_date"));
  }

  @Override
  Map<String, Column> typedColumns(FeedRules rules) {
    return FeedRules.named(
        text(raw("contact_id")).as("contact_id"),
        text(raw("campaign_id")).as("campaign_id"),
        text(raw("customer_id")).as("customer_id"),
        rules.day("contact_date").as("contact_date"),
        code(raw("channel")).as("channel"),
        text(raw("offer")).as("offer"),
        decimal(raw("cost")).as("cost"),
        flag(raw("responded")).as("responded"),
        rules.day("response_date").as("response_date"),
        decimal(raw("response_amount")).as("response_amount"));
  }

  @Override
  List<Check> checks(FeedRules rules) {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("missing_contact_id", col("contact_id").isNull()));
    checks.add(new Check("missing_campaign_id", col("campaign_id").isNull()));
    checks.add(new Check("missing_customer_id", col("customer_id").isNull()));
    checks.add(new Check(FeedRules.INVALID_TIMESTAMP, col("contact_date").isNull()));
    checks.add(new Check(FeedRules.BEFORE_OPENING, col("contact_date").lt(lit(Date.valueOf(rules.shopOpened())))));
    checks.add(new Check(FeedRules.IN_FUTURE, col("contact_date").gt(to_date(rules.future()))));
    checks.add(new Check("unknown_channel", FeedRules.notIn("channel", Feed.CONTACT_CHANNELS)));
    checks.add(new Check("invalid_flag", col("responded").isNull()));
    checks.add(new Check("invalid_response", unparsed("response_date", "response_date")
        .or(col("response_date").lt(col("contact_date")))
        .or(unparsed("response_amount", "response_amount")).or(col("response_amount").lt(0))
        .or(unparsed("cost", "cost")).or(col("cost").lt(0))));
    return checks;
  }
}
