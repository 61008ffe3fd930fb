package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV dialect found, not assumed: {@code model train --csv} without {@code --sep} on ';' and tab files gives the
 * model the explicit separator gives, says what it detected, and refuses with the candidates or the missing header;
 * a mapping with {@code option.sep = auto} ingests ',' and ';' files in one batch and quarantines a file whose
 * dialect is not found, with the reason.
 */
@ExtendWith(SparkExtension.class)
class CsvDialectDetectionTest {
  private final SparkSession spark;

  CsvDialectDetectionTest(SparkSession spark) {
    this.spark = spark;
  }

  /** 500 labelled rows: a number, a quoted category holding the separator, a label that depends on both. */
  private static List<String[]> rows() {
    Random random = new Random(7);
    String[] plans = {"basic; monthly", "plus, yearly", "pro|team"};
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      double usage = Math.round(random.nextGaussian() * 100) / 10.0;
      int plan = random.nextInt(plans.length);
      boolean churned = usage + plan * 1.5 + random.nextGaussian() * 3 > 2;
      rows.add(new String[] {"c" + i, String.format(Locale.ROOT, "%.1f", usage), plans[plan], churned ? "yes" : "no"});
    }
    return rows;
  }

  private static Path write(Path dir, String name, char sep) throws IOException {
    StringBuilder text = new StringBuilder();
    String s = String.valueOf(sep);
    text.append(String.join(s, "\"id\"", "\"usage\"", "\"plan\"", "\"churned\"")).append('\n');
    for (String[] row : rows()) {
      text.append(String.join(s, "\"" + row[0] + "\"", row[1], "\"" + row[2] + "\"", "\"" + row[3] + "\"")).append('\n');
    }
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String line(String out, String regex) {
    Matcher m = Pattern.compile("(?m)^.*" + regex + ".*$").matcher(out);
    assertThat(m.find()).as(regex + " in\n" + out).isTrue();
    return m.group();
  }

  /** The cross-validation's figures, without the progress line's elapsed time. */
  private static String cvLine(String err) {
    String line = line(err, "cross-validated ROC AUC .*");
    return line.substring(line.indexOf("cross-validated"));
  }

  private Cli train(Path file, String name, String... sep) {
    List<String> args = new ArrayList<>(List.of("--set", "catalog.database=csv_dialects", "model", "train", "--csv",
        file.toString(), "--label", "churned", "--exclude", "id", "--name", name));
    args.addAll(List.of(sep));
    return Cli.run(spark, args.toArray(String[]::new));
  }

  @Test
  void modelTrainWithoutSepGivesTheModelOfTheExplicitSeparator(@TempDir Path dir) throws IOException {
    Cli explicit = train(write(dir, "semicolon.csv", ';'), "explicit", "--sep", ";");
    Cli detected = train(dir.resolve("semicolon.csv"), "detected");
    Cli tab = train(write(dir, "tab.tsv", '\t'), "tab");

    for (Cli cli : List.of(explicit, detected, tab)) {
      assertThat(cli.exitCode).as(cli.toString()).isZero();
    }
    assertThat(detected.err).contains("semicolon.csv: separator ';', quote '\"', escape '\"', header line, 4 columns "
        + "(from 100 records), detected (--sep C to choose)");
    assertThat(tab.err).contains("tab.tsv: separator '\\t'");
    // The same rows, so the same held-out draw, folds, regularisation and fit.
    assertThat(cvLine(detected.err)).isEqualTo(cvLine(explicit.err));
    assertThat(cvLine(tab.err)).isEqualTo(cvLine(explicit.err));
    for (String key : List.of("roc_auc", "pr_auc")) {
      double expected = TelcoModelTest.value(explicit.out, key);
      assertThat(TelcoModelTest.value(detected.out, key)).as(key).isEqualTo(expected);
      assertThat(TelcoModelTest.value(tab.out, key)).as(key).isEqualTo(expected);
    }
    // The category was read whole although it holds the separator: three plans, not pieces of them.
    assertThat(line(detected.err, "categorical \\[plan\\]")).isNotNull();
  }

  @Test
  void modelTrainRefusesAFileWithoutSeparatorOrHeader(@TempDir Path dir) throws IOException {
    Path oneColumn = dir.resolve("one.csv");
    Files.write(oneColumn, List.of("churned", "yes", "no", "yes"), StandardCharsets.UTF_8);
    Path noHeader = dir.resolve("numbers.csv");
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      numbers.add(i + ";" + (i * 0.5) + ";" + (i % 2));
    }
    Files.write(noHeader, numbers, StandardCharsets.UTF_8);

    Cli one = train(oneColumn, "one");
    Cli numbersOnly = train(noHeader, "numbers");

    assertThat(one.exitCode).as(one.toString()).isEqualTo(2);
    assertThat(one.err).contains("could not detect the CSV separator").contains("';': 1 columns on 4 of 4 lines")
        .contains("with --sep C");
    assertThat(numbersOnly.exitCode).as(numbersOnly.toString()).isEqualTo(2);
    assertThat(numbersOnly.err).contains("its first line looks like data, not a header");
  }

  @Test
  void aMappingWithSepAutoIngestsEachFilesDialectAndQuarantinesAnUnknownOne(@TempDir Path dir) throws IOException {
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Files.write(landing.resolve("a.csv"), List.of("order,customer,when,qty,price",
        "O1,C1,2026-03-01 10:00:00,2,9.90", "O2,C2,2026-03-01 11:00:00,1,5.00"), StandardCharsets.UTF_8);
    Files.write(landing.resolve("b.csv"), List.of("\"customer\";\"order\";\"qty\";\"price\";\"when\"",
        "\"C3\";\"O3\";4;2.50;\"2026-03-02 12:00:00\"", "\"C4\";\"O4\";1;7.25;\"2026-03-02 13:00:00\""),
        StandardCharsets.UTF_8);
    Files.write(landing.resolve("c.csv"), List.of("nothing here splits", "into columns", "at all"), StandardCharsets.UTF_8);
    String prefix = "ingest.mapping.any_csv.";
    String[] args = {"--set", "catalog.database=csv_auto",
        "--set", prefix + "feed=transactions", "--set", prefix + "format=csv",
        "--set", prefix + "option.sep=auto", "--set", prefix + "option.header=auto",
        "--set", prefix + "column.order_id=`order`", "--set", prefix + "column.customer_id=customer",
        "--set", prefix + "column.order_ts=`when`", "--set", prefix + "column.quantity=qty",
        "--set", prefix + "column.unit_price=price", "--set", prefix + "column.sku='s'",
        "--set", prefix + "column.line_no=1", "--set", prefix + "column.discount=0",
        "--set", prefix + "column.status='paid'", "--set", prefix + "column.channel='online'",
        "ingest", "transactions", landing.toString(), "--mapping", "any_csv"};

    Cli cli = Cli.run(spark, args);

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.err).contains("CSV dialect detected in 1 file(s): {sep=,, quote=\", escape=\", header=true}")
        .contains("CSV dialect detected in 1 file(s): {sep=;, quote=\", escape=\", header=true}")
        .contains("c.csv: could not detect the CSV separator");
    assertThat(spark.sql("SELECT order_id, customer_id, CAST(order_ts AS STRING), quantity, CAST(unit_price AS STRING) "
        + "FROM csv_auto.transactions ORDER BY order_id").collectAsList().stream().map(Row::toString)).as(cli.toString())
        .containsExactly("[O1,C1,2026-03-01 10:00:00,2,9.9000]", "[O2,C2,2026-03-01 11:00:00,1,5.0000]",
            "[O3,C3,2026-03-02 12:00:00,4,2.5000]", "[O4,C4,2026-03-02 13:00:00,1,7.2500]");
    List<Row> quarantined = spark.sql("SELECT reason, regexp_extract(source_file, '[^/]+$', 0) FROM csv_auto.quarantine")
        .collectAsList();
    // Read without a dialect, with Spark's defaults and a header line: its two other lines are its records.
    assertThat(quarantined).hasSize(2);
    for (Row row : quarantined) {
      assertThat(row.getString(1)).isEqualTo("c.csv");
      assertThat(row.getString(0)).startsWith("unknown_csv_dialect: could not detect the CSV separator");
    }
    // A rerun finds nothing new.
    Cli again = Cli.run(spark, args);
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("no new files");
  }
}
