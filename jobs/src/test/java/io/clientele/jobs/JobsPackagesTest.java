package io.clientele.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.jobs.bench.BenchFixed;
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
 * The jobs module's architecture as its package-info files state it (as PackageDependenciesTest does for the common
 * module): every package of io.clientele.jobs says, on its "Within jobs, may use:" line, which of the module's other
 * packages it may use; its sources name no other; the rules form no cycle, so the packages stack from the command
 * line down to the steps.
 */
class JobsPackagesTest {
  private static final Path JOBS = ProjectData.projectDir().resolve("jobs/src/main/java/io/clientele/jobs");
  private static final String ROOT = "(root)";
  private static final Pattern MAY_USE = Pattern.compile("Within jobs, may use: ([^.]*)\\.");
  /** An import or a qualified name of a class of a jobs package. */
  private static final Pattern USES = Pattern.compile("io\\.clientele\\.jobs\\.([a-z]+)\\.[A-Z]");

  private static Map<String, Set<String>> declaredRules() throws IOException {
    Map<String, Set<String>> rules = new TreeMap<>();
    rules.put(ROOT, rule(JOBS.resolve("package-info.java")));
    try (Stream<Path> packages = Files.list(JOBS)) {
      for (Path dir : packages.filter(Files::isDirectory).collect(Collectors.toList())) {
        rules.put(dir.getFileName().toString(), rule(dir.resolve("package-info.java")));
      }
    }
    return rules;
  }

  private static Set<String> rule(Path info) throws IOException {
    assertThat(info).as("every package says what it holds and may use").isRegularFile();
    Matcher m = MAY_USE.matcher(Files.readString(info, StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*\\*\\s*", " "));
    assertThat(m.find()).as(info + " has a 'Within jobs, may use: ...' line").isTrue();
    Set<String> allowed = new TreeSet<>();
    if (!m.group(1).trim().equals("nothing")) {
      Arrays.stream(m.group(1).split(",")).map(String::trim).forEach(allowed::add);
    }
    return allowed;
  }

  private static List<Path> sources(String pkg) throws IOException {
    Path dir = pkg.equals(ROOT) ? JOBS : JOBS.resolve(pkg);
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void everyPackageUsesOnlyWhatItsPackageInfoAllows() throws IOException {
    Map<String, Set<String>> rules = declaredRules();
    assertThat(rules).containsKeys(ROOT, "cli", "steps", "pipeline", "bench", "serve", "report");
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, Set<String>> rule : rules.entrySet()) {
      assertThat(rules.keySet()).as("the packages %s may use", rule.getKey()).containsAll(rule.getValue());
      for (Path file : sources(rule.getKey())) {
        Matcher m = USES.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          String used = m.group(1);
          if (!used.equals(rule.getKey()) && !rule.getValue().contains(used)) {
            violations.add(JOBS.relativize(file) + " uses io.clientele.jobs." + used);
          }
        }
      }
    }
    assertThat(violations).as("uses outside the package-info rules").isEmpty();
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

  @Test
  void theBenchNamesTheMainClassItCannotReference() {
    // bench sits below the root package, so it names the launcher's main class as text; this keeps the text true.
    assertThat(BenchFixed.MAIN_CLASS).isEqualTo(Main.class.getName());
  }
}
