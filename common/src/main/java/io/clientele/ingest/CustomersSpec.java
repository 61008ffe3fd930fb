package io.clientele.ingest;

import static io.clientele.ingest.FeedRules.raw;
import static io.clientele.ingest.FeedRules.unparsed;
import static io.clientele.ingest.Parse.code;
import static io.clientele.ingest.Parse.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/**
 * Customer profiles, each record a version (the latest updated_at wins the upsert). The personal columns are
 * typed here too and split off to customers_pii by ingestion; silver keeps the rest.
 */
final class CustomersSpec extends FeedSpec {
  static final StructType SILVER = SilverLineage.with(new StructType()
      .add("customer_id", StringType, false)
      .add("gender", StringType, false)
      .add("birth_date", DateType, true)
      .add("region", StringType, true)
      .add("city", StringType, true)
      .add("signup_date", DateType, true)
      .add("member_level", StringType, false)
      .add("is_member", BooleanType, false)
      .add("occupation", StringType, true)
      .add("marital_status", StringType, true)
      .add("education", StringType, true)
      .add("acquisition_channel", StringType, true)
      .add("updated_at", TimestampType, true));

  /** No day column: a customer's records are versions of one profile, told apart by updated_at. */
  CustomersSpec() {
    super(SILVER, Optional.empty());
  }

  @Override
  Map<String, Column> typedColumns(FeedRules rules) {
    Column gender = lower(text(raw("gender")));
    Column level = coalesce(code(raw("member_level")), lit("none"));
    return FeedRules.named(
        text(raw("customer_id")).as("customer_id"),
        when(gender.isNull(), lit("unknown"))
            .when(gender.isin(rules.male().toArray()), lit("male"))
            .when(gender.isin(rules.female().toArray()), lit("female"))
            .as("gender"),
        rules.day("birth_date").as("birth_date"),
        text(raw("region")).as("region"),
        text(raw("city")).as("city"),
        rules.day("signup_date").as("signup_date"),
        level.as("member_level"),
        level.notEqual("none").as("is_member"),
        text(raw("occupation")).as("occupation"),
        coalesce(code(raw("marital_status")), lit("unknown")).as("marital_status"),
        text(raw("education")).as("education"),
        code(raw("acquisition_channel")).as("acquisition_channel"),
        rules.ts("updated_at").as("updated_at"),
        text(raw("name")).as("name"),
        Parse.phone(raw("phone")).as("phone"),
        lower(text(raw("email"))).as("email"),
        text(raw("address")).as("address"));
  }

  @Override
  List<Check> checks(FeedRules rules) {
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("missing_customer_id", col("customer_id").isNull()));
    checks.add(new Check("unknown_gender", col("gender").isNull()));
    checks.add(new Check("invalid_birth_date", unparsed("birth_date", "birth_date")
        .or(col("birth_date").lt(lit(Date.valueOf("1900-01-01")))).or(col("birth_date").gt(to_date(col(Bronze.INGEST_TS))))));
    checks.add(new Check("invalid_signup_date", unparsed("signup_date", "signup_date")
        .or(col("signup_date").lt(lit(Date.valueOf(rules.shopOpened()))))
        .or(col("signup_date").gt(to_date(col(Bronze.INGEST_TS))))));
    checks.add(new Check(FeedRules.INVALID_TIMESTAMP, unparsed("updated_at", "updated_at")));
    // The latest updated_at wins the upsert: a version dated in the future would win every later one.
    checks.add(new Check(FeedRules.IN_FUTURE, col("updated_at").gt(rules.future())));
    checks.add(new Check("unknown_member_level", FeedRules.notIn("member_level", Feed.MEMBER_LEVELS)));
    checks.add(new Check("unknown_marital_status", FeedRules.notIn("marital_status", Feed.MARITAL_STATUSES)));
    return checks;
  }

  @Override
  List<String> laterReasons() {
    return List.of(FeedRules.SUPERSEDED);
  }
}
