package io.clientele.testing;

import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigKeys;
import io.clientele.lake.SessionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One SparkSession per test JVM, created lazily by the first class that asks and stopped (its warehouse deleted)
 * when the JVM exits. Test classes use {@code @ExtendWith(SparkExtension.class)} and take a {@link SparkSession}
 * or {@link ClienteleConfig} parameter.
 *
 * <p>The session is held by this class, not by JUnit's root store: with more than one fork Surefire runs each
 * class as a launcher execution of its own, whose root store closes after the class, and data that classes
 * share in a JVM (SharedFeeds) must stay in the same session and metastore.
 */
public final class SparkExtension implements ParameterResolver {
  private static Shared shared;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SparkSession.class || type == ClienteleConfig.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Shared session = shared();
    return parameter.getParameter().getType() == SparkSession.class ? session.spark : session.config;
  }

  private static synchronized Shared shared() {
    if (shared == null) {
      Shared created = new Shared();
      Runtime.getRuntime().addShutdownHook(new Thread(created::close, "stop-test-spark-session"));
      shared = created;
    }
    return shared;
  }

  /** The session, its configuration and its temporary warehouse. */
  public static final class Shared {
    final SparkSession spark;
    final ClienteleConfig config;
    final Path warehouse;

    Shared() {
      try {
        warehouse = Files.createTempDirectory("clientele-test-warehouse");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      config = ClienteleConfig.builder()
          .profile("local")
          .set(ConfigKeys.WAREHOUSE_DIR.key(), warehouse.toString())
          .set("spark.master", "local[2]")
          .set("spark.sql.shuffle.partitions", "2")
          .set("spark.default.parallelism", "2")
          .set("spark.ui.enabled", "false")
          .set("spark.sql.adaptive.enabled", "false")
          .set("spark.databricks.delta.snapshotPartitions", "2")
          .set("spark.ui.showConsoleProgress", "false")
          .build();
      spark = SessionFactory.create(config, "clientele-tests");
      spark.sparkContext().setLogLevel("WARN");
    }

    void close() {
      spark.stop();
      try (Stream<Path> files = Files.walk(warehouse)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | RuntimeException e) {
        // best effort at exit: a temporary folder
      }
    }
  }
}
