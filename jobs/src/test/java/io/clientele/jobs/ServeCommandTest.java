package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clientele.jobs.cli.ClienteleCommand;
import io.clientele.jobs.cli.ServeCommand;
import io.clientele.jobs.serve.PasswordFile;
import io.clientele.jobs.serve.ServeAuthenticator;
import io.clientele.testing.SparkExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
    spark.sql("CREATE TABLE " + DB + ".customers_pii (customer_id STRING, phone STRING, email STRING) USING delta");
    spark.sql("INSERT INTO " + DB + ".customers_pii VALUES ('c1', '+86 138 0000 1111', 'c1@example.com')");
    spark.sql("CREATE TABLE " + DB + ".quarantine (feed STRING, reason STRING, record STRING) USING delta");
    spark.sql("INSERT INTO " + DB + ".quarantine VALUES ('customers', 'bad date', 'c9,Li Lei,+86 139 0000 2222')");
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
    return serve(List.of(), args);
  }

  /** Starts clientele --set catalog.database=DB ROOT_OPTIONS serve --port 0 ARGS on the background thread. */
  private Served serve(List<String> rootOptions, String... args) {
    List<String> all = new ArrayList<>(List.of("--set", "catalog.database=" + DB));
    all.addAll(rootOptions);
    all.addAll(List.of("serve", "--port", "0"));
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

  @Test
  void theEndpointIsReadOnlyAndServesOnlyTheSharedTables() throws Exception {
    Path secret = dir.resolve("users-secret");
    Files.writeString(secret, "bi:pbkdf2-sha512:210000:c2FsdA==:aGFzaA==\n");
    Served server = serve();
    int port = server.port();
    try (Connection connection = connect(port, "analyst", ""); Statement statement = connection.createStatement()) {
      assertThat(query(connection, "SELECT customer_id, churn_risk FROM customer_profile ORDER BY customer_id"))
          .containsExactly("c1|high", "c2|low");
      assertThat(query(connection, "SHOW TABLES").toString()).contains("customer_profile");
      query(connection, "SET spark.sql.session.timeZone=Asia/Shanghai");
      String[][] refused = {
          {"SELECT * FROM customers_pii", "the table serve_cmd.customers_pii is not shared with user (any, no authentication)"},
          {"SELECT c.customer_id FROM customer_profile c JOIN customers_pii p USING (customer_id)", "customers_pii is not shared"},
          {"SELECT * FROM customer_profile WHERE customer_id IN (SELECT customer_id FROM customers_pii)", "customers_pii is not shared"},
          {"SELECT * FROM quarantine", "the table serve_cmd.quarantine is not shared"},
          {"SELECT * FROM text.`" + secret + "`", "a direct file query"},
          {"DROP TABLE customer_profile", "DROP TABLE"},
          {"INSERT INTO customer_tags VALUES ('c9', 'churn_risk', 'low', NULL, DATE'2026-07-01')", "the endpoint is read-only"},
          {"DELETE FROM customer_profile WHERE true", "the endpoint is read-only"},
          {"VACUUM customer_profile", "the endpoint is read-only"},
          {"ADD JAR " + secret, "ADD JARS"},
          {"CREATE TEMPORARY VIEW leak AS SELECT * FROM customer_profile", "the endpoint is read-only"},
          {"SELECT reflect('java.lang.System', 'getenv', 'HOME')", "the function reflect (reflection) is not allowed"},
          {"SET spark.sql.runSQLOnFiles=true", "SET spark.sql.runSQLOnFiles is not allowed"}};
      for (String[] statementAndMessage : refused) {
        assertThatThrownBy(() -> statement.execute(statementAndMessage[0])).as(statementAndMessage[0])
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("Not allowed on the Clientele JDBC endpoint: ")
            .hasMessageContaining(statementAndMessage[1]);
      }
      // Nothing changed, and the connection still answers.
      assertThat(query(connection, "SELECT count(*) FROM customer_profile")).containsExactly("2");
    } finally {
      ServeCommand.stopRunning();
    }
    assertThat(server.exit.get(60, TimeUnit.SECONDS)).as(server.toString()).isZero();
    assertThat(spark.table(DB + ".customer_tags").count()).isEqualTo(3);
  }

  @Test
  void aConnectionUrlCannotSetTheSessionsSettings() throws Exception {
    Served server = serve();
    int port = server.port();
    try {
      // hiveconf variables after '?' become the session's settings: one that would allow file queries is refused.
      assertThatThrownBy(() -> {
        try (Connection connection = DriverManager.getConnection(
            "jdbc:hive2://127.0.0.1:" + port + "/" + DB + "?spark.sql.runSQLOnFiles=true", "analyst", "")) {
          query(connection, "SELECT count(*) FROM customer_profile");
        }
      }).isInstanceOf(SQLException.class).hasMessageContaining("the connection sets [spark.sql.runSQLOnFiles]");
    } finally {
      ServeCommand.stopRunning();
    }
    assertThat(server.exit.get(60, TimeUnit.SECONDS)).as(server.toString()).isZero();
  }

  @Test
  void eachUserReadsTheirOwnTablesAndBeelineIsRefusedWithTheReason() throws Exception {
    Path users = dir.resolve("users-own");
    PasswordFile.add(users, "marketing", "market1ng-pass".toCharArray(), java.util.Optional.of(List.of("customer_tags")));
    PasswordFile.add(users, "analyst", "analys7-pass".toCharArray());
    Served server = serve("--auth", "password", "--users-file", users.toString());
    int port = server.port();
    try {
      try (Connection marketing = connect(port, "marketing", "market1ng-pass")) {
        assertThat(query(marketing, "SELECT count(*) FROM customer_tags")).containsExactly("3");
        assertThatThrownBy(() -> query(marketing, "SELECT * FROM customer_profile"))
            .hasMessageContaining("the table serve_cmd.customer_profile is not shared with user marketing; shared: serve_cmd.customer_tags");
      }
      try (Connection analyst = connect(port, "analyst", "analys7-pass")) {
        assertThat(query(analyst, "SELECT count(*) FROM customer_profile")).containsExactly("2");
        assertThatThrownBy(() -> query(analyst, "SELECT * FROM customers_pii"))
            .hasMessageContaining("the table serve_cmd.customers_pii is not shared with user analyst");
      }
      // What an operator tries first: Hive's Beeline, in the runtime jars.
      ByteArrayOutputStream beelineOut = new ByteArrayOutputStream();
      org.apache.hive.beeline.BeeLine beeline = new org.apache.hive.beeline.BeeLine();
      PrintStream print = new PrintStream(beelineOut, true, StandardCharsets.UTF_8);
      beeline.setOutputStream(print);
      beeline.setErrorStream(print);
      int status = beeline.begin(new String[] {"-u", "jdbc:hive2://127.0.0.1:" + port + "/" + DB, "-n", "analyst",
          "-p", "analys7-pass", "-e", "DROP TABLE customer_tags;"}, new ByteArrayInputStream(new byte[0]));
      beeline.close();
      assertThat(status).as(beelineOut.toString(StandardCharsets.UTF_8)).isNotZero();
      assertThat(beelineOut.toString(StandardCharsets.UTF_8))
          .contains("Not allowed on the Clientele JDBC endpoint: DROP TABLE");
    } finally {
      ServeCommand.stopRunning();
    }
    assertThat(server.exit.get(60, TimeUnit.SECONDS)).as(server.toString()).isZero();
    assertThat(spark.catalog().tableExists(DB + ".customer_tags")).isTrue();
  }

  @Test
  void withTlsClientsConnectOverTlsAndPlaintextIsRefused() throws Exception {
    Path keystore = dir.resolve("serve.p12");
    Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "serve", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
        "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", "keystore-pass", "-keypass", "keystore-pass").redirectErrorStream(true).start();
    String keytoolOut = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(keytoolOut).isZero();
    Served server = serve(List.of("--set", "serve.keystore-password=keystore-pass"), "--tls", "--keystore", keystore.toString());
    int port = server.port();
    try {
      String url = "jdbc:hive2://127.0.0.1:" + port + "/" + DB + ";ssl=true;sslTrustStore=" + keystore
          + ";trustStorePassword=keystore-pass";
      try (Connection tls = DriverManager.getConnection(url, "analyst", "")) {
        assertThat(query(tls, "SELECT count(*) FROM customer_profile")).containsExactly("2");
      }
      DriverManager.setLoginTimeout(20);
      assertThatThrownBy(() -> connect(port, "analyst", "")).isInstanceOf(SQLException.class);
    } finally {
      DriverManager.setLoginTimeout(0);
      ServeCommand.stopRunning();
    }
    assertThat(server.exit.get(60, TimeUnit.SECONDS)).as(server.toString()).isZero();
    assertThat(server.out.toString(StandardCharsets.UTF_8)).contains(";ssl=true (no authentication, loopback only, TLS)");
  }

  @Test
  void anyAddressButLoopbackRequiresTls() throws Exception {
    Path users = dir.resolve("users-tls");
    PasswordFile.add(users, "bi", "s3cret-passw0rd".toCharArray());
    Cli plain = Cli.run(spark, "--set", "catalog.database=" + DB, "serve", "--bind", "0.0.0.0", "--auth", "password",
        "--users-file", users.toString(), "--port", "10999");
    assertThat(plain.exitCode).as(plain.toString()).isEqualTo(2);
    assertThat(plain.err).contains("Cannot serve on 0.0.0.0 without TLS: binding to any address but loopback requires a"
        + " keystore (--keystore FILE or serve.keystore, its password in CLIENTELE_SERVE_KEYSTORE_PASSWORD)");
  }

  @Test
  void anUnknownUserCostsAHashLikeAWrongPassword() throws Exception {
    Path users = dir.resolve("users-timing");
    PasswordFile.add(users, "ana", "correct horse".toCharArray());
    long wrongPassword = Long.MAX_VALUE;
    long unknownUser = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      assertThat(PasswordFile.verify(users, "ana", "wrong horse".toCharArray())).isFalse();
      wrongPassword = Math.min(wrongPassword, System.nanoTime() - start);
      start = System.nanoTime();
      assertThat(PasswordFile.verify(users, "nobody", "wrong horse".toCharArray())).isFalse();
      unknownUser = Math.min(unknownUser, System.nanoTime() - start);
    }
    // Both compute one PBKDF2 hash of 210,000 iterations (tens of ms); a lookup alone takes well under 1 ms.
    assertThat((double) unknownUser).as("unknown user %d ns, wrong password %d ns", unknownUser, wrongPassword)
        .isGreaterThan(wrongPassword * 0.3);
  }

  @Test
  void theUsersFileIsReplacedWholeNotRewrittenInPlace() throws Exception {
    Path users = dir.resolve("users-atomic");
    PasswordFile.add(users, "ana", "correct horse".toCharArray());
    Object before = Files.readAttributes(users, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    PasswordFile.add(users, "bo", "battery staple".toCharArray());
    Object after = Files.readAttributes(users, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    // A new file moved over the old one (another inode): a reader sees the old file or the new one, never half.
    assertThat(after).isNotEqualTo(before);
    assertThat(Files.getPosixFilePermissions(users)).containsExactlyInAnyOrder(
        java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    try (java.util.stream.Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
    }
    assertThat(PasswordFile.verify(users, "ana", "correct horse".toCharArray())).isTrue();
    assertThat(PasswordFile.verify(users, "bo", "battery staple".toCharArray())).isTrue();
  }
}
