package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfFiles;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import io.clientele.tag.TagCatalog;
import io.clientele.tag.TagDefinition;
import io.clientele.tag.TagEvaluation;
import io.clientele.tag.TagSources;
import io.clientele.tag.TagStats;
import io.clientele.tag.TagTables;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The tag catalog evaluated as of a date: tag_catalog, customer_profile (one column per tag), customer_tags (long)
 * and tag_stats, each replacing its as_of slice; the view customer_profile_latest. Every source is read once,
 * joined once, and every tag is one column of one select.
 */
public final class TagsJob {
  /** {@code tags --as-of D}. */
  public static final JobSpec SPEC = JobSpec.of("tags",
          "Evaluate the tag catalog as of a date: tag_catalog, customer_tags, customer_profile, tag_stats.")
      .runs((context, asOf, options) -> () -> new TagsJob(context).run(asOf));

  static final String JOB = "tags";

  private final JobContext context;

  public TagsJob(JobContext context) {
    this.context = context;
  }

  /** The configured catalog (tags.catalog). */
  static TagCatalog catalog(ClienteleConfig config) {
    ConfFiles.Text text = ConfFiles.read(ConfigKeys.TAGS_CATALOG, config.get(ConfigKeys.TAGS_CATALOG));
    return TagCatalog.parse(text.content(), text.source());
  }

