package io.clientele.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.clientele.config.UsageException;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.JobResult;
import io.clientele.lake.Lake;
import io.clientele.tag.Audience;
import io.clientele.tag.TagTables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "audience",
    mixinStandardHelpOptions = true,
    description = "Customers matching a tag expression over customer_profile, e.g. "
        + "\"rfm_segment = 'important_retain' AND churn_risk = 'high'\"; prints the count, writes CSV or a table.")
final class AudienceCommand implements Callable<Integer> {
  /** Audience tables are prefixed so that an audience can never overwrite a Clientele table. */
  static final String TABLE_PREFIX = "audience_";

  @ParentCommand ClienteleCommand root;

  @Parameters(index = "0", paramLabel = "EXPR", description = "a Spark SQL condition over the tag ids (the columns of customer_profile)")
  String expression;

  @Option(names = "--as-of", paramLabel = "DATE", description = "the profile's as_of (default: the latest)")
  LocalDate asOf;

  @Option(names = "--out", paramLabel = "FILE", description = "write the audience as one CSV file (customer_id and --columns)")
  Path out;

  @Option(names = "--table", paramLabel = "NAME", description = "write the audience to the Delta table NAME (must start with audience_), replacing it")
  String table;

  @Option(names = "--columns", split = ",", paramLabel = "TAG", description = "tags to output beside customer_id")
  List<String> columns = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    JobContext context = root.context();
    if (table != null && !table.matches(TABLE_PREFIX + "[a-z0-9_]+")) {
      throw new UsageException("Cannot write audience table '" + table + "': the name must be " + TABLE_PREFIX
          + "followed by lower-case letters, digits or '_'");
    }
    Lake lake = context.lake();
    LocalDate day = ProfileReader.asOf(lake, TagTables.CUSTOMER_PROFILE, asOf);
    String arguments = "'" + expression + "' --as-of " + day + (out != null ? " --out " + out : "") + (table != null ? " --table " + table : "");
    context.run("audience", arguments, day, () -> {
      Dataset<Row> profile = lake.read(TagTables.CUSTOMER_PROFILE).where(col(TagTables.AS_OF).equalTo(lit(Date.valueOf(day))));
      Dataset<Row> audience = Audience.select(profile, expression, columns).persist(StorageLevel.MEMORY_AND_DISK());
      try {
        long customers = audience.count();
        long population = profile.count();
        String written = "";
        if (out != null) {
          writeCsv(audience.orderBy("customer_id"), out);
          written += ", written to " + out;
        }
        if (table != null) {
          audience.withColumn(TagTables.AS_OF, lit(Date.valueOf(day))).withColumn("expression", lit(expression))
              .write().format("delta").mode("overwrite").option("overwriteSchema", "true").saveAsTable(lake.database() + "." + table);
          written += ", written to table " + lake.qualified(table);
        }
        return new JobResult(population, customers, 0L, String.format("%,d of %,d customers as of %s match %s%s", customers,
            population, day, expression, written));
      } finally {
        audience.unpersist();
      }
    });
    return ClienteleCommand.OK;
  }

  private static void writeCsv(Dataset<Row> rows, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (PrintStream csv = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
      SqlOutput.csv(rows, csv);
    }
  }
}
