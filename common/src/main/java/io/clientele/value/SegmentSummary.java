package io.clientele.value;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.clientele.ingest.Money;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Customers, revenue, revenue share, average order value and recency per RFM segment and per ABC class. */
public final class SegmentSummary {
  private SegmentSummary() {}

  public static final String DIMENSION = "dimension";
  public static final String GROUP = "group_value";

  /** Needs customer_id, segment, abc_class, monetary, frequency, recency_days. */
  public static Dataset<Row> summarise(Dataset<Row> customerValue) {
    return byDimension(customerValue, "rfm_segment", Rfm.SEGMENT).unionByName(byDimension(customerValue, "abc_class", CustomerValue.ABC_CLASS));
  }

  private static Dataset<Row> byDimension(Dataset<Row> customers, String dimension, String column) {
    return customers.groupBy(col(column).as(GROUP))
        .agg(count(lit(1)).as("customers"), sum(Rfm.MONETARY).cast(Money.TYPE).as("revenue"),
            sum(Rfm.FREQUENCY).as("orders"), avg(Rfm.RECENCY).as("mean_recency_days"))
        .withColumn("revenue_share", col("revenue").divide(sum("revenue").over(Window.partitionBy())).cast("double"))
        .withColumn("average_order_value", col("revenue").divide(col("orders")).cast(Money.TYPE))
        .withColumn(DIMENSION, lit(dimension));
  }
}
