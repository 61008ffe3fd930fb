package io.clientele.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.ingest.Feed;
import io.clientele.ingest.IngestMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClienteleConfigTest {
  @Test
  void packagedDefaultsLoadAndValidate() {
    ClienteleConfig config = ClienteleConfig.builder().profile("local").build();

    assertThat(config.get(ConfigKeys.DATABASE)).isEqualTo("clientele");
    assertThat(config.get(ConfigKeys.GENERATE_CUSTOMERS)).isEqualTo(2000L);
    assertThat(config.withPrefix("spark.")).containsEntry("master", "local[*]");
  }

  @Test
  void laterLayersWin(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("my.properties");
    Files.writeString(file, "generate.seed = 7\ngenerate.days = 30\n");

    ClienteleConfig config = ClienteleConfig.builder().profile("local").file(file).set("generate.seed", "9").build();

    assertThat(config.get(ConfigKeys.GENERATE_SEED)).isEqualTo(9L);
    assertThat(config.get(ConfigKeys.GENERATE_DAYS)).isEqualTo(30);
  }

  @Test
  void unknownKeyIsRejectedByName() {
    assertThatThrownBy(() -> ClienteleConfig.builder().set("generate.custmers", "5").build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown configuration key 'generate.custmers'");
  }

  @Test
  void badValueIsRejectedNamingKeyAndExpectation() {
    assertThatThrownBy(() -> ClienteleConfig.builder().set("generate.dirty-rate", "0.9").build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid value for configuration key 'generate.dirty-rate': '0.9' (expected a number between 0.0 and 0.5)");
    assertThatThrownBy(() -> ClienteleConfig.builder().set("metastore.type", "oracle").build())
        .hasMessageContaining("'metastore.type'");
    assertThatThrownBy(() -> ClienteleConfig.builder().set("ingest.shop-opened", "yesterday").build())
        .hasMessageContaining("'ingest.shop-opened'");
  }

  @Test
  void missingConfFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> ClienteleConfig.builder().file(dir.resolve("nope.properties")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.properties");
  }

  @Test
  void shippedMappingsAreValid() {
    ClienteleConfig config = ClienteleConfig.builder().profile("local").build();

    assertThat(IngestMapping.names(config)).contains("online_retail", "cdnow");
    assertThat(IngestMapping.fromConfig(config, "online_retail").feed()).isEqualTo(Feed.TRANSACTIONS);
    assertThat(IngestMapping.fromConfig(config, "cdnow").disabledChecks()).containsExactlyInAnyOrder("duplicate", "zero_price");
  }

  @Test
  void mappingToAnUnknownColumnNamesTheKey() {
    ClienteleConfig config = ClienteleConfig.builder()
        .set("ingest.mapping.shop.feed", "transactions")
        .set("ingest.mapping.shop.column.colour", "Colour")
        .build();

    assertThatThrownBy(() -> IngestMapping.fromConfig(config, "shop"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid configuration key 'ingest.mapping.shop.column.colour'");
  }

  @Test
  void dialectDetectionIsForCsvMappingsOnly() {
    ClienteleConfig json = ClienteleConfig.builder()
        .set("ingest.mapping.shop.feed", "transactions")
        .set("ingest.mapping.shop.format", "json")
        .set("ingest.mapping.shop.option.sep", "auto")
        .set("ingest.mapping.shop.column.order_id", "id")
        .build();
    ClienteleConfig csv = ClienteleConfig.builder()
        .set("ingest.mapping.shop.feed", "transactions")
        .set("ingest.mapping.shop.format", "csv")
        .set("ingest.mapping.shop.option.sep", "auto")
        .set("ingest.mapping.shop.option.header", "AUTO")
        .set("ingest.mapping.shop.column.order_id", "id")
        .build();

    assertThatThrownBy(() -> IngestMapping.fromConfig(json, "shop"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid mapping 'shop': option.sep or option.header 'auto' detects a CSV dialect, and the format is json");
    assertThat(IngestMapping.fromConfig(csv, "shop").options()).containsEntry("sep", "auto").containsEntry("header", "AUTO");
  }

  @Test
  void mappingWithABrokenExpressionNamesTheKey() {
    ClienteleConfig config = ClienteleConfig.builder()
        .set("ingest.mapping.shop.feed", "transactions")
        .set("ingest.mapping.shop.column.quantity", "CAST(Qty AS")
        .build();

    assertThatThrownBy(() -> IngestMapping.fromConfig(config, "shop"))
        .hasMessageStartingWith("Invalid value for configuration key 'ingest.mapping.shop.column.quantity': not a SQL expression");
  }

  @Test
  void mappingThatRunsCodeOrReadsTheEnvironmentIsRefusedNamingTheKey() {
    ClienteleConfig reflective = ClienteleConfig.builder()
        .set("ingest.mapping.shop.feed", "transactions")
        .set("ingest.mapping.shop.column.order_id", "java_method('java.lang.System', 'getenv', 'HOME')")
        .build();
    ClienteleConfig substituted = ClienteleConfig.builder()
        .set("ingest.mapping.shop.feed", "transactions")
        .set("ingest.mapping.shop.column.order_id", "concat(id, '${env:HOME}')")
        .build();

    assertThatThrownBy(() -> IngestMapping.fromConfig(reflective, "shop"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid value for configuration key 'ingest.mapping.shop.column.order_id': java_method('java.lang.System', "
            + "'getenv', 'HOME') is refused: java_method calls any Java method");
    assertThatThrownBy(() -> IngestMapping.fromConfig(substituted, "shop"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("Invalid value for configuration key 'ingest.mapping.shop.column.order_id': '${' is refused");
  }

  @Test
  void mappingThatDisablesAnUnknownCheckNamesIt() {
    ClienteleConfig config = ClienteleConfig.builder()
        .set("ingest.mapping.shop.feed", "transactions")
        .set("ingest.mapping.shop.column.order_id", "id")
        .set("ingest.mapping.shop.disabled-checks", "zero_prize")
        .build();

    assertThatThrownBy(() -> IngestMapping.fromConfig(config, "shop"))
        .hasMessageContaining("'zero_prize' is not a check of feed transactions");
  }
}
