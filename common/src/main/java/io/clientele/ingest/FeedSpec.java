package io.clientele.ingest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/**
 * One feed's rules in one place: its silver schema, the column holding a record's day, how the raw text of its
 * native columns ({@link Feed#mappedColumns()}) becomes typed and standardised silver columns, and the ordered
 * checks that send a record to quarantine. {@link FeedRules} runs them with the settings read from configuration
 * (timestamp and date layouts, the shop's opening, the clock skew allowed, the rating scale, gender words); a spec
 * holds no state. Adding a feed: its constant in {@link Feed}, a spec, and its entry in {@link FeedRules#SPECS}.
 */
abstract class FeedSpec {
  private final StructType silverSchema;
  private final Optional<String> dayColumn;

  /**
   * @param silverSchema the silver table's columns: business columns, then the lineage every silver row keeps
   * @param dayColumn the silver column holding a record's day, when every valid record carries one: part of the
   *     record's content, hence of its key, so two copies of a record always share it; empty for a feed whose records
   *     are versions
   */
  FeedSpec(StructType silverSchema, Optional<String> dayColumn) {
    this.silverSchema = silverSchema;
    this.dayColumn = dayColumn;
  }

  final StructType silverSchema() {
    return silverSchema;
  }

  final Optional<String> dayColumn() {
    return dayColumn;
  }

  /** Each silver column (and, for customers, each personal column) by name, from the raw record, in order. */
  abstract Map<String, Column> typedColumns(FeedRules rules);

  /** The feed's own checks in the order they apply, after the malformed-record check every feed has. */
  abstract List<Check> checks(FeedRules rules);

  /** Reasons given after the checks and the duplicate check (customers: a version superseded by a later one). */
  List<String> laterReasons() {
    return List.of();
  }
}
