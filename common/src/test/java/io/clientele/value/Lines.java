package io.clientele.value;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Literal silver transaction lines for value tests: the columns the value transformations read. */
public final class Lines {
  public static final StructType SCHEMA = new StructType()
      .add("customer_id", DataTypes.StringType)
      .add("order_id", DataTypes.StringType)
      .add("order_ts", DataTypes.TimestampType)
      .add("order_date", DataTypes.DateType)
      .add("status", DataTypes.StringType)
      .add("amount", io.clientele.ingest.Money.TYPE)
      .add("is_discounted", DataTypes.BooleanType)
      .add("has_coupon", DataTypes.BooleanType)
      .add("quantity", DataTypes.IntegerType);

  private final List<Row> rows = new ArrayList<>();

  public Lines paid(String customer, String order, String day, String amount) {
    return line(customer, order, day, "paid", amount, false, false);
  }

  /** A paid line of this many items. */
  public Lines paid(String customer, String order, String day, String amount, int quantity) {
    return line(customer, order, day, "paid", amount, false, false, quantity);
  }

  public Lines line(String customer, String order, String day, String status, String amount, boolean discounted, boolean coupon) {
    return line(customer, order, day, status, amount, discounted, coupon, 1);
  }

  public Lines line(String customer, String order, String day, String status, String amount, boolean discounted, boolean coupon,
      int quantity) {
    rows.add(RowFactory.create(customer, order, Timestamp.valueOf(day + " 12:00:00"), Date.valueOf(day), status,
        new BigDecimal(amount), discounted, coupon, quantity));
    return this;
  }

  public Dataset<Row> build(SparkSession spark) {
    return spark.createDataFrame(rows, SCHEMA);
  }
}
