package io.clientele.lake;

import io.clientele.access.ServeGuardExtension;
import io.clientele.config.ClienteleConfig;
import io.clientele.config.ConfigException;
import io.clientele.config.ConfigKeys;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession of a job: Delta extensions and catalog, Hive catalog support over an embedded
 * Derby metastore under the warehouse (or an external Hive metastore), UTC session time, and every
 * {@code spark.*} key of the configuration. The master is never set here: spark-submit, the launcher
 * ({@code spark.master} in the local profile) or a test decides it.
 */
public final class SessionFactory {
  private SessionFactory() {}

  public static SparkSession create(ClienteleConfig config, String appName) {
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    configure(config).forEach(builder::config);
    return builder.enableHiveSupport().getOrCreate();
  }

  /** The Spark settings a Clientele session needs, derived from the configuration. */
  public static Map<String, String> configure(ClienteleConfig config) {
    String warehouse = config.get(ConfigKeys.WAREHOUSE_DIR);
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    // Delta, then the JDBC endpoint's check (inert in every session that is not served to a BI user).
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension," + ServeGuardExtension.class.getName());
    settings.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    settings.put("spark.sql.session.timeZone", config.get(ConfigKeys.TIME_ZONE));
    // Unparseable dates become null (and are quarantined) instead of failing the job.
    settings.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    settings.put("spark.sql.warehouse.dir", isUri(warehouse) ? warehouse : absolute(warehouse).toUri().toString());
    switch (config.get(ConfigKeys.METASTORE_TYPE)) {
      case "derby":
        if (isUri(warehouse)) {
          throw new ConfigException(
              "Cannot use an embedded Derby metastore with warehouse.dir '" + warehouse
                  + "': set metastore.type=hive and metastore.uris for a remote warehouse");
        }
        Path metastore = absolute(warehouse).resolve("metastore_db");
        settings.put("spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + metastore + ";create=true");
        // Derby writes derby.log into the working directory (or, when its folder is missing, to stderr).
        try {
          java.nio.file.Files.createDirectories(absolute(warehouse));
        } catch (java.io.IOException e) {
          throw new ConfigException("Cannot create warehouse.dir '" + warehouse + "': " + e.getMessage(), e);
        }
        System.setProperty("derby.stream.error.file", absolute(warehouse).resolve("derby.log").toString());
        break;
      case "hive":
        String uris = config.get(ConfigKeys.METASTORE_URIS);
        if (uris.isBlank()) {
          throw new ConfigException("Invalid value for configuration key 'metastore.uris': required when metastore.type=hive");
        }
        settings.put("spark.hadoop.hive.metastore.uris", uris);
        break;
      default:
        throw new IllegalStateException("unreachable: metastore.type is validated on load");
    }
    settings.putAll(prefixed(config, "spark."));
    return settings;
  }

  private static Map<String, String> prefixed(ClienteleConfig config, String prefix) {
    Map<String, String> found = new java.util.LinkedHashMap<>();
    config.withPrefix(prefix).forEach((k, v) -> found.put(prefix + k, v));
    return found;
  }

  private static boolean isUri(String location) {
    return location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }

  private static Path absolute(String dir) {
    return Paths.get(dir).toAbsolutePath().normalize();
  }
}
