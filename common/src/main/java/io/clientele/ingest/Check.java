package io.clientele.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * One data-quality rule, declared as data: the reason a record is quarantined and the condition under which
 * it fails. A feed's rules are evaluated in order and the first that fails gives the reason.
 */
public final class Check implements Serializable {
  public static final String REJECT_REASON = "_reject_reason";

  private final String reason;
  private final transient Column fails;

  public Check(String reason, Column fails) {
    this.reason = reason;
    this.fails = fails;
  }

  public String reason() {
    return reason;
  }

  public Column fails() {
    return fails;
  }

  /**
   * Adds {@code _reject_reason}: the reason of the first failing check, null for a valid record. Checks named
   * in {@code disabled} are skipped (a source where, say, $0.00 purchases are real).
   */
  public static Dataset<Row> withRejectReason(Dataset<Row> records, List<Check> checks, Set<String> disabled) {
    Column reason = lit(null).cast(DataTypes.StringType);
    for (int i = checks.size() - 1; i >= 0; i--) {
      Check check = checks.get(i);
      if (!disabled.contains(check.reason)) {
        reason = when(check.fails, lit(check.reason)).otherwise(reason);
      }
    }
    return records.withColumn(REJECT_REASON, reason);
  }

  /**
   * Gives every record of a file rejected whole its file's reason, over the reason of any record check:
   * {@code reasonByFile} maps {@code _source_file} to the reason (a file lacking columns the layout reads).
   */
  public static Dataset<Row> withFileRejections(Dataset<Row> marked, Map<String, String> reasonByFile) {
    if (reasonByFile.isEmpty()) {
      return marked;
    }
    Map<String, List<String>> filesByReason = new TreeMap<>();
    reasonByFile.forEach((file, reason) -> filesByReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(file));
    Column reason = col(REJECT_REASON);
    for (Map.Entry<String, List<String>> entry : filesByReason.entrySet()) {
      reason = when(col(Bronze.SOURCE_FILE).isin(entry.getValue().toArray()), lit(entry.getKey())).otherwise(reason);
    }
    return marked.withColumn(REJECT_REASON, reason);
  }
}
