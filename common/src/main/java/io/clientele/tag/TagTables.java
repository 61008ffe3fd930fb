package io.clientele.tag;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/** The tables of the tags job, each keyed by as_of (and partitioned by it); README.md documents every column. */
public final class TagTables {
  private TagTables() {}

  public static final String TAG_CATALOG = "tag_catalog";
  public static final String CUSTOMER_TAGS = "customer_tags";
  public static final String CUSTOMER_PROFILE = "customer_profile";
  public static final String TAG_STATS = "tag_stats";
  /** A view: customer_profile at its latest as_of, recreated by every tags run. */
  public static final String CUSTOMER_PROFILE_LATEST = "customer_profile_latest";
  public static final String AS_OF = "as_of";

  /** The catalog as it was when the tags of an as_of were computed. */
  public static final StructType CATALOG = new StructType()
      .add(AS_OF, DateType, false)
      .add("tag_id", StringType, false)
      .add("name_zh", StringType, false)
      .add("name_en", StringType, false)
      .add("category", StringType, false)
      .add("sub_category", StringType, false)
      .add("path", StringType, false)
      .add("kind", StringType, false)
      .add("measure", StringType, false)
      .add("source", StringType, false)
      .add("definition", StringType, false)
      .add("reads", StringType, false)
      .add("refresh", StringType, false)
      .add("description", StringType, false)
      .add("owner", StringType, false)
      .add("position", IntegerType, false)
      .add("catalog_file", StringType, false);

  public static final StructType TAGS = new StructType()
      .add(TagEvaluation.CUSTOMER_ID, StringType, false)
      .add(TagEvaluation.TAG_ID, StringType, false)
      .add(TagEvaluation.VALUE, StringType, false)
      .add(TagEvaluation.NUMERIC_VALUE, DoubleType, true)
      .add(AS_OF, DateType, false);

  /** customer_profile's fixed columns; one more column per tag follows (see {@link #profileColumnType}). */
  public static final StructType PROFILE_KEYS = new StructType()
      .add(TagEvaluation.CUSTOMER_ID, StringType, false)
      .add(AS_OF, DateType, false);

  public static final StructType STATS = new StructType()
      .add(AS_OF, DateType, false)
      .add("tag_id", StringType, false)
      .add("category", StringType, false)
      .add("measure", StringType, false)
      .add("value", StringType, false)
      .add("population", LongType, false)
      .add("customers", LongType, false)
      .add("share", DoubleType, true)
      .add("coverage", DoubleType, true)
      .add("mean", DoubleType, true)
      .add("stddev", DoubleType, true)
      .add("min", DoubleType, true)
      .add("p25", DoubleType, true)
      .add("median", DoubleType, true)
      .add("p75", DoubleType, true)
      .add("max", DoubleType, true)
      .add("previous_as_of", DateType, true)
      .add("previous_customers", LongType, true)
      .add("previous_share", DoubleType, true)
      .add("share_change", DoubleType, true)
      .add("previous_mean", DoubleType, true)
      .add("mean_change", DoubleType, true);

  /** The column type of a tag in customer_profile: text for qualitative tags, double for quantitative ones. */
  public static DataType profileColumnType(TagDefinition tag) {
    return tag.isQuantitative() ? DoubleType : StringType;
  }

  /** The full profile schema for a catalog. */
  public static StructType profile(List<TagDefinition> tags) {
    StructType schema = PROFILE_KEYS;
    for (TagDefinition tag : tags) {
      schema = schema.add(tag.id(), profileColumnType(tag), true, tag.nameEn() + " / " + tag.nameZh());
    }
    return schema;
  }
}
