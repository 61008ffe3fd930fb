package io.clientele.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The project's own files, found from the project directory Maven passes to the tests ({@code clientele.project.dir}):
 * configuration, scripts, and the real data sets under {@code data/} (each with its SOURCE.md), so that a clone in
 * any folder, with nothing beside it, passes its tests.
 */
public final class ProjectData {
  private ProjectData() {}

  public static Path projectDir() {
    return Paths.get(System.getProperty("clientele.project.dir", ".")).toAbsolutePath().normalize();
  }

  /** A file of {@code data/}, such as {@code telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv.gz}. */
  public static Path file(String relative) {
    Path file = projectDir().resolve("data").resolve(relative).normalize();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Cannot find the data file " + file + ": it ships in the repository's data/ folder");
    }
    return file;
  }
}
