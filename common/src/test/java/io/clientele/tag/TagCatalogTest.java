package io.clientele.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
import io.clientele.config.ConfigOption;
import io.clientele.testing.ProjectData;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TagCatalogTest {
  private static final String ONE = "[gender]\nname.zh = 性别\nname.en = Gender\ncategory = demographic / basic\n"
      + "kind = static\nmeasure = qualitative\nsource = rule\ndefinition = customers.gender\n";

  static TagCatalog defaultCatalog() throws IOException {
    return TagCatalog.parse(Files.readString(ProjectData.projectDir().resolve("conf/tag-catalog.txt")), "conf/tag-catalog.txt");
  }

  @Test
  void aSectionBecomesATagWithItsMetadataAndDefaults() {
    TagCatalog catalog = TagCatalog.parse("# comment\n" + ONE + "description = from the profile\n", "test");
    TagDefinition tag = catalog.tags().get(0);
    assertThat(tag.id()).isEqualTo("gender");
    assertThat(tag.nameZh()).isEqualTo("性别");
    assertThat(tag.path()).isEqualTo("demographic/basic/gender");
    assertThat(tag.isQuantitative()).isFalse();
    assertThat(tag.refresh()).isEqualTo("daily");
    assertThat(tag.owner()).isEmpty();
    assertThat(tag.description()).isEqualTo("from the profile");
    assertThat(tag.line()).isEqualTo(2);
  }

  @Test
  void anIndentedLineContinuesTheDefinition() {
    TagCatalog catalog = TagCatalog.parse(ONE.replace("definition = customers.gender\n",
        "definition = CASE WHEN customers.age < 18 THEN 'minor'\n    ELSE 'adult' END\n"), "test");
    assertThat(catalog.tags().get(0).definition()).isEqualTo("CASE WHEN customers.age < 18 THEN 'minor'\nELSE 'adult' END");
  }

  @Test
  void aMissingKeyIsAnErrorNamingFileLineAndTag() {
    assertThatThrownBy(() -> TagCatalog.parse(ONE.replace("definition = customers.gender\n", ""), "cat.txt"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot read tag catalog cat.txt line 1, tag 'gender': 'definition' is missing");
  }

  @Test
  void badValuesAreErrorsNamingTheTag() {
    assertThatThrownBy(() -> TagCatalog.parse(ONE.replace("measure = qualitative", "measure = numeric"), "c"))
        .hasMessage("Cannot read tag catalog c line 1, tag 'gender': measure must be one of [qualitative, quantitative], not 'numeric'");
    assertThatThrownBy(() -> TagCatalog.parse(ONE + ONE, "c"))
        .hasMessage("Cannot read tag catalog c line 9, tag 'gender': the id is defined twice");
    assertThatThrownBy(() -> TagCatalog.parse(ONE.replace("[gender]", "[Gender-X]"), "c"))
        .hasMessageContaining("tag 'Gender-X': the id must be lower-case letters");
    assertThatThrownBy(() -> TagCatalog.parse(ONE.replace("[gender]", "[as_of]"), "c"))
        .hasMessageContaining("the id is reserved");
    assertThatThrownBy(() -> TagCatalog.parse(ONE + "colour = red\n", "c"))
        .hasMessageContaining("line 9, tag 'gender': unknown key 'colour'");
    assertThatThrownBy(() -> TagCatalog.parse(ONE.replace("demographic / basic", "demographic"), "c"))
        .hasMessageContaining("category must be 'category / sub-category'");
    assertThatThrownBy(() -> TagCatalog.parse("# nothing\n", "c")).hasMessage("Cannot read tag catalog c: it defines no tag");
  }

  @Test
  void theDefaultCatalogCoversEveryCategoryOfTheDomainWithMoreThanFortyTags() throws IOException {
    TagCatalog catalog = defaultCatalog();
    assertThat(catalog.tags()).hasSizeGreaterThanOrEqualTo(40);
    assertThat(catalog.tags().stream().map(TagDefinition::category).distinct().collect(Collectors.toList()))
        .containsExactly("demographic", "interest", "social", "consumption", "behaviour", "lifecycle", "psychology", "model");
    List<String> ids = catalog.tags().stream().map(TagDefinition::id).collect(Collectors.toList());
    assertThat(ids).contains("gender", "age_band", "region", "preferred_category", "preferred_brand", "price_band",
        "preferred_channel", "social_activity", "photo_reviewer", "influencer", "purchasing_power", "rfm_segment",
        "abc_class", "value_class", "aov_band", "last_purchase_date", "purchase_frequency", "price_sensitivity",
        "active_hours", "preferred_device", "visit_frequency", "lifecycle_stage", "churn_risk", "psychology_type",
        "psych_practical", "psych_beauty", "psych_brand", "psych_speed", "psych_bargain", "psych_conformity", "psych_habit",
        "psych_safety", "cluster", "response_propensity_band", "clv_tier");
    assertThat(catalog.tags()).allSatisfy(t -> {
      assertThat(t.nameZh()).isNotBlank();
      assertThat(t.nameEn()).isNotBlank();
      assertThat(t.description()).isNotBlank();
      assertThat(t.owner()).isNotBlank();
    });
    assertThat(catalog.tags().stream().filter(t -> t.source().equals("model")).count()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void everyTagKeyIsInTheDefaultsFileWithItsDefault() throws IOException {
    Properties documented = new Properties();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("clientele/conf/clientele.properties")) {
      documented.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    long checked = 0;
    for (ConfigOption<?> option : ConfigKeys.ALL.values()) {
      if (option.key().matches("(tags|profile|serve)\\..*")) {
        assertThat(documented.getProperty(option.key())).as(option.key()).isNotNull();
        assertThat(option.parse(documented.getProperty(option.key()).trim()))
            .as(option.key()).isEqualTo(option.parse(option.defaultValue()));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(14);
  }
}
