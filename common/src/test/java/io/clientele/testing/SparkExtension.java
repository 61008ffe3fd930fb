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
 * One SparkSession per test JVM, created lazily by the first class that asks, kept in the root store and
 * stopped (its warehouse deleted) after the last test. Test classes use {@code @ExtendWith(SparkExtension.class)}
 * and take a {@link SparkSession} or {@link ClienteleConfig} parameter.
 */
public final class SparkExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SparkExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == SparkSession.class || type == ClienteleConfig.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Shared shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, k -> new Shared(), Shared.class);
    return parameter.getParameter().getType() == SparkSession.class ? shared.spark : shared.config;
  }

  /** The shared session; also reachable from static helpers. */
  public static final class Shared implements ExtensionContext.Store.CloseableResource {
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

    @Override
    public void close() throws IOException {
      spark.stop();
      try (Stream<Path> files = Files.walk(warehouse)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
