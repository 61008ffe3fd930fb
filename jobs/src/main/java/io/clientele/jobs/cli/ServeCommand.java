package io.clientele.jobs.cli;

import io.clientele.access.AccessDenied;
import io.clientele.access.AccessPolicy;
import io.clientele.access.ServedSessions;
import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.config.UsageException;
import io.clientele.jobs.serve.PasswordFile;
import io.clientele.jobs.serve.ServeAuthenticator;
import io.clientele.jobs.steps.JobContext;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hive.service.Service;
import org.apache.hive.service.cli.CLIService;
import org.apache.hive.service.cli.HiveSQLException;
import org.apache.hive.service.cli.SessionHandle;
import org.apache.hive.service.cli.operation.OperationManager;
import org.apache.hive.service.cli.session.SessionManager;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import org.apache.spark.sql.hive.thriftserver.server.SparkSQLOperationManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;
import scala.collection.JavaConverters;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "The Spark Thrift JDBC/ODBC server over the catalog, for BI tools (jdbc:hive2://HOST:PORT/DATABASE); "
        + "blocks until stopped. Read-only: BI users read the tables in serve.tables (or their own list) and nothing "
        + "else. Any address but loopback requires --auth password and TLS (--keystore). "
        + "--add-user NAME [--tables T1,T2] adds a user (password read from standard input) and exits.")
public final class ServeCommand implements Callable<Integer> {
  @ParentCommand ClienteleCommand root;

  @Option(names = "--port", paramLabel = "P", description = "port (default: serve.port, 10000; 0: any free port, printed)")
  Integer port;

  @Option(names = "--bind", paramLabel = "HOST", description = "address to bind (default: serve.bind, 127.0.0.1)")
  String bind;

  @Option(names = "--auth", paramLabel = "none|password", description = "authentication (default: serve.auth, none)")
  String auth;

  @Option(names = "--users-file", paramLabel = "FILE", description = "users file (default: serve.users-file, else WAREHOUSE/serve-users)")
  Path usersFile;

  @Option(names = "--add-user", paramLabel = "NAME", description = "add NAME to the users file (or change their password) and exit")
  String addUser;

  @Option(names = "--tables", paramLabel = "T1,T2", description = "with --add-user: the tables and views NAME may read (default: serve.tables)")
  String tables;

  @Option(names = "--tls", description = "TLS on the transport (serve.tls=on; default auto: on for any address but loopback)")
  boolean tls;

  @Option(names = "--keystore", paramLabel = "FILE", description = "TLS keystore, PKCS12 or JKS (default: serve.keystore); "
      + "its password in serve.keystore-password or CLIENTELE_SERVE_KEYSTORE_PASSWORD")
  Path keystore;

  /** The environment variable that holds the keystore's password when serve.keystore-password is empty. */
  static final String KEYSTORE_PASSWORD_ENV = "CLIENTELE_SERVE_KEYSTORE_PASSWORD";

  /** Released by {@link #stopRunning()} (tests) or never (a real run ends when the process is killed). */
  private static volatile CountDownLatch stopSignal;

