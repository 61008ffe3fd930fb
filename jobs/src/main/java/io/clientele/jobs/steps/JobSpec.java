package io.clientele.jobs.steps;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigOption;
import io.clientele.config.UsageException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A job as every caller runs it, declared once beside the job ({@code ValueJob.SPEC}, {@code ChurnJob.TRAIN}, ...):
 * its command ({@code value}, {@code churn train}), its help, its typed options (one read from configuration when it
 * is not given, and then checked by that key's own rule), the checks across options, the date the pipeline runs
 * it at, and how it runs. The command line generates its command from it, the pipeline's step runs it, {@code bench
 * stages} times it and the demo calls it; all record the same arguments in {@code job_runs}. Every job takes
 * {@code --as-of DATE}; settings a job cannot run without (a lexicon, the age bands) are read and checked when its
 * run is built ({@link #invocation}), before any data is read.
 */
public final class JobSpec {
  /** The body of a run, built from the as-of date and the options' values (reading first what it cannot run without). */
  public interface Build {
    Callable<JobResult> body(JobContext context, LocalDate asOf, Values values);
  }

  /** A rule across options (one option's own rule is its configuration key's): throws {@link UsageException}. */
  public interface Check {
    void check(LocalDate asOf, Values values);
  }

  /** The date the pipeline and the benchmarks run the job at for a run as of a date (a model's training date). */
  public interface RunDate {
    LocalDate at(JobContext context, LocalDate asOf);
  }

  /** One run of a job: the name and arguments {@code job_runs} records, its as-of date, and its body. */
  public record Invocation(String job, String arguments, LocalDate asOf, Callable<JobResult> body) {
    /** Runs it recorded in {@code job_runs} (started, then succeeded with its counts or failed with the error). */
    public JobResult run(JobContext context) throws Exception {
      return context.run(job, arguments, asOf, body);
    }
  }

  /**
   * An option of a job: {@code --name LABEL}, its help, its type, and the configuration key whose value it takes
   * when not given (null: none, the option is then absent unless given).
   */
  public static final class Option<T> {
    private final String name;
    private final String label;
    private final Class<T> type;
    private final List<String> description;
    private final ConfigOption<T> key;
    private final UnaryOperator<T> normalise;
    private final boolean required;

    private Option(String name, String label, Class<T> type, List<String> description, ConfigOption<T> key,
        UnaryOperator<T> normalise, boolean required) {
      if (!name.matches("--[a-z][a-z0-9-]*")) {
        throw new IllegalArgumentException("An option's name is --lower-case-words, got " + name);
      }
      this.name = name;
      this.label = label;
      this.type = type;
      this.description = List.copyOf(description);
      this.key = key;
      this.normalise = normalise;
      this.required = required;
    }

    /** An option without a configured value. */
    public static <T> Option<T> of(String name, String label, Class<T> type, String... description) {
      return new Option<>(name, label, type, Arrays.asList(description), null, UnaryOperator.identity(), false);
    }

    /** An option whose value, when not given, is the key's; its help ends with "(default: KEY, VALUE)". */
    public static <T> Option<T> configured(String name, String label, Class<T> type, ConfigOption<T> key,
        String description) {
      return new Option<>(name, label, type,
          List.of(description + " (default: " + key.key() + ", " + key.defaultValue() + ")"), key,
          UnaryOperator.identity(), false);
    }

    /** The same option, required on the command line. */
    public Option<T> required() {
      return new Option<>(name, label, type, description, key, normalise, true);
    }

    /** The same option, a given value first put in its usual form (for instance trimmed and lower-cased). */
    public Option<T> normalisedBy(UnaryOperator<T> normalise) {
      return new Option<>(name, label, type, description, key, normalise, required);
    }

    public String name() {
      return name;
    }

    public String label() {
      return label;
    }

    public Class<T> type() {
      return type;
    }

    public List<String> description() {
      return description;
    }

    public boolean isRequired() {
      return required;
    }

    /** The value of a run: the given one normalised and checked by the key's rule, else the configured one. */
    T resolve(ClienteleConfig config, Object given) {
      T value = given == null ? null : normalise.apply(type.cast(given));
      if (key != null) {
        return value == null ? config.get(key) : config.with(Map.of(key.key(), String.valueOf(value))).get(key);
      }
      return value;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The options' values of one run. */
  public static final class Values {
    private final Map<Option<?>, Object> values;

    private Values(Map<Option<?>, Object> values) {
      this.values = Collections.unmodifiableMap(values);
    }

    /** The option's value: given, configured, or null when neither. */
    public <T> T get(Option<T> option) {
      if (!values.containsKey(option)) {
        throw new IllegalArgumentException("No option " + option + " in this job");
      }
      return option.type().cast(values.get(option));
    }
  }

  /** A value that the recorded arguments show as it is; any other is single-quoted as a shell would need. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.,:@/+=%-]+");

  private final String command;
  private final List<String> description;
  private final List<Option<?>> options;
  private final Check check;
  private final RunDate runDate;
  private final Build build;

  private JobSpec(String command, List<String> description, List<Option<?>> options, Check check, RunDate runDate,
      Build build) {
    this.command = command;
    this.description = List.copyOf(description);
    this.options = List.copyOf(options);
    this.check = check;
    this.runDate = runDate;
    this.build = build;
  }

  /**
   * A job run by {@code COMMAND --as-of DATE}; a command of two words ({@code churn train}) is a subcommand of its
   * step's command. The description is the command's help, one line per string.
   */
  public static JobSpec of(String command, String... description) {
    if (!command.matches("[a-z][a-z-]*( [a-z][a-z-]*)?")) {
      throw new IllegalArgumentException("A job's command is one or two lower-case words, got '" + command + "'");
    }
    return new JobSpec(command, Arrays.asList(description), List.of(), (asOf, values) -> { }, (context, asOf) -> asOf,
        null);
  }

  /** The same job with these options (after --as-of, in this order in the help and in job_runs). */
  public JobSpec with(Option<?>... more) {
    List<Option<?>> all = new ArrayList<>(options);
    for (Option<?> option : more) {
      if (option.name().equals("--as-of") || all.stream().anyMatch(o -> o.name().equals(option.name()))) {
        throw new IllegalArgumentException("Option " + option + " twice in job " + command);
      }
      all.add(option);
    }
    return new JobSpec(command, description, all, check, runDate, build);
  }

  /** The same job with a rule across its options, checked before the run is built. */
  public JobSpec checking(Check rule) {
    return new JobSpec(command, description, options, rule, runDate, build);
  }

  /** The same job, run by the pipeline and the benchmarks at this date for a run as of a date (default: that date). */
  public JobSpec runsAt(RunDate date) {
    return new JobSpec(command, description, options, check, date, build);
  }

  /** The same job with its body. */
  public JobSpec runs(Build body) {
    return new JobSpec(command, description, options, check, runDate, body);
  }

  public String command() {
    return command;
  }

  public List<String> description() {
    return description;
  }

  public List<Option<?>> options() {
    return options;
  }

  /** The as-of date the pipeline and the benchmarks run this job at, for a run as of {@code asOf}. */
  public LocalDate runDate(JobContext context, LocalDate asOf) {
    return runDate.at(context, asOf);
  }

  /** {@code COMMAND --as-of D} with every option configured or left out. */
  public Invocation invocation(JobContext context, LocalDate asOf) {
    return invocation(context, asOf, Map.of());
  }

  /**
   * {@code COMMAND --as-of D} with these options given (the others configured or left out): each value checked by
   * its key's rule, then the job's checks, then its body built.
   */
  public Invocation invocation(JobContext context, LocalDate asOf, Map<Option<?>, ?> given) {
    Objects.requireNonNull(build, () -> "job " + command + " has no body");
    for (Option<?> option : given.keySet()) {
      if (!options.contains(option)) {
        throw new IllegalArgumentException("Option " + option + " is not one of job " + command + ": " + options);
      }
    }
    Map<Option<?>, Object> resolved = new LinkedHashMap<>();
    for (Option<?> option : options) {
      Object value = option.resolve(context.config(), given.get(option));
      if (value == null && option.isRequired()) {
        throw new UsageException(command + " needs " + option.name() + " " + option.label());
      }
      resolved.put(option, value);
    }
    Values values = new Values(resolved);
    check.check(asOf, values);
    return new Invocation(command, arguments(asOf, resolved), asOf, build.body(context, asOf, values));
  }

  /** The arguments job_runs records: what, typed after the command, runs the job again with the same options. */
  private static String arguments(LocalDate asOf, Map<Option<?>, Object> values) {
    StringBuilder arguments = new StringBuilder("--as-of ").append(asOf);
    values.forEach((option, value) -> {
      if (value != null) {
        String text = String.valueOf(value);
        arguments.append(' ').append(option.name()).append(' ')
            .append(PLAIN.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'");
      }
    });
    return arguments.toString();
  }

  @Override
  public String toString() {
    return command;
  }
}
