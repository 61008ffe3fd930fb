package io.clientele.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

  @Test
  void settingsAreReadFromTheGenerateKeys() {
    ClienteleConfig config = ClienteleConfig.builder()
        .set("generate.customers", "123")
        .set("generate.days", "90")
        .set("generate.seed", "7")
        .set("generate.dirty-rate", "0.1")
        .set("generate.end-date", "2025-12-31")
        .set("generate.partitions", "3")
        .set("generate.stores", "9")
        .set("generate.campaigns", "4")
        .set("generate.member-share", "0.5")
        .build();

    GeneratorSettings actual = Generator.settings(config);

    GeneratorSettings expected = GeneratorSettings.builder()
        .customers(123)
        .days(90)
        .seed(7)
        .dirtyRate(0.1)
        .endDate(LocalDate.of(2025, 12, 31))
        .partitions(3)
        .stores(9)
        .campaigns(4)
        .memberShare(0.5)
        .build();
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.startDate()).isEqualTo(LocalDate.of(2025, 10, 3));
  }

  @Test
  void builderDefaultsMatchTheConfigurationDefaults() {
    assertThat(GeneratorSettings.builder().build()).isEqualTo(Generator.settings(ClienteleConfig.defaults()));
  }

  @Test
  void overridesReplaceOnlyTheValuesGiven() {
    GeneratorSettings base = GeneratorSettings.builder().customers(100).days(30).seed(1).dirtyRate(0.02).build();

    GeneratorSettings actual = base.withOverrides(500L, null, 9L, null);

    assertThat(actual).isEqualTo(base.toBuilder().customers(500).seed(9).build());
  }

  @Test
  void anInvalidOverrideNamesTheSetting() {
    GeneratorSettings base = GeneratorSettings.builder().build();

    assertThatThrownBy(() -> base.withOverrides(null, null, null, 0.9))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot generate data: dirty rate must be between 0 and 0.5 (got 0.9)");
  }
}
