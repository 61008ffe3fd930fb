package io.clientele.jobs.steps;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.ingest.CsvDialect;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

/**
 * The start of a CSV file, read on the driver (decompressed as Spark would, by the file's extension), for
 * {@link CsvDialect} to detect the dialect from: at most {@link #MAX_BYTES}, UTF-8, a byte-order mark dropped.
 */
final class CsvSample {
  /** The most read from one file; a sample cut there loses its last, partial record. */
  static final int MAX_BYTES = 1 << 20;

  private CsvSample() {}

  /** The dialect of a file, with the reader options' fixed parts and configuration's csv.sniff-* settings. */
  static CsvDialect sniff(Configuration conf, Path file, Map<String, String> options, ClienteleConfig config)
      throws IOException {
    byte[] buffer = new byte[MAX_BYTES + 1];
    int length = 0;
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
    try (InputStream raw = file.getFileSystem(conf).open(file);
        InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
      int n;
      while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
        length += n;
      }
    }
    boolean truncated = length > MAX_BYTES;
    String text = new String(buffer, 0, Math.min(length, MAX_BYTES), StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return CsvDialect.sniff(text, truncated, options, config.get(ConfigKeys.CSV_SNIFF_RECORDS),
        config.get(ConfigKeys.CSV_SNIFF_MIN_SHARE));
  }

  /**
   * The file of {@code path} whose start stands for it: the path itself, or for a folder (as Spark reads one) its
   * first non-empty data file by name (names starting with '_' or '.' are Spark's and Hadoop's own).
   */
  static Path firstFile(Configuration conf, String path) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    FileStatus status = fs.getFileStatus(p);
    if (!status.isDirectory()) {
      return status.getPath();
    }
    Optional<FileStatus> first = Arrays.stream(fs.listStatus(p))
        .filter(f -> f.isFile() && f.getLen() > 0)
        .filter(f -> !f.getPath().getName().startsWith("_") && !f.getPath().getName().startsWith("."))
        .min(Comparator.comparing(f -> f.getPath().getName()));
    return first.orElseThrow(() -> new UsageException("no non-empty file in " + path)).getPath();
  }
}
