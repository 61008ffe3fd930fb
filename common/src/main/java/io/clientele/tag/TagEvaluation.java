package io.clientele.tag;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.SafeExpression;
import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Evaluates a whole catalog in one pass: every source joined once into one wide row per customer, every tag an
 * expression over it in one select (the wide profile), exploded to the long customer_tags form. Bad
 * definitions fail before anything runs, with an {@link IllegalArgumentException} naming the tag.
 */
public final class TagEvaluation {
  private TagEvaluation() {}

  public static final String CUSTOMER_ID = TagSources.CUSTOMER_ID;
  public static final String TAG_ID = "tag_id";
  public static final String VALUE = "value";
  public static final String NUMERIC_VALUE = "numeric_value";

  /**
   * The sources each tag reads (the qualifiers of its columns), in catalog order; fails naming the tag on a
   * definition that does not parse, that {@link SafeExpression} refuses (a subquery, reflection, a function that is
   * not built in), an unqualified column or a source that does not exist.
   */
  public static Map<String, Set<String>> sourcesByTag(SparkSession spark, List<TagDefinition> tags, Set<String> known) {
    Map<String, Set<String>> byTag = new LinkedHashMap<>();
    for (TagDefinition tag : tags) {
      Expression parsed;
      try {
        parsed = spark.sessionState().sqlParser().parseExpression(tag.definition());
      } catch (Exception e) {
        throw new UsageException("Cannot parse the definition of " + tag.label() + ": "
            + firstLine(e.getMessage()) + " in: " + tag.definition(), e);
      }
      try {
        SafeExpression.check(parsed, tag.definition());
      } catch (IllegalArgumentException e) {
        throw refused(tag, e);
      }
      Set<String> sources = new LinkedHashSet<>();
      for (List<String> name : columnNames(parsed)) {
        if (name.size() == 1) {
          if (!name.get(0).equalsIgnoreCase(CUSTOMER_ID)) {
            throw new UsageException("Cannot use the definition of " + tag.label() + ": column '" + name.get(0)
                + "' must be qualified with its source (source.column, sources: " + String.join(", ", known) + ")");
          }
          continue;
        }
        String source = name.get(0).toLowerCase(java.util.Locale.ROOT);
        if (!known.contains(source)) {
          throw new UsageException("Cannot use the definition of " + tag.label() + ": unknown source '"
              + name.get(0) + "' in " + String.join(".", name) + " (sources: " + String.join(", ", known) + ")");
        }
        sources.add(source);
      }
      byTag.put(tag.id(), sources);
    }
    return byTag;
  }

  private static List<List<String>> columnNames(Expression expression) {
    List<List<String>> names = new ArrayList<>();
    if (expression instanceof UnresolvedAttribute) {
      names.add(JavaConverters.seqAsJavaList(((UnresolvedAttribute) expression).nameParts()));
    }
    for (Expression child : JavaConverters.seqAsJavaList(expression.children())) {
      names.addAll(columnNames(child));
    }
    return names;
  }

  /**
   * One wide row per customer of {@code universe} (a customer_id column): each source left-joined once on
   * customer_id under its own name, so that definitions read {@code source.column}.
   */
  public static Dataset<Row> sourceRows(Dataset<Row> universe, Map<String, Dataset<Row>> sources) {
    Dataset<Row> wide = universe.select(col(CUSTOMER_ID)).as("universe");
    for (Map.Entry<String, Dataset<Row>> source : sources.entrySet()) {
      wide = wide.join(source.getValue().as(source.getKey()), JavaConverters.asScalaBuffer(List.of(CUSTOMER_ID)).toSeq(), "left");
    }
    return wide;
  }

  /**
   * Checks every definition against the source rows by analysing the plan (nothing runs): unknown columns, wrong
   * types (a quantitative tag must be a number; a qualitative one a single value, not an array, map or struct),
   * aggregates and window functions (a tag is a per-customer expression). Fails naming the first bad tag.
   */
  public static void validate(Dataset<Row> sourceRows, List<TagDefinition> tags) {
    Column[] definitions = definitions(sourceRows.sparkSession(), tags);
    StructType schema;
    try {
      schema = sourceRows.select(definitions).schema();
    } catch (Exception all) {
      // Find the tag to blame: analyse them one by one.
      for (TagDefinition tag : tags) {
        analyse(sourceRows, tag);
      }
      throw new UsageException("Cannot evaluate the tag catalog: " + firstLine(all.getMessage()), all);
    }
    LogicalPlan analyzed = sourceRows.select(definitions).queryExecution().analyzed();
    if (!(analyzed instanceof Project)) {
      for (TagDefinition tag : tags) {
        LogicalPlan one = analyse(sourceRows, tag);
        if (!(one instanceof Project)) {
          throw new UsageException("Cannot use the definition of " + tag.label()
              + ": a tag is a per-customer expression, not an aggregate or window function: " + tag.definition());
        }
      }
    }
    for (int i = 0; i < tags.size(); i++) {
      checkType(tags.get(i), schema.fields()[i].dataType());
    }
  }

