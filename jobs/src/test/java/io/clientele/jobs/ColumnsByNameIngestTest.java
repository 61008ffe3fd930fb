package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV columns are matched by name in every file, not by position in the first file's header: a file whose
 * columns come in another order is read right, an extra column is ignored, and a file whose header lacks a
 * column the layout reads is quarantined whole, with a reason naming the columns, while the others load.
 */
@ExtendWith(SparkExtension.class)
class ColumnsByNameIngestTest {
  private static final String HEADER =
      "order_id,line_no,customer_id,order_ts,sku,category,brand,quantity,unit_price,discount,coupon_code,channel,store_id,payment,status";

  private final SparkSession spark;

  ColumnsByNameIngestTest(SparkSession spark) {
    this.spark = spark;
  }

  private List<String> rows(String sql) {
    return spark.sql(sql).collectAsList().stream().map(Row::toString).collect(java.util.stream.Collectors.toList());
  }

  @Test
  void filesWithReorderedColumnsAreReadByNameInOneIngestAndInALaterOne(@TempDir Path dir) throws IOException {
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Files.write(landing.resolve("a.csv"), List.of(HEADER,
        "O1,1,C1,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid"), StandardCharsets.UTF_8);
    // Same columns, another order, and one column the feed does not know (ignored).
    Files.write(landing.resolve("b.csv"), List.of(
        "status,unit_price,quantity,customer_id,order_id,note,line_no,order_ts,sku,category,brand,discount,coupon_code,channel,store_id,payment",
        "paid,5.00,3,C2,O2,call back,1,2026-03-02 11:00:00,S2,books,bee,0.1,,online,,card"), StandardCharsets.UTF_8);
    String[] ingest = {"--set", "catalog.database=by_name", "ingest", "transactions", landing.toString()};

    Cli first = Cli.run(spark, ingest);
    Files.write(landing.resolve("c.csv"), List.of(
        "customer_id,order_id,line_no,quantity,unit_price,order_ts,status,channel,sku,category,brand,discount,coupon_code,store_id,payment",
        "C3,O3,1,4,2.50,2026-03-03 12:00:00,returned,store,S3,food,cap,0,,S02,cash"), StandardCharsets.UTF_8);
    Cli later = Cli.run(spark, ingest);

    assertThat(first.exitCode).as(first.toString()).isZero();
    assertThat(later.exitCode).as(later.toString()).isZero();
    assertThat(rows("SELECT order_id, customer_id, order_ts, quantity, unit_price, discount, channel, status, amount "
        + "FROM by_name.transactions ORDER BY order_id")).containsExactly(
        "[O1,C1,2026-03-01 10:00:00.0,2,9.9000,0.0,store,paid,19.8000]",
        "[O2,C2,2026-03-02 11:00:00.0,3,5.0000,0.1,online,paid,13.5000]",
        "[O3,C3,2026-03-03 12:00:00.0,4,2.5000,0.0,store,returned,10.0000]");
    assertThat(rows("SELECT count(*) FROM by_name.quarantine")).containsExactly("[0]");
  }

  @Test
  void aFileWhoseHeaderLacksAColumnIsQuarantinedNamingItAndTheOtherFileLoads(@TempDir Path dir) throws IOException {
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Files.write(landing.resolve("good.csv"), List.of(HEADER,
        "O1,1,C1,2026-03-01 10:00:00,S1,toys,acme,2,9.90,0,,store,S01,card,paid"), StandardCharsets.UTF_8);
    Files.write(landing.resolve("short.csv"), List.of(
        "order_id,line_no,customer_id,order_ts,sku,category,brand,quantity,discount,coupon_code,channel,store_id,payment",
        "O2,1,C2,2026-03-02 11:00:00,S2,books,bee,3,0,,online,,card",
        "O3,1,C3,2026-03-02 12:00:00,S2,books,bee,1,0,,online,,card"), StandardCharsets.UTF_8);

    Cli cli = Cli.run(spark, "--set", "catalog.database=short_header", "ingest", "transactions", landing.toString());

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(cli.out).contains("3 records read").contains("1 accepted").contains("2 quarantined");
    assertThat(cli.err).contains("short.csv").contains("lacks columns [unit_price, status]");
    assertThat(rows("SELECT order_id FROM short_header.transactions")).containsExactly("[O1]");
    assertThat(rows("SELECT reason, regexp_extract(source_file, '[^/]+$', 0), get_json_object(record, '$.order_id') "
        + "FROM short_header.quarantine ORDER BY row_id")).containsExactly(
        "[missing_columns [unit_price, status],short.csv,O2]",
        "[missing_columns [unit_price, status],short.csv,O3]");
    assertThat(rows("SELECT count(*) FROM short_header.raw_transactions")).containsExactly("[3]");
  }

  @Test
  void aMappingReadsItsSourceColumnsByName(@TempDir Path dir) throws IOException {
    Path landing = Files.createDirectories(dir.resolve("landing"));
    Files.write(landing.resolve("2010.csv"), List.of(
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
        "536365,85123A,HEART HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom"), StandardCharsets.UTF_8);
    Files.write(landing.resolve("2011.csv"), List.of(
        "CustomerID,Country,UnitPrice,Quantity,InvoiceNo,InvoiceDate,StockCode,Description",
        "12583,France,3.75,24,536370,2010-12-01 08:45:00,22728,ALARM CLOCK"), StandardCharsets.UTF_8);

    Cli cli = Cli.run(spark, "--set", "catalog.database=mapped_by_name", "ingest", "transactions", landing.toString(),
        "--mapping", "online_retail");

    assertThat(cli.exitCode).as(cli.toString()).isZero();
    assertThat(rows("SELECT order_id, customer_id, sku, category, quantity, unit_price, store_id "
        + "FROM mapped_by_name.transactions ORDER BY order_id")).containsExactly(
        "[536365,17850,85123A,HEART HOLDER,6,2.5500,United Kingdom]",
        "[536370,12583,22728,ALARM CLOCK,24,3.7500,France]");
  }
}
