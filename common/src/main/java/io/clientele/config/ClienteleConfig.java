package io.clientele.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one typed, validated configuration of a run. Layers, later ones winning: the built-in defaults of
 * {@link ConfigKeys}; {@code clientele.properties}; the profile overlay ({@code local.properties} or
 * {@code cluster.properties}); a user file ({@code --conf}); {@code --set key=value} overrides. Every key must
 * be known (or lie under a dynamic prefix whose owner validates it) and every value must parse, or loading
 * fails with a {@link ConfigException} naming the key.
 */
public final class ClienteleConfig implements Serializable {
  public static final String CONF_DIR_PROPERTY = "clientele.conf.dir";
  public static final String DEFAULTS_FILE = "clientele.properties";
  static final String CLASSPATH_DIR = "clientele/conf/";

  private final Map<String, String> values;
  private final Map<String, Object> parsed;

  private ClienteleConfig(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    Map<String, Object> typed = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : values.entrySet()) {
      ConfigOption<?> option = ConfigKeys.ALL.get(entry.getKey());
      if (option != null) {
        typed.put(entry.getKey(), option.parse(entry.getValue()));
      } else if (ConfigKeys.DYNAMIC_PREFIXES.stream().noneMatch(entry.getKey()::startsWith)) {
        throw new ConfigException(
            String.format("Unknown configuration key '%s' (see conf/%s for the known keys)", entry.getKey(), DEFAULTS_FILE));
      }
    }
    this.parsed = typed;
  }

  /** The built-in defaults only; used by tests and as the base layer. */
  public static ClienteleConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @SuppressWarnings("unchecked")
  public <T> T get(ConfigOption<T> option) {
    Object value = parsed.get(option.key());
    return value != null ? (T) value : option.parse(option.defaultValue());
  }

  /** Raw text of every key set under a prefix, the prefix removed, sorted by key. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> found = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        found.put(k.substring(prefix.length()), v);
      }
    });
    return found;
  }

  /** A copy with more overrides applied, validated again. */
  public ClienteleConfig with(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(values);
    merged.putAll(overrides);
    return new ClienteleConfig(merged);
  }

  /** Collects the layers in order; {@link #build()} validates them. */
  public static final class Builder {
    private final Map<String, String> layered = new LinkedHashMap<>();
    private Path confDir;

    private Builder() {
      ConfigKeys.ALL.values().forEach(o -> layered.put(o.key(), o.defaultValue()));
    }

    /** Reads the project's conf/ folder; without one, the copy packaged on the classpath. */
    public Builder confDir(Path dir) {
      this.confDir = dir;
      return this;
    }

    /** Defaults file plus the profile overlay ("local" or "cluster"), from conf dir or classpath. */
    public Builder profile(String profile) {
      readLayer(DEFAULTS_FILE, true);
      readLayer(profile + ".properties", true);
      return this;
    }

    /** A user configuration file (--conf); it must exist. */
    public Builder file(Path file) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("Cannot read configuration file '" + file + "': no such file");
      }
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        putAll(reader, file.toString());
      } catch (IOException e) {
        throw new ConfigException("Cannot read configuration file '" + file + "': " + e.getMessage(), e);
      }
      return this;
    }

    public Builder set(String key, String value) {
      layered.put(key.trim(), value);
      return this;
    }

    public Builder setAll(Map<String, String> overrides) {
      overrides.forEach(this::set);
      return this;
    }

    public ClienteleConfig build() {
      return new ClienteleConfig(layered);
    }

    private void readLayer(String name, boolean optional) {
      if (confDir != null) {
        Path file = confDir.resolve(name);
        if (Files.isRegularFile(file)) {
          file(file);
          return;
        }
      } else {
        try (InputStream in = ClienteleConfig.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + name)) {
          if (in != null) {
            putAll(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + CLASSPATH_DIR + name);
            return;
          }
        } catch (IOException e) {
          throw new ConfigException("Cannot read packaged configuration " + name + ": " + e.getMessage(), e);
        }
      }
      if (!optional) {
        throw new ConfigException("Cannot find configuration file " + name);
      }
    }

    private void putAll(Reader reader, String source) throws IOException {
      Properties properties = new Properties();
      properties.load(reader);
      properties.stringPropertyNames().forEach(k -> layered.put(k.trim(), properties.getProperty(k).trim()));
    }
  }

  /** Parses "key=value" as given to --set; a missing '=' is a usage error naming the argument. */
  public static Map.Entry<String, String> parseAssignment(String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new ConfigException("Invalid --set '" + assignment + "': expected key=value");
    }
    return Map.entry(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
  }
}