  private static LogicalPlan analyse(Dataset<Row> sourceRows, TagDefinition tag) {
    try {
      return sourceRows.select(definition(sourceRows.sparkSession(), tag).as(tag.id())).queryExecution().analyzed();
    } catch (Exception e) {
      if (e instanceof AnalysisException || e.getCause() instanceof AnalysisException) {
        throw new UsageException("Cannot evaluate the definition of " + tag.label() + ": "
            + firstLine(e.getMessage()) + " in: " + tag.definition(), e);
      }
      throw new UsageException("Cannot evaluate the definition of " + tag.label() + ": " + e, e);
    }
  }

  private static void checkType(TagDefinition tag, DataType type) {
    if (tag.isQuantitative()) {
      if (!(type instanceof NumericType)) {
        throw new UsageException("Cannot use the definition of " + tag.label() + ": a quantitative tag must be a"
            + " number, but '" + tag.definition() + "' is " + type.simpleString());
      }
    } else if (type instanceof ArrayType || type instanceof MapType || type instanceof StructType
        || type instanceof BinaryType) {
      throw new UsageException("Cannot use the definition of " + tag.label() + ": a qualitative tag must be one"
          + " value (text, number, boolean or date), but '" + tag.definition() + "' is " + type.simpleString());
    }
  }

  private static Column[] definitions(SparkSession spark, List<TagDefinition> tags) {
    return tags.stream().map(t -> definition(spark, t).as(t.id())).toArray(Column[]::new);
  }

  /** The tag's definition as a Column, through {@link SafeExpression}: the tree it checked is the one that runs. */
  private static Column definition(SparkSession spark, TagDefinition tag) {
    try {
      return SafeExpression.column(spark, tag.definition());
    } catch (IllegalArgumentException e) {
      throw refused(tag, e);
    }
  }

  private static IllegalArgumentException refused(TagDefinition tag, IllegalArgumentException reason) {
    return new UsageException("Cannot use the definition of " + tag.label() + ": " + reason.getMessage()
        + " in: " + tag.definition(), reason);
  }

  /**
   * The wide profile: customer_id and one column per tag, named by its id; qualitative tags as text (blank is
   * no value), quantitative as double (NaN and infinities are no value).
   */
  public static Dataset<Row> evaluate(Dataset<Row> sourceRows, List<TagDefinition> tags) {
    validate(sourceRows, tags);
    List<Column> columns = new ArrayList<>();
    columns.add(col(CUSTOMER_ID));
    for (TagDefinition tag : tags) {
      Column value = definition(sourceRows.sparkSession(), tag);
      Column typed;
      if (tag.isQuantitative()) {
        Column number = value.cast(DataTypes.DoubleType);
        typed = when(number.isNaN().or(number.isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)), lit(null)
            .cast(DataTypes.DoubleType)).otherwise(number);
      } else {
        Column text = trim(value.cast(DataTypes.StringType));
        typed = when(text.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(text);
      }
      columns.add(typed.as(tag.id()));
    }
    return sourceRows.select(columns.toArray(new Column[0]));
  }

  /** The profile in long form: customer_id, tag_id, value, numeric_value; one row per customer and tag with a value. */
  public static Dataset<Row> explodeTags(Dataset<Row> profile, List<TagDefinition> tags) {
    Column[] cells = tags.stream().map(t -> struct(
        lit(t.id()).as(TAG_ID),
        (t.isQuantitative() ? numberText(col(t.id())) : col(t.id())).as(VALUE),
        (t.isQuantitative() ? col(t.id()) : lit(null).cast(DataTypes.DoubleType)).as(NUMERIC_VALUE)))
        .toArray(Column[]::new);
    return profile
        .select(col(CUSTOMER_ID), explode(array(cells)).as("tag"))
        .select(col(CUSTOMER_ID), col("tag." + TAG_ID).as(TAG_ID), col("tag." + VALUE).as(VALUE),
            col("tag." + NUMERIC_VALUE).as(NUMERIC_VALUE))
        .where(col(VALUE).isNotNull());
  }

  /** A number as plain text with up to six decimals and no trailing zeros (1.0E7 would be unreadable). */
  static Column numberText(Column number) {
    Column fixed = number.cast(DataTypes.createDecimalType(38, 6)).cast(DataTypes.StringType);
    return regexp_replace(regexp_replace(fixed, "(\\.[0-9]*?)0+$", "$1"), "\\.$", "");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.strip().split("\n", 2)[0];
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }
}
