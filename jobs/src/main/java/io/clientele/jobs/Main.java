package io.clientele.jobs;

import io.clientele.jobs.cli.ClienteleCommand;

/** Entry point of the launcher and of spark-submit: {@code clientele [global options] COMMAND [options]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(ClienteleCommand.execute(args, System.out, System.err));
  }
}
