package io.clientele.jobs.cli;

import io.clientele.ingest.CsvDialect;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.ModelRegistry;
import io.clientele.jobs.steps.ModelTrainJob;
import io.clientele.jobs.steps.Names;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "The generic binary trainer on any labelled table.",
    subcommands = {ModelCommand.Train.class})
final class ModelCommand implements Runnable {
  @ParentCommand ClienteleCommand root;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: model train");
  }

  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description = {
        "Train the logistic pipeline (imputation, one-hot categories, scaling, class weights, cross-validated",
        "regularisation) on a CSV file or a table, print its held-out evaluation (roc_auc=...) and the leak guard,",
        "save the model under a new version and record it in model_runs."
      })
  static final class Train implements Callable<Integer> {
    @ParentCommand ModelCommand parent;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    static final class Source {
      @Option(names = "--csv", required = true, paramLabel = "FILE", description = "a CSV file with a header row")
      String csv;

      @Option(names = "--table", required = true, paramLabel = "NAME", description = "a table of the Clientele database")
      String table;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "the 0/1, yes/no or true/false column to predict")
    String label;

    @Option(names = "--exclude", split = ",", paramLabel = "COLS", description = "columns that are not features (ids, leaks)")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--sep", paramLabel = "C", description = {
        "CSV field separator, or 'auto' (the default): the separator (',' ';' tab '|'), quote and header detected",
        "from the file's first lines"})
    String separator = CsvDialect.AUTO;

    @Option(names = "--name", paramLabel = "NAME", description = {
        "model name (default: the file's or table's name): lower-case letters, digits, '_' or '-', starting with a",
        "letter or digit, at most 64 (it names the model's folder)"})
    String name;

    @Override
    public Integer call() throws Exception {
      if (separator.length() != 1 && !separator.equals("\\t") && !separator.equals(CsvDialect.AUTO)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--sep must be one character or '"
            + CsvDialect.AUTO + "', got '" + separator + "'");
      }
      String sep = separator.equals("\\t") ? "\t" : separator;
      if (source.table != null) {
        Names.table("--table", source.table);
      }
      String modelName = name != null ? Names.model("--name", name)
          : ModelRegistry.safeName(source.csv != null ? baseName(source.csv) : source.table);
      JobContext context = parent.root.context();
      String arguments = (source.csv != null ? "--csv " + source.csv + " --sep " + separator : "--table " + source.table)
          + " --label " + label
          + (exclude.isEmpty() ? "" : " --exclude " + String.join(",", exclude)) + " --name " + modelName;
      context.run("model train", arguments, null, () -> new ModelTrainJob(context)
          .run(new ModelTrainJob.Options(source.csv, source.table, label, exclude, sep, modelName)));
      return ClienteleCommand.OK;
    }

    private static String baseName(String file) {
      String base = Paths.get(file).getFileName().toString();
      int dot = base.indexOf('.');
      return dot > 0 ? base.substring(0, dot) : base;
    }
  }
}
