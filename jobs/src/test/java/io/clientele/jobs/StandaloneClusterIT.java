package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster from the project's own dependencies, no download: a SPARK_HOME under
 * {@code jobs/target} whose {@code jars/} links the runtime classpath (Spark and its dependencies; Delta,
 * picocli and our code come in the application jar, as on a real cluster) and whose {@code bin/spark-submit}
 * runs Spark's own launcher; a master and two workers as separate JVMs on loopback; then
 * {@code bin/clientele --master spark://127.0.0.1:PORT pipeline ...} takes the launcher's spark-submit path
 * ({@code org.apache.spark.deploy.SparkSubmit} with {@code clientele-jobs-app.jar}) over the demo's raw files,
 * and every table it writes must equal those of the local run of the same steps on the same files: the demo
 * warehouse ({@link DemoWarehouse}, {@code bin/clientele demo} on the embedded default). Run it alone with
 * {@code mvn -B -pl common,jobs verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=StandaloneClusterIT}
 * or {@code -Dgroups=cluster}.
 */
@Tag("cluster")
@ExtendWith(SparkExtension.class)
class StandaloneClusterIT {
  private static final String AS_OF = "2026-07-01";
  /**
   * The demo's local settings (conf/local.properties on two cores): the same shuffle partitions and parallelism
   * as the local run, so the comparison is of results, not of how Spark split the work. (The CLV fit does not
   * depend on them: its sums are added in fixed blocks.)
   */
  private static final List<String> SETTINGS = List.of("--set", "spark.sql.shuffle.partitions=8", "--set",
      "spark.default.parallelism=2");

  private final SparkSession spark;
  private final List<JavaProcesses.Running> started = new ArrayList<>();
  @TempDir Path work;

  StandaloneClusterIT(SparkSession spark) {
    this.spark = spark;
  }

  @AfterEach
  void stopEveryProcess() {
    // Executors are the workers' children: each close() kills a process's descendants before the process.
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
  }

  @Test
  void thePipelineSubmittedToAStandaloneClusterWritesTheTablesOfALocalRun() throws Exception {
    Path sparkHome = sparkHome();
    // The local run: the demo's, over the same raw files and as-of.
    Path reference = DemoWarehouse.get();
    Path data = DemoWarehouse.data();
    assertThat(DemoWarehouse.AS_OF).isEqualTo(AS_OF);

    long clusterStart = System.nanoTime();
    Map<String, String> env = new HashMap<>();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.12");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    // Port 0 everywhere: each daemon binds a port the system chooses, and the master's URL is read from its log
    // (Spark's Master logs the URL it bound), so no test picks a free port beforehand and races for it.
    JavaProcesses.Running master = daemon(env, "master", List.of("org.apache.spark.deploy.master.Master", "--host",
        "127.0.0.1", "--port", "0", "--webui-port", "0"));
    awaitLog(master, "I have been elected leader");
    Matcher bound = Pattern.compile("Starting Spark master at (spark://127\\.0\\.0\\.1:[0-9]+)").matcher(master.err() + master.out());
    assertThat(bound.find()).as("the master's URL in its log: %s", master).isTrue();
    String masterUrl = bound.group(1);
    List<JavaProcesses.Running> workers = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      Path workDir = work.resolve("worker-" + i);
      workers.add(daemon(env, "worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
          "--port", "0", "--webui-port", "0", "--cores", "1", "--memory",
          "1g", "--work-dir", workDir.toString(), masterUrl)));
    }
    for (JavaProcesses.Running worker : workers) {
      awaitLog(worker, "Successfully registered with master");
    }
    System.err.printf("StandaloneClusterIT: master and two workers up in %.0f s%n", (System.nanoTime() - clusterStart) / 1e9);

    // Through the launcher: --master spark://... makes bin/clientele run $SPARK_HOME/bin/spark-submit.
    long submitStart = System.nanoTime();
    Map<String, String> submit = new HashMap<>(env);
    submit.put("CLIENTELE_NO_BUILD", "1");
    submit.put("SPARK_SUBMIT_OPTS_EXTRA", "--driver-memory 1g --executor-memory 640m --total-executor-cores 2 "
        + "--conf spark.ui.enabled=false --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1");
    List<String> cluster = new ArrayList<>(List.of(JavaProcesses.project().resolve("bin/clientele").toString(), "--master",
        masterUrl));
    cluster.addAll(pipelineArguments(work.resolve("cluster-warehouse"), data));
    JavaProcesses.Running submitted = JavaProcesses.start(cluster, work, "submit", submit);
    started.add(submitted);
    assertThat(submitted.await(15)).as(submitted.toString()).isZero();
    System.err.printf("StandaloneClusterIT: pipeline on the cluster %.0f s%n", (System.nanoTime() - submitStart) / 1e9);
    assertThat(submitted.err()).contains("org.apache.spark.deploy.SparkSubmit").contains("clientele-jobs-app.jar");
    assertThat(submitted.out()).contains("pipeline: as of " + AS_OF + ", steps ingest, value, clv, features done");
    // The work ran in executors the two workers started (each keeps the application's folder and logs).
    for (int i = 1; i <= 2; i++) {
      assertThat(executorLogs(work.resolve("worker-" + i))).as("executors of worker %d", i).isNotEmpty();
    }

    PipelineCrashIT.assertSameTables(spark, reference.resolve("clientele.db"), work.resolve("cluster-warehouse/clientele.db"));
  }

  private static List<String> pipelineArguments(Path warehouse, Path data) {
    List<String> args = new ArrayList<>(List.of("--warehouse", warehouse.toString(), "--set",
        "pipeline.landing-dir=" + data));
    args.addAll(SETTINGS);
    args.addAll(List.of("pipeline", "--as-of", AS_OF, "--to", "features"));
    return args;
  }

  private JavaProcesses.Running daemon(Map<String, String> env, String name, List<String> mainAndArgs) throws IOException {
    Path sparkHome = Path.of(env.get("SPARK_HOME"));
    List<String> command = JavaProcesses.java("256m", List.of(), sparkHome.resolve("jars") + "/*", mainAndArgs.get(0),
        mainAndArgs.subList(1, mainAndArgs.size()));
    JavaProcesses.Running running = JavaProcesses.start(command, work, name, env);
    started.add(running);
    return running;
  }

  private static void awaitLog(JavaProcesses.Running process, String line) throws Exception {
    long deadline = System.nanoTime() + 3L * 60 * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (process.err().contains(line) || process.out().contains(line)) {
        return;
      }
      if (!process.process.isAlive()) {
        throw new IllegalStateException(process.command.get(process.command.size() - 1) + " ended: " + process);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no '" + line + "' within 3 minutes: " + process);
  }

  /** The executors' stderr files a worker kept under its work dir (app-ID/EXECUTOR/stderr). */
  private static List<Path> executorLogs(Path workDir) throws IOException {
    if (!Files.isDirectory(workDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(workDir)) {
      return files.filter(p -> p.getFileName().toString().equals("stderr")).collect(Collectors.toList());
    }
  }

  /**
   * jobs/target/spark-home: jars/ links every jar of jobs/target/lib except what the application jar shades
   * (Delta, picocli, clientele-common), and bin/spark-submit runs Spark's launcher the way bin/spark-class does.
   */
  static Path sparkHome() throws IOException {
    Path target = JavaProcesses.project().resolve("jobs/target");
    Path home = target.resolve("spark-home");
    Path jars = home.resolve("jars");
    Files.createDirectories(jars);
    Files.createDirectories(home.resolve("bin"));
    // Links of an earlier build may point at jars that are gone: start from an empty jars/.
    try (Stream<Path> old = Files.list(jars)) {
      for (Path link : old.collect(Collectors.toList())) {
        Files.delete(link);
      }
    }
    try (Stream<Path> lib = Files.list(target.resolve("lib"))) {
      for (Path jar : lib.collect(Collectors.toList())) {
        String name = jar.getFileName().toString();
        Path link = jars.resolve(name);
        if (name.startsWith("delta-") || name.startsWith("picocli-") || name.startsWith("clientele-")) {
          continue;
        }
        Files.createSymbolicLink(link, jar.toAbsolutePath());
      }
    }
    Path submit = home.resolve("bin/spark-submit");
    Files.writeString(submit, SPARK_SUBMIT, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  /** A stand-in for Spark's bin/spark-submit: Spark's launcher builds the driver command, then it runs. */
  private static final String SPARK_SUBMIT = String.join("\n",
      "#!/usr/bin/env bash",
      "# spark-submit for a Spark installation that is a jars/ folder only (written by StandaloneClusterIT):",
      "# org.apache.spark.launcher.Main builds the driver's command as Spark's bin/spark-class does.",
      "set -o pipefail",
      "export SPARK_HOME=\"$(cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\" && pwd)\"",
      "export SPARK_SCALA_VERSION=\"${SPARK_SCALA_VERSION:-2.12}\"",
      "RUNNER=\"${JAVA_HOME:+$JAVA_HOME/bin/}java\"",
      "TOKENS=()",
      "while IFS= read -d '' -r token; do TOKENS+=(\"$token\"); done < <(",
      "  \"$RUNNER\" -Xmx128m -cp \"$SPARK_HOME/jars/*\" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit \"$@\"",
      "  printf '%d\\0' $?)",
      "# The launcher prints its messages, a NUL and a newline, then the command's arguments each ended by a NUL;",
      "# the last token is its exit code.",
      "CODE=\"${TOKENS[${#TOKENS[@]} - 1]}\"",
      "[[ -n \"${TOKENS[0]}\" ]] && printf '%s\\n' \"${TOKENS[0]}\" >&2",
      "if [[ \"$CODE\" != 0 || ${#TOKENS[@]} -lt 3 ]]; then exit \"${CODE:-1}\"; fi",
      "CMD=(\"${TOKENS[@]:1:${#TOKENS[@]}-2}\")",
      "CMD[0]=\"${CMD[0]#$'\\n'}\"",
      "echo \"spark-submit: ${CMD[*]}\" >&2",
      "exec \"${CMD[@]}\"",
      "");

  static {
    // Fail early and clearly when the build the test needs is missing.
    Path app = JavaProcesses.project().resolve("jobs/target/clientele-jobs-app.jar");
    if (!Files.exists(app)) {
      throw new UncheckedIOException(new IOException("Cannot run the cluster test: " + app + " is missing (mvn package)"));
    }
  }
}
