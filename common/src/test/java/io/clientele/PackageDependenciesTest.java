package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The architecture as the package-info files state it: every package of the common module says what it holds and
 * which other packages it may use ("May use: a, b." or "May use: nothing of Clientele."), and its sources import
 * nothing else; the rules form no cycle; nothing in common uses the jobs module.
 */
class PackageDependenciesTest {
  private static final Path COMMON = ProjectData.projectDir().resolve("common/src/main/java/io/clientele");
  private static final Pattern MAY_USE = Pattern.compile("May use: ([^.]*)\\.");
  private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?io\\.clientele\\.([a-z]+)\\.");

  private static List<Path> packages() throws IOException {
    try (Stream<Path> packages = Files.list(COMMON)) {
      return packages.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    }
  }

  private static Map<String, Set<String>> declaredRules() throws IOException {
    Map<String, Set<String>> rules = new TreeMap<>();
    for (Path dir : packages()) {
      rules.put(dir.getFileName().toString(), PackageRules.allowed(dir.resolve("package-info.java"), MAY_USE));
    }
    return rules;
  }

  @Test
  void everyPackageImportsOnlyWhatItsPackageInfoAllows() throws IOException {
    Map<String, Set<String>> rules = declaredRules();
    assertThat(rules).containsKeys("config", "lake", "ingest", "value", "clv", "model", "tag");
    Map<String, List<Path>> sources = new TreeMap<>();
    for (Path dir : packages()) {
      try (Stream<Path> files = Files.walk(dir)) {
        sources.put(dir.getFileName().toString(),
            files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList()));
      }
    }
    assertThat(PackageRules.violations(rules, sources, IMPORT))
        .as("imports outside the package-info rules (jobs is never allowed)").isEmpty();
  }

  @Test
  void theRulesHaveNoCycle() throws IOException {
    PackageRules.assertNoCycle(declaredRules());
  }
}
