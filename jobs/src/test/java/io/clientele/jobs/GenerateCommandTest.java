package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.SparkExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** generate writes only into an empty folder or one it wrote itself (its manifest says so), unless --force. */
@ExtendWith(SparkExtension.class)
class GenerateCommandTest {
  private final SparkSession spark;

  GenerateCommandTest(SparkSession spark) {
    this.spark = spark;
  }

  private Cli generate(Path out, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--set", "catalog.database=generate_guard",
        "--set", "generate.partitions=1", "generate", "--out", out.toString(), "--customers", "3", "--days", "7",
        "--feeds", "customers"));
    args.addAll(List.of(more));
    return Cli.run(spark, args.toArray(String[]::new));
  }

  @Test
  void aFolderItDidNotWriteIsRefusedWithExitTwoAndLeftAsItWas(@TempDir Path dir) throws IOException {
    Path mine = Files.createDirectories(dir.resolve("customers")).resolve("export.csv");
    Files.write(mine, List.of("customer_id", "C1"), StandardCharsets.UTF_8);

    Cli cli = generate(dir);

    assertThat(cli.exitCode).as(cli.toString()).isEqualTo(2);
    assertThat(cli.err).contains("clientele: Cannot generate into " + dir
        + ": the folder is not empty and was not written by generate (no _clientele_generate.properties); "
        + "use --force to overwrite its feed folders");
    assertThat(Files.readAllLines(mine, StandardCharsets.UTF_8)).containsExactly("customer_id", "C1");
  }

  @Test
  void forceOverwritesAFolderItDidNotWriteAndLaterRunsFindItsManifest(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("README.txt"), List.of("not generated"), StandardCharsets.UTF_8);

    Cli forced = generate(dir, "--force");
    Cli again = generate(dir);
    Cli otherSettings = generate(dir, "--seed", "7");

    assertThat(forced.exitCode).as(forced.toString()).isZero();
    assertThat(dir.resolve("customers")).isDirectory();
    assertThat(again.exitCode).as(again.toString()).isZero();
    assertThat(again.out).contains("up to date");
    assertThat(otherSettings.exitCode).as(otherSettings.toString()).isZero();
    assertThat(otherSettings.out).doesNotContain("up to date");
  }
}
