package io.clientele.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.config.ConfFiles;
import io.clientele.config.ConfigKeys;
import io.clientele.ingest.Feed;
import io.clientele.social.Lexicon;
import io.clientele.social.Psychology;
import io.clientele.social.SocialFeatures;
import io.clientele.testing.SparkExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The social transformations recover what the generator hid in its customers: the psychology type behind
 * their texts, who likes to post photos, who influences others. Clean feed, 1,000 customers over a year.
 */
@ExtendWith(SparkExtension.class)
class SocialTruthTest {
  private static final GeneratorSettings SETTINGS =
      GeneratorSettings.builder().customers(1000).days(365).partitions(4).dirtyRate(0).build();
  private static final StructType SCHEMA = new StructType().add("customer_id", DataTypes.StringType)
      .add("action", DataTypes.StringType).add("text", DataTypes.StringType).add("rating", DataTypes.IntegerType)
      .add("reach", DataTypes.IntegerType).add("target_sku", DataTypes.StringType);

  private static Dataset<Row> events;
  private static Map<String, CustomerLife> lives;

  @BeforeAll
  static void generate(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Map<String, String> e : GeneratedLines.records(Feed.SOCIAL, Generator.social(spark, SETTINGS).collectAsList())) {
      rows.add(RowFactory.create(e.get("customer_id"), e.get("action"), e.get("text"),
          e.get("rating") == null ? null : Integer.valueOf(e.get("rating")),
          e.get("reach") == null ? null : Integer.valueOf(e.get("reach")), e.get("target_sku")));
    }
    events = spark.createDataFrame(rows, SCHEMA);
    Simulation simulation = new Simulation(SETTINGS);
    lives = new HashMap<>();
    for (long i = 0; i < SETTINGS.customers(); i++) {
      CustomerLife life = simulation.simulate(i);
      lives.put(life.id, life);
    }
  }

  @Test
  void theDominantTypeIsTheAuthorsMainPsychologyForMostCustomers() {
    Lexicon lexicon = Lexicon.parse(
        ConfFiles.read(ConfigKeys.PSYCHOLOGY_LEXICON, ConfigKeys.PSYCHOLOGY_LEXICON.defaultValue()).content(), "shipped");
    List<Row> typed = Psychology.perCustomer(events.where("text IS NOT NULL").select("customer_id", "text"), lexicon)
        .where("dominant_type IS NOT NULL").collectAsList();

    long right = typed.stream()
        .filter(r -> Texts.TYPES[lives.get(r.getString(0)).psychology].equals(r.getAs("dominant_type"))).count();
    double accuracy = (double) right / typed.size();
    System.out.printf("psychology: %d customers typed, %d (%.3f) get their main type%n", typed.size(), right, accuracy);
    assertThat(typed.size()).isGreaterThan(300);
    assertThat(accuracy).isGreaterThan(0.85);
  }

  @Test
  void photoReviewersAndInfluencersStandOut() {
    List<Row> features = SocialFeatures.perCustomer(events, new SocialFeatures.Settings(2, 0.5, 1.0, 2.0, 0.5))
        .select("customer_id", "is_photo_reviewer", "influence_score").collectAsList();

    long flagged = features.stream().filter(r -> r.getBoolean(1)).count();
    long flaggedRight = features.stream().filter(r -> r.getBoolean(1) && lives.get(r.getString(0)).photoReviewer).count();
    double precision = (double) flaggedRight / flagged;
    double influencerScore = features.stream().filter(r -> lives.get(r.getString(0)).influencer)
        .mapToDouble(r -> r.getDouble(2)).average().orElse(0);
    double otherScore = features.stream().filter(r -> !lives.get(r.getString(0)).influencer)
        .mapToDouble(r -> r.getDouble(2)).average().orElse(0);
    System.out.printf("photo reviewers: %d flagged, precision %.3f; mean influence: influencers %.2f, others %.2f%n",
        flagged, precision, influencerScore, otherScore);
    assertThat(flagged).isPositive();
    assertThat(precision).isGreaterThan(0.8);
    assertThat(influencerScore).isGreaterThan(2 * otherScore);
  }
}
