package io.clientele.jobs;

import io.clientele.testing.ProjectData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Separate JVMs for the integration tests, started the way the launcher starts them (the runtime classpath of
 * {@code mvn package}, the {@code --add-opens} flags Spark needs on Java 17), with standard output and error
 * in files so that a test can watch progress while the process runs. {@link #kill} is {@code kill -9}.
 */
final class JavaProcesses {
  static final List<String> ADD_OPENS = List.of(
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

  private JavaProcesses() {}

  static Path project() {
    return ProjectData.projectDir();
  }

  static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** The local runtime classpath bin/clientele uses: our jar and every dependency, Spark included. */
  static String localClasspath() {
    Path target = project().resolve("jobs/target");
    return target.resolve("clientele-jobs.jar") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
  }

  /** {@code java [jvmOptions] -cp CLASSPATH MAIN args}, with the flags and properties of the local launcher. */
  static List<String> java(String heap, List<String> jvmOptions, String classpath, String main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(javaBinary().toString());
    command.add("-Xmx" + heap);
    command.add("-XX:+UseSerialGC");
    command.addAll(ADD_OPENS);
    command.add("-Duser.timezone=UTC");
    command.add("-Dfile.encoding=UTF-8");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(main);
    command.addAll(args);
    return command;
  }

  /** {@code clientele args} in a fresh local JVM (the local profile and conf/ of the project). */
  static List<String> clientele(List<String> args) {
    Path conf = project().resolve("conf");
    return java("1500m", List.of("-Dclientele.profile=local", "-Dclientele.conf.dir=" + conf,
        "-Dlog4j2.configurationFile=" + conf.resolve("log4j2.properties")), localClasspath(), "io.clientele.jobs.Main", args);
  }

  /** A started process, its output going to files. */
  static final class Running implements AutoCloseable {
    final Process process;
    final Path out;
    final Path err;
    final List<String> command;

    private Running(Process process, Path out, Path err, List<String> command) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.command = command;
    }

    String out() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    String err() throws IOException {
      return Files.exists(err) ? Files.readString(err, StandardCharsets.UTF_8) : "";
    }

    /** Waits for the exit code; kills the process (and its children) when it takes longer. */
    int await(long minutes) throws IOException, InterruptedException {
      if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
        close();
        throw new IllegalStateException(command.get(command.size() - 1) + " did not finish in " + minutes
            + " minutes\n--- err\n" + tail(err()));
      }
      return process.exitValue();
    }

    /** kill -9 (SIGKILL: no shutdown hook, no finally block runs in the JVM). */
    void kill() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(1, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }

    @Override
    public String toString() {
      try {
        return "exit " + (process.isAlive() ? "(running)" : process.exitValue()) + "\n--- out\n" + tail(out()) + "\n--- err\n" + tail(err());
      } catch (IOException e) {
        return e.toString();
      }
    }
  }

  static String tail(String text) {
    return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
  }

  /** Starts a command in a directory with extra environment, output to NAME.out / NAME.err there. */
  static Running start(List<String> command, Path dir, String name, Map<String, String> environment) throws IOException {
    Files.createDirectories(dir);
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("SPARK_HOME");
    builder.environment().putAll(environment);
    return new Running(builder.start(), out, err, command);
  }

  /** Runs a command to its end (at most the given minutes). */
  static Running run(List<String> command, Path dir, String name, long minutes) throws IOException, InterruptedException {
    Running running = start(command, dir, name, Map.of());
    running.await(minutes);
    return running;
  }
}
