package io.clientele.lake;

import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.size;

import org.apache.spark.sql.Column;

/**
 * Exact distinct counts for groups whose distinct values are few: a customer's orders, purchase days, categories or
 * visits. {@code countDistinct} plans a distinct aggregate: the rows are shuffled once by group and value and again by
 * group, and several distinct counts in one aggregation expand every row once per count. Per customer the set of
 * values is small (a handful of orders a year, a few thousand for the largest wholesale buyers), so collecting it
 * (one shuffle by group, partial sets merged) and taking its size is exact and cheaper: on 10M transaction lines
 * {@code bench rfm}'s Spark run took 11.1-12.8 s with {@code countDistinct} of paid orders and 7.2-7.5 s with the set's
 * size, the same result (BENCHMARKS.md, {@code bench rfm}).
 *
 * <p>Not for groups whose distinct values are many (visitors of a store in a day, members of a level in a month): a
 * set of hundreds of thousands of ids per group is memory that {@code countDistinct} does not need.
 */
public final class SmallSets {
  private SmallSets() {}

  /** The number of distinct non-null values of {@code values} in the group, as {@code countDistinct} gives it (a long). */
  public static Column distinctCount(Column values) {
    return size(collect_set(values)).cast("long");
  }
}
