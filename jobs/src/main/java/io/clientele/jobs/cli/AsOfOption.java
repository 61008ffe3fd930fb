package io.clientele.jobs.cli;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/**
 * The {@code --as-of DATE} every job command takes, one picocli mixin ({@code @Mixin AsOfOption asOf}): the date the
 * job computes as of, data strictly before it counting.
 */
final class AsOfOption {
  @Option(names = "--as-of", required = true, paramLabel = "DATE",
      description = "yyyy-MM-dd; the job computes as of this date: only data before it counts")
  LocalDate value;

  LocalDate get() {
    return value;
  }
}
