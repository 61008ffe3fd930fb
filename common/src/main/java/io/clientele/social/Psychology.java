package io.clientele.social;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.clientele.lake.Schemas;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Consumer psychology types (消费心理) recognised in the words customers use in reviews and inquiries. Each text
 * scores, per type, the sum of the weights of the lexicon keywords it contains (each keyword once); a customer's
 * evidence for a type is the sum over their texts. The dominant type has the most evidence (ties: the type
 * listed first in the lexicon); its share is its evidence over all the customer's evidence. The lexicon becomes
 * column expressions (one match per keyword), so texts are matched where they are, never collected.
 */
public final class Psychology {
  private Psychology() {}

  public static final String TEXTS = "texts";
  public static final String TEXTS_WITH_EVIDENCE = "texts_with_evidence";
  public static final String TYPE_TEXTS = "type_texts";
  public static final String TYPE_EVIDENCE = "type_evidence";
  public static final String TOTAL_EVIDENCE = "total_evidence";
  public static final String DOMINANT_TYPE = "dominant_type";
  public static final String DOMINANT_SHARE = "dominant_share";

  /** Per type, the score of the text column: the weights of the keywords found in it, summed. */
  static Map<String, Column> typeScores(Column text, Lexicon lexicon) {
    Column lowered = lower(coalesce(text, lit("")));
    Map<String, Column> scores = new LinkedHashMap<>();
    for (Lexicon.Entry entry : lexicon.entries()) {
      String pattern = entry.wordPattern();
      Column found = pattern == null ? lowered.contains(entry.lowered()) : lowered.rlike(pattern);
      Column score = when(found, lit(entry.weight())).otherwise(lit(0.0));
      scores.merge(entry.type(), score, Column::plus);
    }
    return scores;
  }

  /**
   * Per text (customer_id, text): one row per type it shows, with its score (type, score). Texts with no
   * keyword give no rows.
   */
  public static Dataset<Row> textEvidence(Dataset<Row> texts, Lexicon lexicon) {
    Schemas.requireColumns(texts, "recognise psychology types", "customer_id", "text");
    List<Column> pairs = new ArrayList<>();
    typeScores(col("text"), lexicon).forEach((type, score) -> {
      pairs.add(lit(type));
      pairs.add(score);
    });
    return texts.select(col("customer_id"), explode(map(pairs.toArray(new Column[0]))).as(new String[] {"type", "score"}))
        .where(col("score").gt(0));
  }

  /**
   * Per customer with at least one text: texts, texts with any evidence, per type the texts showing it
   * (type_texts) and the evidence (type_evidence), total evidence, dominant type and its share (null when the
   * customer's texts show no type).
   */
  public static Dataset<Row> perCustomer(Dataset<Row> texts, Lexicon lexicon) {
    Schemas.requireColumns(texts, "recognise psychology types", "customer_id", "text");
    // Each text is matched against the lexicon once: its types with a score, one row each (position 0 marks
    // the text's first), or one row without a type when it shows none.
    List<Column> pairs = new ArrayList<>();
    typeScores(col("text"), lexicon).forEach((type, score) -> {
      pairs.add(lit(type));
      pairs.add(score);
    });
    Dataset<Row> shown = texts.select(col("customer_id"), map(pairs.toArray(new Column[0])).as("_scores"))
        .select(col("customer_id"), posexplode_outer(expr("map_filter(_scores, (type, score) -> score > 0)"))
            .as(new String[] {"_pos", "type", "score"}));
    Column firstRowOfText = col("_pos").isNull().or(col("_pos").equalTo(0));

    Column rank = null;
    List<String> types = lexicon.types();
    for (int i = 0; i < types.size(); i++) {
      rank = rank == null ? when(col("type").equalTo(types.get(i)), lit(-i)) : rank.when(col("type").equalTo(types.get(i)), lit(-i));
    }
    // Per customer and type (null: texts without a type): texts showing it, evidence, and the customer's texts.
    Dataset<Row> perType = shown
        .groupBy("customer_id", "type").agg(count(col("score")).as("_texts"), sum("score").as("_evidence"),
            sum(when(firstRowOfText, 1L).otherwise(0L)).as("_all_texts"),
            sum(when(col("_pos").equalTo(0), 1L).otherwise(0L)).as("_texts_with_evidence"))
        .withColumn("_rank", rank);
    Column typed = col("type").isNotNull();
    // Entries sorted by type, so that the maps are the same on every run.
    return perType.groupBy("customer_id").agg(
        sum("_all_texts").as(TEXTS),
        sum("_texts_with_evidence").as(TEXTS_WITH_EVIDENCE),
        map_from_entries(array_sort(collect_list(when(typed, struct(col("type"), col("_texts")))))).as(TYPE_TEXTS),
        map_from_entries(array_sort(collect_list(when(typed, struct(col("type"), col("_evidence")))))).as(TYPE_EVIDENCE),
        sum("_evidence").as(TOTAL_EVIDENCE),
        max_by(col("type"), when(typed, struct(col("_evidence"), col("_rank")))).as(DOMINANT_TYPE),
        max("_evidence").as("_dominant_evidence"))
        .withColumn(TYPE_TEXTS, coalesce(col(TYPE_TEXTS), map().cast("map<string,bigint>")))
        .withColumn(TYPE_EVIDENCE, coalesce(col(TYPE_EVIDENCE), map().cast("map<string,double>")))
        .withColumn(TOTAL_EVIDENCE, coalesce(col(TOTAL_EVIDENCE), lit(0.0)))
        .withColumn(DOMINANT_SHARE, io.clientele.traffic.Rates.ratio(col("_dominant_evidence"), col(TOTAL_EVIDENCE)))
        .drop("_dominant_evidence");
  }
}
