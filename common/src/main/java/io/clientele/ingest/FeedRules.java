package io.clientele.ingest;

import static io.clientele.ingest.Parse.code;
import static io.clientele.ingest.Parse.date;
import static io.clientele.ingest.Parse.decimal;
import static io.clientele.ingest.Parse.decimalNumber;
import static io.clientele.ingest.Parse.flag;
import static io.clientele.ingest.Parse.integer;
import static io.clientele.ingest.Parse.text;
import static io.clientele.ingest.Parse.timestamp;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Conforming bronze to silver, feed by feed: the typed and standardised columns of each silver table (its
 * schema is declared here, once) and the ordered checks that send a record to quarantine. The settings come
 * from configuration; the functions are pure.
 */
public final class FeedRules implements Serializable {
  // Lineage kept on every silver row.
  public static final String RECORD_KEY = "_record_key";
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

  /** The reasons a record of this feed can be quarantined for, in the order they are checked. */
  public static Set<String> checkNames(Feed feed) {
    FeedRules rules = from(ClienteleConfig.defaults());
    Set<String> names = rules.checks(feed).stream().map(Check::reason).collect(Collectors.toCollection(LinkedHashSet::new));
    names.add(DUPLICATE);
    if (feed == Feed.CUSTOMERS) {
      names.add(SUPERSEDED);
    }
    return names;
  }

  // ---- silver schemas ----------------------------------------------------------------------------------

  private static final StructType LINEAGE = new StructType()
      .add(RECORD_KEY, StringType, false)
      .add(Bronze.SOURCE_FILE, StringType, false)
      .add(Bronze.BATCH_ID, StringType, false)
      .add(Bronze.INGEST_TS, TimestampType, false);

  public static final StructType TRANSACTIONS = withLineage(new StructType()
      .add("order_id", StringType, false)
      .add("line_no", IntegerType, true)
      .add("customer_id", StringType, false)
      .add("order_ts", TimestampType, false)
      .add("order_date", DateType, false)
      .add("sku", StringType, true)
      .add("category", StringType, true)
      .add("brand", StringType, true)
      .add("quantity", IntegerType, false)
      .add("unit_price", Money.TYPE, false)
      .add("discount", DoubleType, false)
      .add("coupon_code", StringType, true)
      .add("has_coupon", BooleanType, false)
      .add("is_discounted", BooleanType, false)
      .add("channel", StringType, false)
      .add("store_id", StringType, true)
      .add("payment", StringType, true)
      .add("status", StringType, false)
      .add("is_cancelled", BooleanType, false)
      .add("is_returned", BooleanType, false)
      .add("amount", Money.TYPE, false));

  public static final StructType TRAFFIC_EVENTS = withLineage(new StructType()
      .add("event_id", StringType, true)
      .add("visitor_id", StringType, false)
      .add("customer_id", StringType, true)
      .add("session_id", StringType, true)
      .add("event_ts", TimestampType, false)
      .add("event_date", DateType, false)
      .add("channel", StringType, false)
      .add("store_id", StringType, true)
      .add("zone", StringType, true)
      .add("floor", IntegerType, true)
      .add("event_type", StringType, false)
      .add("dwell_seconds", IntegerType, true)
      .add("device", StringType, true)
      .add("region", StringType, true)
      .add("referrer", StringType, true));

  public static final StructType SOCIAL_EVENTS = withLineage(new StructType()
      .add("event_id", StringType, true)
      .add("customer_id", StringType, false)
      .add("event_ts", TimestampType, false)
      .add("event_date", DateType, false)
      .add("platform", StringType, true)
      .add("action", StringType, false)
      .add("text", StringType, true)
      .add("rating", IntegerType, true)
      .add("target_sku", StringType, true)
      .add("reach", IntegerType, true));

  public static final StructType CUSTOMERS = withLineage(new StructType()
      .add("customer_id", StringType, false)
      .add("gender", StringType, false)
      .add("birth_date", DateType, true)
      .add("region", StringType, true)
      .add("city", StringType, true)
      .add("signup_date", DateType, true)
      .add("member_level", StringType, false)
      .add("is_member", BooleanType, false)
      .add("occupation", StringType, true)
      .add("marital_status", StringType, true)
      .add("education", StringType, true)
      .add("acquisition_channel", StringType, true)
      .add("updated_at", TimestampType, true));

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

