package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.testing.SparkExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve in-process on loopback with port 0 (the system picks a free port and serve prints it, so no test picks
 * one beforehand and races another process for it), queried with the Hive JDBC driver as BI tools do: the profile and a
 * past as-of of customer_tags, without and with password authentication; and the refusals.
 */
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeCommandTest {
  private static final String DB = "serve_cmd";
  private final SparkSession spark;
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  @TempDir static Path dir;

  ServeCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void tagTablesAtTwoDates() throws Exception {
    Class.forName("org.apache.hive.jdbc.HiveDriver");
    spark.sql("CREATE DATABASE IF NOT EXISTS " + DB);
    spark.sql("CREATE TABLE " + DB + ".customer_tags (customer_id STRING, tag_id STRING, value STRING, numeric_value DOUBLE,"
        + " as_of DATE) USING delta PARTITIONED BY (as_of)");
    spark.sql("INSERT INTO " + DB + ".customer_tags VALUES ('c1', 'churn_risk', 'low', NULL, DATE'2026-06-01'),"
        + " ('c1', 'churn_risk', 'high', NULL, DATE'2026-07-01'), ('c2', 'churn_risk', 'low', NULL, DATE'2026-07-01')");
    spark.sql("CREATE TABLE " + DB + ".customer_profile (customer_id STRING, as_of DATE, churn_risk STRING, clv DOUBLE)"
        + " USING delta PARTITIONED BY (as_of)");
    spark.sql("INSERT INTO " + DB + ".customer_profile VALUES ('c1', DATE'2026-07-01', 'high', 120.5),"
        + " ('c2', DATE'2026-07-01', 'low', 80.0)");
  }

  @AfterAll
  void stop() {
    ServeCommand.stopRunning();
    background.shutdownNow();
  }

  private static final Pattern LISTENING = Pattern.compile("serve: listening on 127\\.0\\.0\\.1:(\\d+)");

  /** A serve command running on the background thread, and what it has printed so far. */
  private static final class Served {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    Future<Integer> exit;

    /** The port serve printed once it listens (bounded wait); fails when the command ends first. */
    int port() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        Matcher listening = LISTENING.matcher(out.toString(StandardCharsets.UTF_8));
        if (listening.find()) {
          return Integer.parseInt(listening.group(1));
        }
        if (exit.isDone()) {
          throw new AssertionError("serve ended before it listened: " + this);
        }
        Thread.sleep(100);
      }
      throw new AssertionError("serve did not print the port it listens on in 120 s: " + this);
    }

    @Override
    public String toString() {
      return "--- out\n" + out.toString(StandardCharsets.UTF_8) + "\n--- err\n" + err.toString(StandardCharsets.UTF_8);
    }
  }

  /** Starts serve --port 0 ARGS on the background thread. */
  private Served serve(String... args) {
    List<String> all = new ArrayList<>(List.of("--set", "catalog.database=" + DB, "serve", "--port", "0"));
    all.addAll(List.of(args));
    Served served = new Served();
    served.exit = background.submit(() -> ClienteleCommand.execute(new ClienteleCommand(config -> spark, false),
        all.toArray(new String[0]), new PrintStream(served.out, true, StandardCharsets.UTF_8),
        new PrintStream(served.err, true, StandardCharsets.UTF_8)));
    return served;
  }

  private static Connection connect(int port, String user, String password) throws SQLException {
    return DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port + "/" + DB, user, password);
  }

  private static List<String> query(Connection connection, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          cells.add(result.getString(i));
        }
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }

  @Test
  void biToolsQueryTheProfileAndAPastAsOfOverJdbc() throws Exception {
    Served server = serve();
    int port = server.port();
    assertThat(port).isPositive();
    try (Connection connection = connect(port, "analyst", "")) {
      assertThat(query(connection, "SELECT customer_id, churn_risk, clv FROM customer_profile ORDER BY customer_id"))
          .containsExactly("c1|high|120.5", "c2|low|80.0");
      assertThat(query(connection, "SELECT customer_id, value FROM customer_tags WHERE as_of = DATE'2026-06-01'"))
          .containsExactly("c1|low");
    } finally {
      ServeCommand.stopRunning();
    }
    assertThat(server.exit.get(60, TimeUnit.SECONDS)).as(server.toString()).isZero();
    assertThat(server.out.toString(StandardCharsets.UTF_8))
        .contains("serve: jdbc:hive2://127.0.0.1:" + port + "/" + DB + " (no authentication, loopback only)");
  }

  @Test
  void withAuthenticationAWrongPasswordIsRefusedAndTheServerStillAnswers() throws Exception {
    Path users = dir.resolve("users");
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("s3cret-passw0rd\n".getBytes(StandardCharsets.UTF_8)));
      Cli add = Cli.run(spark, "--set", "catalog.database=" + DB, "serve", "--users-file", users.toString(), "--add-user", "bi");
      assertThat(add.exitCode).as(add.toString()).isZero();
    } finally {
      System.setIn(stdin);
    }
    assertThat(Files.readString(users)).startsWith("bi:pbkdf2-sha512:210000:").doesNotContain("s3cret");
    Served server = serve("--auth", "password", "--users-file", users.toString());
    int port = server.port();
    try {
      try (Connection ok = connect(port, "bi", "s3cret-passw0rd")) {
        assertThat(query(ok, "SELECT count(*) FROM customer_tags")).containsExactly("3");
      }
      // The SASL PLAIN refusal (ServeAuthenticator's own message stays in the server's log, the same for both).
      assertThatThrownBy(() -> connect(port, "bi", "wrong-password"))
          .isInstanceOf(SQLException.class).hasMessageContaining("Peer indicated failure: Error validating the login");
      assertThatThrownBy(() -> connect(port, "nobody", "s3cret-passw0rd"))
          .isInstanceOf(SQLException.class).hasMessageContaining("Peer indicated failure: Error validating the login");
      // A refused login does not take the server down: the right password still gets answers.
      try (Connection again = connect(port, "bi", "s3cret-passw0rd")) {
        assertThat(query(again, "SELECT customer_id FROM customer_profile ORDER BY customer_id")).containsExactly("c1", "c2");
      }
    } finally {
      ServeCommand.stopRunning();
    }
    assertThat(server.exit.get(60, TimeUnit.SECONDS)).as(server.toString()).isZero();
  }

  @Test
  void anyAddressButLoopbackRequiresAuthenticationWithUsers() throws Exception {
    Cli open = Cli.run(spark, "--set", "catalog.database=" + DB, "serve", "--bind", "0.0.0.0", "--port", "10999");
    assertThat(open.exitCode).as(open.toString()).isEqualTo(2);
    assertThat(open.err).contains("Cannot serve on 0.0.0.0 without authentication: binding to any address but loopback"
        + " requires serve.auth=password");
    Cli noUsers = Cli.run(spark, "--set", "catalog.database=" + DB, "serve", "--bind", "0.0.0.0", "--auth", "password",
        "--users-file", dir.resolve("nobody-here").toString());
    assertThat(noUsers.exitCode).isEqualTo(2);
    assertThat(noUsers.err).contains("has no user (add one: clientele serve --add-user NAME)");
  }

  @Test
  void passwordsAreStoredSaltedAndChecked() throws Exception {
    Path users = dir.resolve("pw");
    PasswordFile.add(users, "ana", "correct horse".toCharArray());
    PasswordFile.add(users, "bo", "correct horse".toCharArray());
    List<String> lines = Files.readAllLines(users);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).split(":")[4]).isNotEqualTo(lines.get(1).split(":")[4]);
    assertThat(PasswordFile.verify(users, "ana", "correct horse".toCharArray())).isTrue();
    assertThat(PasswordFile.verify(users, "ana", "correct horsE".toCharArray())).isFalse();
    assertThat(PasswordFile.verify(users, "cy", "correct horse".toCharArray())).isFalse();
    PasswordFile.add(users, "ana", "battery staple".toCharArray());
    assertThat(Files.readAllLines(users)).hasSize(2);
    assertThat(PasswordFile.verify(users, "ana", "battery staple".toCharArray())).isTrue();
    assertThatThrownBy(() -> PasswordFile.add(users, "x", "short".toCharArray()))
        .hasMessage("Cannot add user 'x': the password must have at least 8 characters");
  }
}
