package io.clientele.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.config.ConfFiles;
import io.clientele.config.ConfigKeys;
import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped lexicon against hand-labelled review sentences (test resources {@code psychology/labelled-en.tsv} and
 * {@code labelled-zh.tsv}: each line the types a careful reader sees in the sentence, or none; written without
 * looking at the lexicon). Per type: precision (of the sentences the lexicon gives the type, the share labelled with
 * it) and coverage (of the sentences labelled with it, the share the lexicon gives it). What issue 19 asked: more
 * coverage and no less precision than the lexicon before it ({@code psychology/lexicon-before-issue-19.txt}), in
 * both languages; precision within its sampling error. The tables are printed; README quotes them. (Bounds of
 * 0.85 precision, 0.65 coverage and 0.80 of the neutral sentences left untyped were set before the English set was
 * first measured; it gave 0.82, 0.62 and 0.78, and README says so.)
 */
@ExtendWith(SparkExtension.class)
class LexiconEvaluationTest {
  private static final Lexicon SHIPPED = Lexicon.parse(
      ConfFiles.read(ConfigKeys.PSYCHOLOGY_LEXICON, ConfigKeys.PSYCHOLOGY_LEXICON.defaultValue()).content(), "shipped");

  private final SparkSession spark;

  LexiconEvaluationTest(SparkSession spark) {
    this.spark = spark;
  }

  /** A labelled sentence: its types (empty for none) and its text. */
  private record Labelled(Set<String> types, String text) {}

  private static List<Labelled> read(String resource) throws IOException {
    List<Labelled> sentences = new ArrayList<>();
    try (InputStream in = LexiconEvaluationTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t", -1);
        assertThat(fields).as(line).hasSize(2);
        Set<String> types = fields[0].equals("none") ? Set.of() : Set.of(fields[0].split("\\|"));
        assertThat(SHIPPED.types()).as(line).containsAll(types);
        sentences.add(new Labelled(types, fields[1]));
      }
    }
    return sentences;
  }

  private static Lexicon before() throws IOException {
    try (InputStream in = LexiconEvaluationTest.class.getResourceAsStream("/psychology/lexicon-before-issue-19.txt")) {
      return Lexicon.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "lexicon-before-issue-19.txt");
    }
  }

  /** The figures of one lexicon on one set: of all types given the share right, and of typed sentences the share given one of their types. */
  private record Scores(double precision, int given, double coverage, double noneKept) {}

  /** The types the lexicon gives each sentence, by its index. */
  private Map<Integer, Set<String>> predicted(List<Labelled> sentences, Lexicon lexicon) {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("text", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      rows.add(RowFactory.create(Integer.toString(i), sentences.get(i).text()));
    }
    Map<Integer, Set<String>> types = new HashMap<>();
    for (Row r : Psychology.textEvidence(spark.createDataFrame(rows, schema), lexicon).collectAsList()) {
      types.computeIfAbsent(Integer.parseInt(r.getString(0)), k -> new HashSet<>()).add(r.getString(1));
    }
    return types;
  }

  /** Scores one lexicon on one set and prints its table (README quotes it). */
  private Scores score(String resource, List<Labelled> sentences, Lexicon lexicon, String name) {
    Map<Integer, Set<String>> predicted = predicted(sentences, lexicon);
    Map<String, int[]> perType = new LinkedHashMap<>();
    SHIPPED.types().forEach(t -> perType.put(t, new int[3])); // labelled, given, given and right
    int typed = 0;
    int typedCovered = 0;
    int none = 0;
    int noneKept = 0;
    int given = 0;
    int right = 0;
    for (int i = 0; i < sentences.size(); i++) {
      Set<String> truth = sentences.get(i).types();
      Set<String> found = predicted.getOrDefault(i, Set.of());
      truth.forEach(t -> perType.get(t)[0]++);
      for (String t : found) {
        perType.get(t)[1]++;
        given++;
        if (truth.contains(t)) {
          perType.get(t)[2]++;
          right++;
        }
      }
      if (truth.isEmpty()) {
        none++;
        noneKept += found.isEmpty() ? 1 : 0;
      } else {
        typed++;
        typedCovered += found.stream().anyMatch(truth::contains) ? 1 : 0;
      }
    }
    StringBuilder table = new StringBuilder(name + " on " + resource + ": " + sentences.size() + " sentences\n"
        + "| type | labelled | given | right | precision | coverage |\n|---|---:|---:|---:|---:|---:|\n");
    perType.forEach((t, c) -> table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %s | %s |%n", t, c[0], c[1],
        c[2], c[1] == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) c[2] / c[1]),
        c[0] == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) c[2] / c[0]))));
    double precision = given == 0 ? 0 : (double) right / given;
    double coverage = (double) typedCovered / typed;
    double noneShare = (double) noneKept / none;
    table.append(String.format(Locale.ROOT, "| all types | %d | %d | %d | %.2f | %.2f of %d typed sentences |%n", typed,
        given, right, precision, coverage, typed));
    table.append(String.format(Locale.ROOT, "| none | %d | | | | %.2f given no type |%n", none, noneShare));
    System.out.println(table);
    perType.forEach((t, c) -> assertThat(c[0]).as(t + " labelled sentences").isGreaterThanOrEqualTo(10));
    return new Scores(precision, given, coverage, noneShare);
  }

  /** The shipped lexicon covers more of the set than the one before, at no lower precision. */
  private void evaluate(String resource, int minSentences) throws IOException {
    List<Labelled> sentences = read(resource);
    assertThat(sentences.size()).isGreaterThanOrEqualTo(minSentences);
    Scores before = score(resource, sentences, before(), "the lexicon before issue 19");
    Scores shipped = score(resource, sentences, SHIPPED, "the shipped lexicon");
    assertThat(shipped.coverage()).as("coverage, before %s", before).isGreaterThan(before.coverage());
    // No less precise than before beyond the sampling error of a proportion over the types given (1.96 standard
    // errors): on a hundred or two given types a point or two either way is noise, a real loss is not.
    double error = 1.96 * Math.sqrt(shipped.precision() * (1 - shipped.precision()) / shipped.given());
    assertThat(shipped.precision()).as("precision, before %s", before).isGreaterThanOrEqualTo(before.precision() - error);
  }

  @Test
  void englishReviewSentences() throws IOException {
    evaluate("/psychology/labelled-en.tsv", 200);
  }

  @Test
  void chineseReviewSentences() throws IOException {
    evaluate("/psychology/labelled-zh.tsv", 150);
  }
}
