package io.clientele.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {
  /** The ConfigOption constants ConfigKeys declares. */
  private static List<ConfigOption<?>> declaredFields() throws IllegalAccessException {
    List<ConfigOption<?>> options = new ArrayList<>();
    for (Field field : ConfigKeys.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigOption.class) {
        options.add((ConfigOption<?>) field.get(null));
      }
    }
    return options;
  }

  @Test
  void everyDeclaredKeyIsInTheIndexAndTheIndexHoldsNothingElse() throws IllegalAccessException {
    List<ConfigOption<?>> fields = declaredFields();

    // A key registers itself when declared: a constant added anywhere in ConfigKeys is in ALL without an edit to it.
    assertThat(fields).hasSizeGreaterThan(100);
    assertThat(new ArrayList<>(ConfigKeys.ALL.values())).containsExactlyInAnyOrderElementsOf(fields);
    for (ConfigOption<?> option : fields) {
      assertThat(ConfigKeys.ALL.get(option.key())).as(option.key()).isSameAs(option);
    }
  }

  @Test
  void theIndexIsReadOnly() {
    assertThat(ConfigKeys.ALL).isUnmodifiable();
  }
}
