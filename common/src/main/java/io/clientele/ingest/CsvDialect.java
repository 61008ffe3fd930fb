package io.clientele.ingest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A CSV file's dialect (separator, quote, escape, header line) found from its first records, as DuckDB's and
 * Python's sniffers do: each candidate separator ({@link #SEPARATORS}) and quote splits the sample into records, and
 * a candidate fits when at least a share of the records (dirty files have malformed lines) have the same number of
 * fields, at least two. Of the fitting candidates the one whose records agree most wins; two that agree equally
 * with different separators are ambiguous and the error names both, so that the user chooses. Whether the first
 * record is a header is decided per column, as Python's {@code csv.Sniffer.has_header}: a column whose other values
 * are all numbers, or all of one length, votes for a header when the first record's value is not like them.
 *
 * <p>Pure: the sample is text the caller read from the file's first bytes.
 */
public record CsvDialect(char separator, char quote, char escape, boolean header, int columns, int records) {
  /** The separators tried, in the order they are named in messages. */
  public static final List<Character> SEPARATORS = List.of(',', ';', '\t', '|');

  /** The quotes tried; {@code "} wins when the sample quotes no field. */
  static final List<Character> QUOTES = List.of('"', '\'');

  /** The value of {@code --sep} or a mapping's {@code option.sep} that asks for detection. */
  public static final String AUTO = "auto";

