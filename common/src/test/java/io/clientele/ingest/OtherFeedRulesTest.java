package io.clientele.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.config.ClienteleConfig;
import io.clientele.testing.SparkExtension;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class OtherFeedRulesTest {
  private final SparkSession spark;
  private final FeedRules rules = FeedRules.from(ClienteleConfig.defaults());

  OtherFeedRulesTest(SparkSession spark) {
    this.spark = spark;
  }

  private Row conform(Feed feed, String... fields) {
    Map<String, String> record = new HashMap<>();
    for (int i = 0; i < fields.length; i += 2) {
      record.put(fields[i], fields[i + 1]);
    }
    return rules.conform(feed, BronzeRows.of(spark, feed, List.of(record)), Set.of()).collectAsList().get(0);
  }

  @Test
  void everyFeedHasOneSpecWhoseColumnsAreItsSilverSchema() {
    assertThat(FeedRules.SPECS.keySet()).containsExactlyInAnyOrder(Feed.values());
    for (Feed feed : Feed.values()) {
      FeedSpec spec = FeedRules.SPECS.get(feed);
      List<String> business = new java.util.ArrayList<>(Arrays.asList(spec.silverSchema().fieldNames()));
      business.removeAll(List.of(FeedRules.RECORD_KEY, Bronze.SOURCE_FILE, Bronze.BATCH_ID, Bronze.INGEST_TS));
      List<String> typed = new java.util.ArrayList<>(spec.typedColumns(rules).keySet());
      typed.removeAll(feed.personalColumns());
      assertThat(typed).as(feed.cliName()).containsExactlyElementsOf(business);
      spec.dayColumn().ifPresent(day -> assertThat(business).as(feed.cliName()).contains(day));
    }
  }

  @Test
  void theReasonsOfAFeedAreItsChecksInOrderThenDuplicateAndForCustomersSuperseded() {
    assertThat(FeedRules.checkNames(Feed.TRANSACTIONS)).containsExactly("malformed_record", "missing_order_id",
        "missing_customer_id", "invalid_timestamp", "timestamp_before_opening", "timestamp_in_future", "invalid_quantity",
        "non_positive_quantity", "invalid_price", "negative_price", "zero_price", "invalid_discount", "invalid_amount",
        "unknown_status", "unknown_channel", "duplicate");
    assertThat(FeedRules.checkNames(Feed.CUSTOMERS)).containsExactly("malformed_record", "missing_customer_id",
        "unknown_gender", "invalid_birth_date", "invalid_signup_date", "invalid_timestamp", "timestamp_in_future",
        "unknown_member_level", "unknown_marital_status", "duplicate", "superseded");
    assertThat(FeedRules.checkNames(Feed.CAMPAIGNS)).containsExactly("malformed_record", "missing_contact_id",
        "missing_campaign_id", "missing_customer_id", "invalid_timestamp", "timestamp_before_opening",
        "timestamp_in_future", "unknown_channel", "invalid_flag", "invalid_response", "duplicate");
  }

  @Test
  void trafficEventWithoutACustomerIsAnAnonymousVisitorNotAnError() {
    Row row = conform(Feed.TRAFFIC, "event_id", "E1", "visitor_id", "V1", "event_ts", "2026-03-01 10:00:00",
        "channel", "store", "event_type", "Pass By", "dwell_seconds", "0");

    assertThat((String) row.getAs(Check.REJECT_REASON)).isNull();
    assertThat((String) row.getAs("customer_id")).isNull();
    assertThat((String) row.getAs("event_type")).isEqualTo("pass_by");
  }

  @Test
  void trafficEventOfAnUnknownTypeIsRejected() {
    Row row = conform(Feed.TRAFFIC, "visitor_id", "V1", "event_ts", "2026-03-01 10:00:00", "channel", "store",
        "event_type", "teleport");

    assertThat((String) row.getAs(Check.REJECT_REASON)).isEqualTo("unknown_event_type");
  }

  @Test
  void trafficEventWithoutAVisitorIsRejected() {
    Row row = conform(Feed.TRAFFIC, "event_ts", "2026-03-01 10:00:00", "channel", "web", "event_type", "view");

    assertThat((String) row.getAs(Check.REJECT_REASON)).isEqualTo("missing_visitor_id");
  }

  @Test
  void socialRatingOutsideTheScaleIsRejected() {
    Row row = conform(Feed.SOCIAL, "customer_id", "C1", "event_ts", "2026-03-01 10:00:00", "action", "review",
        "rating", "9");

    assertThat((String) row.getAs(Check.REJECT_REASON)).isEqualTo("invalid_rating");
  }

  @Test
  void socialActionOutsideTheListIsRejected() {
    Row row = conform(Feed.SOCIAL, "customer_id", "C1", "event_ts", "2026-03-01 10:00:00", "action", "dance");

    assertThat((String) row.getAs(Check.REJECT_REASON)).isEqualTo("unknown_action");
  }

  @Test
  void genderSpellingsAreStandardised() {
    assertThat((String) conform(Feed.CUSTOMERS, "customer_id", "C1", "gender", "女").getAs("gender")).isEqualTo("female");
    assertThat((String) conform(Feed.CUSTOMERS, "customer_id", "C1", "gender", "Male").getAs("gender")).isEqualTo("male");
    assertThat((String) conform(Feed.CUSTOMERS, "customer_id", "C1").getAs("gender")).isEqualTo("unknown");
    assertThat((String) conform(Feed.CUSTOMERS, "customer_id", "C1", "gender", "xyz").getAs(Check.REJECT_REASON))
        .isEqualTo("unknown_gender");
  }

  @Test
  void customerWithoutMemberLevelIsNotAMember() {
    Row row = conform(Feed.CUSTOMERS, "customer_id", "C1", "gender", "f", "phone", "+86 (138) 0013-8000");

    assertThat((Boolean) row.getAs("is_member")).isFalse();
    assertThat((String) row.getAs("member_level")).isEqualTo("none");
    assertThat((String) row.getAs("phone")).isEqualTo("+8613800138000");
  }

  @Test
  void silverCustomersCarryNoPersonalData() {
    assertThat(Arrays.asList(FeedRules.CUSTOMERS.fieldNames())).doesNotContainAnyElementsOf(FeedRules.PII_COLUMNS);
    assertThat(Arrays.asList(FeedRules.CUSTOMERS_PII.fieldNames())).containsAll(FeedRules.PII_COLUMNS);
  }

  @Test
  void campaignResponseFlagsAreStandardisedAndResponsesBeforeContactRejected() {
    Row ok = conform(Feed.CAMPAIGNS, "contact_id", "K1", "campaign_id", "P1", "customer_id", "C1",
        "contact_date", "2026-03-01", "channel", "App Push", "responded", "Yes", "response_date", "2026-03-04",
        "response_amount", "25.00", "cost", "0.10");
    Row early = conform(Feed.CAMPAIGNS, "contact_id", "K2", "campaign_id", "P1", "customer_id", "C1",
        "contact_date", "2026-03-01", "channel", "sms", "responded", "1", "response_date", "2026-02-20");

    assertThat((String) ok.getAs(Check.REJECT_REASON)).isNull();
    assertThat((String) ok.getAs("channel")).isEqualTo("app_push");
    assertThat((Boolean) ok.getAs("responded")).isTrue();
    assertThat((String) early.getAs(Check.REJECT_REASON)).isEqualTo("invalid_response");
  }

  @Test
  void campaignChannelOutsideTheListIsRejected() {
    Row row = conform(Feed.CAMPAIGNS, "contact_id", "K1", "campaign_id", "P1", "customer_id", "C1",
        "contact_date", "2026-03-01", "channel", "fax", "responded", "no");

    assertThat((String) row.getAs(Check.REJECT_REASON)).isEqualTo("unknown_channel");
  }
}
