package io.clientele.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;

/**
 * Any labelled table shaped for the trainer: column names made safe for MLlib (dots and blanks become
 * {@code _}), the label as 0/1 in {@link #LABEL}, numeric columns as doubles (text columns whose every
 * non-blank value is a number are numeric; blanks become nulls for the imputer), text columns as categories
 * (blanks become {@link #BLANK}), and text columns with more than the allowed categories dropped (an id, say).
 * A {@link Draws#DRAW} column of the table is carried as is, not as a feature.
 */
public final class PreparedTable {
  public static final String LABEL = "label";
  public static final String BLANK = "(blank)";
  private static final Set<String> POSITIVE = Set.of("yes", "y", "true", "1", "1.0", "t");
  private static final Set<String> NEGATIVE = Set.of("no", "n", "false", "0", "0.0", "f");

  private final Dataset<Row> rows;
  private final List<String> numeric;
  private final List<String> categorical;
  private final List<String> dropped;

  private PreparedTable(Dataset<Row> rows, List<String> numeric, List<String> categorical, List<String> dropped) {
    this.rows = rows;
    this.numeric = List.copyOf(numeric);
    this.categorical = List.copyOf(categorical);
    this.dropped = List.copyOf(dropped);
  }

  /** label, the numeric columns (double) and the categorical columns (string), and the table's draw if it has one. */
  public Dataset<Row> rows() {
    return rows;
  }

  public List<String> numeric() {
    return numeric;
  }

  public List<String> categorical() {
    return categorical;
  }

  /** Text columns with too many categories to be one-hot encoded, left out. */
  public List<String> dropped() {
    return dropped;
  }

  public List<String> features() {
    List<String> all = new ArrayList<>(numeric);
    all.addAll(categorical);
    return all;
  }

  /** A column name MLlib stages and SQL resolve without quoting. */
  public static String safeName(String name) {
    return name.trim().replaceAll("[^A-Za-z0-9_]", "_");
  }

  /**
   * Shapes a table. {@code exclude} names columns to leave out (as written in the source, or in their safe
   * form); every other column but the label is a feature.
   */
  public static PreparedTable prepare(Dataset<Row> table, String label, List<String> exclude, int maxCategories) {
    List<String> names = Arrays.asList(table.columns());
    if (!names.contains(label)) {
      throw new UsageException("Cannot train: label column '" + label + "' not found in " + names);
    }
    Set<String> excluded = new LinkedHashSet<>();
    for (String name : exclude) {
      if (!names.contains(name) && names.stream().noneMatch(n -> safeName(n).equals(name))) {
        throw new UsageException("Cannot exclude column '" + name + "': not found in " + names);
      }
      excluded.add(safeName(name));
    }
    List<Column> selected = new ArrayList<>();
    selected.add(labelOf(table.schema().apply(label)).as(LABEL));
    List<String> candidates = new ArrayList<>();
    Set<String> taken = new LinkedHashSet<>();
    taken.add(LABEL);
    for (StructField field : table.schema().fields()) {
      String safe = safeName(field.name());
      if (field.name().equals(label) || excluded.contains(safe) || field.name().equals(Draws.DRAW)) {
        continue;
      }
      if (!taken.add(safe)) {
        throw new UsageException("Cannot train: two columns become '" + safe + "' (or one is named label)");
      }
      selected.add(col("`" + field.name() + "`").as(safe));
      candidates.add(safe);
    }
    boolean drawn = names.contains(Draws.DRAW);
    if (drawn) {
      selected.add(col(Draws.DRAW));
    }
    Dataset<Row> renamed = table.select(selected.toArray(Column[]::new));

    // One pass decides, for every text column, whether it is numeric and how many categories it has.
    List<String> text = new ArrayList<>();
    for (String name : candidates) {
      DataType type = renamed.schema().apply(name).dataType();
      if (type instanceof StringType) {
        text.add(name);
      }
    }
    List<Column> probes = new ArrayList<>();
    probes.add(count(when(col(LABEL).isNull(), 1)).as("_unlabelled"));
    for (String name : text) {
      Column filled = functions.not(trim(col(name)).equalTo("").or(col(name).isNull()));
      probes.add(count(when(filled, 1)).as(name + "__filled"));
      probes.add(count(when(filled.and(trim(col(name)).cast("double").isNotNull()), 1)).as(name + "__numbers"));
      probes.add(countDistinct(col(name)).as(name + "__distinct"));
    }
    Row probe = renamed.agg(probes.get(0), probes.subList(1, probes.size()).toArray(Column[]::new)).first();
    if (probe.getLong(0) > 0) {
      throw new UsageException("Cannot train: " + probe.getLong(0) + " rows have a label that is not one of "
          + POSITIVE + " or " + NEGATIVE + " (nor a number)");
    }

    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    List<Column> shaped = new ArrayList<>();
    shaped.add(col(LABEL));
    if (drawn) {
      shaped.add(col(Draws.DRAW));
    }
    for (String name : candidates) {
      DataType type = renamed.schema().apply(name).dataType();
      if (type instanceof NumericType || type instanceof BooleanType) {
        numeric.add(name);
        shaped.add(col(name).cast("double").as(name));
      } else if (type instanceof StringType) {
        long filled = probe.getAs(name + "__filled");
        long numbers = probe.getAs(name + "__numbers");
        long distinct = probe.getAs(name + "__distinct");
        if (filled > 0 && numbers == filled) {
          numeric.add(name);
          shaped.add(when(trim(col(name)).equalTo(""), lit(null)).otherwise(trim(col(name))).cast("double").as(name));
        } else if (distinct <= maxCategories) {
          categorical.add(name);
          shaped.add(when(col(name).isNull().or(trim(col(name)).equalTo("")), lit(BLANK)).otherwise(col(name)).as(name));
        } else {
          dropped.add(name);
        }
      } else {
        dropped.add(name);
      }
    }
    if (numeric.isEmpty() && categorical.isEmpty()) {
      throw new UsageException("Cannot train: no feature columns left (dropped: " + dropped + ")");
    }
    return new PreparedTable(renamed.select(shaped.toArray(Column[]::new)), numeric, categorical, dropped);
  }

  /** The label as 1.0 / 0.0: yes/no, true/false, 1/0 in any case, or a number (positive when above zero). */
  static Column labelOf(StructField field) {
    Column value = col("`" + field.name() + "`");
    if (field.dataType() instanceof BooleanType) {
      return when(value, 1.0).when(value.isNotNull(), 0.0);
    }
    if (field.dataType() instanceof NumericType) {
      return when(value.gt(0), 1.0).when(value.isNotNull(), 0.0);
    }
    Column text = lower(trim(value.cast("string")));
    return when(text.isin(POSITIVE.toArray()), 1.0).when(text.isin(NEGATIVE.toArray()), 0.0);
  }
}
