package io.clientele.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static final ObjectMapper READER = new ObjectMapper();

  @Test
  void anObjectKeepsTheOrderOfItsKeysAndWritesEachKindOfValue() {
    String json = Json.write(Json.object("b", 1, "a", 2L, "n", null, "yes", true, "list", List.of("x", 0.5),
        "array", new double[] {0.25, Double.NaN}, "exact", new BigDecimal("12.3400"), "nested", Json.object("k", "v")));

    assertThat(json).isEqualTo("{\"b\":1,\"a\":2,\"n\":null,\"yes\":true,\"list\":[\"x\",0.5],\"array\":[0.25,null],"
        + "\"exact\":12.3400,\"nested\":{\"k\":\"v\"}}");
  }

  @Test
  void aDoubleHasAtMostSixDecimalsAndNoTrailingZerosAndWhatIsNotFiniteIsNull() {
    assertThat(Json.write(List.of(0.8473999999, 1.0, 1234567.891, -3.125, 0.001, 0.0, Double.POSITIVE_INFINITY)))
        .isEqualTo("[0.8474,1,1234567.891,-3.125,0.001,0,null]");
  }

  @Test
  void aNumberBelowOneThousandthKeepsSixSignificantDigitsNotZero() throws Exception {
    String json = Json.write(List.of(1e-8, 2.5e-7, -0.000123456789));

    assertThat(json).isEqualTo("[1E-8,2.5E-7,-0.000123457]");
    JsonNode parsed = READER.readTree(json);
    assertThat(parsed.get(0).asDouble()).isEqualTo(1e-8);
    assertThat(parsed.get(1).asDouble()).isEqualTo(2.5e-7);
  }

  @Test
  void textFromAUsersFileCannotBreakTheDocument() throws Exception {
    // A label or feature name is the user's text: quotes, backslashes, line ends, control characters, a script end.
    String hostile = "lab\"el\\\",\n\"x\":1}\u0001</script>\u2028中文";
    String json = Json.write(Json.object(hostile, hostile, "label", hostile));

    JsonNode parsed = READER.readTree(json);
    assertThat(parsed.size()).isEqualTo(2);
    assertThat(parsed.get(hostile).asText()).isEqualTo(hostile);
    assertThat(parsed.get("label").asText()).isEqualTo(hostile);
    assertThat(json).doesNotContain("</");
  }

  @Test
  void keysAndValuesComeInPairs() {
    assertThatThrownBy(() -> Json.object("a", 1, "b")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pairs");
  }

  @Test
  void whatEveryWriterOfModelRunsWritesIsJsonAJsonReaderReads() throws Exception {
    String json = Json.write(Json.object("reg_params", Arrays.asList(0.0, 0.01), "cv_roc_auc", new double[] {0.71, 0.72},
        "features", List.of("log_recency", "log_frequency"), "seed", 42L));

    JsonNode parsed = READER.readTree(json);
    assertThat(parsed.get("reg_params").get(1).asDouble()).isEqualTo(0.01);
    assertThat(parsed.get("cv_roc_auc").get(0).asDouble()).isEqualTo(0.71);
    assertThat(parsed.get("features").get(1).asText()).isEqualTo("log_frequency");
    assertThat(parsed.get("seed").asLong()).isEqualTo(42L);
  }
}