  public JobResult run(LocalDate asOf) {
    ClienteleConfig config = context.config();
    Lake lake = context.lake();
    SparkSession spark = lake.spark();
    TagCatalog catalog = catalog(config);
    List<TagDefinition> tags = catalog.tags();
    Map<String, StructType> declared = TagSources.declared();
    Map<String, Set<String>> byTag = TagEvaluation.sourcesByTag(spark, tags, declared.keySet());
    Set<String> needed = new LinkedHashSet<>();
    declared.keySet().stream().filter(s -> byTag.values().stream().anyMatch(v -> v.contains(s))).forEach(needed::add);

    Map<String, Dataset<Row>> sources = new LinkedHashMap<>();
    Map<String, String> missing = new LinkedHashMap<>();
    Dataset<Row> universe = null;
    for (String name : needed) {
      Dataset<Row> source = load(lake, name, asOf, config, missing);
      if (source == null) {
        source = spark.createDataFrame(new ArrayList<Row>(), declared.get(name));
      } else {
        Dataset<Row> ids = source.select(TagSources.CUSTOMER_ID);
        universe = universe == null ? ids : universe.union(ids);
      }
      sources.put(name, source);
    }
    if (universe == null) {
      throw new UsageException("Cannot compute tags as of " + asOf + ": none of the sources the catalog reads is"
          + " there (" + String.join("; ", missing.values()) + "); run value (and the other jobs) first");
    }
    universe = universe.where(col(TagSources.CUSTOMER_ID).isNotNull()).distinct();
    Dataset<Row> profile = TagEvaluation.evaluate(TagEvaluation.sourceRows(universe, sources), tags)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      for (Map.Entry<String, String> gap : missing.entrySet()) {
        List<String> affected = byTag.entrySet().stream().filter(e -> e.getValue().contains(gap.getKey()))
            .map(Map.Entry::getKey).collect(Collectors.toList());
        context.progress(JOB, "no values as of " + asOf + " for " + affected + ": " + gap.getValue());
      }
      long population = profile.count();
      context.progress(JOB, String.format("as of %s: %,d customers, %d tags from %d sources", asOf, population, tags.size(),
          needed.size() - missing.size()));

      GoldSlice.write(lake, TagTables.TAG_CATALOG, TagTables.CATALOG, catalogRows(spark, catalog, byTag, asOf), asOf);
      writeProfile(lake, profile, tags, asOf);
      context.progress(JOB, "customer_profile written");
      long tagRows = GoldSlice.write(lake, TagTables.CUSTOMER_TAGS, TagTables.TAGS, TagEvaluation.explodeTags(profile, tags), asOf);
      context.progress(JOB, String.format("customer_tags: %,d rows", tagRows));
      long statRows = writeStats(lake, tags, population, asOf, config.get(ConfigKeys.TAGS_STATS_MAX_VALUES));
      context.progress(JOB, String.format("tag_stats: %,d rows", statRows));
      spark.sql("CREATE OR REPLACE VIEW " + lake.qualified(TagTables.CUSTOMER_PROFILE_LATEST)
          + " COMMENT 'customer_profile at its latest as_of' AS SELECT * FROM " + lake.qualified(TagTables.CUSTOMER_PROFILE)
          + " WHERE as_of = (SELECT max(as_of) FROM " + lake.qualified(TagTables.CUSTOMER_PROFILE) + ")");
      String gaps = missing.isEmpty() ? "" : "; without " + String.join(", ", missing.keySet());
      return new JobResult(population, tagRows, 0L, String.format(
          "as of %s: %,d customers, %d tags, %,d customer_tags rows, %,d tag_stats rows%s", asOf, population, tags.size(),
          tagRows, statRows, gaps));
    } finally {
      profile.unpersist();
    }
  }

  /**
   * One source's rows for the as-of date, or null (with the reason in {@code missing}): derived sources from their
   * silver table; gold tables at their latest slice at or before the date, if not older than
   * tags.source-max-age-days.
   */
  private static Dataset<Row> load(Lake lake, String name, LocalDate asOf, ClienteleConfig config, Map<String, String> missing) {
    int window = config.get(ConfigKeys.TAGS_WINDOW_DAYS);
    switch (name) {
      case TagSources.CUSTOMERS:
        return silver(lake, Tables.CUSTOMERS, name, missing) ? TagSources.customers(lake.read(Tables.CUSTOMERS), asOf) : null;
      case TagSources.PURCHASES:
        return silver(lake, Tables.TRANSACTIONS, name, missing)
            ? TagSources.purchases(lake.read(Tables.TRANSACTIONS), asOf, window) : null;
      case TagSources.VISITS:
        return silver(lake, Tables.TRAFFIC_EVENTS, name, missing)
            ? TagSources.visits(lake.read(Tables.TRAFFIC_EVENTS), asOf, window) : null;
      default:
        break;
    }
    if (!lake.exists(name)) {
      missing.put(name, "table " + lake.qualified(name) + " does not exist");
      return null;
    }
    Row latest = lake.read(name).where(col(TagSources.AS_OF).leq(lit(Date.valueOf(asOf)))).agg(max(TagSources.AS_OF)).first();
    if (latest.isNullAt(0)) {
      missing.put(name, lake.qualified(name) + " has no slice at or before " + asOf);
      return null;
    }
    LocalDate slice = latest.getDate(0).toLocalDate();
    long age = ChronoUnit.DAYS.between(slice, asOf);
    int maxAge = config.get(ConfigKeys.TAGS_SOURCE_MAX_AGE_DAYS);
    if (age > maxAge) {
      missing.put(name, lake.qualified(name) + "'s latest slice (" + slice + ") is " + age + " days older than " + asOf
          + " (tags.source-max-age-days = " + maxAge + ")");
      return null;
    }
    Dataset<Row> rows = lake.read(name).where(col(TagSources.AS_OF).equalTo(lit(Date.valueOf(slice)))).drop(TagSources.AS_OF);
    return name.equals(TagSources.RESPONSE_SCORES) ? TagSources.bestResponse(rows) : rows;
  }

  private static boolean silver(Lake lake, String table, String source, Map<String, String> missing) {
    if (lake.exists(table)) {
      return true;
    }
    missing.put(source, "table " + lake.qualified(table) + " does not exist (the " + source + " source derives from it)");
    return false;
  }

  private static Dataset<Row> catalogRows(SparkSession spark, TagCatalog catalog, Map<String, Set<String>> byTag, LocalDate asOf) {
    List<Row> rows = new ArrayList<>();
    int position = 0;
    for (TagDefinition t : catalog.tags()) {
      rows.add(RowFactory.create(Date.valueOf(asOf), t.id(), t.nameZh(), t.nameEn(), t.category(), t.subCategory(), t.path(),
          t.kind(), t.measure(), t.source(), t.definition(), String.join(",", byTag.get(t.id())), t.refresh(), t.description(),
          t.owner(), ++position, catalog.source()));
    }
    return spark.createDataFrame(rows, TagTables.CATALOG);
  }

  /**
   * Replaces the as_of slice of customer_profile. A tag new to the catalog adds its column (existing slices read
   * null there); a tag removed keeps its column, null from now on. A tag whose measure changed would change the
   * column's type: that needs a new id.
   */
  public static void writeProfile(Lake lake, Dataset<Row> profile, List<TagDefinition> tags, LocalDate asOf) {
    String table = TagTables.CUSTOMER_PROFILE;
    if (!lake.exists(table)) {
      lake.ensureTable(table, TagTables.profile(tags), "One row per customer and as_of, one column per tag: see README", TagTables.AS_OF);
    } else {
      StructType existing = lake.read(table).schema();
      List<String> additions = new ArrayList<>();
      for (TagDefinition tag : tags) {
        DataType wanted = TagTables.profileColumnType(tag);
        StructField field = existing.getFieldIndex(tag.id()).isDefined() ? existing.apply(tag.id()) : null;
        if (field == null) {
          // ALTER TABLE takes no Column: the id is quoted as an identifier, the catalog's names as a literal.
          additions.add(Lake.quoted(tag.id()) + " " + wanted.sql() + " COMMENT " + Lake.literal(tag.nameEn() + " / " + tag.nameZh()));
        } else if (!field.dataType().equals(wanted)) {
          throw new UsageException("Cannot write " + tag.label() + " to customer_profile: the column is "
              + field.dataType().simpleString() + " but the tag is " + tag.measure() + " (" + wanted.simpleString()
              + "); a tag that changes measure needs a new id");
        }
      }
      if (!additions.isEmpty()) {
        lake.spark().sql("ALTER TABLE " + lake.qualified(table) + " ADD COLUMNS (" + String.join(", ", additions) + ")");
      }
    }
    Dataset<Row> rows = profile.withColumn(TagTables.AS_OF, lit(Date.valueOf(asOf)));
    List<String> have = List.of(rows.columns());
    for (StructField field : lake.read(table).schema().fields()) {
      if (!have.contains(field.name())) {
        rows = rows.withColumn(field.name(), lit(null).cast(field.dataType()));
      }
    }
    lake.replaceSlice(table, rows, GoldSlice.predicate(asOf));
  }

  private static long writeStats(Lake lake, List<TagDefinition> tags, long population, LocalDate asOf, int maxValues) {
    SparkSession spark = lake.spark();
    List<Row> catalogRows = tags.stream().map(t -> RowFactory.create(t.id(), t.category(), t.measure())).collect(Collectors.toList());
    Dataset<Row> catalog = spark.createDataFrame(catalogRows,
        new StructType().add("tag_id", "string").add("category", "string").add("measure", "string"));
    Dataset<Row> current = TagStats.compute(GoldSlice.read(lake, TagTables.CUSTOMER_TAGS, asOf), catalog, population, maxValues);
    Dataset<Row> previous = null;
    LocalDate previousAsOf = null;
    if (lake.exists(TagTables.TAG_STATS)) {
      Row before = lake.read(TagTables.TAG_STATS).where(col(TagTables.AS_OF).lt(lit(Date.valueOf(asOf))))
          .agg(max(TagTables.AS_OF)).first();
      if (!before.isNullAt(0)) {
        previousAsOf = before.getDate(0).toLocalDate();
        previous = GoldSlice.read(lake, TagTables.TAG_STATS, previousAsOf);
      }
    }
    return GoldSlice.write(lake, TagTables.TAG_STATS, TagTables.STATS, TagStats.withChange(current, previous, previousAsOf), asOf);
  }
}