  public static final StructType CAMPAIGN_CONTACTS = withLineage(new StructType()
      .add("contact_id", StringType, false)
      .add("campaign_id", StringType, false)
      .add("customer_id", StringType, false)
      .add("contact_date", DateType, false)
      .add("channel", StringType, false)
      .add("offer", StringType, true)
      .add("cost", Money.TYPE, true)
      .add("responded", BooleanType, false)
      .add("response_date", DateType, true)
      .add("response_amount", Money.TYPE, true));

  public static StructType silverSchema(Feed feed) {
    switch (feed) {
      case TRANSACTIONS: return TRANSACTIONS;
      case TRAFFIC: return TRAFFIC_EVENTS;
      case SOCIAL: return SOCIAL_EVENTS;
      case CUSTOMERS: return CUSTOMERS;
      case CAMPAIGNS: return CAMPAIGN_CONTACTS;
      default: throw new UsageException(feed.name());
    }
  }

  private static StructType withLineage(StructType business) {
    StructType schema = business;
    for (StructField field : LINEAGE.fields()) {
      schema = schema.add(field);
    }
    return schema;
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
    switch (feed) {
      case TRANSACTIONS:
        return java.util.Optional.of("order_date");
      case TRAFFIC:
      case SOCIAL:
        return java.util.Optional.of("event_date");
      case CAMPAIGNS:
        return java.util.Optional.of("contact_date");
      default:
        return java.util.Optional.empty();
    }
  }

  private static Column raw(String column) {
    return col(RAW + "." + column);
  }

  /** Text that is present (not blank) in the raw record. */
  private static Column present(String column) {
    return text(raw(column)).isNotNull();
  }

  private Column ts(String column) {
    return timestamp(raw(column), timestampFormats);
  }

  private Column day(String column) {
    return date(raw(column), dateFormats);
  }

