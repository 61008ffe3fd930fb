package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.jobs.steps.TagsJob;
import io.clientele.lake.Lake;
import io.clientele.tag.TagDefinition;
import io.clientele.testing.SparkExtension;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A tag new to the catalog adds its column to customer_profile, its names as the comment, exactly as written. */
@ExtendWith(SparkExtension.class)
class TagsProfileColumnsTest {
  private static final LocalDate AS_OF = LocalDate.parse("2026-07-01");
  private final SparkSession spark;

  TagsProfileColumnsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void aNewTagsCommentIsItsNamesWhateverCharactersTheyHold() {
    Lake lake = new Lake(spark, "tags_profile_columns").ensureDatabase();
    TagDefinition plain = tag("plain", "Plain", "普通");
    // The comment is quoted into ALTER TABLE: a quote, a backslash before a quote, a trailing backslash.
    TagDefinition odd = tag("odd", "It's \"odd\" \\' , injected INT COMMENT 'x", "名 \\");

    TagsJob.writeProfile(lake, profile(List.of("a")), List.of(plain), AS_OF);
    TagsJob.writeProfile(lake, profile(List.of("a", "b")), List.of(plain, odd), AS_OF);

    StructType schema = lake.read("customer_profile").schema();
    assertThat(schema.fieldNames()).containsExactly("customer_id", "as_of", "plain", "odd");
    assertThat(schema.apply("odd").getComment().get()).isEqualTo("It's \"odd\" \\' , injected INT COMMENT 'x / 名 \\");
    assertThat(lake.read("customer_profile").select("odd").first().getString(0)).isEqualTo("b");
  }

  private static TagDefinition tag(String id, String nameEn, String nameZh) {
    return new TagDefinition(id, nameZh, nameEn, "test", "columns", "dynamic", "qualitative", "rule", "customers.gender",
        "daily", "", "", 1);
  }

  private Dataset<Row> profile(List<String> values) {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType);
    Object[] row = new Object[values.size() + 1];
    row[0] = "c1";
    String[] ids = {"plain", "odd"};
    for (int i = 0; i < values.size(); i++) {
      schema = schema.add(ids[i], DataTypes.StringType);
      row[i + 1] = values.get(i);
    }
    return spark.createDataFrame(List.of(RowFactory.create(row)), schema);
  }
}
