package io.clientele.social;

import io.clientele.config.ConfigException;
import java.io.Serializable;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The consumer-psychology lexicon (消费心理, docs/domain.md §5): keywords with weights, per type and language, read
 * from a text file in conf/. One entry a line, {@code type | language | keyword | weight}; '#' starts a
 * comment line. A new type or language is a new line, not code. How a keyword is matched follows from its
 * script, not from its language: keywords in scripts written without spaces (Han, kana, Hangul, Thai ...) match
 * anywhere in the text; others match case-insensitively as whole words (no letter or digit on either side).
 */
public final class Lexicon implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]+)*");

  /** One keyword of one type. */
  public static final class Entry implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String type;
    private final String language;
    private final String keyword;
    private final double weight;

    Entry(String type, String language, String keyword, double weight) {
      this.type = type;
      this.language = language;
      this.keyword = keyword;
      this.weight = weight;
    }

    public String type() {
      return type;
    }

    public String language() {
      return language;
    }

    public String keyword() {
      return keyword;
    }

    public double weight() {
      return weight;
    }

    /** Lower-cased keyword; true when it must stand as a whole word. */
    String lowered() {
      return keyword.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A Java regular expression for the lower-cased text: the keyword, with a word boundary at each end that
     * is a letter or digit of a script written with spaces. Null when neither end needs one (plain substring).
     */
    String wordPattern() {
      String k = lowered();
      boolean left = needsBoundary(k.codePointAt(0));
      boolean right = needsBoundary(k.codePointBefore(k.length()));
      if (!left && !right) {
        return null;
      }
      return (left ? "(?<![\\p{L}\\p{N}])" : "") + Pattern.quote(k) + (right ? "(?![\\p{L}\\p{N}])" : "");
    }
  }

  private final List<Entry> entries;
  private final List<String> types;

  private Lexicon(List<Entry> entries) {
    this.entries = Collections.unmodifiableList(entries);
    Set<String> ordered = new LinkedHashSet<>();
    entries.forEach(e -> ordered.add(e.type));
    this.types = List.copyOf(ordered);
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The types in the order they first appear in the file; ties in dominance go to the earlier one. */
  public List<String> types() {
    return types;
  }

  /** Parses a lexicon file's text; {@code source} names the file in error messages. */
  public static Lexicon parse(String text, String source) {
    List<Entry> entries = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\|", -1);
      if (fields.length != 4) {
        throw invalid(source, lineNo, "expected 4 fields 'type | language | keyword | weight', found " + fields.length);
      }
      String type = fields[0].strip();
      String language = fields[1].strip();
      String keyword = fields[2].strip();
      String weightText = fields[3].strip();
      if (!TYPE.matcher(type).matches()) {
        throw invalid(source, lineNo, "type '" + type + "' must be lower-case letters, digits and '_', starting with a letter");
      }
      if (!LANGUAGE.matcher(language).matches()) {
        throw invalid(source, lineNo, "language '" + language + "' must be a language code such as en or zh");
      }
      if (keyword.isEmpty()) {
        throw invalid(source, lineNo, "empty keyword");
      }
      double weight;
      try {
        weight = Double.parseDouble(weightText);
      } catch (NumberFormatException e) {
        weight = Double.NaN;
      }
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw invalid(source, lineNo, "weight '" + weightText + "' is not a positive number");
      }
      String key = type + "\u0000" + keyword.toLowerCase(java.util.Locale.ROOT);
      Integer first = seen.putIfAbsent(key, lineNo);
      if (first != null) {
        throw invalid(source, lineNo, "duplicate keyword '" + keyword + "' for type '" + type + "' (first on line " + first + ")");
      }
      entries.add(new Entry(type, language, keyword, weight));
    }
    if (entries.isEmpty()) {
      throw new ConfigException("Invalid psychology lexicon " + source + ": no entries");
    }
    return new Lexicon(entries);
  }

  private static ConfigException invalid(String source, int line, String problem) {
    return new ConfigException("Invalid psychology lexicon " + source + " line " + line + ": " + problem);
  }

  /** Letters and digits of scripts written with spaces between words need word boundaries. */
  static boolean needsBoundary(int codePoint) {
    if (!Character.isLetterOrDigit(codePoint)) {
      return false;
    }
    switch (UnicodeScript.of(codePoint)) {
      case HAN: case HIRAGANA: case KATAKANA: case HANGUL: case THAI: case LAO: case KHMER: case MYANMAR: case TIBETAN:
        return false;
      default:
        return true;
    }
  }
}