  @Override
  public Integer call() throws Exception {
    ClienteleConfig config = root.config();
    if (port != null) {
      config = config.with(Map.of(ConfigKeys.SERVE_PORT.key(), port.toString()));
    }
    if (bind != null) {
      config = config.with(Map.of(ConfigKeys.SERVE_BIND.key(), bind));
    }
    if (auth != null) {
      config = config.with(Map.of(ConfigKeys.SERVE_AUTH.key(), auth));
    }
    if (tls) {
      config = config.with(Map.of(ConfigKeys.SERVE_TLS.key(), "on"));
    }
    if (keystore != null) {
      config = config.with(Map.of(ConfigKeys.SERVE_KEYSTORE.key(), keystore.toString()));
    }
    Path users = usersFile != null ? usersFile : usersFile(config);
    if (tables != null && addUser == null) {
      throw new UsageException("Cannot use --tables without --add-user: it sets the tables of the user added");
    }
    if (addUser != null) {
      Optional<List<String>> own = tables == null ? Optional.empty() : Optional.of(PasswordFile.tableList(tables));
      PasswordFile.add(users, addUser, readPassword(addUser), own);
      root.out().println("serve: user " + addUser + " set in " + users
          + own.map(t -> " (may read: " + String.join(", ", t) + ")").orElse(" (may read serve.tables)"));
      return ClienteleCommand.OK;
    }
    String host = config.get(ConfigKeys.SERVE_BIND);
    int serverPort = config.get(ConfigKeys.SERVE_PORT);
    boolean password = config.get(ConfigKeys.SERVE_AUTH).equals("password");
    boolean loopback = isLoopback(host);
    if (!password && !loopback) {
      throw new UsageException("Cannot serve on " + host + " without authentication: binding to any address but"
          + " loopback requires serve.auth=password (--auth password) and users (clientele serve --add-user NAME)");
    }
    if (password && PasswordFile.users(users) == 0) {
      throw new UsageException("Cannot serve with password authentication: the users file " + users
          + " has no user (add one: clientele serve --add-user NAME)");
    }
    String tlsMode = config.get(ConfigKeys.SERVE_TLS);
    boolean useTls = tlsMode.equals("on") || (tlsMode.equals("auto") && !loopback);
    Path keystorePath = useTls ? requireKeystore(config, host, tlsMode) : null;
    String keystorePassword = useTls ? keystorePassword(config) : null;

    JobContext context = root.context();
    SparkSession spark = context.spark();
    String database = context.lake().database();
    // The server's HiveConf is built from the session's settings, by a Hive client that reuses the calling
    // thread's Hive SessionState if it has one: a thread that already used the metastore would hand over a
    // conf without these (measured: the server then listened on *:10000). So the server starts on a fresh thread.
    spark.conf().set("hive.server2.thrift.port", String.valueOf(serverPort));
    spark.conf().set("hive.server2.thrift.bind.host", host);
    spark.conf().set("hive.server2.transport.mode", "binary");
    spark.conf().set("hive.server2.authentication", password ? "CUSTOM" : "NONE");
    // Hive creates the CUSTOM provider from a new HiveConf, which reads its settings from system properties.
    System.setProperty("hive.server2.authentication", password ? "CUSTOM" : "NONE");
    if (password) {
      System.setProperty("hive.server2.custom.authentication.class", ServeAuthenticator.class.getName());
      System.setProperty(ServeAuthenticator.USERS_FILE_PROPERTY, users.toAbsolutePath().toString());
    }
    spark.conf().set("hive.server2.use.SSL", String.valueOf(useTls));
    if (useTls) {
      spark.conf().set("hive.server2.keystore.path", keystorePath.toAbsolutePath().toString());
      spark.conf().set("hive.server2.keystore.password", keystorePassword);
    }
    CountDownLatch stop = new CountDownLatch(1);
    stopSignal = stop;
    // Every session but the job's own is a BI user's from here on, before the server takes a connection.
    AtomicReference<HiveThriftServer2> running = new AtomicReference<>();
    Map<String, String> baseline = JavaConverters.mapAsJavaMap(spark.newSession().conf().getAll());
    List<String> defaultTables = config.get(ConfigKeys.SERVE_TABLES);
    List<String> settable = config.get(ConfigKeys.SERVE_SETTABLE);
    ServedSessions.start(List.of(spark), baseline, session -> policy(running.get(), session, password, users, database,
        defaultTables, settable));
    HiveThriftServer2 server;
    try {
      server = start(spark);
    } catch (RuntimeException | InterruptedException e) {
      ServedSessions.stop();
      throw e;
    }
    running.set(server);
    Thread hook = new Thread(server::stop, "clientele-serve-shutdown");
    try {
      String boundPort = server.getHiveConf().get("hive.server2.thrift.port");
      String boundHost = server.getHiveConf().get("hive.server2.thrift.bind.host");
      if (!String.valueOf(serverPort).equals(boundPort) || !host.equals(boundHost)) {
        throw new IllegalStateException("Cannot serve on " + host + ":" + serverPort + ": the server was configured for "
            + boundHost + ":" + boundPort + "; stopped it");
      }
      Runtime.getRuntime().addShutdownHook(hook);
      // With port 0 the system chose the port: print the one the server listens on, so a caller (a test, a script)
      // reads it instead of picking a free port beforehand and racing another process for it.
      int listening = listeningPort(server);
      root.out().printf("serve: listening on %s:%d%n", host, listening);
      root.out().printf("serve: jdbc:hive2://%s:%d/%s%s (%s%s); read-only, tables: %s; stop with Ctrl-C%n", host,
          listening, database, useTls ? ";ssl=true" : "",
          password ? "user and password from " + users : "no authentication, loopback only", useTls ? ", TLS" : "",
          password ? "serve.tables or the user's own" : String.join(", ", defaultTables));
      root.out().flush();
      stop.await();
    } finally {
      // The server first: no statement runs unchecked between the two.
      server.stop();
      ServedSessions.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already (a hook never added is simply not removed)
      }
      stopSignal = null;
    }
    return ClienteleCommand.OK;
  }

  /**
   * The policy of a BI user's session: with password authentication, the user's own tables from the users file
   * (re-read, so a change applies at the next statement) or serve.tables; a session the server cannot (yet) tie to
   * a user reads nothing. Without authentication user names are only claims: everyone gets serve.tables.
   */
  private static AccessPolicy policy(HiveThriftServer2 server, SparkSession session, boolean password, Path users,
      String database, List<String> defaultTables, List<String> settable) {
    if (!password) {
      return new AccessPolicy("(any, no authentication)", database, defaultTables, settable);
    }
    String user = server == null ? null : userOf(server, session);
    if (user == null) {
      return new AccessPolicy("(not logged in)", database, List.of(), settable);
    }
    try {
      return new AccessPolicy(user, database, PasswordFile.tables(users, user).orElse(defaultTables), settable);
    } catch (IOException e) {
      throw new AccessDenied("Cannot read the users file " + users + ": " + e.getMessage());
    }
  }

  /** The user name of the Thrift session that owns this Spark session; null when none does (yet). */
  private static String userOf(HiveThriftServer2 server, SparkSession session) {
    for (Service service : server.getServices()) {
      if (service instanceof CLIService) {
        SessionManager sessions = ((CLIService) service).getSessionManager();
        OperationManager operations = sessions.getOperationManager();
        if (!(operations instanceof SparkSQLOperationManager)) {
          return null;
        }
        for (Map.Entry<SessionHandle, SQLContext> open : ((SparkSQLOperationManager) operations).sessionToContexts().entrySet()) {
          if (open.getValue().sparkSession() == session) {
            try {
              return sessions.getSession(open.getKey()).getUserName();
            } catch (HiveSQLException closed) {
              return null;
            }
          }
        }
      }
    }
    return null;
  }

  private static Path requireKeystore(ClienteleConfig config, String host, String mode) {
    String configured = config.get(ConfigKeys.SERVE_KEYSTORE);
    if (configured.isBlank()) {
      throw new UsageException(mode.equals("on")
          ? "Cannot serve with TLS: no keystore (--keystore FILE or serve.keystore)"
          : "Cannot serve on " + host + " without TLS: binding to any address but loopback requires a keystore"
              + " (--keystore FILE or serve.keystore, its password in " + KEYSTORE_PASSWORD_ENV
              + "), or serve.tls=off to accept plaintext passwords and data on the network");
    }
    Path path = Paths.get(configured);
    if (!Files.isReadable(path)) {
      throw new UsageException("Cannot serve with TLS: the keystore " + path + " is missing or unreadable");
    }
    return path;
  }

  private static String keystorePassword(ClienteleConfig config) {
    String configured = config.get(ConfigKeys.SERVE_KEYSTORE_PASSWORD);
    String password = configured.isEmpty() ? System.getenv(KEYSTORE_PASSWORD_ENV) : configured;
    if (password == null || password.isEmpty()) {
      throw new UsageException("Cannot serve with TLS: no keystore password (set " + KEYSTORE_PASSWORD_ENV
          + " or serve.keystore-password)");
    }
    return password;
  }

  /** Starts the server on a thread without a Hive SessionState (see call()). */
  private static HiveThriftServer2 start(SparkSession spark) throws InterruptedException {
    AtomicReference<HiveThriftServer2> server = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread starter = new Thread(() -> {
      try {
        server.set(HiveThriftServer2.startWithContext(spark.sqlContext()));
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "clientele-serve-start");
    starter.start();
    starter.join();
    if (failure.get() != null) {
      throw new IllegalStateException("Cannot start the JDBC endpoint: " + failure.get(), failure.get());
    }
    return server.get();
  }

  /** The port the server's Thrift service bound (it reads the real port back from its socket after binding). */
  private static int listeningPort(HiveThriftServer2 server) {
    for (Service service : server.getServices()) {
      if (service instanceof ThriftCLIService) {
        return ((ThriftCLIService) service).getPortNumber();
      }
    }
    throw new IllegalStateException("Cannot tell the port of the JDBC endpoint: the server has no Thrift service; stopped it");
  }

  /** Stops a server this JVM runs (tests); a real run stops when killed. */
  public static void stopRunning() {
    CountDownLatch stop = stopSignal;
    if (stop != null) {
      stop.countDown();
    }
  }

  static Path usersFile(ClienteleConfig config) {
    String configured = config.get(ConfigKeys.SERVE_USERS_FILE);
    if (!configured.isBlank()) {
      return Paths.get(configured);
    }
    String warehouse = config.get(ConfigKeys.WAREHOUSE_DIR);
    if (warehouse.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new UsageException("Cannot place the users file in the remote warehouse " + warehouse
          + ": set serve.users-file to a local path");
    }
    return Paths.get(warehouse).resolve("serve-users");
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      throw new UsageException("Cannot serve on " + host + ": unknown host", e);
    }
  }

  private static char[] readPassword(String user) throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("password for %s: ", user);
      char[] again = console.readPassword("again: ");
      if (first == null || !java.util.Arrays.equals(first, again)) {
        throw new UsageException("Cannot add user '" + user + "': the two passwords differ");
      }
      return first;
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new UsageException("Cannot add user '" + user + "': no password on standard input");
    }
    return line.toCharArray();
  }
}
