package io.clientele.social;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.config.ConfFiles;
import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LexiconTest {
  @TempDir Path dir;

  private Lexicon load(String content) throws IOException {
    Path file = dir.resolve("lexicon.txt");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    ConfFiles.Text text = ConfFiles.read(ConfigKeys.PSYCHOLOGY_LEXICON, file.toString());
    return Lexicon.parse(text.content(), text.source());
  }

  @Test
  void aBadWeightNamesTheFileTheLineAndTheProblem() {
    String file = dir.resolve("lexicon.txt").toString();
    assertThatThrownBy(() -> load("# types\npractical | zh | 质量 | 1\n\nbargain | en | cheap | lots\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid psychology lexicon " + file + " line 4: weight 'lots' is not a positive number");
  }

  @Test
  void aLineWithoutFourFieldsIsRejected() {
    String file = dir.resolve("lexicon.txt").toString();
    assertThatThrownBy(() -> load("practical | zh | 质量\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Invalid psychology lexicon " + file
            + " line 1: expected 4 fields 'type | language | keyword | weight', found 3");
  }

  @Test
  void badTypesLanguagesKeywordsAndDuplicatesAreRejected() {
    assertThatThrownBy(() -> load("Bargain | en | cheap | 1\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("line 1: type 'Bargain' must be lower-case letters, digits and '_', starting with a letter");
    assertThatThrownBy(() -> load("bargain | english! | cheap | 1\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("line 1: language 'english!' must be a language code such as en or zh");
    assertThatThrownBy(() -> load("bargain | en |  | 1\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("line 1: empty keyword");
    assertThatThrownBy(() -> load("bargain | en | cheap | 0\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("line 1: weight '0' is not a positive number");
    assertThatThrownBy(() -> load("bargain | en | cheap | 1\nbargain | en | Cheap | 2\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("line 2: duplicate keyword 'Cheap' for type 'bargain' (first on line 1)");
    assertThatThrownBy(() -> load("# nothing but comments\n")).isInstanceOf(ConfigException.class)
        .hasMessageEndingWith("lexicon.txt: no entries");
  }

  @Test
  void aMissingLexiconFileNamesTheKey() {
    assertThatThrownBy(() -> ConfFiles.read(ConfigKeys.PSYCHOLOGY_LEXICON, "no-such-lexicon.txt"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot read 'no-such-lexicon.txt' (configuration key 'psychology.lexicon'): no such file, "
            + "neither as given, nor in conf/, nor packaged");
  }
}
