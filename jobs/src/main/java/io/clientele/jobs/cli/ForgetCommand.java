package io.clientele.jobs.cli;

import io.clientele.config.UsageException;
import io.clientele.jobs.steps.ForgetJob;
import io.clientele.jobs.steps.JobContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "forget",
    mixinStandardHelpOptions = true,
    description = {
      "Erase people's personal data: their customers_pii rows and rejected records (quarantine_pii) deleted; name,",
      "phone, email, address, birth date, social texts and records as received nulled in bronze, silver and quarantine.",
      "Orders, visits, contacts and gold rows keyed by customer_id stay. A second run erases nothing.",
      "Delta keeps earlier table versions' files until VACUUM: --vacuum removes them (forget.vacuum-retention-hours)."
    })
final class ForgetCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Parameters(paramLabel = "CUSTOMER_ID", arity = "0..*", description = "customer ids: letters, digits, '_' or '-'")
  List<String> ids = new ArrayList<>();

  @Option(names = "--file", paramLabel = "FILE", description = "more customer ids, one a line (blank lines and # comments skipped)")
  Path file;

  @Option(names = "--vacuum", description = "then VACUUM the tables touched with forget.vacuum-retention-hours")
  boolean vacuum;

  @Override
  public Integer call() throws Exception {
    List<String> people = customerIds();
    JobContext context = root.context();
    // The count only: who asked to be forgotten is itself personal data.
    String arguments = people.size() + (people.size() == 1 ? " id" : " ids") + (vacuum ? " --vacuum" : "");
    context.run(ForgetJob.JOB, arguments, null, () -> new ForgetJob(context).run(people, vacuum));
    return ClienteleCommand.OK;
  }

  /** The ids of the arguments and of --file, each checked, in order, once. */
  List<String> customerIds() throws IOException {
    Set<String> all = new LinkedHashSet<>();
    for (String id : ids) {
      all.add(ForgetJob.checkedId(id, ""));
    }
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new UsageException("Cannot read --file " + file + ": no such file");
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          all.add(ForgetJob.checkedId(line, " (" + file + " line " + (i + 1) + ")"));
        }
      }
    }
    if (all.isEmpty()) {
      throw new UsageException("Cannot forget: no customer ids (give CUSTOMER_ID... or --file FILE)");
    }
    return List.copyOf(all);
  }
}
