package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;

import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.ingest.Bronze;
import io.clientele.ingest.Feed;
import io.clientele.ingest.PersonalData.Erasure;
import io.clientele.ingest.PersonalData.Holder;
import io.clientele.ingest.PersonalData;
import io.clientele.ingest.Quarantine;
import io.clientele.lake.Lake;
import io.delta.tables.DeltaMergeBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Erases people's personal data from every table of {@link PersonalData#HOLDERS}: their rows deleted, or the personal
 * columns nulled, found by joins with a DataFrame of their ids (no id is ever part of SQL text, nor of the predicates
 * Delta records in its log). Rows already erased are not rewritten, so a second run erases nothing. With vacuum, the
 * files of the tables' earlier versions, which still hold the data, are removed.
 */
public final class ForgetJob {
  public static final String JOB = "forget";

  /** Letters, digits, '_' and '-', the first a letter or digit: every id the feeds use, and nothing SQL or a regex reads. */
  static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  /** Delta's default retention of removed files (delta.deletedFileRetentionDuration): below it VACUUM checks. */
  static final int DELTA_RETENTION_HOURS = 168;

  private static final String KEY_FEED = "k_feed";
  private static final String KEY_BATCH = "k_batch_id";
  private static final String KEY_ROW = "k_row_id";

  private final JobContext context;

  public ForgetJob(JobContext context) {
    this.context = context;
  }

  /** Fails (usage) naming an id that does not fit {@link #CUSTOMER_ID}; {@code where} says where it came from. */
  public static String checkedId(String id, String where) {
    if (!CUSTOMER_ID.matcher(id).matches()) {
      throw new UsageException("Cannot forget customer id '" + id + "'" + where
          + ": expected 1 to 64 letters, digits, '_' or '-', starting with a letter or digit");
    }
    return id;
  }

  public JobResult run(List<String> ids, boolean vacuum) {
    ids.forEach(id -> checkedId(id, ""));
    Lake lake = context.lake();
    SparkSession spark = lake.spark();
    StructType idSchema = new StructType().add("customer_id", DataTypes.StringType, false);
    Dataset<Row> people = spark.createDataFrame(ids.stream().map(RowFactory::create).collect(Collectors.toList()), idSchema);
    Dataset<Row> bronzeKeys = bronzeKeys(lake, ids);

    Map<String, Long> erased = new LinkedHashMap<>();
    for (Holder holder : PersonalData.HOLDERS) {
      if (!lake.exists(holder.table())) {
        continue;
      }
      keepStatisticsOff(lake, holder);
      long before = lake.version(holder.table());
      erase(lake, holder, people, bronzeKeys);
      erased.put(holder.table(), affectedRows(lake, holder, before));
      context.progress(JOB, holder.table() + ": " + erased.get(holder.table()) + " row(s) erased");
    }
    long total = erased.values().stream().mapToLong(Long::longValue).sum();
    String details = erased.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    String summary = String.format("%d customer id%s: %d rows erased (%s)", ids.size(), ids.size() == 1 ? "" : "s", total,
        erased.isEmpty() ? "no table holds personal data yet" : details);
    if (vacuum) {
      int hours = context.config().get(ConfigKeys.FORGET_VACUUM_RETENTION_HOURS);
      vacuum(spark, lake, new ArrayList<>(erased.keySet()), hours);
      details += "; vacuumed with retention " + hours + " h";
      summary += String.format("; %d tables vacuumed (retention %d h)", erased.size(), hours);
    }
    return new JobResult((long) ids.size(), total, null, summary).withDetails(details);
  }

  /**
   * The people's rows in the bronze tables of {@link PersonalData#feeds()}: (feed, batch id, row id), read once and
   * kept (a local checkpoint) before any is nulled. A row is theirs when its customer_id is one of the ids, or when it
   * is malformed (its fields cannot be trusted) and its text holds one of the ids as a whole word.
   */
  private static Dataset<Row> bronzeKeys(Lake lake, List<String> ids) {
    String words = ids.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    String named = "(?<![A-Za-z0-9_-])(?:" + words + ")(?![A-Za-z0-9_-])";
    Dataset<Row> keys = null;
    for (Feed feed : PersonalData.feeds()) {
      if (!lake.exists(feed.bronzeTable())) {
        continue;
      }
      Dataset<Row> theirs = lake.read(feed.bronzeTable())
          .where(trim(col("customer_id")).isin(ids.toArray())
              .or(col(Bronze.IS_MALFORMED).and(col(Bronze.RECORD).rlike(named))))
          .select(lit(feed.cliName()).as(KEY_FEED), col(Bronze.BATCH_ID).as(KEY_BATCH), col(Bronze.ROW_ID).as(KEY_ROW));
      keys = keys == null ? theirs : keys.unionByName(theirs);
    }
    if (keys == null) {
      return null;
    }
    return keys.localCheckpoint();
  }

