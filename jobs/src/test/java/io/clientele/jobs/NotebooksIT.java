package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.ProjectData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The analyst notebooks in notebooks/ executed top to bottom against the demo warehouse ({@link DemoWarehouse})
 * with Debian's Jupyter ({@code jupyter nbconvert --execute}); a cell that raises fails the test. The executed
 * copies land in target/notebooks/.
 */
class NotebooksIT {
  private static final String INSTALL = "apt-get install -y jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib";

  private String execute(String notebook) throws Exception {
    Path warehouse = DemoWarehouse.get();
    Path nbconvert = Paths.get("/usr/bin/jupyter-nbconvert");
    if (!Files.isExecutable(nbconvert)) {
      throw new IllegalStateException("Jupyter is needed to execute the notebooks and is not installed: " + INSTALL
          + " (.ci/run does this)");
    }
    Path outDir = Paths.get("target", "notebooks").toAbsolutePath();
    Files.createDirectories(outDir);
    Path source = ProjectData.projectDir().resolve("notebooks").resolve(notebook + ".ipynb");
    ProcessBuilder builder = new ProcessBuilder(List.of(nbconvert.toString(), "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=1200", "--output-dir", outDir.toString(), "--output", notebook + ".executed",
        source.toString()));
    builder.environment().put("CLIENTELE_WAREHOUSE", warehouse.toString());
    builder.environment().put("CLIENTELE_NO_BUILD", "1");
    builder.environment().put("CLIENTELE_HEAP", "2g");
    builder.environment().remove("SPARK_HOME");
    // ipykernel's debugger warns about frozen modules on every start otherwise.
    builder.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    // Debian's python3 (the one with pandas and the kernel) before any other on the PATH.
    builder.environment().put("PATH", "/usr/bin:/bin:" + System.getenv("PATH"));
    Path log = outDir.resolve(notebook + ".log");
    Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!process.waitFor(25, TimeUnit.MINUTES)) {
        throw new IllegalStateException(notebook + " did not finish in 25 minutes");
      }
    } finally {
      process.destroyForcibly();
    }
    assertThat(process.exitValue()).as(notebook + ":\n" + Files.readString(log, StandardCharsets.UTF_8)).isZero();
    String executed = Files.readString(outDir.resolve(notebook + ".executed.ipynb"), StandardCharsets.UTF_8);
    assertThat(executed).doesNotContain("\"output_type\": \"error\"");
    return executed;
  }

  @Test
  void customerValueNotebookRuns() throws Exception {
    String executed = execute("customer_value");

    assertThat(executed).contains("customers scored as of 2026-07-01").contains("of revenue")
        .contains("Spearman correlation of past spend and CLV").contains("image/png");
  }

  @Test
  void campaignAudienceNotebookRuns() throws Exception {
    String executed = execute("campaign_audience");

    // The demo ingests campaigns, so the pipeline trained and scored the response model and tagged everyone.
    assertThat(executed).contains("customer profiles as of 2026-07-01").contains("response model ")
        .contains("ROC AUC").contains("best campaign: ").contains("audience: ").contains("tag audience: ")
        .contains("image/png")
        // every table it asks for is there (the notebook prints "not available: TABLE - reason" otherwise)
        .doesNotContainPattern("not available: [a-z_]+ - ");
  }
}
