package io.clientele.model;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.clientele.config.UsageException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The training path's random choices (held-out rows, cross-validation folds) drawn from each row's identity and
 * model.seed, not from a sampler per partition: a row falls on the same side of a split and in the same fold
 * whatever the partitioning and order of the rows, so a model is the same on a laptop, CI and a cluster. Rows with
 * the same identity share every draw (identical rows when the identity is all their columns: harmless).
 */
public final class Draws {
  private Draws() {}

  /** A row's draw: a 64-bit hash of its identity and the seed, from which every choice is derived. */
  public static final String DRAW = "draw";
  /** A row's cross-validation fold, 0 to folds - 1 (an int, as CrossValidator's foldCol needs). */
  public static final String FOLD = "fold";
  private static final long UNIT = 1L << 53;

  /** Adds {@link #DRAW}: xxhash64 of the {@code identity} columns and {@code seed} (needs the identity columns). */
  public static Dataset<Row> withDraw(Dataset<Row> rows, long seed, List<String> identity) {
    List<String> have = Arrays.asList(rows.columns());
    List<String> missing = new ArrayList<>();
    for (String name : identity) {
      if (!have.contains(name)) {
        missing.add(name);
      }
    }
    if (identity.isEmpty() || !missing.isEmpty()) {
      throw new UsageException("Cannot draw folds: missing identity columns " + (identity.isEmpty() ? "(none given)" : missing));
    }
    List<Column> hashed = new ArrayList<>();
    identity.forEach(name -> hashed.add(col("`" + name + "`")));
    hashed.add(lit(seed));
    return rows.withColumn(DRAW, xxhash64(hashed.toArray(Column[]::new)));
  }

  /** Adds {@link #DRAW} with every column of {@code rows} as the identity: for tables without an id column. */
  public static Dataset<Row> withDrawOfAllColumns(Dataset<Row> rows, long seed) {
    return withDraw(rows, seed, List.of(rows.columns()));
  }

  /**
   * A number in [0, 1) from the row's draw and a {@code purpose}: a purpose of its own for each choice, so that, say,
   * the held-out rows and the folds are independent draws (needs {@link #DRAW}).
   */
  static Column uniform(String purpose) {
    return pmod(xxhash64(col(DRAW), lit(purpose)), lit(UNIT)).divide((double) UNIT);
  }

  /** The row's fold among {@code folds}, each row equally likely in each (needs {@link #DRAW}). */
  public static Column fold(int folds) {
    return floor(uniform("fold").multiply(folds)).cast("int");
  }

  /** Whether the row is held out, with probability {@code fraction} (needs {@link #DRAW}). */
  public static Column isHeldOut(double fraction) {
    return uniform("held-out").lt(fraction);
  }
}
