package io.clientele.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium} package) for the report tests: the DOM after the page's scripts
 * ran, and a screenshot. A machine without it fails the test with what to install (CI installs it).
 */
final class Chromium {
  private Chromium() {}

  static Path binary() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
      if (Files.isExecutable(Paths.get(candidate))) {
        return Paths.get(candidate);
      }
    }
    throw new IllegalStateException("headless Chromium is needed to check the HTML report and is not installed: "
        + "apt-get update && apt-get install -y chromium (.ci/run does this)");
  }

  /** The serialised DOM after the page loaded and its scripts ran. */
  static String dumpDom(Path html, Path work) throws IOException, InterruptedException {
    return run(work, "--dump-dom", html.toUri().toString());
  }

  /** A PNG of the page at the given window size. */
  static void screenshot(Path html, Path png, int width, int height, Path work) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.deleteIfExists(png);
    run(work, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars",
        html.toUri().toString());
  }

  private static String run(Path work, String... args) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(work, "chromium-profile");
    List<String> command = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
    command.addAll(List.of(args));
    Path out = work.resolve("chromium-out.txt");
    Path err = work.resolve("chromium-err.txt");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        throw new IllegalStateException("chromium did not finish in 3 minutes: " + command);
      }
    } finally {
      process.destroyForcibly();
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("chromium exited " + process.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
    }
    return stdout;
  }
}
