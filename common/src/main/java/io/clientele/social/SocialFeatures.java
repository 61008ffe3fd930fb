package io.clientele.social;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.lake.Schemas;
import io.clientele.traffic.Rates;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Social features per customer (社交行为): counts of each action, average rating, the photo reviewer flag
 * (喜欢晒图), reach, engagement received and an influence score:
 *
 * <pre>
 *   influence_score = reach_weight      x ln(1 + share_reach + invite_reach)
 *                   + invite_weight     x ln(1 + invitations)
 *                   + engagement_weight x ln(1 + engagement_received)
 * </pre>
 *
 * Reach is the people a share or an invitation reached (the feed's reach; 1 when missing). The feed does not
 * say whose content a like or comment was for, only which SKU, so engagement received is estimated: the likes
 * and comments of other customers on a SKU are split evenly among the customers who reviewed or shared it, and
 * each customer receives their part of every SKU they posted about. Logarithms keep one viral share from
 * outweighing steady activity.
 */
public final class SocialFeatures {
  private SocialFeatures() {}

  public static final String SHARES = "shares";
  public static final String LIKES = "likes";
  public static final String COMMENTS = "comments";
  public static final String REVIEWS = "reviews";
  public static final String REVIEWS_WITH_PHOTO = "reviews_with_photo";
  public static final String FOLLOWS = "follows";
  public static final String INVITATIONS = "invitations";
  public static final String INQUIRIES = "inquiries";
  public static final String AVERAGE_RATING = "average_rating";
  public static final String PHOTO_REVIEW_SHARE = "photo_review_share";
  public static final String IS_PHOTO_REVIEWER = "is_photo_reviewer";
  public static final String SHARE_REACH = "share_reach";
  public static final String INVITE_REACH = "invite_reach";
  public static final String ENGAGEMENT_RECEIVED = "engagement_received";
  public static final String INFLUENCE_SCORE = "influence_score";

  /** Counted actions: column, actions. A review with photos is also a review. */
  private static final Map<String, List<String>> COUNTS = new LinkedHashMap<>();

  static {
    COUNTS.put(SHARES, List.of("share"));
    COUNTS.put(LIKES, List.of("like"));
    COUNTS.put(COMMENTS, List.of("comment"));
    COUNTS.put(REVIEWS, List.of("review", "review_with_photo"));
    COUNTS.put(REVIEWS_WITH_PHOTO, List.of("review_with_photo"));
    COUNTS.put(FOLLOWS, List.of("follow"));
    COUNTS.put(INVITATIONS, List.of("invite"));
    COUNTS.put(INQUIRIES, List.of("inquiry"));
  }

  private static final List<String> POSTS = List.of("review", "review_with_photo", "share");
  private static final List<String> ENGAGEMENT = List.of("like", "comment");

  /** The photo reviewer rule and the influence weights. */
  public static final class Settings implements Serializable {
    final int minPhotoReviews;
    final double minPhotoShare;
    final double reachWeight;
    final double inviteWeight;
    final double engagementWeight;

    public Settings(int minPhotoReviews, double minPhotoShare, double reachWeight, double inviteWeight, double engagementWeight) {
      this.minPhotoReviews = minPhotoReviews;
      this.minPhotoShare = minPhotoShare;
      this.reachWeight = reachWeight;
      this.inviteWeight = inviteWeight;
      this.engagementWeight = engagementWeight;
    }

    public static Settings from(ClienteleConfig config) {
      return new Settings(config.get(ConfigKeys.PHOTO_REVIEWER_MIN_PHOTOS), config.get(ConfigKeys.PHOTO_REVIEWER_MIN_SHARE),
          config.get(ConfigKeys.INFLUENCE_REACH_WEIGHT), config.get(ConfigKeys.INFLUENCE_INVITE_WEIGHT),
          config.get(ConfigKeys.INFLUENCE_ENGAGEMENT_WEIGHT));
    }
  }

  /** Per customer with a social event: the features above. Needs customer_id, action, rating, reach, target_sku. */
  public static Dataset<Row> perCustomer(Dataset<Row> events, Settings settings) {
    Schemas.requireColumns(events, "compute social features", "customer_id", "action", "rating", "reach", "target_sku");
    List<Column> aggregates = new ArrayList<>();
    COUNTS.forEach((column, actions) ->
        aggregates.add(sum(when(col("action").isin(actions.toArray()), 1L).otherwise(0L)).as(column)));
    Column isReview = col("action").isin("review", "review_with_photo");
    aggregates.add(avg(when(isReview, col("rating"))).as(AVERAGE_RATING));
    aggregates.add(sum(when(col("action").equalTo("share"), coalesce(col("reach"), lit(1)))).cast("long").as(SHARE_REACH));
    aggregates.add(sum(when(col("action").equalTo("invite"), coalesce(col("reach"), lit(1)))).cast("long").as(INVITE_REACH));
    Dataset<Row> counted = events.groupBy("customer_id")
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
        .withColumn(SHARE_REACH, coalesce(col(SHARE_REACH), lit(0L)))
        .withColumn(INVITE_REACH, coalesce(col(INVITE_REACH), lit(0L)))
        .withColumn(PHOTO_REVIEW_SHARE, Rates.ratio(col(REVIEWS_WITH_PHOTO), col(REVIEWS)))
        .withColumn(IS_PHOTO_REVIEWER, col(REVIEWS_WITH_PHOTO).geq(settings.minPhotoReviews)
            .and(coalesce(col(PHOTO_REVIEW_SHARE), lit(0.0)).geq(settings.minPhotoShare)));
    return counted.join(engagementReceived(events), "customer_id", "left")
        .withColumn(ENGAGEMENT_RECEIVED, coalesce(col(ENGAGEMENT_RECEIVED), lit(0.0)))
        .withColumn(INFLUENCE_SCORE,
            lit(settings.reachWeight).multiply(log1p(col(SHARE_REACH).plus(col(INVITE_REACH))))
                .plus(lit(settings.inviteWeight).multiply(log1p(col(INVITATIONS))))
                .plus(lit(settings.engagementWeight).multiply(log1p(col(ENGAGEMENT_RECEIVED)))));
  }

  /** customer_id, engagement_received: others' likes and comments on the SKUs they posted, split among posters. */
  static Dataset<Row> engagementReceived(Dataset<Row> events) {
    Dataset<Row> posts = events.where(col("action").isin(POSTS.toArray()).and(col("target_sku").isNotNull()))
        .select("customer_id", "target_sku").distinct();
    Dataset<Row> posters = posts.groupBy("target_sku").agg(count(lit(1)).as("_posters"));
    Dataset<Row> engagement = events.where(col("action").isin(ENGAGEMENT.toArray()).and(col("target_sku").isNotNull()));
    Dataset<Row> perSku = engagement.groupBy("target_sku").agg(count(lit(1)).as("_all"));
    Dataset<Row> own = engagement.groupBy("customer_id", "target_sku").agg(count(lit(1)).as("_own"));
    return posts.join(posters, "target_sku").join(perSku, "target_sku")
        .join(own, io.clientele.traffic.Funnel.seqOf("customer_id", "target_sku"), "left")
        .groupBy("customer_id")
        .agg(sum(col("_all").minus(coalesce(col("_own"), lit(0L))).cast("double").divide(col("_posters")))
            .as(ENGAGEMENT_RECEIVED));
  }
}
