package io.clientele.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.Names;
import io.clientele.json.Json;
import io.clientele.lake.Lake;
import io.clientele.tag.TagTables;
import java.io.PrintStream;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = "One customer's tags, as a service agent sees them: the card (profile.card-tags) first, then every tag by category. "
        + "Tags only: never name, phone, email or address.")
final class ProfileCommand implements Callable<Integer> {
  enum Format { text, json }

  @ParentCommand ClienteleCommand root;

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "letters, digits, '.', '_', ':', '@' or '-', starting with a letter or digit")
  String customerId;

  @Option(names = "--as-of", paramLabel = "DATE", description = "the tags' as_of (default: the latest)")
  LocalDate asOf;

  @Option(names = "--format", description = "text (default) or json")
  Format format = Format.text;

  /** One tag of the customer, with the catalog's names. */
  static final class Shown {
    final String id;
    final String nameZh;
    final String nameEn;
    final String category;
    final String subCategory;
    final String value;
    final Double number;

    Shown(Row row) {
      id = row.getAs("tag_id");
      nameZh = row.getAs("name_zh");
      nameEn = row.getAs("name_en");
      category = row.getAs("category");
      subCategory = row.getAs("sub_category");
      value = row.getAs("value");
      number = row.getAs("numeric_value");
    }
  }

  @Override
  public Integer call() {
    Names.id("CUSTOMER_ID", customerId);
    JobContext context = root.context();
    Lake lake = context.lake();
    LocalDate day = ProfileReader.asOf(lake, TagTables.CUSTOMER_TAGS, asOf);
    Date date = Date.valueOf(day);
    org.apache.spark.sql.Dataset<Row> catalog = lake.read(TagTables.TAG_CATALOG).where(col(TagTables.AS_OF).equalTo(lit(date)))
        .select("tag_id", "name_zh", "name_en", "category", "sub_category", "position");
    List<Row> rows = lake.read(TagTables.CUSTOMER_TAGS)
        .where(col(TagTables.AS_OF).equalTo(lit(date)).and(col("customer_id").equalTo(lit(customerId))))
        .join(catalog, "tag_id")
        .orderBy("position")
        .collectAsList();
    Map<String, String[]> names = new LinkedHashMap<>();
    for (Row row : catalog.collectAsList()) {
      names.put(row.getAs("tag_id"), new String[] {row.getAs("name_en"), row.getAs("name_zh")});
    }
    if (rows.isEmpty()) {
      throw new UsageException("Cannot show customer '" + customerId + "': no tags as of " + day);
    }
    Map<String, Shown> tags = new LinkedHashMap<>();
    rows.forEach(r -> tags.put(r.getAs("tag_id"), new Shown(r)));
    List<String> card = context.config().get(ConfigKeys.PROFILE_CARD_TAGS);
    PrintStream out = root.out();
    if (format == Format.json) {
      out.println(json(day, tags, card));
    } else {
      text(out, day, tags, card, names);
    }
    out.flush();
    return ClienteleCommand.OK;
  }

  private void text(PrintStream out, LocalDate day, Map<String, Shown> tags, List<String> card, Map<String, String[]> names) {
    out.println("customer " + customerId + ", tags as of " + day);
    out.println();
    for (String id : card) {
      Shown tag = tags.get(id);
      String[] name = names.getOrDefault(id, new String[] {id, ""});
      out.println(line(name[0], name[1], tag != null ? tag.value : "-"));
    }
    String group = null;
    for (Shown tag : tags.values()) {
      String path = tag.category + " / " + tag.subCategory;
      if (!path.equals(group)) {
        group = path;
        out.println();
        out.println(path);
      }
      out.println(line(tag.nameEn, tag.nameZh, tag.value));
    }
  }

  private static String line(String nameEn, String nameZh, String value) {
    return String.format("  %-28s %-14s %s", nameEn, nameZh, value);
  }

  private String json(LocalDate day, Map<String, Shown> tags, List<String> card) {
    Map<String, Object> cardValues = new LinkedHashMap<>();
    for (String id : card) {
      Shown tag = tags.get(id);
      cardValues.put(id, tag == null ? null : value(tag));
    }
    List<Object> all = new ArrayList<>();
    for (Shown tag : tags.values()) {
      all.add(Json.object("tag_id", tag.id, "name_zh", tag.nameZh, "name_en", tag.nameEn, "category", tag.category,
          "sub_category", tag.subCategory, "value", value(tag)));
    }
    return Json.write(Json.object("customer_id", customerId, "as_of", day.toString(), "card", cardValues, "tags", all));
  }

  /** A number tag as the number its text shows (all its digits), any other as its text. */
  private static Object value(Shown tag) {
    return tag.number != null ? new java.math.BigDecimal(tag.value) : tag.value;
  }
}
