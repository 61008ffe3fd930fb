package io.clientele.jobs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench --profile FILE}: every Spark job a benchmarked step ran, one tab-separated line each (step, job id,
 * start offset, wall milliseconds, stages and tasks run, description, call site), for finding where a step's
 * time goes without an event log viewer.
 */
final class JobProfile implements AutoCloseable {
  private final Writer writer;
  private Long firstStart;

  private JobProfile(Writer writer) {
    this.writer = writer;
  }

  static JobProfile open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JobProfile profile = new JobProfile(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    profile.writer.write("step\tjob\tstart_ms\tmillis\tstages\ttasks\tdescription\tcall_site\n");
    return profile;
  }

  void write(String step, List<SparkActivity.Job> jobs) {
    try {
      for (SparkActivity.Job job : jobs) {
        if (firstStart == null) {
          firstStart = job.startMillis();
        }
        writer.write(String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s%n", step, job.id(),
            job.startMillis() - firstStart, job.millis(), job.stages(), job.tasks(), clean(job.description()),
            clean(job.callSite())));
      }
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the job profile: " + e.getMessage(), e);
    }
  }

  private static String clean(String text) {
    return text == null ? "" : text.replaceAll("[\\t\\r\\n]+", " ");
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }
}
