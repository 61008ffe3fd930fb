package io.clientele.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.config.ConfFiles;
import io.clientele.config.ConfigKeys;
import io.clientele.testing.SparkExtension;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The eight types recognised with the shipped lexicon (conf/psychology-lexicon.txt). */
@ExtendWith(SparkExtension.class)
class PsychologyTest {
  private static final Lexicon SHIPPED = Lexicon.parse(
      ConfFiles.read(ConfigKeys.PSYCHOLOGY_LEXICON, ConfigKeys.PSYCHOLOGY_LEXICON.defaultValue()).content(), "shipped");
  private final SparkSession spark;

  PsychologyTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> texts(String... customerAndText) {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("text", DataTypes.StringType);
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < customerAndText.length; i += 2) {
      rows.add(RowFactory.create(customerAndText[i], customerAndText[i + 1]));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static Map<String, Double> typesOf(Dataset<Row> evidence, String customer) {
    return evidence.where(evidence.col("customer_id").equalTo(customer)).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(1), r -> r.getDouble(2)));
  }

  @Test
  void theShippedLexiconKnowsTheEightTypesInBothLanguages() {
    assertThat(SHIPPED.types())
        .containsExactly("practical", "beauty", "brand", "speed", "bargain", "conformity", "habit", "safety");
    for (String type : SHIPPED.types()) {
      assertThat(SHIPPED.entries()).filteredOn(e -> e.type().equals(type)).extracting(Lexicon.Entry::language)
          .as(type).contains("zh", "en");
    }
  }

  @Test
  void chineseKeywordsMatchInsideTextsWithoutSpaces() {
    Dataset<Row> evidence = Psychology.textEvidence(texts(
        "zh1", "质量很好，很耐用。",
        "zh2", "用了优惠券，划算。",
        "zh3", "快递很快，第二天就到了。价格便宜还送赠品。",
        "zh4", "收到了，谢谢。"), SHIPPED);

    assertThat(typesOf(evidence, "zh1")).containsOnly(Map.entry("practical", 2.0));
    assertThat(typesOf(evidence, "zh2")).containsOnly(Map.entry("bargain", 2.0));
    // 快递 1 + 很快 0.5 + 第二天就到 1; 价格 0.5 + 便宜 1 + 还送 1 + 赠品 1.
    assertThat(typesOf(evidence, "zh3")).containsOnly(Map.entry("speed", 2.5), Map.entry("bargain", 3.5));
    assertThat(typesOf(evidence, "zh4")).isEmpty();
  }

  @Test
  void englishKeywordsMatchWholeWordsIgnoringCase() {
    Dataset<Row> evidence = Psychology.textEvidence(texts(
        "en1", "Looks BEAUTIFUL, very fashionable.",
        "en2", "Fast delivery, and everyone at work has one.",
        "en3", "Steadfast about breakfast: the safest unpopular choice.",
        "en4", "Bought it again as before, a real best-seller."), SHIPPED);

    assertThat(typesOf(evidence, "en1")).containsOnly(Map.entry("beauty", 2.0));
    assertThat(typesOf(evidence, "en2")).containsOnly(Map.entry("speed", 1.5), Map.entry("conformity", 1.0));
    // "fast" inside steadfast and breakfast, "safe" in safest, "popular" in unpopular are not the words.
    assertThat(typesOf(evidence, "en3")).isEmpty();
    assertThat(typesOf(evidence, "en4")).containsOnly(Map.entry("habit", 1.5), Map.entry("conformity", 1.0));
  }

  @Test
  void perCustomerTheDominantTypeHasTheMostEvidenceAndItsShare() {
    Dataset<Row> customers = Psychology.perCustomer(texts(
        "A", "有优惠券吗？",
        "A", "Great discount, really cheap.",
        "A", "Fast delivery.",
        "B", "Received it, thanks.",
        "C", "Good quality, looks beautiful."), SHIPPED);

    Map<String, List<Object>> rows = customers.collectAsList().stream().collect(Collectors.toMap(
        r -> r.getString(r.fieldIndex("customer_id")),
        r -> Arrays.stream(new String[] {"texts", "texts_with_evidence", "total_evidence", "dominant_type", "dominant_share"})
            .map(c -> (Object) r.getAs(c)).collect(Collectors.toList())));
    // A: bargain 1 (优惠) + 2 (discount, cheap) = 3, speed 1.5 (fast, delivery): bargain, 3 / 4.5.
    assertThat(rows.get("A")).containsExactly(3L, 3L, 4.5, "bargain", 3 / 4.5);
    // B says nothing of any type: a row with its text, no dominant type.
    assertThat(rows.get("B")).containsExactly(1L, 0L, 0.0, null, null);
    // C: practical 1 and beauty 1 tie; practical comes first in the lexicon.
    assertThat(rows.get("C")).containsExactly(1L, 1L, 2.0, "practical", 0.5);
    Row a = customers.where("customer_id = 'A'").first();
    assertThat(a.<String, Long>getJavaMap(a.fieldIndex("type_texts"))).containsOnly(Map.entry("bargain", 2L), Map.entry("speed", 1L));
    assertThat(a.<String, Double>getJavaMap(a.fieldIndex("type_evidence"))).containsOnly(Map.entry("bargain", 3.0), Map.entry("speed", 1.5));
  }

  @Test
  void aUserCanAddATypeAndALanguageInTheLexiconFile() {
    Lexicon extended = Lexicon.parse("bargain | fr | promo | 1\ngreen | fr | écologique | 2\ngreen | ja | エコ | 1\n", "user.txt");

    Dataset<Row> evidence = Psychology.textEvidence(texts(
        "fr", "Une PROMO sur un produit écologique.",
        "ja", "このバッグはエコです"), extended);

    assertThat(typesOf(evidence, "fr")).containsOnly(Map.entry("bargain", 1.0), Map.entry("green", 2.0));
    assertThat(typesOf(evidence, "ja")).containsOnly(Map.entry("green", 1.0));
  }
}
