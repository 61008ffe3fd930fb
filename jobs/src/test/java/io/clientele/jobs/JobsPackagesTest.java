package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.jobs.bench.BenchFixed;
import io.clientele.testing.PackageRules;
import io.clientele.testing.ProjectData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The jobs module's architecture as its package-info files state it (as PackageDependenciesTest does for the common
 * module): every package of io.clientele.jobs says, in the sentence "Within jobs, may use: ...", which of the module's
 * other packages it may use; its sources name no other; the rules form no cycle, so the packages stack from the
 * command line down to the steps.
 */
class JobsPackagesTest {
  private static final Path JOBS = ProjectData.projectDir().resolve("jobs/src/main/java/io/clientele/jobs");
  private static final String ROOT = "(root)";
  private static final Pattern MAY_USE = Pattern.compile("Within jobs, may use: ([^.]*)\\.");
  /** An import or a qualified name of a class of a jobs package. */
  private static final Pattern USES = Pattern.compile("io\\.clientele\\.jobs\\.([a-z]+)\\.[A-Z]");

  private static List<Path> subPackages() throws IOException {
    try (Stream<Path> packages = Files.list(JOBS)) {
      return packages.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    }
  }

  private static Map<String, Set<String>> declaredRules() throws IOException {
    Map<String, Set<String>> rules = new TreeMap<>();
    rules.put(ROOT, PackageRules.allowed(JOBS.resolve("package-info.java"), MAY_USE));
    for (Path dir : subPackages()) {
      rules.put(dir.getFileName().toString(), PackageRules.allowed(dir.resolve("package-info.java"), MAY_USE));
    }
    return rules;
  }

  private static List<Path> sources(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void everyPackageUsesOnlyWhatItsPackageInfoAllows() throws IOException {
    Map<String, Set<String>> rules = declaredRules();
    assertThat(rules).containsKeys(ROOT, "cli", "steps", "pipeline", "bench", "serve", "report");
    Map<String, List<Path>> sources = new TreeMap<>();
    sources.put(ROOT, sources(JOBS));
    for (Path dir : subPackages()) {
      sources.put(dir.getFileName().toString(), sources(dir));
    }
    assertThat(PackageRules.violations(rules, sources, USES)).as("uses outside the package-info rules").isEmpty();
  }

  @Test
  void theRulesHaveNoCycle() throws IOException {
    PackageRules.assertNoCycle(declaredRules());
  }

  @Test
  void theBenchNamesTheMainClassItCannotReference() {
    // bench sits below the root package, so it names the launcher's main class as text; this keeps the text true.
    assertThat(BenchFixed.MAIN_CLASS).isEqualTo(Main.class.getName());
  }
}
