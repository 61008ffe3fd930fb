package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.testing.SparkExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
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
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve in-process on a free loopback port, queried with the Hive JDBC driver as BI tools do: the profile and a
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

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private Future<Cli> serve(String... args) {
    List<String> all = new ArrayList<>(List.of("--set", "catalog.database=" + DB, "serve"));
    all.addAll(List.of(args));
    return background.submit(() -> Cli.run(spark, all.toArray(new String[0])));
  }

  /** Connects once the server listens (bounded wait), with the credentials given. */
  private static Connection connect(int port, String user, String password, Future<Cli> server) throws Exception {
    String url = "jdbc:hive2://127.0.0.1:" + port + "/" + DB;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      try {
        return DriverManager.getConnection(url, user, password);
      } catch (SQLException e) {
        boolean refusedConnection = String.valueOf(e.getMessage()).contains("Connection refused")
            || (e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("Connection refused"));
        if (!refusedConnection || server.isDone() || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
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
    int port = freePort();
    Future<Cli> server = serve("--port", String.valueOf(port));
    try (Connection connection = connect(port, "analyst", "", server)) {
      assertThat(query(connection, "SELECT customer_id, churn_risk, clv FROM customer_profile ORDER BY customer_id"))
          .containsExactly("c1|high|120.5", "c2|low|80.0");
      assertThat(query(connection, "SELECT customer_id, value FROM customer_tags WHERE as_of = DATE'2026-06-01'"))
          .containsExactly("c1|low");
    } finally {
      ServeCommand.stopRunning();
    }
    Cli done = server.get(60, TimeUnit.SECONDS);
    assertThat(done.exitCode).as(done.toString()).isZero();
    assertThat(done.out).contains("serve: jdbc:hive2://127.0.0.1:" + port + "/" + DB + " (no authentication, loopback only)");
  }

  @Test
  void withAuthenticationAWrongPasswordIsRefusedAndTheRightOneAccepted() throws Exception {
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
    int port = freePort();
    Future<Cli> server = serve("--port", String.valueOf(port), "--auth", "password", "--users-file", users.toString());
    try {
      try (Connection ok = connect(port, "bi", "s3cret-passw0rd", server)) {
        assertThat(query(ok, "SELECT count(*) FROM customer_tags")).containsExactly("3");
      }
      assertThatThrownBy(() -> DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port + "/" + DB, "bi", "wrong-password"))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port + "/" + DB, "nobody", "s3cret-passw0rd"))
          .isInstanceOf(SQLException.class);
    } finally {
      ServeCommand.stopRunning();
    }
    assertThat(server.get(60, TimeUnit.SECONDS).exitCode).isZero();
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
