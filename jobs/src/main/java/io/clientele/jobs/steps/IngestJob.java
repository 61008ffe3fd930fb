package io.clientele.jobs.steps;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.not;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.UsageException;
import io.clientele.ingest.Bronze;
import io.clientele.ingest.Check;
import io.clientele.ingest.CsvDialect;
import io.clientele.ingest.Dedup;
import io.clientele.ingest.Feed;
import io.clientele.ingest.FeedRules;
import io.clientele.ingest.IngestMapping;
import io.clientele.ingest.IngestedFiles;
import io.clientele.ingest.PersonalData;
import io.clientele.ingest.Quarantine;
import io.clientele.lake.Lake;
import io.clientele.lake.Tables;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
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
 * so a rerun after a crash converges and a file already taken is never read again. A batch killed before its
 * files were recorded is rolled back before the next one, which takes its files again.
 */
public final class IngestJob {
  private static final String JOB = "ingest";

  private final JobContext context;
  private final Consumer<String> afterWrite;

  public IngestJob(JobContext context) {
    this(context, table -> {});
  }

  /** {@code afterWrite} is told each table as its write commits: tests throw from it to kill a run at that point. */
  public IngestJob(JobContext context, Consumer<String> afterWrite) {
    this.context = context;
    this.afterWrite = afterWrite;
  }

