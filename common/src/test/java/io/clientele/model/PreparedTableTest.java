package io.clientele.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class PreparedTableTest {
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType).add("plan.type", DataTypes.StringType).add("charges", DataTypes.StringType)
      .add("tenure", DataTypes.IntegerType).add("Churn", DataTypes.StringType);
  private final SparkSession spark;

  PreparedTableTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> table() {
    return spark.createDataFrame(List.of(
        RowFactory.create("c1", "monthly", "10.5", 1, "Yes"),
        RowFactory.create("c2", "yearly", " ", 0, "No"),
        RowFactory.create("c3", "", "30", 5, " no "),
        RowFactory.create("c4", "monthly", "40.25", 9, "YES")), SCHEMA);
  }

  @Test
  void textOfNumbersIsNumericBlanksAreNullsAndNamesAreSafe() {
    PreparedTable prepared = PreparedTable.prepare(table(), "Churn", List.of(), 3);

    assertThat(prepared.numeric()).containsExactly("charges", "tenure");
    assertThat(prepared.categorical()).containsExactly("plan_type");
    assertThat(prepared.dropped()).containsExactly("id");
    List<Row> rows = prepared.rows().orderBy("tenure").collectAsList();
    assertThat(rows.get(0).<Object>getAs("charges")).isNull();
    assertThat(rows.get(0).<Double>getAs("label")).isEqualTo(0.0);
    assertThat(rows.get(1).<Double>getAs("label")).isEqualTo(1.0);
    assertThat(rows.get(2).<String>getAs("plan_type")).isEqualTo(PreparedTable.BLANK);
    assertThat(rows.get(3).<Double>getAs("charges")).isEqualTo(40.25);
  }

  @Test
  void excludedColumnsAreNoFeatures() {
    PreparedTable prepared = PreparedTable.prepare(table(), "Churn", List.of("id", "plan.type"), 100);

    assertThat(prepared.features()).containsExactly("charges", "tenure");
    assertThat(prepared.rows().columns()).containsExactly("label", "charges", "tenure");
  }

  @Test
  void aRowsDrawIsCarriedAndIsNoFeatureWhicheverColumnsAreExcluded() {
    Dataset<Row> drawn = Draws.withDrawOfAllColumns(table(), 42);

    PreparedTable all = PreparedTable.prepare(drawn, "Churn", List.of(), 100);
    PreparedTable fewer = PreparedTable.prepare(drawn, "Churn", List.of("id", "plan.type"), 100);

    assertThat(all.features()).doesNotContain(Draws.DRAW);
    assertThat(fewer.rows().columns()).containsExactly("label", Draws.DRAW, "charges", "tenure");
    assertThat(fewer.rows().orderBy("tenure").select(Draws.DRAW).collectAsList())
        .isEqualTo(all.rows().orderBy("tenure").select(Draws.DRAW).collectAsList());
  }

  @Test
  void aLabelThatIsNeitherYesNorNoIsRefused() {
    Dataset<Row> odd = table().withColumn("Churn", org.apache.spark.sql.functions.lit("maybe"));

    assertThatThrownBy(() -> PreparedTable.prepare(odd, "Churn", List.of(), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot train: 4 rows have a label that is not one of");
  }

  @Test
  void unknownColumnsAreNamed() {
    assertThatThrownBy(() -> PreparedTable.prepare(table(), "churn", List.of(), 10))
        .hasMessage("Cannot train: label column 'churn' not found in [id, plan.type, charges, tenure, Churn]");
    assertThatThrownBy(() -> PreparedTable.prepare(table(), "Churn", List.of("nope"), 10))
        .hasMessage("Cannot exclude column 'nope': not found in [id, plan.type, charges, tenure, Churn]");
  }
}
