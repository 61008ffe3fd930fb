package io.clientele.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import io.clientele.ingest.Bronze;
import io.clientele.ingest.Check;
import io.clientele.ingest.Dedup;
import io.clientele.ingest.Feed;
import io.clientele.ingest.FeedRules;
import io.clientele.ingest.IngestMapping;
import io.clientele.ingest.IngestedFiles;
import io.clientele.ingest.PersonalData;
import io.clientele.ingest.Quarantine;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingests the new files of one feed: bronze (as received, with lineage), quarantine (every rejected record
 * with its reason) and silver (typed, standardised, deduplicated; personal data split off). A batch is the
 * set of files not yet taken; its id is derived from them, and every write replaces the batch's own slice,
 * so a rerun after a crash converges and a file already taken is never read again.
 */
public final class IngestJob {
  private static final String JOB = "ingest";

  private final JobContext context;

  public IngestJob(JobContext context) {
    this.context = context;
  }

  public JobResult run(Feed feed, String path, IngestMapping mapping) throws IOException {
    if (mapping.feed() != feed) {
      throw new IllegalArgumentException("Cannot ingest " + feed.cliName() + " with mapping '" + mapping.name()
          + "': it maps feed " + mapping.feed().cliName());
    }
    Lake lake = context.lake();
    SparkSession spark = lake.spark();
    context.progress(JOB, feed.cliName() + ": session ready");
    ensureTables(lake, feed);
    context.progress(JOB, feed.cliName() + ": tables ready");

    List<FileStatus> files = listFiles(spark, path);
    Set<String> taken = takenFiles(lake, feed);
    List<FileStatus> fresh = files.stream().filter(f -> !taken.contains(identity(f))).collect(Collectors.toList());
    if (fresh.isEmpty()) {
      return new JobResult(0L, 0L, 0L, String.format("%s: no new files in %s (%d already ingested)",
          feed.cliName(), path, files.size()));
    }
    String batchId = batchId(feed, mapping, fresh);
    Timestamp ingestTs = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    context.progress(JOB, String.format("%s: batch %s, %d new file(s) of %d", feed.cliName(), batchId, fresh.size(), files.size()));

    Dataset<Row> source = read(spark, mapping, fresh.stream().map(f -> f.getPath().toString()).collect(Collectors.toList()));
    long bronzeBefore = lake.version(feed.bronzeTable());
    lake.replaceSlice(feed.bronzeTable(), Bronze.fromSource(source, mapping, batchId, ingestTs), batchSlice(Bronze.BATCH_ID, batchId));
    context.progress(JOB, feed.cliName() + ": bronze written");

    Dataset<Row> batch = lake.read(feed.bronzeTable()).where(col(Bronze.BATCH_ID).equalTo(batchId));
    // The records read: what the bronze commit wrote (no pass over the batch), counted only if it cannot say.
    long read = GoldSlice.writtenRows(lake, feed.bronzeTable(), bronzeBefore);
    if (read < 0) {
      read = batch.count();
    }
    Dataset<Row> marked = FeedRules.from(context.config()).conform(feed, batch, mapping.disabledChecks());
    Dataset<Row> silver = lake.read(feed.silverTable()).where(col(Bronze.BATCH_ID).notEqual(batchId));
    if (!mapping.disabledChecks().contains(FeedRules.DUPLICATE)) {
      marked = Dedup.markDuplicates(marked, earlierKeys(feed, marked, silver, read));
    }
    if (feed == Feed.CUSTOMERS) {
      marked = Dedup.markSuperseded(marked, silver.select("customer_id", "updated_at"), "customer_id", "updated_at");
    }
    marked = Quarantine.withRecordOfRejectedOnly(marked).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> byReason = countByReason(marked);
      long quarantined = byReason.entrySet().stream().filter(e -> !e.getKey().isEmpty()).mapToLong(Map.Entry::getValue).sum();
      long accepted = byReason.getOrDefault("", 0L);
      if (read != accepted + quarantined) {
        throw new IllegalStateException(String.format(
            "Cannot ingest %s batch %s: %d records read but %d accepted + %d quarantined", feed.cliName(), batchId,
            read, accepted, quarantined));
      }
      context.progress(JOB, String.format("%s: %d read, %d accepted, %d quarantined %s", feed.cliName(), read,
          accepted, quarantined, reasonsText(byReason)));

      Dataset<Row> rejected = marked.where(col(Check.REJECT_REASON).isNotNull());
      lake.replaceSlice(Tables.QUARANTINE, Quarantine.fromRejected(rejected, feed),
          "feed = '" + feed.cliName() + "' AND " + batchSlice(Quarantine.BATCH_ID, batchId));
      if (!feed.personalColumns().isEmpty()) {
        lake.replaceSlice(Tables.QUARANTINE_PII, Quarantine.personalFromRejected(rejected, feed),
            "feed = '" + feed.cliName() + "' AND " + batchSlice(Quarantine.BATCH_ID, batchId));
      }
      context.progress(JOB, feed.cliName() + ": quarantine written");
      Dataset<Row> valid = marked.where(col(Check.REJECT_REASON).isNull());
      if (feed == Feed.CUSTOMERS) {
        upsertCustomers(lake, valid);
      } else {
        lake.replaceSlice(feed.silverTable(), valid, batchSlice(Bronze.BATCH_ID, batchId));
      }
      context.progress(JOB, feed.cliName() + ": silver written");
      recordFiles(lake, feed, mapping, fresh, batchId, ingestTs);
      return new JobResult(read, accepted, quarantined, String.format(
          "%s: %,d records read, %,d accepted into %s, %,d quarantined (batch %s, %d file(s))",
          feed.cliName(), read, accepted, feed.silverTable(), quarantined, batchId, fresh.size()));
    } finally {
      marked.unpersist();
    }
  }

  /**
   * The silver keys a batch's records may repeat. A small batch (ingest.small-batch-rows) looks only at the silver
   * records of the days its valid records fall on: a copy has the same content, so the same day, and the filter on
   * the day lets Delta skip other days' files (their statistics), so a daily file costs what it touches rather than
   * what silver holds. A larger batch compares with every key, which a backfill reads anyway.
   */
  private Dataset<Row> earlierKeys(Feed feed, Dataset<Row> marked, Dataset<Row> silver, long read) {
    java.util.Optional<String> day = FeedRules.dayColumn(feed);
    if (day.isEmpty() || read > context.config().get(io.clientele.config.ConfigKeys.INGEST_SMALL_BATCH_ROWS)) {
      return silver.select(FeedRules.RECORD_KEY);
    }
    Object[] days = marked.where(col(Check.REJECT_REASON).isNull()).select(day.get()).distinct().collectAsList()
        .stream().map(row -> row.get(0)).toArray();
    return silver.where(col(day.get()).isin(days)).select(FeedRules.RECORD_KEY);
  }

  static void ensureTables(Lake lake, Feed feed) {
    ensurePersonal(lake, feed.bronzeTable(), Bronze.schema(feed), "Bronze " + feed.cliName() + ": records as received, with lineage");
    ensurePersonal(lake, feed.silverTable(), FeedRules.silverSchema(feed), "Silver " + feed.cliName() + ": typed, standardised, deduplicated");
    if (feed == Feed.CUSTOMERS) {
      ensurePersonal(lake, Tables.CUSTOMERS_PII, FeedRules.CUSTOMERS_PII, "Personal data of customers; never copied to gold or tag tables");
    }
    ensurePersonal(lake, Tables.QUARANTINE, Quarantine.SCHEMA, "Every rejected record with its reason; personal columns left out");
    if (!feed.personalColumns().isEmpty()) {
      ensurePersonal(lake, Tables.QUARANTINE_PII, Quarantine.SCHEMA, "Rejected records with personal data, whole; never served");
    }
    lake.ensureTable(Tables.INGESTED_FILES, IngestedFiles.SCHEMA, "Files each feed has taken (path, size, modification time)");
  }

  /** A table created with Delta's statistics kept off its personal columns ({@link PersonalData}), if it has any. */
  private static void ensurePersonal(Lake lake, String table, StructType schema, String comment) {
    lake.ensureTable(table, schema, comment, PersonalData.tableProperties(table, schema));
  }

  /** The files under a path (a file, a folder read recursively, or a glob), hidden and marker files skipped. */
  static List<FileStatus> listFiles(SparkSession spark, String location) throws IOException {
    Path path = new Path(location);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    FileStatus[] matches = fs.globStatus(path);
    if (matches == null || matches.length == 0) {
      throw new IllegalArgumentException("Cannot ingest '" + location + "': no such file or folder");
    }
    List<FileStatus> files = new ArrayList<>();
    for (FileStatus match : matches) {
      if (match.isFile()) {
        files.add(match);
        continue;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(match.getPath(), true);
      while (it.hasNext()) {
        LocatedFileStatus file = it.next();
        if (!hidden(file.getPath(), match.getPath())) {
          files.add(file);
        }
      }
    }
    files.sort(Comparator.comparing(f -> f.getPath().toString()));
    return files;
  }

  private static boolean hidden(Path file, Path root) {
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> takenFiles(Lake lake, Feed feed) {
    Set<String> taken = new HashSet<>();
    for (Row row : lake.read(Tables.INGESTED_FILES).where(col(IngestedFiles.FEED).equalTo(feed.cliName()))
        .select(IngestedFiles.PATH, IngestedFiles.SIZE, IngestedFiles.MODIFIED_AT).collectAsList()) {
      taken.add(row.getString(0) + "|" + row.getLong(1) + "|" + row.getTimestamp(2).getTime());
    }
    return taken;
  }

  private static String identity(FileStatus file) {
    return file.getPath().toString() + "|" + file.getLen() + "|" + file.getModificationTime();
  }

  static String batchId(Feed feed, IngestMapping mapping, List<FileStatus> files) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((feed.cliName() + "|" + mapping.name()).getBytes(StandardCharsets.UTF_8));
      for (FileStatus file : files) {
        digest.update(("|" + identity(file)).getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String batchSlice(String column, String batchId) {
    return column + " = '" + batchId + "'";
  }

  /** Reads the files with the mapping's reader; every row gets its file and a row id. */
  static Dataset<Row> read(SparkSession spark, IngestMapping mapping, List<String> paths) {
    String[] files = paths.toArray(String[]::new);
    DataFrameReader reader = spark.read().options(mapping.options());
    Dataset<Row> source;
    switch (mapping.format()) {
      case "csv": {
        StructType header = spark.read().options(mapping.options()).csv(files[0]).schema();
        StructType schema = new StructType();
        for (String name : header.fieldNames()) {
          schema = schema.add(name, DataTypes.StringType, true);
        }
        source = reader.schema(schema.add(Bronze.CORRUPT_RECORD, DataTypes.StringType, true))
            .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", Bronze.CORRUPT_RECORD)
            .csv(files);
        break;
      }
      case "json": {
        StructType schema = new StructType();
        List<String> columns = mapping.name().equals("native")
            ? mapping.feed().rawColumns()
            : List.of(spark.read().options(mapping.options()).json(files).schema().fieldNames());
        for (String name : columns) {
          if (!name.equals(Bronze.CORRUPT_RECORD)) {
            schema = schema.add(name, DataTypes.StringType, true);
          }
        }
        source = reader.schema(schema.add(Bronze.CORRUPT_RECORD, DataTypes.StringType, true))
            .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", Bronze.CORRUPT_RECORD)
            .json(files);
        break;
      }
      case "parquet":
        source = reader.parquet(files);
        break;
      case "text":
        source = reader.text(files);
        break;
      default:
        throw new IllegalStateException("unreachable: formats are validated with the mapping");
    }
    return source.withColumn(Bronze.SOURCE_FILE, input_file_name()).withColumn(Bronze.ROW_ID, monotonically_increasing_id());
  }

  private static Map<String, Long> countByReason(Dataset<Row> marked) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (Row row : marked.groupBy(col(Check.REJECT_REASON)).count().collectAsList()) {
      counts.put(row.isNullAt(0) ? "" : row.getString(0), row.getLong(1));
    }
    return counts;
  }

  private static String reasonsText(Map<String, Long> byReason) {
    return byReason.entrySet().stream().filter(e -> !e.getKey().isEmpty())
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "[", "]"));
  }

  /** Customers are upserted: the latest version wins; personal data goes to customers_pii only. */
  private static void upsertCustomers(Lake lake, Dataset<Row> valid) {
    String newer = "s.updated_at >= t.updated_at OR t.updated_at IS NULL";
    List<String> profileColumns = List.of(FeedRules.CUSTOMERS.fieldNames());
    lake.delta(Tables.CUSTOMERS).as("t")
        .merge(valid.select(profileColumns.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)).as("s"),
            "t.customer_id = s.customer_id")
        .whenMatched(newer).updateAll()
        .whenNotMatched().insertAll()
        .execute();
    List<String> piiColumns = List.of(FeedRules.CUSTOMERS_PII.fieldNames());
    lake.delta(Tables.CUSTOMERS_PII).as("t")
        .merge(valid.select(piiColumns.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)).as("s"),
            "t.customer_id = s.customer_id")
        .whenMatched(newer).updateAll()
        .whenNotMatched().insertAll()
        .execute();
  }

  private static void recordFiles(Lake lake, Feed feed, IngestMapping mapping, List<FileStatus> files, String batchId, Timestamp ingestTs) {
    List<Row> rows = new ArrayList<>();
    for (FileStatus file : files) {
      rows.add(RowFactory.create(feed.cliName(), mapping.name(), file.getPath().toString(), file.getLen(),
          new Timestamp(file.getModificationTime()), batchId, ingestTs));
    }
    lake.replaceSlice(Tables.INGESTED_FILES, lake.spark().createDataFrame(rows, IngestedFiles.SCHEMA),
        batchSlice(IngestedFiles.BATCH_ID, batchId));
  }

}
