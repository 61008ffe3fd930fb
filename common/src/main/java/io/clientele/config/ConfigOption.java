package io.clientele.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One typed configuration key: its name, default, parser and the check its value must pass. Values are parsed
 * and checked once, when the configuration is loaded, so a job never meets a bad value half-way through.
 */
public final class ConfigOption<T> implements Serializable {
  /**
   * Every option in the order it was declared: creating one registers it, as Spark's {@code buildConf} does, so
   * a key declared in {@link ConfigKeys} is in {@link ConfigKeys#ALL} without a hand-written index to forget it in.
   */
  private static final List<ConfigOption<?>> DECLARED = new ArrayList<>();

  private final String key;
  private final String defaultValue;
  private final SerializableParser<T> parser;
  private final SerializableCheck<T> check;
  private final String requirement;
  private final String doc;

  interface SerializableParser<T> extends Function<String, T>, Serializable {}

  interface SerializableCheck<T> extends Predicate<T>, Serializable {}

  private ConfigOption(
      String key,
      String defaultValue,
      SerializableParser<T> parser,
      SerializableCheck<T> check,
      String requirement,
      String doc) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.parser = parser;
    this.check = check;
    this.requirement = requirement;
    this.doc = doc;
    synchronized (DECLARED) {
      DECLARED.add(this);
    }
  }

  /** The options declared so far, in order. */
  static List<ConfigOption<?>> declared() {
    synchronized (DECLARED) {
      return List.copyOf(DECLARED);
    }
  }

  public static ConfigOption<String> string(String key, String defaultValue, String doc) {
    return new ConfigOption<>(key, defaultValue, s -> s, s -> true, "any text", doc);
  }

  public static ConfigOption<String> nonEmpty(String key, String defaultValue, String doc) {
    return new ConfigOption<>(key, defaultValue, String::trim, s -> !s.isEmpty(), "a non-empty value", doc);
  }

  public static ConfigOption<String> oneOf(String key, String defaultValue, String doc, String... allowed) {
    List<String> values = Arrays.asList(allowed);
    return new ConfigOption<>(
        key,
        defaultValue,
        s -> s.trim().toLowerCase(Locale.ROOT),
        values::contains,
        "one of " + values,
        doc);
  }

  public static ConfigOption<Integer> intAtLeast(String key, int defaultValue, int min, String doc) {
    return new ConfigOption<>(
        key, String.valueOf(defaultValue), s -> Integer.valueOf(s.trim()), v -> v >= min, "an integer >= " + min, doc);
  }

  public static ConfigOption<Long> longAtLeast(String key, long defaultValue, long min, String doc) {
    return new ConfigOption<>(
        key, String.valueOf(defaultValue), s -> Long.valueOf(s.trim()), v -> v >= min, "an integer >= " + min, doc);
  }

  public static ConfigOption<Double> doubleBetween(
      String key, double defaultValue, double min, double max, String doc) {
    return new ConfigOption<>(
        key,
        String.valueOf(defaultValue),
        s -> Double.valueOf(s.trim()),
        v -> v >= min && v <= max,
        "a number between " + min + " and " + max,
        doc);
  }

  public static ConfigOption<LocalDate> date(String key, String defaultValue, String doc) {
    return new ConfigOption<>(key, defaultValue, s -> LocalDate.parse(s.trim()), d -> true, "a date yyyy-MM-dd", doc);
  }

  /** A list separated by '|' (patterns and lexicon entries may contain commas). */
  public static ConfigOption<List<String>> list(String key, String defaultValue, String doc) {
    return new ConfigOption<>(
        key,
        defaultValue,
        s -> Arrays.stream(s.split("\\|")).map(String::trim).filter(p -> !p.isEmpty()).collect(Collectors.toList()),
        l -> !l.isEmpty(),
        "a non-empty list separated by '|'",
        doc);
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  /** Parses and checks a value, or throws a {@link ConfigException} naming the key. */
  public T parse(String value) {
    T parsed;
    try {
      parsed = parser.apply(value);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw invalid(value);
    }
    if (!check.test(parsed)) {
      throw invalid(value);
    }
    return parsed;
  }

  private ConfigException invalid(String value) {
    return new ConfigException(
        String.format("Invalid value for configuration key '%s': '%s' (expected %s)", key, value, requirement));
  }
}
