package io.clientele.jobs;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.hive.service.Service;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "The Spark Thrift JDBC/ODBC server over the catalog, for BI tools (jdbc:hive2://HOST:PORT/DATABASE); "
        + "blocks until stopped. Any address but loopback requires --auth password. "
        + "--add-user NAME adds a user (password read from standard input) and exits.")
final class ServeCommand implements Callable<Integer> {
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
    Path users = usersFile != null ? usersFile : usersFile(config);
    if (addUser != null) {
      PasswordFile.add(users, addUser, readPassword(addUser));
      root.out().println("serve: user " + addUser + " set in " + users);
      return ClienteleCommand.OK;
    }
    String host = config.get(ConfigKeys.SERVE_BIND);
    int serverPort = config.get(ConfigKeys.SERVE_PORT);
    boolean password = config.get(ConfigKeys.SERVE_AUTH).equals("password");
    if (!password && !isLoopback(host)) {
      throw new IllegalArgumentException("Cannot serve on " + host + " without authentication: binding to any address but"
          + " loopback requires serve.auth=password (--auth password) and users (clientele serve --add-user NAME)");
    }
    if (password && PasswordFile.users(users) == 0) {
      throw new IllegalArgumentException("Cannot serve with password authentication: the users file " + users
          + " has no user (add one: clientele serve --add-user NAME)");
    }

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
    CountDownLatch stop = new CountDownLatch(1);
    stopSignal = stop;
    HiveThriftServer2 server = start(spark);
    String boundPort = server.getHiveConf().get("hive.server2.thrift.port");
    String boundHost = server.getHiveConf().get("hive.server2.thrift.bind.host");
    if (!String.valueOf(serverPort).equals(boundPort) || !host.equals(boundHost)) {
      server.stop();
      throw new IllegalStateException("Cannot serve on " + host + ":" + serverPort + ": the server was configured for "
          + boundHost + ":" + boundPort + "; stopped it");
    }
    Thread hook = new Thread(server::stop, "clientele-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    // With port 0 the system chose the port: print the one the server listens on, so a caller (a test, a script)
    // reads it instead of picking a free port beforehand and racing another process for it.
    int listening = listeningPort(server);
    root.out().printf("serve: listening on %s:%d%n", host, listening);
    root.out().printf("serve: jdbc:hive2://%s:%d/%s (%s); stop with Ctrl-C%n", host, listening, database,
        password ? "user and password from " + users : "no authentication, loopback only");
    root.out().flush();
    try {
      stop.await();
    } finally {
      server.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running already
      }
      stopSignal = null;
    }
    return ClienteleCommand.OK;
  }

  /** Starts the server on a thread without a Hive SessionState (see call()). */
  private static HiveThriftServer2 start(SparkSession spark) throws InterruptedException {
    java.util.concurrent.atomic.AtomicReference<HiveThriftServer2> server = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
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
    server.stop();
    throw new IllegalStateException("Cannot tell the port of the JDBC endpoint: the server has no Thrift service; stopped it");
  }

  /** Stops a server this JVM runs (tests); a real run stops when killed. */
  static void stopRunning() {
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
      throw new IllegalArgumentException("Cannot place the users file in the remote warehouse " + warehouse
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
      throw new IllegalArgumentException("Cannot serve on " + host + ": unknown host", e);
    }
  }

  private static char[] readPassword(String user) throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("password for %s: ", user);
      char[] again = console.readPassword("again: ");
      if (first == null || !java.util.Arrays.equals(first, again)) {
        throw new IllegalArgumentException("Cannot add user '" + user + "': the two passwords differ");
      }
      return first;
    }
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null) {
      throw new IllegalArgumentException("Cannot add user '" + user + "': no password on standard input");
    }
    return line.toCharArray();
  }
}
