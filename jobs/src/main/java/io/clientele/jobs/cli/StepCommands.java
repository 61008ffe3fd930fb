package io.clientele.jobs.cli;

import io.clientele.jobs.pipeline.Pipeline;
import io.clientele.jobs.steps.JobContext;
import io.clientele.jobs.steps.JobSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * The commands of the pipeline's steps, made from their registration ({@link Pipeline#STEPS}): a step of one job
 * is one command ({@code value --as-of D [--window-days N]}), a step of several jobs a command with one
 * subcommand per job ({@code churn train}, {@code churn score}). Each takes the shared {@code --as-of} mixin
 * ({@link AsOfOption}) and its job's options, with the job's help; it runs the job's invocation, so a command
 * holds no step logic and a new step gets its command without a class of its own.
 */
final class StepCommands {
  private StepCommands() {}

  /** The step commands, in the steps' order, as subcommands of the {@code clientele} command. */
  static void addTo(CommandLine clientele, ClienteleCommand root) {
    for (Pipeline.Step step : Pipeline.STEPS) {
      List<JobSpec> jobs = step.jobs();
      if (jobs.isEmpty()) {
        continue;
      }
      if (jobs.size() == 1 && jobs.get(0).command().equals(step.name())) {
        clientele.addSubcommand(step.name(), new CommandLine(jobCommand(jobs.get(0), root)));
        continue;
      }
      Missing missing = new Missing(jobs.stream().map(JobSpec::command).collect(Collectors.toList()));
      CommandSpec parent = CommandSpec.wrapWithoutInspection(missing).name(step.name()).mixinStandardHelpOptions(true);
      parent.usageMessage().description(step.description().toArray(new String[0]));
      missing.spec = parent;
      CommandLine parentLine = new CommandLine(parent);
      for (JobSpec job : jobs) {
        String name = job.command().substring(step.name().length() + 1);
        parentLine.addSubcommand(name, new CommandLine(jobCommand(job, root)));
      }
      clientele.addSubcommand(step.name(), parentLine);
    }
  }

  /** A job's command: --as-of (the shared mixin), then the job's options, each with its label, type and help. */
  private static CommandSpec jobCommand(JobSpec job, ClienteleCommand root) {
    JobCommand command = new JobCommand(job, root);
    String name = job.command().substring(job.command().lastIndexOf(' ') + 1);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name).mixinStandardHelpOptions(true);
    spec.usageMessage().description(job.description().toArray(new String[0]));
    spec.addMixin("asOf", CommandSpec.forAnnotatedObject(command.asOf));
    for (JobSpec.Option<?> option : job.options()) {
      spec.addOption(OptionSpec.builder(option.name())
          .paramLabel(option.label())
          .type(option.type())
          .required(option.isRequired())
          .description(option.description().toArray(new String[0]))
          .build());
    }
    command.spec = spec;
    return spec;
  }

  /** Runs a job with the options given on the command line (the others configured). */
  private static final class JobCommand implements Callable<Integer> {
    final JobSpec job;
    final ClienteleCommand root;
    final AsOfOption asOf = new AsOfOption();
    CommandSpec spec;

    JobCommand(JobSpec job, ClienteleCommand root) {
      this.job = job;
      this.root = root;
    }

    @Override
    public Integer call() throws Exception {
      Map<JobSpec.Option<?>, Object> given = new LinkedHashMap<>();
      for (JobSpec.Option<?> option : job.options()) {
        Object value = spec.findOption(option.name()).getValue();
        if (value != null) {
          given.put(option, value);
        }
      }
      JobContext context = root.context();
      job.invocation(context, asOf.get(), given).run(context);
      return ClienteleCommand.OK;
    }
  }

  /** A step of several jobs run without one of them: a usage error naming them. */
  private static final class Missing implements Runnable {
    final List<String> commands;
    CommandSpec spec;

    Missing(List<String> commands) {
      this.commands = commands;
    }

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: " + String.join(" or ", commands));
    }
  }
}
