package io.clientele.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.SparkExtension;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class SocialFeaturesTest {
  private static final SocialFeatures.Settings SETTINGS = new SocialFeatures.Settings(2, 0.5, 1.0, 2.0, 0.5);
  private final SparkSession spark;

  SocialFeaturesTest(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * P posts two photo reviews and a plain one of sku1, shares sku1 (reach 99) and invites twice (reach 3 and
   * none); Q reviews sku1 once without photos, likes sku1 twice and comments on sku2; R likes sku1 and sku2.
   */
  private Dataset<Row> events() {
    return spark.sql("SELECT * FROM VALUES "
        + "('P', 'review_with_photo', 5, NULL, 'sku1'), ('P', 'review_with_photo', 4, NULL, 'sku1'), "
        + "('P', 'review', 3, NULL, 'sku1'), ('P', 'share', NULL, 99, 'sku1'), ('P', 'invite', NULL, 3, NULL), "
        + "('P', 'invite', NULL, NULL, NULL), ('P', 'inquiry', NULL, NULL, 'sku2'), ('P', 'follow', NULL, NULL, NULL), "
        + "('Q', 'review', 2, NULL, 'sku1'), ('Q', 'like', NULL, NULL, 'sku1'), ('Q', 'like', NULL, NULL, 'sku1'), "
        + "('Q', 'comment', NULL, NULL, 'sku2'), "
        + "('R', 'like', NULL, NULL, 'sku1'), ('R', 'like', NULL, NULL, 'sku2') "
        + "AS t(customer_id, action, rating, reach, target_sku)");
  }

  private static Map<String, List<Object>> byCustomer(Dataset<Row> rows, String... columns) {
    return rows.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("customer_id"),
        r -> Arrays.stream(columns).map(c -> (Object) r.getAs(c)).collect(Collectors.toList())));
  }

  @Test
  void countsEveryActionAndAReviewWithPhotosIsAlsoAReview() {
    Map<String, List<Object>> counts = byCustomer(SocialFeatures.perCustomer(events(), SETTINGS),
        "shares", "likes", "comments", "reviews", "reviews_with_photo", "follows", "invitations", "inquiries",
        "average_rating", "photo_review_share", "is_photo_reviewer", "share_reach", "invite_reach");

    assertThat(counts.get("P")).containsExactly(1L, 0L, 0L, 3L, 2L, 1L, 2L, 1L, 4.0, 2.0 / 3, true, 99L, 4L);
    assertThat(counts.get("Q")).containsExactly(0L, 2L, 1L, 1L, 0L, 0L, 0L, 0L, 2.0, 0.0, false, 0L, 0L);
    assertThat(counts.get("R")).containsExactly(0L, 2L, 0L, 0L, 0L, 0L, 0L, 0L, null, null, false, 0L, 0L);
  }

  @Test
  void influenceAddsLogReachInvitationsAndEngagementReceived() {
    Map<String, List<Object>> influence = byCustomer(SocialFeatures.perCustomer(events(), SETTINGS),
        "engagement_received", "influence_score");

    // sku1 has 3 likes, P and Q posted about it: P receives 3 / 2; Q receives (3 - 2 of its own) / 2.
    assertThat(influence.get("P").get(0)).isEqualTo(1.5);
    assertThat(influence.get("Q").get(0)).isEqualTo(0.5);
    assertThat((Double) influence.get("P").get(1))
        .isCloseTo(Math.log1p(99 + 4) + 2.0 * Math.log1p(2) + 0.5 * Math.log1p(1.5), within(1e-12));
    assertThat((Double) influence.get("R").get(1)).isEqualTo(0.0);
  }
}
