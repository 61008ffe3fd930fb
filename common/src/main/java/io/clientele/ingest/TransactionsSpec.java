package io.clientele.ingest;

import static io.clientele.ingest.FeedRules.present;
import static io.clientele.ingest.FeedRules.raw;
import static io.clientele.ingest.Parse.code;
import static io.clientele.ingest.Parse.decimal;
import static io.clientele.ingest.Parse.decimalNumber;
import static io.clientele.ingest.Parse.integer;
import static io.clientele.ingest.Parse.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/** Order lines: a purchase, cancellation or return of a quantity of one SKU at a unit price. */
final class TransactionsSpec extends FeedSpec {
  static final StructType SILVER = SilverLineage.with(new StructType()
      .add("order_id", StringType, false)
      .add("line_no", IntegerType, true)
      .add("customer_id", StringType, false)
      .add("order_ts", TimestampType, false)
      .add("order_date", DateType, false)
      .add("sku", StringType, true)
      .add("category", StringType, true)
      .add("brand", StringType, true)
      .add("quantity", IntegerType, false)
      .add("unit_price", Money.TYPE, false)
      .add("discount", DoubleType, false)
      .add("coupon_code", StringType, true)
      .add("has_coupon", BooleanType, false)
      .add("is_discounted", BooleanType, false)
      .add("channel", StringType, false)
      .add("store_id", StringType, true)
      .add("payment", StringType, true)
      .add("status", StringType, false)
      .add("is_cancelled", BooleanType, false)
      .add("is_returned", BooleanType, false)
      .add("amount", Money.TYPE, false));

  TransactionsSpec() {
    super(SILVER, Optional.of("order_date"));
  }

  @Override
  Map<String, Column> typedColumns(FeedRules rules) {
    Column quantity = integer(raw("quantity"));
    Column price = decimal(raw("unit_price"));
    Column discount = coalesce(decimalNumber(raw("discount")), lit(0.0));
    Column status = code(raw("status"));
    return FeedRules.named(
        text(raw("order_id")).as("order_id"),
        integer(raw("line_no")).as("line_no"),
        text(raw("customer_id")).as("customer_id"),
        rules.ts("order_ts").as("order_ts"),
        to_date(rules.ts("order_ts")).as("order_date"),
        text(raw("sku")).as("sku"),
        text(raw("category")).as("category"),
        text(raw("brand")).as("brand"),
        quantity.as("quantity"),
        price.as("unit_price"),
        discount.as("discount"),
        text(raw("coupon_code")).as("coupon_code"),
        text(raw("coupon_code")).isNotNull().as("has_coupon"),
        discount.gt(0).as("is_discounted"),
        code(raw("channel")).as("channel"),
        text(raw("store_id")).as("store_id"),
        code(raw("payment")).as("payment"),
        status.as("status"),
        status.equalTo("cancelled").as("is_cancelled"),
        status.equalTo("returned").as("is_returned"),
        // A source's own line total is kept; without one, quantity x unit price x (1 - discount).
        coalesce(decimal(raw("amount")),
            quantity.cast(Money.TYPE).multiply(price).multiply(lit(1.0).minus(discount).cast(Money.TYPE)).cast(Money.TYPE))
            .as("amount"));
  }

  @Override
  List<Check> checks(FeedRules rules) {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("missing_order_id", col("order_id").isNull()));
    checks.add(new Check("missing_customer_id", col("customer_id").isNull()));
    rules.addTimeChecks(checks, "order_ts");
    checks.add(new Check("invalid_quantity", col("quantity").isNull()));
    checks.add(new Check("non_positive_quantity", col("quantity").leq(0)));
    checks.add(new Check("invalid_price", col("unit_price").isNull()));
    checks.add(new Check("negative_price", col("unit_price").lt(0)));
    checks.add(new Check("zero_price", col("unit_price").equalTo(0)));
    checks.add(new Check("invalid_discount", present("discount").and(decimalNumber(raw("discount")).isNull())
        .or(col("discount").lt(0)).or(col("discount").geq(1))));
    checks.add(new Check("invalid_amount", present("amount").and(decimal(raw("amount")).isNull()).or(col("amount").lt(0))));
    checks.add(new Check("unknown_status", FeedRules.notIn("status", Feed.TRANSACTION_STATUSES)));
    checks.add(new Check("unknown_channel", FeedRules.notIn("channel", Feed.SALES_CHANNELS)));
    return checks;
  }
}
