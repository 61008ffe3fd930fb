package io.clientele.ingest;

import static io.clientele.ingest.Parse.date;
import static io.clientele.ingest.Parse.text;
import static io.clientele.ingest.Parse.timestamp;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Conforming bronze to silver: each feed's rules are in its {@link FeedSpec} (its silver schema, declared once,
 * its typed and standardised columns and the ordered checks that send a record to quarantine); this class holds
 * the settings they read, from configuration, the helpers they share, and runs them. The functions are pure.
 */
public final class FeedRules implements Serializable {
  // Lineage kept on every silver row.
  public static final String RECORD_KEY = SilverLineage.RECORD_KEY;
  static final String RAW = "_raw";

  // Reasons shared by several feeds; feed-specific ones are spelled in the check lists below.
  public static final String MALFORMED = "malformed_record";
  public static final String INVALID_TIMESTAMP = "invalid_timestamp";
  public static final String BEFORE_OPENING = "timestamp_before_opening";
  public static final String IN_FUTURE = "timestamp_in_future";
  public static final String DUPLICATE = "duplicate";
  public static final String SUPERSEDED = "superseded";
  /** A file whose columns lack one the layout reads: each of its records, followed by the missing columns. */
  public static final String MISSING_COLUMNS = "missing_columns";
  /**
   * A CSV file of a layout that detects the dialect ({@code option.sep = auto}) whose separator was not found: each of
   * its records, followed by why.
   */
  public static final String UNKNOWN_CSV_DIALECT = "unknown_csv_dialect";

  private final List<String> timestampFormats;
  private final List<String> dateFormats;
  private final LocalDate shopOpened;
  private final int futureToleranceHours;
  private final int maxRating;
  private final List<String> male;
  private final List<String> female;

  public FeedRules(
      List<String> timestampFormats, List<String> dateFormats, LocalDate shopOpened, int futureToleranceHours,
      int maxRating, List<String> male, List<String> female) {
    this.timestampFormats = List.copyOf(timestampFormats);
    this.dateFormats = List.copyOf(dateFormats);
    this.shopOpened = shopOpened;
    this.futureToleranceHours = futureToleranceHours;
    this.maxRating = maxRating;
    this.male = List.copyOf(male);
    this.female = List.copyOf(female);
  }

  public static FeedRules from(ClienteleConfig config) {
    return new FeedRules(
        config.get(ConfigKeys.TIMESTAMP_FORMATS),
        config.get(ConfigKeys.DATE_FORMATS),
        config.get(ConfigKeys.SHOP_OPENED),
        config.get(ConfigKeys.FUTURE_TOLERANCE_HOURS),
        config.get(ConfigKeys.MAX_RATING),
        config.get(ConfigKeys.GENDER_MALE),
        config.get(ConfigKeys.GENDER_FEMALE));
  }

  LocalDate shopOpened() {
    return shopOpened;
  }

  int maxRating() {
    return maxRating;
  }

  List<String> male() {
    return male;
  }

  List<String> female() {
    return female;
  }

  /** The reasons a record of this feed can be quarantined for, in the order they are checked. */
  public static Set<String> checkNames(Feed feed) {
    FeedRules rules = from(ClienteleConfig.defaults());
    Set<String> names = rules.checks(feed).stream().map(Check::reason).collect(Collectors.toCollection(LinkedHashSet::new));
    names.add(DUPLICATE);
    names.addAll(spec(feed).laterReasons());
    return names;
  }

  // ---- silver schemas: each declared in its feed's spec ---------------------------------------------------

  public static final StructType TRANSACTIONS = TransactionsSpec.SILVER;
  public static final StructType TRAFFIC_EVENTS = TrafficSpec.SILVER;
  public static final StructType SOCIAL_EVENTS = SocialSpec.SILVER;
  public static final StructType CUSTOMERS = CustomersSpec.SILVER;
  public static final StructType CAMPAIGN_CONTACTS = CampaignsSpec.SILVER;

  /** The customers feed's personal columns ({@link Feed#personalColumns()}). */
  public static final List<String> PII_COLUMNS = Feed.CUSTOMERS.personalColumns();

  /** Personal data, split off the customers feed; no other silver, gold or tag table holds these columns. */
  public static final StructType CUSTOMERS_PII = customersPii();

  private static StructType customersPii() {
    StructType schema = new StructType().add("customer_id", StringType, false);
    for (String column : PII_COLUMNS) {
      schema = schema.add(column, StringType, true);
    }
    return schema.add("updated_at", TimestampType, true).add(Bronze.BATCH_ID, StringType, false);
  }

  /** Each feed's rules, in one spec per feed. */
  static final Map<Feed, FeedSpec> SPECS = new EnumMap<>(Map.of(
      Feed.TRANSACTIONS, new TransactionsSpec(),
      Feed.TRAFFIC, new TrafficSpec(),
      Feed.SOCIAL, new SocialSpec(),
      Feed.CUSTOMERS, new CustomersSpec(),
      Feed.CAMPAIGNS, new CampaignsSpec()));

  static FeedSpec spec(Feed feed) {
    FeedSpec spec = SPECS.get(feed);
    if (spec == null) {
      throw new IllegalStateException("No rules for feed " + feed + " in FeedRules.SPECS");
    }
    return spec;
  }

  public static StructType silverSchema(Feed feed) {
    return spec(feed).silverSchema();
  }

  // ---- conforming --------------------------------------------------------------------------------------

