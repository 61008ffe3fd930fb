package io.clientele.ingest;

import io.clientele.lake.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Where personal data lives after ingestion, declared once: each table that holds some, its columns that do, how
 * {@code clientele forget} finds a person's rows there and what it does to them. Rows keyed by customer_id with no
 * such column (orders, visits, contacts, every gold and tag table) are pseudonymous analytics and stay.
 *
 * <p>Delta writes each file's minimum and maximum of its first columns into the table's log, which VACUUM never
 * removes; the tables here collect those statistics on every column but the personal ones.
 */
public final class PersonalData {
  private PersonalData() {}

  /** How forget finds a person's rows in a table. */
  public enum Match {
    /** The table's {@code customer_id} is one of the ids. */
    CUSTOMER_ID,
    /** A bronze row whose customer_id is one of the ids, or a malformed one whose text names one of them. */
    BRONZE_ROW,
    /** A rejected record (feed, batch_id, row_id) of such a bronze row. */
    QUARANTINED_ROW
  }

  /** What forget does to the rows found. */
  public enum Erasure {
    DELETE_ROWS,
    NULL_COLUMNS
  }

  /** The Delta table property listing the columns Delta collects file statistics on. */
  public static final String STATS_COLUMNS_PROPERTY = "delta.dataSkippingStatsColumns";

  /** One table holding personal data. */
  public static final class Holder {
    private final String table;
    private final List<String> columns;
    private final Match match;
    private final Erasure erasure;

    Holder(String table, List<String> columns, Match match, Erasure erasure) {
      this.table = table;
      this.columns = List.copyOf(columns);
      this.match = match;
      this.erasure = erasure;
    }

    public String table() {
      return table;
    }

    /** The columns holding personal data: kept out of Delta's statistics, nulled (or deleted with the row) by forget. */
    public List<String> columns() {
      return columns;
    }

    public Match match() {
      return match;
    }

    public Erasure erasure() {
      return erasure;
    }
  }

  /**
   * In the order forget erases them: the quarantine before bronze, whose rows (read once, before any is nulled)
   * tell which rejected records are the person's.
   */
  public static final List<Holder> HOLDERS = List.of(
      // Who the customer is: the only silver copy of the customers feed's personal columns.
      new Holder(Tables.CUSTOMERS_PII, Feed.CUSTOMERS.personalColumns(), Match.CUSTOMER_ID, Erasure.DELETE_ROWS),
      // Quasi-identifying (with gender and city): kept for age bands and the age tag, erased on request.
      new Holder(Tables.CUSTOMERS, List.of("birth_date"), Match.CUSTOMER_ID, Erasure.NULL_COLUMNS),
      // Reviews and inquiries the person wrote: free text that may name them or hold a phone number.
      new Holder(Tables.SOCIAL_EVENTS, List.of("text"), Match.CUSTOMER_ID, Erasure.NULL_COLUMNS),
      // Rejected records of the feeds below: whole in quarantine_pii, without the personal columns in quarantine.
      new Holder(Tables.QUARANTINE_PII, List.of(Quarantine.RECORD), Match.QUARANTINED_ROW, Erasure.DELETE_ROWS),
      new Holder(Tables.QUARANTINE, List.of(Quarantine.RECORD), Match.QUARANTINED_ROW, Erasure.NULL_COLUMNS),
      // Records as received: the personal fields and the whole record; lineage and the other fields stay.
      new Holder(Tables.RAW_CUSTOMERS, rawCustomerColumns(), Match.BRONZE_ROW, Erasure.NULL_COLUMNS),
      new Holder(Tables.RAW_SOCIAL, List.of("text", Bronze.RECORD), Match.BRONZE_ROW, Erasure.NULL_COLUMNS));

  private static List<String> rawCustomerColumns() {
    List<String> columns = new ArrayList<>(Feed.CUSTOMERS.personalColumns());
    columns.add("birth_date");
    columns.add(Bronze.RECORD);
    return columns;
  }

  /** The feeds whose bronze rows hold personal data (their rejected records do too). */
  public static List<Feed> feeds() {
    return HOLDERS.stream().filter(h -> h.match() == Match.BRONZE_ROW)
        .map(h -> Arrays.stream(Feed.values()).filter(f -> f.bronzeTable().equals(h.table())).findFirst()
            .orElseThrow(() -> new IllegalStateException("No feed has bronze table " + h.table())))
        .collect(Collectors.toList());
  }

  /** The personal columns of a table; empty when it holds none. */
  public static List<String> columns(String table) {
    return HOLDERS.stream().filter(h -> h.table().equals(table)).findFirst().map(Holder::columns).orElse(List.of());
  }

  /**
   * The Delta properties a table is created with: for a table holding personal data, statistics on every column
   * but the personal ones; none otherwise.
   */
  public static Map<String, String> tableProperties(String table, StructType schema) {
    List<String> personal = columns(table);
    if (personal.isEmpty()) {
      return Map.of();
    }
    // Delta refuses the property naming a column it keeps no statistics of (booleans, binaries, nested types).
    return Map.of(STATS_COLUMNS_PROPERTY, Arrays.stream(schema.fields())
        .filter(f -> !personal.contains(f.name()))
        .filter(f -> f.dataType() instanceof AtomicType && !(f.dataType() instanceof BooleanType) && !(f.dataType() instanceof BinaryType))
        .map(StructField::name).collect(Collectors.joining(",")));
  }
}
