package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clientele.testing.ProjectData;
import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The clv command's other inputs and its errors: a ready summary in a CSV, bad rows, bad options, a failed fit. */
@ExtendWith(SparkExtension.class)
class ClvCommandTest {
  private static final String DB = "clv_command";
  private static final String AS_OF = "1997-10-01";
  private final SparkSession spark;

  ClvCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  private Map<String, Row> parameters(String db) {
    Map<String, Row> byName = new HashMap<>();
    for (Row row : spark.sql("SELECT * FROM " + db + ".clv_models WHERE as_of = DATE'" + AS_OF + "'").collectAsList()) {
      byName.put(row.<String>getAs("model") + "." + row.<String>getAs("parameter"), row);
    }
    return byName;
  }

  @Test
  void aReadySummaryFromCsvFitsTheSameModels() {
    String db = "golden_cdnow_csv";
    Cli csv = Cli.run(spark, "--set", "catalog.database=" + db, "clv", "--as-of", AS_OF, "--summary-csv",
        ProjectData.file("cdnow/cdnow_customers_summary_with_transactions.csv").toString());
    assertThat(csv.exitCode).as(csv.toString()).isZero();
    Map<String, Row> p = parameters(db);
    assertThat(p.get("bg_nbd.r").<Double>getAs("estimate")).isCloseTo(0.243, within(0.005));
    assertThat(p.get("bg_nbd.b").<Double>getAs("estimate")).isCloseTo(2.426, within(0.005));
    assertThat(p.get("gamma_gamma.q").<Double>getAs("estimate")).isCloseTo(3.74, within(0.02));
    assertThat(p.get("bg_nbd.r").<String>getAs("source")).startsWith("csv ");
    assertThat(spark.sql("SELECT count(*) FROM " + db + ".customer_clv").first().getLong(0)).isEqualTo(2357);
  }

  @Test
  void aSummaryCsvWithBadRowsIsRefusedWithTheirCount(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("summary.csv");
    Files.writeString(file, "customer_id,frequency,recency,T\nA,2,10,20\nB,x,1,2\nC,1,30,20\n");
    Cli bad = Cli.run(spark, "--set", "catalog.database=golden_cdnow_bad", "clv", "--as-of", AS_OF, "--summary-csv",
        file.toString());
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err).contains("2 rows are not a valid summary").contains("B (x, t_x or T is not a number)")
        .contains("C (t_x is after T)");
  }

  @Test
  void aHoldoutEndBeforeTheAsOfIsAUsageError() {
    Cli bad = Cli.run(spark, "--set", "catalog.database=" + DB, "clv", "--as-of", AS_OF, "--holdout-end", "1997-09-01");
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err).contains("must be after --as-of");
  }

  @Test
  void tierSharesThatLeaveNoLowTierAreAConfigurationError() {
    Cli bad = Cli.run(spark, "--set", "catalog.database=" + DB, "--set", "clv.tier-shares=0.6|0.5", "clv", "--as-of", AS_OF);
    assertThat(bad.exitCode).isEqualTo(2);
    assertThat(bad.err).contains("clv.tier-shares").contains("room for a low tier");
  }

  @Test
  void dataThatCannotIdentifyTheModelFailTheJobWithTheReason(@TempDir Path dir) throws IOException {
    // Nobody ever came back: drop-out cannot be told from slow buying, so there is no maximum to report.
    StringBuilder csv = new StringBuilder("customer_id,x,t_x,T\n");
    for (int i = 0; i < 50; i++) {
      csv.append("c").append(i).append(",0,0,").append(10 + i).append('\n');
    }
    Path file = dir.resolve("never-again.csv");
    Files.writeString(file, csv);
    Cli failed = Cli.run(spark, "--set", "catalog.database=golden_cdnow_never", "clv", "--as-of", AS_OF, "--summary-csv",
        file.toString());
    assertThat(failed.exitCode).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err).contains("Cannot fit bg_nbd: no customer made a repeat purchase");
  }
}
