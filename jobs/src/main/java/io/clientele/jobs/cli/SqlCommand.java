package io.clientele.jobs.cli;

import io.clientele.config.UsageException;
import io.clientele.jobs.steps.JobContext;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
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
    description = {"Run any SQL over the catalog (the Clientele database is the current one) and print the result.",
        "With --out-dir, several queries in one JVM: the result of the Nth query goes to DIR/N.csv or DIR/N.json",
        "(notebooks read many tables with one call)."})
final class SqlCommand implements Callable<Integer> {
  enum Format { table, csv, json }

  @ParentCommand ClienteleCommand root;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "the SQL statement (several with --out-dir)")
  List<String> queries;

  @Option(names = "--out-dir", paramLabel = "DIR",
      description = "write the Nth query's result to DIR/N.csv or DIR/N.json (csv or json format) instead of printing it")
  Path outDir;

  @Option(names = "--keep-going",
      description = "with --out-dir: a query that fails (e.g. a table not computed yet) writes DIR/N.error and the rest run")
  boolean keepGoing;

  @Option(names = "--format", description = "table (default), csv or json (one object per line)")
  Format format = Format.table;

  @Option(names = "--max-rows", paramLabel = "N", description = "rows shown in table format (default: ${DEFAULT-VALUE})")
  int maxRows = 1000;

  @Override
  public Integer call() throws Exception {
    if (outDir == null && queries.size() > 1) {
      throw new UsageException("Several queries need --out-dir DIR (one result file per query)");
    }
    if (outDir != null && format == Format.table) {
      throw new UsageException("--out-dir writes csv or json: add --format csv or --format json");
    }
    if (keepGoing && outDir == null) {
      throw new UsageException("--keep-going goes with --out-dir");
    }
    JobContext context = root.context();
    context.spark().catalog().setCurrentDatabase(context.lake().database());
    if (outDir == null) {
      print(context.spark().sql(queries.get(0)), root.out());
      return ClienteleCommand.OK;
    }
    Files.createDirectories(outDir);
    int failed = 0;
    for (int i = 0; i < queries.size(); i++) {
      String name = Integer.toString(i + 1);
      Files.deleteIfExists(outDir.resolve(name + ".error"));
      Files.deleteIfExists(outDir.resolve(name + "." + format));
      try (PrintStream file = new PrintStream(Files.newOutputStream(outDir.resolve(name + "." + format)), false,
          StandardCharsets.UTF_8)) {
        print(context.spark().sql(queries.get(i)), file);
      } catch (Exception e) {
        Files.deleteIfExists(outDir.resolve(name + "." + format));
        if (!keepGoing) {
          throw e;
        }
        failed++;
        Files.writeString(outDir.resolve(name + ".error"), String.valueOf(e.getMessage()) + "\n", StandardCharsets.UTF_8);
      }
    }
    root.out().printf("sql: %d queries, %d results written to %s, %d failed%n", queries.size(), queries.size() - failed,
        outDir, failed);
    return ClienteleCommand.OK;
  }

  private void print(Dataset<Row> result, PrintStream out) {
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
  }

}
