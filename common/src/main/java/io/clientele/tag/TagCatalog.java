package io.clientele.tag;

import io.clientele.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tag catalog read from its file in conf/ ({@code tags.catalog}). One section per tag:
 *
 * <pre>
 * [rfm_segment]
 * name.zh     = RFM分群
 * name.en     = RFM segment
 * category    = consumption / value
 * kind        = dynamic
 * measure     = qualitative
 * source      = rule
 * definition  = customer_rfm.segment
 * refresh     = daily
 * owner       = crm
 * description = The eight RFM segments of the value job.
 * </pre>
 *
 * A line that starts with white space continues the previous value (long definitions); '#' starts a comment
 * line. Every problem is a {@link ConfigException} naming the file, the line and the tag.
 */
public final class TagCatalog {
  /** Ids become column names of customer_profile: lower case, digits, '_'. */
  private static final String ID_PATTERN = "[a-z][a-z0-9_]{0,63}";
  private static final Set<String> RESERVED = Set.of("customer_id", "as_of");
  private static final List<String> REQUIRED = List.of("name.zh", "name.en", "category", "kind", "measure", "source", "definition");
  private static final List<String> OPTIONAL = List.of("refresh", "description", "owner");
  private static final String DEFAULT_REFRESH = "daily";

  private final String source;
  private final List<TagDefinition> tags;

  private TagCatalog(String source, List<TagDefinition> tags) {
    this.source = source;
    this.tags = Collections.unmodifiableList(tags);
  }

  /** Where the catalog was read from. */
  public String source() {
    return source;
  }

  public List<TagDefinition> tags() {
    return tags;
  }

  public Optional<TagDefinition> find(String id) {
    return tags.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** The same catalog with other tags (tests, and a catalog narrowed to some tags). */
  public TagCatalog withTags(List<TagDefinition> others) {
    return new TagCatalog(source, new ArrayList<>(others));
  }

  public static TagCatalog of(String source, List<TagDefinition> tags) {
    return new TagCatalog(source, new ArrayList<>(tags));
  }

  /** Parses a catalog's text; {@code source} names the file in messages. */
  public static TagCatalog parse(String text, String source) {
    List<TagDefinition> tags = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    String id = null;
    int idLine = 0;
    Map<String, String> fields = new LinkedHashMap<>();
    String lastKey = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String raw = lines[i];
      if (i == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String trimmed = raw.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (Character.isWhitespace(raw.charAt(0))) {
        if (lastKey == null) {
          throw error(source, lineNo, id, "a continuation line (starting with white space) without a key before it");
        }
        fields.put(lastKey, fields.get(lastKey) + "\n" + trimmed);
        continue;
      }
      if (trimmed.startsWith("[")) {
        if (!trimmed.endsWith("]")) {
          throw error(source, lineNo, null, "a section header must be [tag_id]: '" + trimmed + "'");
        }
        if (id != null) {
          tags.add(build(source, id, idLine, fields));
        }
        id = trimmed.substring(1, trimmed.length() - 1).trim();
        idLine = lineNo;
        if (!id.matches(ID_PATTERN)) {
          throw error(source, lineNo, id, "the id must be lower-case letters, digits and '_', starting with a letter"
              + " (it is a column of customer_profile)");
        }
        if (RESERVED.contains(id)) {
          throw error(source, lineNo, id, "the id is reserved (a column every tag table has)");
        }
        if (!ids.add(id)) {
          throw error(source, lineNo, id, "the id is defined twice");
        }
        fields = new LinkedHashMap<>();
        lastKey = null;
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw error(source, lineNo, id, "expected 'key = value', '[tag_id]' or a comment: '" + trimmed + "'");
      }
      if (id == null) {
        throw error(source, lineNo, null, "'" + trimmed + "' comes before the first [tag_id]");
      }
      String key = trimmed.substring(0, eq).trim();
      String value = trimmed.substring(eq + 1).trim();
      if (!REQUIRED.contains(key) && !OPTIONAL.contains(key)) {
        throw error(source, lineNo, id, "unknown key '" + key + "' (known: " + String.join(", ", REQUIRED) + ", "
            + String.join(", ", OPTIONAL) + ")");
      }
      if (fields.containsKey(key)) {
        throw error(source, lineNo, id, "'" + key + "' is given twice");
      }
      fields.put(key, value);
      lastKey = key;
    }
    if (id != null) {
      tags.add(build(source, id, idLine, fields));
    }
    if (tags.isEmpty()) {
      throw new ConfigException("Cannot read tag catalog " + source + ": it defines no tag");
    }
    return new TagCatalog(source, tags);
  }

  private static TagDefinition build(String source, String id, int line, Map<String, String> fields) {
    for (String key : REQUIRED) {
      if (fields.getOrDefault(key, "").isBlank()) {
        throw error(source, line, id, "'" + key + "' is missing");
      }
    }
    String[] path = fields.get("category").split("/");
    if (path.length != 2 || path[0].isBlank() || path[1].isBlank()) {
      throw error(source, line, id, "category must be 'category / sub-category', not '" + fields.get("category") + "'");
    }
    String kind = oneOf(source, line, id, fields, "kind", TagDefinition.KINDS);
    String measure = oneOf(source, line, id, fields, "measure", TagDefinition.MEASURES);
    String origin = oneOf(source, line, id, fields, "source", TagDefinition.SOURCES);
    return new TagDefinition(id, fields.get("name.zh"), fields.get("name.en"), path[0].trim(), path[1].trim(), kind,
        measure, origin, fields.get("definition"), fields.getOrDefault("refresh", DEFAULT_REFRESH),
        fields.getOrDefault("description", ""), fields.getOrDefault("owner", ""), line);
  }

  private static String oneOf(String source, int line, String id, Map<String, String> fields, String key, List<String> allowed) {
    String value = fields.get(key).trim().toLowerCase(java.util.Locale.ROOT);
    if (!allowed.contains(value)) {
      throw error(source, line, id, key + " must be one of " + allowed + ", not '" + fields.get(key) + "'");
    }
    return value;
  }

  private static ConfigException error(String source, int line, String id, String problem) {
    return new ConfigException("Cannot read tag catalog " + source + " line " + line
        + (id == null ? "" : ", tag '" + id + "'") + ": " + problem);
  }
}