  private Map<String, Column> typedColumns(Feed feed) {
    switch (feed) {
      case TRANSACTIONS: {
        Column quantity = integer(raw("quantity"));
        Column price = decimal(raw("unit_price"));
        Column discount = coalesce(decimalNumber(raw("discount")), lit(0.0));
        Column status = code(raw("status"));
        return named(
            text(raw("order_id")).as("order_id"),
            integer(raw("line_no")).as("line_no"),
            text(raw("customer_id")).as("customer_id"),
            ts("order_ts").as("order_ts"),
            to_date(ts("order_ts")).as("order_date"),
            text(raw("sku")).as("sku"),
            text(raw("category")).as("category"),
            text(raw("brand")).as("brand"),
            quantity.as("quantity"),
            price.as("unit_price"),
            discount.as("discount"),
            text(raw("coupon_code")).as("coupon_code"),
            text(raw("coupon_code")).isNotNull().as("has_coupon"),
            discount.gt(0).as("is_discounted"),
            code(raw("channel")).as("channel"),
            text(raw("store_id")).as("store_id"),
            code(raw("payment")).as("payment"),
            status.as("status"),
            status.equalTo("cancelled").as("is_cancelled"),
            status.equalTo("returned").as("is_returned"),
            coalesce(decimal(raw("amount")),
                quantity.cast(Money.TYPE).multiply(price).multiply(lit(1.0).minus(discount).cast(Money.TYPE)).cast(Money.TYPE))
                .as("amount"));
      }
      case TRAFFIC:
        return named(
            text(raw("event_id")).as("event_id"),
            text(raw("visitor_id")).as("visitor_id"),
            text(raw("customer_id")).as("customer_id"),
            text(raw("session_id")).as("session_id"),
            ts("event_ts").as("event_ts"),
            to_date(ts("event_ts")).as("event_date"),
            code(raw("channel")).as("channel"),
            text(raw("store_id")).as("store_id"),
            text(raw("zone")).as("zone"),
            integer(raw("floor")).as("floor"),
            code(raw("event_type")).as("event_type"),
            integer(raw("dwell_seconds")).as("dwell_seconds"),
            code(raw("device")).as("device"),
            text(raw("region")).as("region"),
            text(raw("referrer")).as("referrer"));
      case SOCIAL:
        return named(
            text(raw("event_id")).as("event_id"),
            text(raw("customer_id")).as("customer_id"),
            ts("event_ts").as("event_ts"),
            to_date(ts("event_ts")).as("event_date"),
            code(raw("platform")).as("platform"),
            code(raw("action")).as("action"),
            text(raw("text")).as("text"),
            integer(raw("rating")).as("rating"),
            text(raw("target_sku")).as("target_sku"),
            integer(raw("reach")).as("reach"));
      case CUSTOMERS: {
        Column gender = lower(text(raw("gender")));
        Column level = coalesce(code(raw("member_level")), lit("none"));
        return named(
            text(raw("customer_id")).as("customer_id"),
            when(gender.isNull(), lit("unknown"))
                .when(gender.isin(male.toArray()), lit("male"))
                .when(gender.isin(female.toArray()), lit("female"))
                .as("gender"),
            day("birth_date").as("birth_date"),
            text(raw("region")).as("region"),
            text(raw("city")).as("city"),
            day("signup_date").as("signup_date"),
            level.as("member_level"),
            level.notEqual("none").as("is_member"),
            text(raw("occupation")).as("occupation"),
            coalesce(code(raw("marital_status")), lit("unknown")).as("marital_status"),
            text(raw("education")).as("education"),
            code(raw("acquisition_channel")).as("acquisition_channel"),
            ts("updated_at").as("updated_at"),
            text(raw("name")).as("name"),
            Parse.phone(raw("phone")).as("phone"),
            lower(text(raw("email"))).as("email"),
            text(raw("address")).as("address"));
      }
      case CAMPAIGNS:
        return named(
            text(raw("contact_id")).as("contact_id"),
            text(raw("campaign_id")).as("campaign_id"),
            text(raw("customer_id")).as("customer_id"),
            day("contact_date").as("contact_date"),
            code(raw("channel")).as("channel"),
            text(raw("offer")).as("offer"),
            decimal(raw("cost")).as("cost"),
            flag(raw("responded")).as("responded"),
            day("response_date").as("response_date"),
            decimal(raw("response_amount")).as("response_amount"));
      default:
        throw new UsageException(feed.name());
    }
  }