  private static void erase(Lake lake, Holder holder, Dataset<Row> people, Dataset<Row> bronzeKeys) {
    Dataset<Row> source;
    Column matches;
    switch (holder.match()) {
      case CUSTOMER_ID:
        source = people;
        matches = col("t.customer_id").equalTo(col("s.customer_id"));
        break;
      case BRONZE_ROW: {
        if (bronzeKeys == null) {
          return;
        }
        Feed feed = Arrays.stream(Feed.values()).filter(f -> f.bronzeTable().equals(holder.table())).findFirst().orElseThrow();
        source = bronzeKeys.where(col(KEY_FEED).equalTo(feed.cliName()));
        matches = col("t." + Bronze.BATCH_ID).equalTo(col("s." + KEY_BATCH)).and(col("t." + Bronze.ROW_ID).equalTo(col("s." + KEY_ROW)));
        break;
      }
      case QUARANTINED_ROW:
        if (bronzeKeys == null) {
          return;
        }
        source = bronzeKeys;
        matches = col("t." + Quarantine.FEED).equalTo(col("s." + KEY_FEED))
            .and(col("t." + Quarantine.BATCH_ID).equalTo(col("s." + KEY_BATCH)))
            .and(col("t." + Quarantine.ROW_ID).equalTo(col("s." + KEY_ROW)));
        break;
      default:
        throw new IllegalStateException("unreachable: " + holder.match());
    }
    DeltaMergeBuilder merge = lake.delta(holder.table()).as("t").merge(source.as("s"), matches);
    if (holder.erasure() == Erasure.DELETE_ROWS) {
      merge.whenMatched().delete().execute();
      return;
    }
    StructType schema = lake.read(holder.table()).schema();
    Column notErased = lit(false);
    Map<String, Column> nulls = new LinkedHashMap<>();
    for (String column : holder.columns()) {
      notErased = notErased.or(col("t." + column).isNotNull());
      nulls.put(column, lit(null).cast(schema.apply(column).dataType()));
    }
    // Only rows still holding something: a second run rewrites no file and reports 0.
    merge.whenMatched(notErased).update(nulls).execute();
  }

  /** The rows the erasure's commit deleted or updated, from Delta's metrics of that commit. */
  private static long affectedRows(Lake lake, Holder holder, long before) {
    if (lake.version(holder.table()) == before) {
      return 0;
    }
    Map<String, String> metrics = lake.commitMetrics(holder.table(), before + 1);
    String metric = holder.erasure() == Erasure.DELETE_ROWS ? "numTargetRowsDeleted" : "numTargetRowsUpdated";
    String value = metrics.get(metric);
    if (value == null) {
      throw new IllegalStateException("Cannot count the rows erased from " + lake.qualified(holder.table())
          + ": its commit " + (before + 1) + " has no " + metric);
    }
    return Long.parseLong(value);
  }

  /**
   * Tables created before their personal columns were kept out of Delta's statistics get the property now, so that
   * the files this run rewrites carry none; the log's earlier commits keep theirs until Delta's log retention.
   */
  private static void keepStatisticsOff(Lake lake, Holder holder) {
    Map<String, String> wanted = PersonalData.tableProperties(holder.table(), lake.read(holder.table()).schema());
    wanted.forEach((key, value) -> {
      if (!value.equals(lake.property(holder.table(), key))) {
        lake.setProperty(holder.table(), key, value);
      }
    });
  }

  /**
   * VACUUM with the configured retention. Below Delta's default of 168 hours Delta refuses unless its retention check
   * is off: it is turned off on this session for these calls only and restored after.
   */
  private void vacuum(SparkSession spark, Lake lake, List<String> tables, int hours) {
    String check = "spark.databricks.delta.retentionDurationCheck.enabled";
    String previous = spark.conf().getOption(check).isDefined() ? spark.conf().get(check) : null;
    if (hours < DELTA_RETENTION_HOURS) {
      spark.conf().set(check, "false");
    }
    try {
      for (String table : tables) {
        lake.delta(table).vacuum(hours);
        context.progress(JOB, table + ": vacuumed");
      }
    } finally {
      if (previous == null) {
        spark.conf().unset(check);
      } else {
        spark.conf().set(check, previous);
      }
    }
  }
}
