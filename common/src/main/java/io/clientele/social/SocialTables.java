package io.clientele.social;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The gold tables of the social job, each keyed by as_of (and partitioned by it). */
public final class SocialTables {
  private SocialTables() {}

  public static final String SOCIAL_FEATURES = "social_features";
  public static final String CUSTOMER_PSYCHOLOGY = "customer_psychology";
  public static final String AS_OF = "as_of";

  public static final StructType FEATURES = new StructType()
      .add("customer_id", StringType, false)
      .add(AS_OF, DateType, false)
      .add("window_days", IntegerType, false)
      .add(SocialFeatures.SHARES, LongType, false)
      .add(SocialFeatures.LIKES, LongType, false)
      .add(SocialFeatures.COMMENTS, LongType, false)
      .add(SocialFeatures.REVIEWS, LongType, false)
      .add(SocialFeatures.REVIEWS_WITH_PHOTO, LongType, false)
      .add(SocialFeatures.FOLLOWS, LongType, false)
      .add(SocialFeatures.INVITATIONS, LongType, false)
      .add(SocialFeatures.INQUIRIES, LongType, false)
      .add(SocialFeatures.AVERAGE_RATING, DoubleType, true)
      .add(SocialFeatures.PHOTO_REVIEW_SHARE, DoubleType, true)
      .add(SocialFeatures.IS_PHOTO_REVIEWER, BooleanType, false)
      .add(SocialFeatures.SHARE_REACH, LongType, false)
      .add(SocialFeatures.INVITE_REACH, LongType, false)
      .add(SocialFeatures.ENGAGEMENT_RECEIVED, DoubleType, false)
      .add(SocialFeatures.INFLUENCE_SCORE, DoubleType, false);

  public static final StructType PSYCHOLOGY = new StructType()
      .add("customer_id", StringType, false)
      .add(AS_OF, DateType, false)
      .add(Psychology.TEXTS, LongType, false)
      .add(Psychology.TEXTS_WITH_EVIDENCE, LongType, false)
      .add(Psychology.TYPE_TEXTS, DataTypes.createMapType(StringType, LongType), false)
      .add(Psychology.TYPE_EVIDENCE, DataTypes.createMapType(StringType, DoubleType), false)
      .add(Psychology.TOTAL_EVIDENCE, DoubleType, false)
      .add(Psychology.DOMINANT_TYPE, StringType, true)
      .add(Psychology.DOMINANT_SHARE, DoubleType, true);
}
