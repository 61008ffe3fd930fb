package io.clientele.jobs.cli;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.jobs.steps.JobContext;
import io.clientele.lake.SessionFactory;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The {@code clientele} command: global options, then one subcommand per job ({@link #commandLine}: the pipeline's
 * steps made from their registration, the others one class each). Exit codes: 0 ok, 1 the job failed, 2 a usage or
 * configuration error.
 */
@Command(
    name = "clientele",
    mixinStandardHelpOptions = true,
    version = "clientele 0.1.0",
    description = "Customer-analytics lakehouse on Apache Spark and Delta Lake.")
public final class ClienteleCommand implements Runnable {
  /** Exit codes, picocli's: 0 done, 1 failed, 2 a usage error (the bench package's runners return picocli's own). */
  public static final int OK = CommandLine.ExitCode.OK;
  public static final int FAILED = CommandLine.ExitCode.SOFTWARE;
  public static final int USAGE = CommandLine.ExitCode.USAGE;

  /** System property naming the configuration profile; the launcher sets local, spark-submit leaves cluster. */
  public static final String PROFILE_PROPERTY = "clientele.profile";

  @Option(names = "--warehouse", paramLabel = "DIR", description = "warehouse folder or URI (default: ./warehouse)")
  String warehouse;

  @Option(names = "--conf", paramLabel = "FILE",
      description = "a configuration file layered over the defaults (an empty value: none, as a scheduler's template may give)")
  String confFile;

  /** The --conf file, or null when none was given or the value is empty. */
  private Path confFile() {
    return confFile == null || confFile.isEmpty() ? null : Paths.get(confFile);
  }

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one configuration key (repeatable)")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--master", paramLabel = "URL", description = "Spark master (the launcher hands cluster URLs to spark-submit)")
  String master;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Function<ClienteleConfig, SparkSession> sessions;
  private final boolean ownsSession;
  private PrintStream out = System.out;
  private PrintStream err = System.err;
  private JobContext context;

  /** A command that builds (and finally stops) its own session. */
  public ClienteleCommand() {
    this(config -> SessionFactory.create(config, "clientele"), true);
  }

  /** A command over sessions someone else owns (tests share one session per JVM). */
  public ClienteleCommand(Function<ClienteleConfig, SparkSession> sessions, boolean ownsSession) {
    this.sessions = sessions;
    this.ownsSession = ownsSession;
  }

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  /** The commands before the pipeline's steps in the help. */
  private static final List<Class<?>> BEFORE_STEPS = List.of(GenerateCommand.class, IngestCommand.class);

  /** The commands after them. */
  private static final List<Class<?>> AFTER_STEPS = List.of(ModelCommand.class, AudienceCommand.class,
      ProfileCommand.class, ServeCommand.class, ForgetCommand.class, PipelineCommand.class, SqlCommand.class,
      DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class);

  /**
   * The command line of this command: generate and ingest, then the command of each pipeline step as its
   * registration defines it ({@link StepCommands}), then the other commands.
   */
  static CommandLine commandLine(ClienteleCommand command) {
    CommandLine cli = new CommandLine(command);
    BEFORE_STEPS.forEach(cli::addSubcommand);
    StepCommands.addTo(cli, command);
    AFTER_STEPS.forEach(cli::addSubcommand);
    return cli;
  }

  /** Parses, runs and maps the outcome to an exit code; the session (if any) is stopped at the end. */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    return execute(new ClienteleCommand(), args, out, err);
  }

  public static int execute(ClienteleCommand command, String[] args, PrintStream out, PrintStream err) {
    command.out = out;
    command.err = err;
    CommandLine cli = commandLine(command)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          if (e instanceof ConfigException || e instanceof UsageException) {
            err.println("clientele: " + e.getMessage());
            return USAGE;
          }
          err.println("clientele: " + commandLine.getCommandName() + " failed: " + e);
          Throwable cause = e.getCause();
          while (cause != null) {
            err.println("  caused by: " + cause);
            cause = cause.getCause();
          }
          return FAILED;
        });
    cli.setParameterExceptionHandler((e, a) -> {
      err.println("clientele: " + e.getMessage());
      e.getCommandLine().usage(err);
      return USAGE;
    });
    try {
      return cli.execute(args);
    } finally {
      if (command.context != null) {
        command.context.close();
      }
    }
  }

  /**
   * The global options of this invocation as arguments for another process (bench fixed): the warehouse as an
   * absolute location, then --conf, --master and every --set as given.
   */
  public List<String> globalArguments() {
    List<String> arguments = new ArrayList<>();
    String location = config().get(ConfigKeys.WAREHOUSE_DIR);
    boolean uri = location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
    arguments.add("--warehouse");
    arguments.add(uri ? location : Paths.get(location).toAbsolutePath().toString());
    if (confFile() != null) {
      arguments.add("--conf");
      arguments.add(confFile().toAbsolutePath().toString());
    }
    if (master != null) {
      arguments.add("--master");
      arguments.add(master);
    }
    for (String assignment : overrides) {
      arguments.add("--set");
      arguments.add(assignment);
    }
    return arguments;
  }

  /** The validated configuration: defaults, profile, --conf, --warehouse, --master, --set. */
  public ClienteleConfig config() {
    ClienteleConfig.Builder builder = ClienteleConfig.builder();
    String confDir = System.getProperty(ClienteleConfig.CONF_DIR_PROPERTY);
    // A conf dir that is not there (a cluster driver far from the submitting machine) means: use the
    // copy packaged in the jar.
    if (confDir != null && java.nio.file.Files.isDirectory(Paths.get(confDir))) {
      builder.confDir(Paths.get(confDir));
    }
    builder.profile(System.getProperty(PROFILE_PROPERTY, "cluster"));
    if (confFile() != null) {
      builder.file(confFile());
    }
    if (warehouse != null) {
      builder.set(ConfigKeys.WAREHOUSE_DIR.key(), warehouse);
    }
    if (master != null) {
      builder.set("spark.master", master);
    }
    for (String assignment : overrides) {
      Map.Entry<String, String> entry = ClienteleConfig.parseAssignment(assignment);
      builder.set(entry.getKey(), entry.getValue());
    }
    return builder.build();
  }

  /** The job context of this invocation, created once. */
  public JobContext context() {
    if (context == null) {
      context = new JobContext(config(), sessions, ownsSession, out, err);
    }
    return context;
  }

  public PrintStream out() {
    return out;
  }
}
