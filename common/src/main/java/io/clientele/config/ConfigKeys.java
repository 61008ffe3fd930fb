package io.clientele.config;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key Clientele knows, with its default and a line of documentation. Defaults live here
 * and in {@code conf/clientele.properties}; a key that is in neither place is rejected when loaded.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  // ---- lakehouse ---------------------------------------------------------------------------------------
  /** Database in the metastore that holds every Clientele table. */
  public static final ConfigOption<String> DATABASE =
      ConfigOption.nonEmpty("catalog.database", "clientele", "database that holds every table");

  /** Warehouse folder (or URI) for managed tables; --warehouse sets it. */
  public static final ConfigOption<String> WAREHOUSE_DIR =
      ConfigOption.nonEmpty("warehouse.dir", "warehouse", "warehouse folder or URI for managed Delta tables");

  /** Metastore: an embedded Derby database under the warehouse, or an external Hive metastore. */
  public static final ConfigOption<String> METASTORE_TYPE =
      ConfigOption.oneOf("metastore.type", "derby", "derby (embedded) or hive (external)", "derby", "hive");

  /** Thrift URIs of an external Hive metastore (metastore.type = hive). */
  public static final ConfigOption<String> METASTORE_URIS =
      ConfigOption.string("metastore.uris", "", "thrift://host:9083 of an external Hive metastore");

  /** Session time zone; every timestamp is interpreted and shown in it. */
  public static final ConfigOption<String> TIME_ZONE =
      ConfigOption.nonEmpty("session.time-zone", "UTC", "Spark session time zone");

  // ---- ingestion ---------------------------------------------------------------------------------------
  /** Events before this date are impossible (the shop did not exist) and are quarantined. */
  public static final ConfigOption<LocalDate> SHOP_OPENED =
      ConfigOption.date("ingest.shop-opened", "1990-01-01", "events before this date are quarantined");

  /** Events later than ingest time plus this many hours are in the future and are quarantined. */
  public static final ConfigOption<Integer> FUTURE_TOLERANCE_HOURS =
      ConfigOption.intAtLeast("ingest.future-tolerance-hours", 24, 0, "allowed clock skew for event times");

  /** Accepted timestamp layouts, tried in order; the first that parses wins. */
  public static final ConfigOption<List<String>> TIMESTAMP_FORMATS =
      ConfigOption.list(
          "ingest.timestamp-formats",
          "yyyy-MM-dd HH:mm:ss|yyyy-MM-dd'T'HH:mm:ss|yyyy-MM-dd'T'HH:mm:ssXXX|yyyy/MM/dd HH:mm:ss|yyyy-MM-dd HH:mm|yyyyMMdd",
          "accepted timestamp layouts");

  /** Accepted date layouts, tried in order. */
  public static final ConfigOption<List<String>> DATE_FORMATS =
      ConfigOption.list("ingest.date-formats", "yyyy-MM-dd|yyyy/MM/dd|yyyyMMdd|dd.MM.yyyy", "accepted date layouts");

  /** Highest review rating; ratings outside 1..max are quarantined. */
  public static final ConfigOption<Integer> MAX_RATING =
      ConfigOption.intAtLeast("ingest.max-rating", 5, 1, "highest review rating");

  /** Spellings that mean male / female in the customers feed (compared lower-case). */
  public static final ConfigOption<List<String>> GENDER_MALE =
      ConfigOption.list("ingest.gender.male", "m|male|man|男|1", "spellings of male");

  public static final ConfigOption<List<String>> GENDER_FEMALE =
      ConfigOption.list("ingest.gender.female", "f|female|woman|女|2", "spellings of female");

  // ---- synthetic data ----------------------------------------------------------------------------------
  public static final ConfigOption<Long> GENERATE_CUSTOMERS =
      ConfigOption.longAtLeast("generate.customers", 2000, 1, "customers to simulate");

  public static final ConfigOption<Integer> GENERATE_DAYS =
      ConfigOption.intAtLeast("generate.days", 365, 7, "days of history to simulate");

  public static final ConfigOption<Long> GENERATE_SEED =
      ConfigOption.longAtLeast("generate.seed", 42, 0, "random seed; the same seed gives the same files");

  public static final ConfigOption<Double> GENERATE_DIRTY_RATE =
      ConfigOption.doubleBetween("generate.dirty-rate", 0.02, 0.0, 0.5, "share of corrupted records per feed");

  public static final ConfigOption<LocalDate> GENERATE_END_DATE =
      ConfigOption.date("generate.end-date", "2026-06-30", "last simulated day (fixed, so output is reproducible)");

  public static final ConfigOption<Integer> GENERATE_PARTITIONS =
      ConfigOption.intAtLeast("generate.partitions", 8, 1, "output files per feed (parallel tasks)");

  public static final ConfigOption<Integer> GENERATE_STORES =
      ConfigOption.intAtLeast("generate.stores", 6, 1, "physical stores");

  public static final ConfigOption<Integer> GENERATE_CAMPAIGNS =
      ConfigOption.intAtLeast("generate.campaigns", 12, 0, "marketing campaigns over the period");

  public static final ConfigOption<Double> GENERATE_MEMBER_SHARE =
      ConfigOption.doubleBetween("generate.member-share", 0.7, 0.0, 1.0, "share of customers who join the membership");

  /** Keys under these prefixes are open-ended and checked by their owners. */
  public static final List<String> DYNAMIC_PREFIXES = List.of("spark.", "ingest.mapping.");

  /** Every static key, by name. */
  public static final Map<String, ConfigOption<?>> ALL = index(
      DATABASE, WAREHOUSE_DIR, METASTORE_TYPE, METASTORE_URIS, TIME_ZONE,
      SHOP_OPENED, FUTURE_TOLERANCE_HOURS, TIMESTAMP_FORMATS, DATE_FORMATS, MAX_RATING, GENDER_MALE, GENDER_FEMALE,
      GENERATE_CUSTOMERS, GENERATE_DAYS, GENERATE_SEED, GENERATE_DIRTY_RATE, GENERATE_END_DATE, GENERATE_PARTITIONS,
      GENERATE_STORES, GENERATE_CAMPAIGNS, GENERATE_MEMBER_SHARE);

  private static Map<String, ConfigOption<?>> index(ConfigOption<?>... options) {
    Map<String, ConfigOption<?>> byKey = new LinkedHashMap<>();
    for (ConfigOption<?> option : options) {
      if (byKey.put(option.key(), option) != null) {
        throw new IllegalStateException("Duplicate configuration key " + option.key());
      }
    }
    return Map.copyOf(byKey);
  }
}