  /** Columns given as {@code expr.as(name)} -> name to expression, in order. */
  private static Map<String, Column> named(Column... columns) {
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
    switch (feed) {
      case TRANSACTIONS:
        checks.add(new Check("missing_order_id", col("order_id").isNull()));
        checks.add(new Check("missing_customer_id", col("customer_id").isNull()));
        addTimeChecks(checks, "order_ts");
        checks.add(new Check("invalid_quantity", col("quantity").isNull()));
        checks.add(new Check("non_positive_quantity", col("quantity").leq(0)));
        checks.add(new Check("invalid_price", col("unit_price").isNull()));
        checks.add(new Check("negative_price", col("unit_price").lt(0)));
        checks.add(new Check("zero_price", col("unit_price").equalTo(0)));
        checks.add(new Check("invalid_discount", present("discount").and(decimalNumber(raw("discount")).isNull())
            .or(col("discount").lt(0)).or(col("discount").geq(1))));
        checks.add(new Check("invalid_amount", present("amount").and(decimal(raw("amount")).isNull()).or(col("amount").lt(0))));
        checks.add(new Check("unknown_status", notIn("status", Feed.TRANSACTION_STATUSES)));
        checks.add(new Check("unknown_channel", notIn("channel", Feed.SALES_CHANNELS)));
        break;
      case TRAFFIC:
        checks.add(new Check("missing_visitor_id", col("visitor_id").isNull()));
        addTimeChecks(checks, "event_ts");
        checks.add(new Check("unknown_event_type", notIn("event_type", Feed.TRAFFIC_EVENT_TYPES)));
        checks.add(new Check("unknown_channel", notIn("channel", Feed.TRAFFIC_CHANNELS)));
        checks.add(new Check("invalid_number", unparsed("floor", "floor").or(unparsed("dwell_seconds", "dwell_seconds"))));
        checks.add(new Check("negative_dwell", col("dwell_seconds").lt(0)));
        break;
      case SOCIAL:
        checks.add(new Check("missing_customer_id", col("customer_id").isNull()));
        addTimeChecks(checks, "event_ts");
        checks.add(new Check("unknown_action", notIn("action", Feed.SOCIAL_ACTIONS)));
        checks.add(new Check("invalid_rating", unparsed("rating", "rating")
            .or(col("rating").lt(1)).or(col("rating").gt(maxRating))));
        checks.add(new Check("invalid_number", unparsed("reach", "reach").or(col("reach").lt(0))));
        break;
      case CUSTOMERS:
        checks.add(new Check("missing_customer_id", col("customer_id").isNull()));
        checks.add(new Check("unknown_gender", col("gender").isNull()));
        checks.add(new Check("invalid_birth_date", unparsed("birth_date", "birth_date")
            .or(col("birth_date").lt(lit(Date.valueOf("1900-01-01")))).or(col("birth_date").gt(to_date(col(Bronze.INGEST_TS))))));
        checks.add(new Check("invalid_signup_date", unparsed("signup_date", "signup_date")
            .or(col("signup_date").lt(lit(Date.valueOf(shopOpened))))
            .or(col("signup_date").gt(to_date(col(Bronze.INGEST_TS))))));
        checks.add(new Check(INVALID_TIMESTAMP, unparsed("updated_at", "updated_at")));
        // The latest updated_at wins the upsert: a version dated in the future would win every later one.
        checks.add(new Check(IN_FUTURE, col("updated_at").gt(future())));
        checks.add(new Check("unknown_member_level", notIn("member_level", Feed.MEMBER_LEVELS)));
        checks.add(new Check("unknown_marital_status", notIn("marital_status", Feed.MARITAL_STATUSES)));
        break;
      case CAMPAIGNS:
        checks.add(new Check("missing_contact_id", col("contact_id").isNull()));
        checks.add(new Check("missing_campaign_id", col("campaign_id").isNull()));
        checks.add(new Check("missing_customer_id", col("customer_id").isNull()));
        checks.add(new Check(INVALID_TIMESTAMP, col("contact_date").isNull()));
        checks.add(new Check(BEFORE_OPENING, col("contact_date").lt(lit(Date.valueOf(shopOpened)))));
        checks.add(new Check(IN_FUTURE, col("contact_date").gt(to_date(future()))));
        checks.add(new Check("unknown_channel", notIn("channel", Feed.CONTACT_CHANNELS)));
        checks.add(new Check("invalid_flag", col("responded").isNull()));
        checks.add(new Check("invalid_response", unparsed("response_date", "response_date")
            .or(col("response_date").lt(col("contact_date")))
            .or(unparsed("response_amount", "response_amount")).or(col("response_amount").lt(0))
            .or(unparsed("cost", "cost")).or(col("cost").lt(0))));
        break;
      default:
        throw new UsageException(feed.name());
    }
    return checks;
  }

  private void addTimeChecks(List<Check> checks, String column) {
    checks.add(new Check(INVALID_TIMESTAMP, col(column).isNull()));
    checks.add(new Check(BEFORE_OPENING, col(column).lt(lit(java.sql.Timestamp.valueOf(shopOpened.atStartOfDay())))));
    checks.add(new Check(IN_FUTURE, col(column).gt(future())));
  }

  private Column future() {
    return col(Bronze.INGEST_TS).plus(expr("INTERVAL " + futureToleranceHours + " HOURS"));
  }

  /** A value given in the raw record that did not parse. */
  private static Column unparsed(String rawColumn, String typedColumn) {
    return present(rawColumn).and(col(typedColumn).isNull());
  }

  private static Column notIn(String column, List<String> allowed) {
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
