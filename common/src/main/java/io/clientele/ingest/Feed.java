package io.clientele.ingest;

import io.clientele.config.UsageException;
import io.clientele.lake.Tables;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The five raw feeds of docs/domain.md §1 and their native layouts: the columns a file of the feed carries, as
 * written by {@code clientele generate} and read by {@code clientele ingest} without a mapping. Other layouts
 * are adapted to these columns by a mapping in configuration ({@code ingest.mapping.NAME.*}).
 */
public enum Feed {
  TRANSACTIONS(
      "csv",
      Tables.RAW_TRANSACTIONS,
      Tables.TRANSACTIONS,
      List.of(),
      "order_id", "line_no", "customer_id", "order_ts", "sku", "category", "brand", "quantity", "unit_price",
      "discount", "coupon_code", "channel", "store_id", "payment", "status"),
  TRAFFIC(
      "json",
      Tables.RAW_TRAFFIC,
      Tables.TRAFFIC_EVENTS,
      List.of(),
      "event_id", "visitor_id", "customer_id", "session_id", "event_ts", "channel", "store_id", "zone", "floor",
      "event_type", "dwell_seconds", "device", "region", "referrer"),
  SOCIAL(
      "json",
      Tables.RAW_SOCIAL,
      Tables.SOCIAL_EVENTS,
      List.of(),
      "event_id", "customer_id", "event_ts", "platform", "action", "text", "rating", "target_sku", "reach"),
  CUSTOMERS(
      "csv",
      Tables.RAW_CUSTOMERS,
      Tables.CUSTOMERS,
      // Who the customer is: split off to customers_pii, kept out of quarantine (quarantine_pii holds them).
      List.of("name", "phone", "email", "address"),
      "customer_id", "name", "gender", "birth_date", "phone", "email", "address", "region", "city", "signup_date",
      "member_level", "occupation", "marital_status", "education", "acquisition_channel", "updated_at"),
  CAMPAIGNS(
      "csv",
      Tables.RAW_CAMPAIGNS,
      Tables.CAMPAIGN_CONTACTS,
      List.of(),
      "contact_id", "campaign_id", "customer_id", "contact_date", "channel", "offer", "cost", "responded",
      "response_date", "response_amount");

  /** Allowed values of the enumerated fields, after standardisation (lower case, '_' for blanks). */
  public static final List<String> TRANSACTION_STATUSES = List.of("paid", "cancelled", "returned");
  public static final List<String> SALES_CHANNELS = List.of("online", "store");
  public static final List<String> TRAFFIC_CHANNELS = List.of("store", "web");
  public static final List<String> TRAFFIC_EVENT_TYPES = List.of(
      "pass_by", "enter", "pass_aisle", "go_upstairs", "stay", "touch", "try_on", "trial",
      "view", "add_to_cart", "purchase", "leave");
  public static final List<String> SOCIAL_ACTIONS = List.of(
      "share", "like", "comment", "review", "review_with_photo", "follow", "invite", "inquiry");
  public static final List<String> MEMBER_LEVELS = List.of("none", "bronze", "silver", "gold", "platinum");
  public static final List<String> MARITAL_STATUSES = List.of("single", "married", "divorced", "widowed", "unknown");
  public static final List<String> CONTACT_CHANNELS = List.of("sms", "email", "app_push", "coupon");

  private final String defaultFormat;
  private final String bronzeTable;
  private final String silverTable;
  private final List<String> personalColumns;
  private final List<String> rawColumns;

  Feed(String defaultFormat, String bronzeTable, String silverTable, List<String> personalColumns, String... rawColumns) {
    this.defaultFormat = defaultFormat;
    this.bronzeTable = bronzeTable;
    this.silverTable = silverTable;
    this.personalColumns = personalColumns;
    this.rawColumns = List.of(rawColumns);
  }

  /**
   * Columns a mapping may fill that the native layout does not carry: a source's own line total
   * ({@code amount}), kept exactly instead of being recomputed from a rounded unit price.
   */
  public List<String> optionalColumns() {
    return this == TRANSACTIONS ? List.of("amount") : List.of();
  }

  /** The native columns and then the optional ones: the text columns of the bronze table. */
  public List<String> mappedColumns() {
    List<String> all = new java.util.ArrayList<>(rawColumns);
    all.addAll(optionalColumns());
    return List.copyOf(all);
  }

  /** The feed named on the command line, case-insensitive; a clear error lists the valid names. */
  public static Feed fromName(String name) {
    for (Feed feed : values()) {
      if (feed.cliName().equalsIgnoreCase(name.trim())) {
        return feed;
      }
    }
    throw new UsageException(
        "Unknown feed '" + name + "' (expected one of "
            + Arrays.stream(values()).map(Feed::cliName).collect(Collectors.joining(", ")) + ")");
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String defaultFormat() {
    return defaultFormat;
  }

  public String bronzeTable() {
    return bronzeTable;
  }

  public String silverTable() {
    return silverTable;
  }

  /**
   * The native columns that say who a person is (name, phone, email, address): the one list from which silver
   * splits them off ({@code customers_pii}) and the quarantine keeps them out ({@code quarantine_pii}).
   */
  public List<String> personalColumns() {
    return personalColumns;
  }

  /** The columns of the native layout, in file order. */
  public List<String> rawColumns() {
    return rawColumns;
  }
}
