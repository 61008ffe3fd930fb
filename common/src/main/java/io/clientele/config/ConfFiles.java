package io.clientele.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Files that configuration keys name (lexicons, catalogs): a path that exists as given, else a file of the
 * project's conf/ folder ({@value ClienteleConfig#CONF_DIR_PROPERTY}), else the copy packaged on the classpath.
 */
public final class ConfFiles {
  private ConfFiles() {}

  /** A file's text and where it came from, for messages. */
  public static final class Text {
    private final String source;
    private final String content;

    public Text(String source, String content) {
      this.source = source;
      this.content = content;
    }

    public String source() {
      return source;
    }

    public String content() {
      return content;
    }
  }

  /** Reads the file named by {@code key}'s value, or fails with a {@link ConfigException} naming key and file. */
  public static Text read(ConfigOption<String> key, String name) {
    try {
      Path given = Paths.get(name);
      if (Files.isRegularFile(given)) {
        return new Text(given.toString(), Files.readString(given, StandardCharsets.UTF_8));
      }
      String confDir = System.getProperty(ClienteleConfig.CONF_DIR_PROPERTY);
      if (confDir != null && Files.isRegularFile(Paths.get(confDir, name))) {
        Path file = Paths.get(confDir, name);
        return new Text(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
      try (InputStream in = ConfFiles.class.getClassLoader().getResourceAsStream(ClienteleConfig.CLASSPATH_DIR + name)) {
        if (in != null) {
          return new Text("classpath:" + ClienteleConfig.CLASSPATH_DIR + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException | java.nio.file.InvalidPathException e) {
      throw new ConfigException("Cannot read '" + name + "' (configuration key '" + key.key() + "'): " + e.getMessage(), e);
    }
    throw new ConfigException("Cannot read '" + name + "' (configuration key '" + key.key()
        + "'): no such file, neither as given, nor in conf/, nor packaged");
  }
}