  /**
   * Bronze rows of a feed -> typed rows with every silver column (and, for customers, the personal data),
   * {@code _record}, {@code _row_id}, {@code _record_key} and {@code _reject_reason} (null when valid); for a
   * feed with personal columns also {@link Quarantine#SHAREABLE_RECORD}, the record without them.
   * Duplicates are marked afterwards by {@link Dedup}. With {@code dedupe} off, identical lines are distinct
   * records (their file and row are part of the key).
   */
  public Dataset<Row> conform(Feed feed, Dataset<Row> bronze, Set<String> disabledChecks) {
    requireColumns(bronze, feed);
    Dataset<Row> raw = bronze.select(
        struct(feed.mappedColumns().stream().map(c -> col("`" + c + "`")).toArray(Column[]::new)).as(RAW),
        col(Bronze.RECORD), col(Bronze.IS_MALFORMED), col(Bronze.SOURCE_FILE), col(Bronze.ROW_ID),
        col(Bronze.BATCH_ID), col(Bronze.INGEST_TS));
    Map<String, Column> typedByName = typedColumns(feed);
    List<String> business = new ArrayList<>(typedByName.keySet());
    List<Column> typed = new ArrayList<>();
    typedByName.forEach((name, column) -> typed.add(column.as(name)));
    typed.add(col(RAW));
    for (String lineage : List.of(Bronze.RECORD, Bronze.IS_MALFORMED, Bronze.SOURCE_FILE, Bronze.ROW_ID, Bronze.BATCH_ID, Bronze.INGEST_TS)) {
      typed.add(col(lineage));
    }
    if (!feed.personalColumns().isEmpty()) {
      typed.add(Quarantine.recordWithoutPersonalData(feed, col(RAW), col(Bronze.IS_MALFORMED)).as(Quarantine.SHAREABLE_RECORD));
    }
    Dataset<Row> parsed = raw.select(typed.toArray(Column[]::new));
    Column content = to_json(struct(business.stream().map(c -> col(c)).toArray(Column[]::new)));
    Column keyText = disabledChecks.contains(DUPLICATE)
        ? org.apache.spark.sql.functions.concat_ws("|", content, col(Bronze.SOURCE_FILE), col(Bronze.ROW_ID).cast(StringType))
        : content;
    Dataset<Row> keyed = parsed.withColumn(RECORD_KEY, sha2(keyText, 256));
    return Check.withRejectReason(keyed, checks(feed), disabledChecks).drop(RAW);
  }

  /**
   * The silver column holding a record's day, when the feed has one that every valid record carries: part of the
   * record's content, hence of its {@link #RECORD_KEY}, so two copies of a record always share it. Customers have
   * none (their records are versions of a profile, told apart by updated_at).
   */
  public static java.util.Optional<String> dayColumn(Feed feed) {
    return spec(feed).dayColumn();
  }

  static Column raw(String column) {
    return col(RAW + "." + column);
  }

  /** Text that is present (not blank) in the raw record. */
  static Column present(String column) {
    return text(raw(column)).isNotNull();
  }

  Column ts(String column) {
    return timestamp(raw(column), timestampFormats);
  }

  Column day(String column) {
    return date(raw(column), dateFormats);
  }

  private Map<String, Column> typedColumns(Feed feed) {
    return spec(feed).typedColumns(this);
  }

  /** Columns given as {@code expr.as(name)} -> name to expression, in order. */
  static Map<String, Column> named(Column... columns) {
    Map<String, Column> byName = new LinkedHashMap<>();
    for (Column column : columns) {
      String name = column.named().name();
      byName.put(name, column);
    }
    return byName;
  }

  /** The feed's checks in order; each names the reason a failing record is quarantined for. */
  List<Check> checks(Feed feed) {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check(MALFORMED, col(Bronze.IS_MALFORMED)));
    checks.addAll(spec(feed).checks(this));
    return checks;
  }

  /** invalid_timestamp, timestamp_before_opening and timestamp_in_future on a typed timestamp column. */
  void addTimeChecks(List<Check> checks, String column) {
    checks.add(new Check(INVALID_TIMESTAMP, col(column).isNull()));
    checks.add(new Check(BEFORE_OPENING, col(column).lt(lit(java.sql.Timestamp.valueOf(shopOpened.atStartOfDay())))));
    checks.add(new Check(IN_FUTURE, col(column).gt(future())));
  }

  /** The latest believable time of a record: its ingest time plus the clock skew allowed. */
  Column future() {
    return col(Bronze.INGEST_TS).plus(expr("INTERVAL " + futureToleranceHours + " HOURS"));
  }

  /** A value given in the raw record that did not parse. */
  static Column unparsed(String rawColumn, String typedColumn) {
    return present(rawColumn).and(col(typedColumn).isNull());
  }

  static Column notIn(String column, List<String> allowed) {
    return col(column).isNull().or(col(column).isin(allowed.toArray()).unary_$bang());
  }

  private static void requireColumns(Dataset<Row> bronze, Feed feed) {
    Set<String> have = new LinkedHashSet<>(Arrays.asList(bronze.columns()));
    List<String> missing = new ArrayList<>();
    for (String c : feed.mappedColumns()) {
      if (!have.contains(c)) {
        missing.add(c);
      }
    }
    for (String c : List.of(Bronze.RECORD, Bronze.IS_MALFORMED, Bronze.SOURCE_FILE, Bronze.ROW_ID, Bronze.BATCH_ID, Bronze.INGEST_TS)) {
      if (!have.contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new UsageException("Cannot conform " + feed.cliName() + ": missing columns " + missing);
    }
  }
}
