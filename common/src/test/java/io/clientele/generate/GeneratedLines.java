package io.clientele.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientele.ingest.Feed;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads generated lines back the way ingestion will, and recognises each kind of dirt in them, so tests can
 * count clean records and dirt per feed.
 */
final class GeneratedLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GeneratedLines() {}

  static String header(Feed feed) {
    return String.join(",", feed.rawColumns());
  }

  /** The records of a CSV feed (header lines left out) as column -> value maps; malformed lines are skipped. */
  static List<Map<String, String>> csvRecords(Feed feed, List<String> lines) {
    List<Map<String, String>> records = new ArrayList<>();
    for (String line : lines) {
      if (line.equals(header(feed))) {
        continue;
      }
      List<String> fields = splitCsv(line);
      if (fields.size() == feed.rawColumns().size()) {
        records.add(toMap(feed.rawColumns(), fields));
      }
    }
    return records;
  }

  /** The records of a JSON feed as column -> value maps (null for JSON null); unparseable lines are skipped. */
  static List<Map<String, String>> jsonRecords(List<String> lines) {
    List<Map<String, String>> records = new ArrayList<>();
    for (String line : lines) {
      Map<String, String> record = parseJson(line);
      if (record != null) {
        records.add(record);
      }
    }
    return records;
  }

  static List<Map<String, String>> records(Feed feed, List<String> lines) {
    return "csv".equals(feed.defaultFormat()) ? csvRecords(feed, lines) : jsonRecords(lines);
  }

  /** Splits one RFC 4180 line into its fields (quotes removed, doubled quotes undone). */
  static List<String> splitCsv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /** The keys and values of one JSON object line in their order, or null if the line is not one. */
  static Map<String, String> parseJson(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node == null || !node.isObject()) {
        return null;
      }
      Map<String, String> record = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> record.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      return record;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Ingestion's standard form of an enum value: trimmed, lower case, blanks as '_'. */
  static String standard(String value) {
    return value == null ? null : value.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", "_");
  }

  private static Map<String, String> toMap(List<String> columns, List<String> fields) {
    Map<String, String> record = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      record.put(columns.get(i), fields.get(i));
    }
    return record;
  }

  /** How many records of each dirt kind a feed's lines hold, as ingestion would recognise them. */
  static Map<Dirt.Kind, Integer> dirt(Feed feed, List<String> lines) {
    Map<Dirt.Kind, Integer> found = new EnumMap<>(Dirt.Kind.class);
    Map<String, Integer> seen = new HashMap<>();
    for (String line : lines) {
      if (!line.equals(header(feed)) && seen.merge(line, 1, Integer::sum) == 2) {
        found.merge(Dirt.Kind.DUPLICATE, 1, Integer::sum);
      }
    }
    for (String line : lines) {
      if (line.equals(header(feed))) {
        continue;
      }
      Map<String, String> record = "csv".equals(feed.defaultFormat())
          ? csvRecords(feed, List.of(line)).stream().findFirst().orElse(null)
          : parseJson(line);
      if (record == null || !record.keySet().equals(new java.util.LinkedHashSet<>(feed.rawColumns()))) {
        found.merge(Dirt.Kind.MALFORMED, 1, Integer::sum);
        continue;
      }
      for (Dirt.Kind kind : kindsOf(feed, record)) {
        found.merge(kind, 1, Integer::sum);
      }
    }
    return found;
  }

  private static List<Dirt.Kind> kindsOf(Feed feed, Map<String, String> r) {
    List<Dirt.Kind> kinds = new ArrayList<>();
    switch (feed) {
      case TRANSACTIONS:
        checkId(kinds, r.get("customer_id"));
        if (Integer.parseInt(r.get("quantity")) <= 0 || Double.parseDouble(r.get("unit_price")) <= 0) {
          kinds.add(Dirt.Kind.NON_POSITIVE);
        }
        checkTimestamp(kinds, r.get("order_ts"));
        checkEnum(kinds, r.get("status"), Feed.TRANSACTION_STATUSES);
        checkEnum(kinds, r.get("channel"), Feed.SALES_CHANNELS);
        break;
      case TRAFFIC:
        checkId(kinds, r.get("visitor_id"));
        checkTimestamp(kinds, r.get("event_ts"));
        checkEnum(kinds, r.get("event_type"), Feed.TRAFFIC_EVENT_TYPES);
        checkEnum(kinds, r.get("channel"), Feed.TRAFFIC_CHANNELS);
        break;
      case SOCIAL:
        checkId(kinds, r.get("customer_id"));
        checkTimestamp(kinds, r.get("event_ts"));
        checkEnum(kinds, r.get("action"), Feed.SOCIAL_ACTIONS);
        break;
      case CUSTOMERS:
        checkId(kinds, r.get("customer_id"));
        checkDate(kinds, r.get("birth_date"));
        checkTimestamp(kinds, r.get("updated_at"));
        checkEnum(kinds, r.get("member_level"), Feed.MEMBER_LEVELS);
        if (!List.of("M", "F").contains(r.get("gender"))) {
          kinds.add(List.of("male", "female", "m", "f", "男", "女").contains(standard(r.get("gender")))
              ? Dirt.Kind.FORMAT
              : Dirt.Kind.UNKNOWN_ENUM);
        }
        break;
      case CAMPAIGNS:
        checkId(kinds, r.get("customer_id"));
        checkDate(kinds, r.get("contact_date"));
        checkEnum(kinds, r.get("channel"), Feed.CONTACT_CHANNELS);
        break;
      default:
        throw new IllegalArgumentException(feed.toString());
    }
    return kinds;
  }

  private static void checkId(List<Dirt.Kind> kinds, String id) {
    if (id == null || id.isEmpty()) {
      kinds.add(Dirt.Kind.MISSING_ID);
    }
  }

  private static void checkEnum(List<Dirt.Kind> kinds, String value, List<String> allowed) {
    if (!allowed.contains(standard(value))) {
      kinds.add(Dirt.Kind.UNKNOWN_ENUM);
    } else if (!allowed.contains(value)) {
      kinds.add(Dirt.Kind.FORMAT);
    }
  }

  private static void checkTimestamp(List<Dirt.Kind> kinds, String value) {
    if (impossible(value)) {
      kinds.add(Dirt.Kind.IMPOSSIBLE_DATE);
    } else if (!value.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
      kinds.add(Dirt.Kind.FORMAT);
    }
  }

  private static void checkDate(List<Dirt.Kind> kinds, String value) {
    if (impossible(value)) {
      kinds.add(Dirt.Kind.IMPOSSIBLE_DATE);
    } else if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
      kinds.add(Dirt.Kind.FORMAT);
    }
  }

  /** Year 2199 or 1899, or 30 February, in a date or timestamp of any layout. */
  static boolean impossible(String value) {
    String year = value.substring(0, 4);
    return year.equals("2199") || year.equals("1899") || value.substring(5, 10).matches("02.30");
  }
}