  public JobResult run(Feed feed, String path, IngestMapping mapping) throws IOException {
    if (mapping.feed() != feed) {
      throw new UsageException("Cannot ingest " + feed.cliName() + " with mapping '" + mapping.name()
          + "': it maps feed " + mapping.feed().cliName());
    }
    Lake lake = context.lake();
    SparkSession spark = lake.spark();
    context.progress(JOB, feed.cliName() + ": session ready");
    ensureTables(lake, feed);
    context.progress(JOB, feed.cliName() + ": tables ready");

    List<FileStatus> files = listFiles(spark, path);
    Taken taken = taken(lake, feed);
    List<FileStatus> fresh = files.stream().filter(f -> !taken.files.contains(identity(f))).collect(Collectors.toList());
    if (fresh.isEmpty()) {
      return new JobResult(0L, 0L, 0L, String.format("%s: no new files in %s (%d already ingested)",
          feed.cliName(), path, files.size()));
    }
    List<String> unfinished = unfinishedBatches(lake, feed, taken.batches);
    if (!unfinished.isEmpty()) {
      rollBack(lake, feed, unfinished);
      context.progress(JOB, String.format("%s: rolled back unfinished batch(es) %s (killed before ingested_files named"
          + " their files; their files are read again)", feed.cliName(), unfinished));
    }
    context.sizeExecution(JOB, fresh.stream().mapToLong(FileStatus::getLen).sum());
    String batchId = batchId(feed, mapping, fresh);
    Timestamp ingestTs = Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    context.progress(JOB, String.format("%s: batch %s, %d new file(s) of %d", feed.cliName(), batchId, fresh.size(), files.size()));

    Source source = read(spark, mapping, fresh, context.config());
    source.dialects.forEach((dialect, count) -> context.progress(JOB, String.format(
        "%s: CSV dialect detected in %d file(s): %s", feed.cliName(), count, dialect)));
    source.unknownDialects.forEach((file, why) -> context.progress(JOB, String.format(
        "%s: %s: %s: its records go to quarantine", feed.cliName(), file, why)));
    source.missingColumns.forEach((file, missing) -> {
      if (!source.unknownDialects.containsKey(file)) {
        context.progress(JOB, String.format("%s: %s lacks columns %s: its records go to quarantine", feed.cliName(),
            file, missing));
      }
    });
    long bronzeBefore = lake.version(feed.bronzeTable());
    lake.replaceSlice(feed.bronzeTable(), source.bronze(feed, mapping, batchId, ingestTs), batchSlice(Bronze.BATCH_ID, batchId));
    afterWrite.accept(feed.bronzeTable());
    context.progress(JOB, feed.cliName() + ": bronze written");

    Dataset<Row> batch = lake.read(feed.bronzeTable()).where(col(Bronze.BATCH_ID).equalTo(batchId));
    // The records read: what the bronze commit wrote (no pass over the batch), counted only if it cannot say.
    long read = GoldSlice.writtenRows(lake, feed.bronzeTable(), bronzeBefore);
    if (read < 0) {
      read = batch.count();
    }
    Dataset<Row> marked = Check.withFileRejections(
        FeedRules.from(context.config()).conform(feed, batch, mapping.disabledChecks()), source.rejectedFiles());
    // What silver held before this batch: customers of an unfinished batch keep their rows (merged, not rolled
    // back), and this batch, which takes the same files, must not find them duplicates of themselves.
    List<String> notBefore = new ArrayList<>(unfinished);
    notBefore.add(batchId);
    Dataset<Row> silver = lake.read(feed.silverTable()).where(not(col(Bronze.BATCH_ID).isin(notBefore.toArray())));
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
      afterWrite.accept(Tables.QUARANTINE);
      context.progress(JOB, feed.cliName() + ": quarantine written");
      Dataset<Row> valid = marked.where(col(Check.REJECT_REASON).isNull());
      if (feed == Feed.CUSTOMERS) {
        upsertCustomers(lake, valid);
      } else {
        lake.replaceSlice(feed.silverTable(), valid, batchSlice(Bronze.BATCH_ID, batchId));
        afterWrite.accept(feed.silverTable());
      }
      context.progress(JOB, feed.cliName() + ": silver written");
      recordFiles(lake, feed, mapping, fresh, batchId, ingestTs);
      afterWrite.accept(Tables.INGESTED_FILES);
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
      throw new UsageException("Cannot ingest '" + location + "': no such file or folder");
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

  /** What ingested_files says a feed has taken: its files (path, size, modification time) and finished batches. */
  private static final class Taken {
    final Set<String> files = new HashSet<>();
    /** Batch id -> when it ran (its rows' _ingest_ts). */
    final Map<String, Timestamp> batches = new HashMap<>();
  }

  private static Taken taken(Lake lake, Feed feed) {
    Taken taken = new Taken();
    for (Row row : lake.read(Tables.INGESTED_FILES).where(col(IngestedFiles.FEED).equalTo(feed.cliName()))
        .select(IngestedFiles.PATH, IngestedFiles.SIZE, IngestedFiles.MODIFIED_AT, IngestedFiles.BATCH_ID,
            IngestedFiles.INGESTED_AT).collectAsList()) {
      taken.files.add(row.getString(0) + "|" + row.getLong(1) + "|" + row.getTimestamp(2).getTime());
      taken.batches.put(row.getString(3), row.getTimestamp(4));
    }
    return taken;
  }

  /**
   * The batches of a feed that wrote bronze (and maybe quarantine and silver) but were killed before ingested_files
   * named their files. Bronze is written first and rolled back last, so it holds every such batch. Each run with new
   * files rolls back the unfinished batches before it, so they are later than every finished one: only bronze rows
   * from the latest finished batch's ingest time on are read, which Delta answers from its file statistics without
   * reading older batches.
   */
  private static List<String> unfinishedBatches(Lake lake, Feed feed, Map<String, Timestamp> finished) {
    Dataset<Row> bronze = lake.read(feed.bronzeTable());
    java.util.Optional<Timestamp> latest = finished.values().stream().max(Comparator.naturalOrder());
    if (latest.isPresent()) {
      bronze = bronze.where(col(Bronze.INGEST_TS).geq(lit(latest.get())));
    }
    return bronze.select(Bronze.BATCH_ID).distinct().collectAsList().stream()
        .map(row -> row.getString(0))
        .filter(id -> !finished.containsKey(id))
        .sorted()
        .collect(Collectors.toList());
  }

  /**
   * Deletes unfinished batches' rows from the feed's tables in the reverse order of the writes (silver, quarantine
   * and quarantine_pii, bronze), so that a kill in between leaves them in bronze for the next run to find. Customers are merged, not
   * written as a slice, so their rows stay: the batch that takes the same files again merges the same versions.
   */
  private static void rollBack(Lake lake, Feed feed, List<String> batches) {
    Object[] ids = batches.toArray();
    if (feed != Feed.CUSTOMERS) {
      lake.delta(feed.silverTable()).delete(col(Bronze.BATCH_ID).isin(ids));
    }
    if (!feed.personalColumns().isEmpty() && lake.exists(Tables.QUARANTINE_PII)) {
      lake.delta(Tables.QUARANTINE_PII).delete(
          col(Quarantine.FEED).equalTo(feed.cliName()).and(col(Quarantine.BATCH_ID).isin(ids)));
    }
    lake.delta(Tables.QUARANTINE).delete(
        col(Quarantine.FEED).equalTo(feed.cliName()).and(col(Quarantine.BATCH_ID).isin(ids)));
    lake.delta(feed.bronzeTable()).delete(col(Bronze.BATCH_ID).isin(ids));
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

  /**
   * The files of a batch as source rows, in parts with columns of their own, and the files whose columns lack one the
   * mapping reads (their records are quarantined whole, with the names of the missing columns).
   */
  static final class Source {
    private final SparkSession spark;
    private final List<Dataset<Row>> parts = new ArrayList<>();
    /** File, as {@code _source_file} names it -> the columns the mapping reads that it lacks. */
    final Map<String, List<String>> missingColumns = new java.util.TreeMap<>();
    /** File, as {@code _source_file} names it -> why its CSV dialect was not detected. */
    final Map<String, String> unknownDialects = new java.util.TreeMap<>();
    /** Detected CSV reader options -> how many files have them. */
    final Map<String, Integer> dialects = new java.util.TreeMap<>();

    private Source(SparkSession spark) {
      this.spark = spark;
    }

    private void add(IngestMapping mapping, Dataset<Row> part, List<FileStatus> files) {
      List<String> missing = mapping.missingColumns(Arrays.asList(part.columns()));
      if (!missing.isEmpty()) {
        // input_file_name() gives the file's URI (percent-encoded), as Path.toUri does.
        files.forEach(file -> missingColumns.put(file.getPath().toUri().toString(), missing));
      }
      parts.add(part.withColumn(Bronze.SOURCE_FILE, input_file_name()).withColumn(Bronze.ROW_ID, monotonically_increasing_id()));
    }

    /** The bronze rows of every part: each part's columns mapped by name, then one union. */
    Dataset<Row> bronze(Feed feed, IngestMapping mapping, String batchId, Timestamp ingestTs) {
      return parts.stream()
          .map(part -> Bronze.fromSource(part, mapping, batchId, ingestTs))
          .reduce(Dataset::union)
          .orElseGet(() -> spark.createDataFrame(List.<Row>of(), Bronze.schema(feed)));
    }

    /** File -> the reason each of its records is quarantined for. */
    Map<String, String> rejectedFiles() {
      Map<String, String> reasons = new java.util.TreeMap<>();
      missingColumns.forEach((file, missing) -> reasons.put(file, FeedRules.MISSING_COLUMNS + " " + missing));
      // A file read with the wrong separator also lacks columns: the dialect is the reason to name.
      unknownDialects.forEach((file, why) -> reasons.put(file, FeedRules.UNKNOWN_CSV_DIALECT + ": " + why));
      return reasons;
    }
  }

  /**
   * Reads the files with the mapping's reader; every row gets its file and a row id. CSV files with a header are
   * grouped by their header line and each group is read with its own columns, so that a column is found by its name
   * in every file, not by its position in the first file's header; a batch of files with one header is still one
   * read. Empty files hold no records and are not read.
   */
  static Source read(SparkSession spark, IngestMapping mapping, List<FileStatus> files, ClienteleConfig config)
      throws IOException {
    Source source = new Source(spark);
    switch (mapping.format()) {
      case "csv": {
        for (CsvGroup group : csvGroups(spark, mapping, files, config, source)) {
          String[] paths = pathsOf(group.files);
          StructType header = spark.read().options(group.options).csv(paths[0]).schema();
          StructType schema = new StructType();
          for (String name : header.fieldNames()) {
            schema = schema.add(name, DataTypes.StringType, true);
          }
          // Every file of the group has this header line, so the columns Spark assigns by position are the named ones.
          source.add(mapping, spark.read().options(group.options)
              .schema(schema.add(Bronze.CORRUPT_RECORD, DataTypes.StringType, true))
              .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", Bronze.CORRUPT_RECORD)
              .csv(paths), group.files);
        }
        break;
      }
      case "json": {
        String[] paths = pathsOf(files);
        StructType schema = new StructType();
        List<String> columns = mapping.name().equals("native")
            ? mapping.feed().rawColumns()
            : List.of(spark.read().options(mapping.options()).json(paths).schema().fieldNames());
        for (String name : columns) {
          if (!name.equals(Bronze.CORRUPT_RECORD)) {
            schema = schema.add(name, DataTypes.StringType, true);
          }
        }
        source.add(mapping, spark.read().options(mapping.options())
            .schema(schema.add(Bronze.CORRUPT_RECORD, DataTypes.StringType, true))
            .option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", Bronze.CORRUPT_RECORD)
            .json(paths), files);
        break;
      }
      case "parquet":
        source.add(mapping, spark.read().options(mapping.options()).parquet(pathsOf(files)), files);
        break;
      case "text":
        source.add(mapping, spark.read().options(mapping.options()).text(pathsOf(files)), files);
        break;
      default:
        throw new IllegalStateException("unreachable: formats are validated with the mapping");
    }
    return source;
  }

  /** CSV files read together: the same reader options and, with a header, the same header line. */
  private record CsvGroup(Map<String, String> options, List<FileStatus> files) {}

  /**
   * The CSV files of a batch in groups that one read takes, in the order of their first file; empty files (no
   * records) are left out. A mapping whose {@code option.sep} or {@code option.header} is {@code auto} has each file's
   * dialect detected from its start ({@link CsvDialect}); a file whose dialect is not found is read with Spark's
   * defaults and its records quarantined with the reason {@value FeedRules#UNKNOWN_CSV_DIALECT} and why. Files with a
   * header are grouped by their header line too, so that a column is found by its name in every file.
   */
  private static List<CsvGroup> csvGroups(SparkSession spark, IngestMapping mapping, List<FileStatus> files,
      ClienteleConfig config, Source source) throws IOException {
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    CompressionCodecFactory codecs = new CompressionCodecFactory(conf);
    boolean detect = CsvDialect.wanted(mapping.options());
    Map<List<String>, CsvGroup> groups = new LinkedHashMap<>();
    for (FileStatus file : files) {
      if (file.getLen() == 0) {
        continue;
      }
      Map<String, String> options = mapping.options();
      if (detect) {
        try {
          CsvDialect dialect = CsvSample.sniff(conf, file.getPath(), mapping.options(), config);
          options = dialect.resolve(mapping.options());
          source.dialects.merge(dialect.readerOptions().toString(), 1, Integer::sum);
        } catch (CsvDialect.SniffException e) {
          options = CsvDialect.withoutDetection(mapping.options());
          source.unknownDialects.put(file.getPath().toUri().toString(), e.getMessage());
        }
      }
      String line = "";
      if (hasHeader(options)) {
        line = firstLine(file.getPath().getFileSystem(conf), file.getPath(), codecs.getCodec(file.getPath()));
        if (line == null) {
          continue;
        }
      }
      Map<String, String> chosen = options;
      groups.computeIfAbsent(List.of(new java.util.TreeMap<>(options).toString(), line),
          k -> new CsvGroup(chosen, new ArrayList<>())).files().add(file);
    }
    return new ArrayList<>(groups.values());
  }

  private static String[] pathsOf(List<FileStatus> files) {
    return files.stream().map(f -> f.getPath().toString()).toArray(String[]::new);
  }

  private static boolean hasHeader(Map<String, String> options) {
    return options.entrySet().stream()
        .anyMatch(e -> e.getKey().equalsIgnoreCase("header") && e.getValue().trim().equalsIgnoreCase("true"));
  }

  /** The longest header line compared; a longer first line is grouped by its first this many bytes. */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  /** The first line of a file without its line end (ISO-8859-1, so that any bytes compare exactly), null if none. */
  private static String firstLine(FileSystem fs, Path path, CompressionCodec codec) throws IOException {
    try (InputStream raw = fs.open(path);
        InputStream in = new BufferedInputStream(codec == null ? raw : codec.createInputStream(raw))) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b = in.read();
      if (b == -1) {
        return null;
      }
      while (b != -1 && b != '\n' && line.size() < MAX_HEADER_BYTES) {
        line.write(b);
        b = in.read();
      }
      String text = line.toString(StandardCharsets.ISO_8859_1);
      return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
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
  private void upsertCustomers(Lake lake, Dataset<Row> valid) {
    String newer = "s.updated_at >= t.updated_at OR t.updated_at IS NULL";
    List<String> profileColumns = List.of(FeedRules.CUSTOMERS.fieldNames());
    lake.delta(Tables.CUSTOMERS).as("t")
        .merge(valid.select(profileColumns.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)).as("s"),
            "t.customer_id = s.customer_id")
        .whenMatched(newer).updateAll()
        .whenNotMatched().insertAll()
        .execute();
    afterWrite.accept(Tables.CUSTOMERS);
    List<String> piiColumns = List.of(FeedRules.CUSTOMERS_PII.fieldNames());
    lake.delta(Tables.CUSTOMERS_PII).as("t")
        .merge(valid.select(piiColumns.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)).as("s"),
            "t.customer_id = s.customer_id")
        .whenMatched(newer).updateAll()
        .whenNotMatched().insertAll()
        .execute();
    afterWrite.accept(Tables.CUSTOMERS_PII);
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
