package io.clientele.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConfigDefaultsDocumentedTest {
  @Test
  void everyTrafficSocialAndPsychologyKeyIsInTheDefaultsFileWithItsDefault() throws IOException {
    Properties documented = new Properties();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("clientele/conf/clientele.properties")) {
      documented.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    long checked = 0;
    for (ConfigOption<?> option : ConfigKeys.ALL.values()) {
      if (option.key().matches("(traffic|social|psychology)\\..*")) {
        assertThat(documented.getProperty(option.key())).as(option.key()).isNotNull();
        assertThat(option.parse(documented.getProperty(option.key()).trim()))
            .as(option.key()).isEqualTo(option.parse(option.defaultValue()));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(14);
  }
}
