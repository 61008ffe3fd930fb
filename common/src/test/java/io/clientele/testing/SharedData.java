package io.clientele.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The real data sets in ../shared/data, found from the project directory Maven passes to the tests. */
public final class SharedData {
  private SharedData() {}

  public static Path projectDir() {
    return Paths.get(System.getProperty("clientele.project.dir", ".")).toAbsolutePath().normalize();
  }

  public static Path file(String relative) {
    Path file = projectDir().resolve("../shared/data").resolve(relative).normalize();
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("Cannot find the shared data file " + file + ": it ships in ../shared/data");
    }
    return file;
  }
}
