package io.clientele.ingest;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.SafeExpression;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import scala.collection.JavaConverters;

/**
 * How a source layout becomes a feed's native columns: the reader (format and options) and one Spark SQL
 * expression per native column over the source columns. The native layout of each feed is the identity
 * mapping; others come from {@code ingest.mapping.NAME.*} in configuration, so a new layout needs no code.
 */
public final class IngestMapping implements Serializable {
  public static final String PREFIX = "ingest.mapping.";
  public static final List<String> FORMATS = List.of("csv", "json", "parquet", "text");

  private final String name;
  private final Feed feed;
  private final String format;
  private final Map<String, String> options;
  private final Map<String, String> columns;
  private final Set<String> disabledChecks;
  private final List<String> sourceColumns;

  private IngestMapping(
      String name, Feed feed, String format, Map<String, String> options, Map<String, String> columns,
      Set<String> disabledChecks) {
    this.name = name;
    this.feed = feed;
    this.format = format;
    this.options = Map.copyOf(options);
    this.columns = columns;
    this.disabledChecks = Set.copyOf(disabledChecks);
    this.sourceColumns = sourceColumnsOf(columns.values());
  }

  /** The source columns the expressions name, in the order first named (the expressions parse: checked before). */
  private static List<String> sourceColumnsOf(Collection<String> expressions) {
    Set<String> names = new LinkedHashSet<>();
    for (String expression : expressions) {
      collectColumns(CatalystSqlParser$.MODULE$.parseExpression(expression), names);
    }
    return List.copyOf(names);
  }

  private static void collectColumns(Expression expression, Set<String> names) {
    if (expression instanceof UnresolvedAttribute) {
      names.add(((UnresolvedAttribute) expression).nameParts().head());
    }
    JavaConverters.seqAsJavaList(expression.children()).forEach(child -> collectColumns(child, names));
  }

  /** The feed's own layout, as {@code clientele generate} writes it. */
  public static IngestMapping nativeLayout(Feed feed) {
    Map<String, String> identity = new LinkedHashMap<>();
    feed.rawColumns().forEach(c -> identity.put(c, "`" + c + "`"));
    feed.optionalColumns().forEach(c -> identity.put(c, "CAST(NULL AS STRING)"));
    // RFC 4180: a quote inside a quoted field is doubled (Spark's default escape is a backslash).
    Map<String, String> options = feed.defaultFormat().equals("csv") ? Map.of("header", "true", "escape", "\"") : Map.of();
    return new IngestMapping("native", feed, feed.defaultFormat(), options, identity, Set.of());
  }

  /**
   * The mapping NAME from configuration, checked: feed, format, known columns, parseable expressions that
   * {@link SafeExpression} accepts (no subquery, reflection or function that is not built in).
   */
  public static IngestMapping fromConfig(ClienteleConfig config, String name) {
    Map<String, String> keys = config.withPrefix(PREFIX + name + ".");
    if (keys.isEmpty()) {
      throw new ConfigException(
          "Unknown mapping '" + name + "' (configured mappings: " + String.join(", ", names(config)) + ")");
    }
    String feedKey = PREFIX + name + ".feed";
    if (!keys.containsKey("feed")) {
      throw new ConfigException("Missing configuration key '" + feedKey + "'");
    }
    Feed feed;
    try {
      feed = Feed.fromName(keys.get("feed"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid value for configuration key '" + feedKey + "': " + e.getMessage());
    }
    String format = keys.getOrDefault("format", feed.defaultFormat()).trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new ConfigException("Invalid value for configuration key '" + PREFIX + name + ".format': '" + format
          + "' (expected one of " + FORMATS + ")");
    }
    Map<String, String> options = new TreeMap<>();
    Map<String, String> columns = new LinkedHashMap<>();
    Set<String> disabled = new TreeSet<>();
    for (Map.Entry<String, String> entry : keys.entrySet()) {
      String key = entry.getKey();
      String fullKey = PREFIX + name + "." + key;
      if (key.equals("feed") || key.equals("format")) {
        continue;
      } else if (key.startsWith("option.")) {
        options.put(key.substring("option.".length()), entry.getValue());
      } else if (key.startsWith("column.")) {
        String column = key.substring("column.".length());
        if (!feed.mappedColumns().contains(column)) {
          throw new ConfigException("Invalid configuration key '" + fullKey + "': '" + column
              + "' is not a column of feed " + feed.cliName() + " " + feed.mappedColumns());
        }
        Expression parsed;
        try {
          parsed = CatalystSqlParser$.MODULE$.parseExpression(entry.getValue());
        } catch (Exception e) {
          throw new ConfigException("Invalid value for configuration key '" + fullKey + "': not a SQL expression: "
              + e.getMessage().lines().findFirst().orElse(""));
        }
        // Bronze evaluates the text with the session's parser: the guard also refuses the ${...} it would substitute.
        try {
          SafeExpression.check(parsed, entry.getValue());
        } catch (IllegalArgumentException e) {
          throw new ConfigException("Invalid value for configuration key '" + fullKey + "': " + e.getMessage());
        }
        columns.put(column, entry.getValue());
      } else if (key.equals("disabled-checks")) {
        Arrays.stream(entry.getValue().split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).forEach(disabled::add);
      } else {
        throw new ConfigException("Unknown configuration key '" + fullKey
            + "' (a mapping has feed, format, option.*, column.*, disabled-checks)");
      }
    }
    if (!format.equals("csv") && CsvDialect.wanted(options)) {
      throw new ConfigException("Invalid mapping '" + name + "': option.sep or option.header '" + CsvDialect.AUTO
          + "' detects a CSV dialect, and the format is " + format);
    }
    Set<String> knownChecks = FeedRules.checkNames(feed);
    for (String check : disabled) {
      if (!knownChecks.contains(check)) {
        throw new ConfigException("Invalid value for configuration key '" + PREFIX + name + ".disabled-checks': '"
            + check + "' is not a check of feed " + feed.cliName() + " " + knownChecks);
      }
    }
    if (columns.isEmpty()) {
      throw new ConfigException("Invalid mapping '" + name + "': no ingest.mapping." + name + ".column.* keys");
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    feed.mappedColumns().forEach(c -> ordered.put(c, columns.getOrDefault(c, "CAST(NULL AS STRING)")));
    return new IngestMapping(name, feed, format, options, ordered, disabled);
  }

  /** The names of the mappings in configuration; each is validated when {@link #fromConfig} reads it. */
  public static List<String> names(ClienteleConfig config) {
    return config.withPrefix(PREFIX).keySet().stream()
        .map(k -> k.substring(0, k.indexOf('.') < 0 ? k.length() : k.indexOf('.')))
        .distinct()
        .sorted()
        .collect(Collectors.toList());
  }

  public String name() {
    return name;
  }

  public Feed feed() {
    return feed;
  }

  public String format() {
    return format;
  }

  public Map<String, String> options() {
    return options;
  }

  /** Native column -> SQL expression over the source columns, in the feed's column order. */
  public Map<String, String> columns() {
    return columns;
  }

  public Set<String> disabledChecks() {
    return disabledChecks;
  }

  /** The source columns the expressions read: a file with a header must hold each of them. */
  public List<String> sourceColumns() {
    return sourceColumns;
  }

  /**
   * The source columns the expressions read that {@code header} lacks, compared as Spark resolves names (without
   * regard to case); empty when the header holds them all. Other columns of the header are not read.
   */
  public List<String> missingColumns(List<String> header) {
    Set<String> present = header.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    return sourceColumns.stream().filter(c -> !present.contains(c.toLowerCase(Locale.ROOT))).collect(Collectors.toList());
  }
}
