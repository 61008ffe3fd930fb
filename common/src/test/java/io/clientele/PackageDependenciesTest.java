package io.clientele;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.testing.ProjectData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
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

  private static Map<String, Set<String>> declaredRules() throws IOException {
    Map<String, Set<String>> rules = new TreeMap<>();
    try (Stream<Path> packages = Files.list(COMMON)) {
      for (Path dir : packages.filter(Files::isDirectory).collect(Collectors.toList())) {
        Path info = dir.resolve("package-info.java");
        assertThat(info).as("every package says what it holds and may use").isRegularFile();
        Matcher m = MAY_USE.matcher(Files.readString(info, StandardCharsets.UTF_8));
        assertThat(m.find()).as(info + " has a 'May use: ...' line").isTrue();
        Set<String> allowed = new TreeSet<>();
        if (!m.group(1).trim().startsWith("nothing")) {
          Arrays.stream(m.group(1).split(",")).map(String::trim).forEach(allowed::add);
        }
        rules.put(dir.getFileName().toString(), allowed);
      }
    }
    return rules;
  }

  @Test
  void everyPackageImportsOnlyWhatItsPackageInfoAllows() throws IOException {
    Map<String, Set<String>> rules = declaredRules();
    assertThat(rules).containsKeys("config", "lake", "ingest", "value", "clv", "model", "tag");
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, Set<String>> rule : rules.entrySet()) {
      assertThat(rules.keySet()).as("the packages %s may use", rule.getKey()).containsAll(rule.getValue());
      try (Stream<Path> files = Files.walk(COMMON.resolve(rule.getKey()))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
          Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
          while (m.find()) {
            String used = m.group(1);
            if (!used.equals(rule.getKey()) && !rule.getValue().contains(used)) {
              violations.add(COMMON.relativize(file) + " imports io.clientele." + used);
            }
          }
        }
      }
    }
    assertThat(violations).as("imports outside the package-info rules (jobs is never allowed)").isEmpty();
  }

  @Test
  void theRulesHaveNoCycle() throws IOException {
    Map<String, Set<String>> rules = declaredRules();
    Set<String> done = new HashSet<>();
    for (String start : rules.keySet()) {
      visit(start, rules, new ArrayList<>(), done);
    }
    assertThat(done).isEqualTo(rules.keySet());
  }

  private static void visit(String node, Map<String, Set<String>> rules, List<String> path, Set<String> done) {
    assertThat(path).as("a cycle through %s", path).doesNotContain(node);
    if (done.contains(node)) {
      return;
    }
    path.add(node);
    for (String next : rules.getOrDefault(node, Set.of())) {
      visit(next, rules, path, done);
    }
    path.remove(path.size() - 1);
    done.add(node);
  }
}
