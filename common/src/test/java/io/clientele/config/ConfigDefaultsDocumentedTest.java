package io.clientele.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigDefaultsDocumentedTest {
  /** Set by a global option of its own (--warehouse), not in the defaults file: its default is ConfigKeys'. */
  private static final java.util.Set<String> SET_BY_OPTIONS = java.util.Set.of(ConfigKeys.WAREHOUSE_DIR.key());

  @Test
  void everyKeyIsInTheDefaultsFileWithItsDefault() throws IOException {
    Properties documented = new Properties();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("clientele/conf/clientele.properties")) {
      documented.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    long checked = 0;
    for (ConfigOption<?> option : ConfigKeys.ALL.values()) {
      if (SET_BY_OPTIONS.contains(option.key())) {
        assertThat(documented.getProperty(option.key())).as(option.key()).isNull();
        continue;
      }
      assertThat(documented.getProperty(option.key())).as(option.key() + " in conf/clientele.properties").isNotNull();
      assertThat(option.parse(documented.getProperty(option.key()).trim()))
          .as(option.key()).isEqualTo(option.parse(option.defaultValue()));
      checked++;
    }
    assertThat(checked).isEqualTo(ConfigKeys.ALL.size() - SET_BY_OPTIONS.size());
  }
}
