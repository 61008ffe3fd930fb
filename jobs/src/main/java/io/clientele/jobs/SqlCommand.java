package io.clientele.jobs;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "Run any SQL over the catalog (the Clientele database is the current one) and print the result.")
final class SqlCommand implements Callable<Integer> {
  enum Format { table, csv, json }

  @ParentCommand ClienteleCommand root;

  @Parameters(index = "0", paramLabel = "QUERY", description = "the SQL statement")
  String query;

  @Option(names = "--format", description = "table (default), csv or json (one object per line)")
  Format format = Format.table;

  @Option(names = "--max-rows", paramLabel = "N", description = "rows shown in table format (default: ${DEFAULT-VALUE})")
  int maxRows = 1000;

  @Override
  public Integer call() {
    JobContext context = root.context();
    context.spark().catalog().setCurrentDatabase(context.lake().database());
    Dataset<Row> result = context.spark().sql(query);
    PrintStream out = root.out();
    switch (format) {
      case csv:
        SqlOutput.csv(result, out);
        break;
      case json:
        for (Iterator<String> it = result.toJSON().toLocalIterator(); it.hasNext(); ) {
          out.println(it.next());
        }
        break;
      default:
        SqlOutput.table(result, maxRows, out);
    }
    out.flush();
    return ClienteleCommand.OK;
  }

}
