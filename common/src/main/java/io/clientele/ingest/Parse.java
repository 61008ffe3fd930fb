package io.clientele.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Column functions that turn the text of a raw field into a typed, standardised value; a value that does not
 * parse becomes null, and the feed's checks turn that null into a quarantine reason.
 */
public final class Parse {
  private Parse() {}

  /** Trimmed text; blank becomes null. */
  public static Column text(Column raw) {
    Column trimmed = trim(raw);
    return when(trimmed.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(trimmed);
  }

  /** An enumerated value standardised: lower case, runs of blanks and hyphens as '_' (" App Push" -> app_push). */
  public static Column code(Column raw) {
    return regexp_replace(lower(text(raw)), "[\\s\\-]+", "_");
  }

  /** The first of the layouts that parses the text as a timestamp (session time zone). */
  public static Column timestamp(Column raw, List<String> layouts) {
    Column value = text(raw);
    return coalesce(layouts.stream().map(layout -> to_timestamp(value, layout)).toArray(Column[]::new));
  }

  /** The first of the layouts that parses the text as a date. */
  public static Column date(Column raw, List<String> layouts) {
    Column value = text(raw);
    return coalesce(layouts.stream().map(layout -> to_date(value, layout)).toArray(Column[]::new));
  }

  public static Column integer(Column raw) {
    return text(raw).cast(DataTypes.IntegerType);
  }

  public static Column decimal(Column raw) {
    return decimalText(raw).cast(Money.TYPE);
  }

  public static Column decimalNumber(Column raw) {
    return decimalText(raw).cast(DataTypes.DoubleType);
  }

  /** true / false from the usual spellings (true, yes, y, 1; false, no, n, 0); anything else null. */
  public static Column flag(Column raw) {
    Column value = lower(text(raw));
    return when(value.isin("true", "yes", "y", "1", "t"), lit(true))
        .when(value.isin("false", "no", "n", "0", "f"), lit(false));
  }

  /** Digits only, keeping a leading '+': "(021) 5555-0101" -> "02155550101". */
  public static Column phone(Column raw) {
    return text(regexp_replace(text(raw), "(?!^\\+)[^0-9]", ""));
  }

  /** Decimal commas ("12,50") and currency signs are standardised before casting. */
  private static Column decimalText(Column raw) {
    Column value = regexp_replace(text(raw), "^[^0-9+\\-.,]+", "");
    return when(value.rlike("^-?[0-9]+,[0-9]{1,4}$"), regexp_replace(value, ",", ".")).otherwise(value);
  }
}