  /** No candidate fits, or several fit equally well. */
  public static final class SniffException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    SniffException(String message) {
      super(message);
    }
  }

  /** Spark reader options for this dialect: sep, quote, escape, header. */
  public Map<String, String> readerOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("sep", String.valueOf(separator));
    options.put("quote", String.valueOf(quote));
    options.put("escape", String.valueOf(escape));
    options.put("header", String.valueOf(header));
    return options;
  }

  /** One line for progress output: what was chosen and from how much. */
  public String describe() {
    return String.format(Locale.ROOT, "separator %s, quote %s, escape %s, %s, %d columns (from %d records)",
        show(separator), show(quote), show(escape), header ? "header line" : "no header line", columns, records);
  }

  /** A character as messages show it: quoted, a tab as {@code '\t'}. */
  public static String show(char c) {
    return c == '\t' ? "'\\t'" : "'" + c + "'";
  }

  /**
   * The dialect of {@code sample}, the first characters of a file. When {@code truncated} the sample was cut
   * at a byte limit and its last record may be partial: it is not used. At most {@code maxRecords} records are read;
   * a candidate fits when a share {@code minShare} of them have its most common number of fields.
   *
   * @throws SniffException when the sample holds no record, no candidate fits, or two fit equally well
   */
  public static CsvDialect sniff(String sample, boolean truncated, int maxRecords, double minShare) {
    return sniff(sample, truncated, maxRecords, minShare, SEPARATORS, QUOTES);
  }

  private static CsvDialect sniff(String sample, boolean truncated, int maxRecords, double minShare,
      List<Character> separators, List<Character> quotes) {
    List<Candidate> fitting = new ArrayList<>();
    List<String> tried = new ArrayList<>();
    for (char separator : separators) {
      Candidate best = null;
      for (char quote : quotes) {
        Candidate candidate = Candidate.of(sample, truncated, maxRecords, separator, quote);
        if (best == null || candidate.better(best)) {
          best = candidate;
        }
      }
      tried.add(show(separator) + ": " + best.summary());
      if (best.records.isEmpty()) {
        throw new SniffException("the file holds no complete line to detect its CSV dialect from");
      }
      if (best.columns >= 2 && best.share() >= minShare) {
        fitting.add(best);
      }
    }
    if (fitting.isEmpty()) {
      throw new SniffException("could not detect the CSV separator: no candidate splits the first lines into the same "
          + "number of columns, at least two, on " + Math.round(minShare * 100) + "% of them (" + String.join("; ", tried)
          + "); give the separator explicitly");
    }
    fitting.sort(Comparator.comparingDouble(Candidate::share).reversed());
    Candidate chosen = fitting.get(0);
    List<Candidate> tied = fitting.stream().filter(c -> c.share() == chosen.share()).collect(Collectors.toList());
    if (tied.size() > 1) {
      throw new SniffException("the CSV separator is ambiguous: "
          + tied.stream().map(c -> show(c.separator) + " gives " + c.columns + " columns on every one of "
              + c.records.size() + " lines").collect(Collectors.joining(", "))
          + "; give the separator explicitly");
    }
    return new CsvDialect(chosen.separator, chosen.quote, chosen.escape(), chosen.hasHeader(), chosen.columns,
        chosen.records.size());
  }

  /**
   * Whether reader options ask for detection: {@code sep} (or {@code delimiter}) or {@code header} is {@value #AUTO}
   * (option names without regard to case, as Spark reads them).
   */
  public static boolean wanted(Map<String, String> options) {
    return options.entrySet().stream().anyMatch(e -> isDetected(e.getKey()) && AUTO.equalsIgnoreCase(e.getValue().trim()));
  }

  private static boolean isDetected(String option) {
    String key = option.toLowerCase(Locale.ROOT);
    return key.equals("sep") || key.equals("delimiter") || key.equals("header");
  }

  private static String option(Map<String, String> options, String... names) {
    for (Map.Entry<String, String> e : options.entrySet()) {
      for (String name : names) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue();
        }
      }
    }
    return null;
  }

  /**
   * The dialect of {@code sample} for reader options that ask for detection: a separator or quote the options give
   * is the only candidate tried for it, so {@code header = auto} with an explicit separator detects the header only.
   */
  public static CsvDialect sniff(String sample, boolean truncated, Map<String, String> options, int maxRecords,
      double minShare) {
    String sep = option(options, "sep", "delimiter");
    List<Character> separators = sep == null || AUTO.equalsIgnoreCase(sep.trim()) ? SEPARATORS
        : List.of(sep.equals("\\t") ? '\t' : sep.charAt(0));
    String quote = option(options, "quote");
    List<Character> quotes = quote == null || quote.isEmpty() ? QUOTES : List.of(quote.charAt(0));
    return sniff(sample, truncated, maxRecords, minShare, separators, quotes);
  }

  /**
   * The reader options with what detection found: the separator where it was {@value #AUTO}, then quote, escape and
   * header where the options do not give them (or the header is {@value #AUTO}). Other options are kept.
   */
  public Map<String, String> resolve(Map<String, String> options) {
    Map<String, String> resolved = new java.util.TreeMap<>();
    options.forEach((key, value) -> {
      if (!(isDetected(key) && AUTO.equalsIgnoreCase(value.trim()))) {
        resolved.put(key, value);
      }
    });
    if (option(resolved, "sep", "delimiter") == null) {
      resolved.put("sep", String.valueOf(separator));
    }
    if (option(resolved, "quote") == null) {
      resolved.put("quote", String.valueOf(quote));
    }
    if (option(resolved, "escape") == null) {
      resolved.put("escape", String.valueOf(escape));
    }
    if (option(resolved, "header") == null) {
      resolved.put("header", String.valueOf(header));
    }
    return resolved;
  }

  /** The reader options without detection, for a file whose dialect was not found: Spark's defaults, a header line. */
  public static Map<String, String> withoutDetection(Map<String, String> options) {
    Map<String, String> resolved = new java.util.TreeMap<>();
    options.forEach((key, value) -> {
      if (!(isDetected(key) && AUTO.equalsIgnoreCase(value.trim()))) {
        resolved.put(key, value);
      } else if (key.equalsIgnoreCase("header")) {
        resolved.put(key, "true");
      }
    });
    return resolved;
  }

  /** One separator and quote, and the records they split the sample into. */
  private static final class Candidate {
    final char separator;
    final char quote;
    final List<List<String>> records;
    final int columns;
    final int modal;
    final int quotedFields;
    final int doubledQuotes;
    final int backslashQuotes;

    private Candidate(char separator, char quote, List<List<String>> records, int quotedFields, int doubledQuotes,
        int backslashQuotes) {
      this.separator = separator;
      this.quote = quote;
      this.records = records;
      this.quotedFields = quotedFields;
      this.doubledQuotes = doubledQuotes;
      this.backslashQuotes = backslashQuotes;
      Map<Integer, Integer> counts = new HashMap<>();
      records.forEach(r -> counts.merge(r.size(), 1, Integer::sum));
      // The most common width; of equally common ones the widest.
      Map.Entry<Integer, Integer> top = counts.entrySet().stream()
          .max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue).thenComparingInt(Map.Entry::getKey))
          .orElse(Map.entry(0, 0));
      this.columns = top.getKey();
      this.modal = top.getValue();
    }

    double share() {
      return records.isEmpty() ? 0 : (double) modal / records.size();
    }

    /** Of two quotes for one separator: the one that agrees more, then the one that quotes more fields. */
    boolean better(Candidate other) {
      if (share() != other.share()) {
        return share() > other.share();
      }
      if (columns != other.columns) {
        return columns > other.columns;
      }
      return quotedFields > other.quotedFields;
    }

    char escape() {
      return backslashQuotes > 0 && doubledQuotes == 0 ? '\\' : quote;
    }

    String summary() {
      return records.isEmpty() ? "no lines" : String.format(Locale.ROOT, "%d columns on %d of %d lines", columns, modal,
          records.size());
    }

    /**
     * Python's has_header: per column, the records after the first decide a kind (all numbers, or all one length);
     * the first record's value votes for a header when it is not of that kind, against when it is. No vote (text of
     * many lengths everywhere) counts as a header, the common case.
     */
    boolean hasHeader() {
      List<List<String>> rows = records.stream().filter(r -> r.size() == columns).collect(Collectors.toList());
      if (rows.size() < 2) {
        return true;
      }
      List<String> first = rows.get(0);
      List<List<String>> rest = rows.subList(1, rows.size());
      int votes = 0;
      for (int c = 0; c < columns; c++) {
        final int column = c;
        List<String> values = rest.stream().map(r -> r.get(column)).filter(v -> !v.isEmpty()).collect(Collectors.toList());
        if (values.isEmpty()) {
          continue;
        }
        String head = first.get(c);
        if (values.stream().allMatch(CsvDialect::isNumber)) {
          votes += isNumber(head) ? -1 : 1;
        } else if (values.stream().mapToInt(String::length).distinct().count() == 1) {
          votes += head.length() == values.get(0).length() ? -1 : 1;
        }
      }
      return votes >= 0;
    }

    /**
     * Splits the sample: a field that starts with the quote runs to the quote that closes it (a doubled quote, or one
     * after a backslash, is part of the field), separators and line ends inside it included; a quote elsewhere is
     * text. Blank lines are not records.
     */
    static Candidate of(String sample, boolean truncated, int maxRecords, char separator, char quote) {
      List<List<String>> records = new ArrayList<>();
      List<String> record = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      int quotedFields = 0;
      int doubled = 0;
      int backslashed = 0;
      boolean inQuotes = false;
      boolean fieldStart = true;
      int i = 0;
      int n = sample.length();
      while (i < n && records.size() < maxRecords) {
        char c = sample.charAt(i);
        if (inQuotes) {
          if (c == '\\' && i + 1 < n && sample.charAt(i + 1) == quote && quote != '\\') {
            field.append(quote);
            backslashed++;
            i += 2;
          } else if (c == quote && i + 1 < n && sample.charAt(i + 1) == quote) {
            field.append(quote);
            doubled++;
            i += 2;
          } else if (c == quote) {
            inQuotes = false;
            i++;
          } else {
            field.append(c);
            i++;
          }
          continue;
        }
        if (c == quote && fieldStart) {
          inQuotes = true;
          fieldStart = false;
          quotedFields++;
          i++;
        } else if (c == separator) {
          record.add(field.toString());
          field.setLength(0);
          fieldStart = true;
          i++;
        } else if (c == '\n' || c == '\r') {
          record.add(field.toString());
          field.setLength(0);
          if (!(record.size() == 1 && record.get(0).isEmpty())) {
            records.add(record);
          }
          record = new ArrayList<>();
          fieldStart = true;
          i += c == '\r' && i + 1 < n && sample.charAt(i + 1) == '\n' ? 2 : 1;
        } else {
          field.append(c);
          fieldStart = false;
          i++;
        }
      }
      // The last record without a line end: whole when the sample is the whole file and no quote is left open.
      if (i >= n && !truncated && !inQuotes && (field.length() > 0 || !record.isEmpty()) && records.size() < maxRecords) {
        record.add(field.toString());
        records.add(record);
      }
      return new Candidate(separator, quote, records, quotedFields, doubled, backslashed);
    }
  }

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[-+]?(\\d+([.,]\\d*)?|[.,]\\d+)([eE][-+]?\\d+)?%?");

  /** A number as files write them: sign, digits, a decimal point or comma, an exponent, a percent sign. */
  static boolean isNumber(String value) {
    return NUMBER.matcher(value.trim()).matches();
  }
}
