package io.clientele.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Architecture rules stated in package-info files, as the common module's PackageDependenciesTest and the jobs
 * module's JobsPackagesTest hold each module to them: a sentence of each package-info names the packages it may use
 * ("May use: a, b." or "... may use: nothing."), the package's sources use no other, and the rules form no cycle.
 */
public final class PackageRules {
  private PackageRules() {}

  /**
   * The packages {@code info}'s sentence allows: group 1 of {@code sentence}, split at commas; a sentence starting
   * with "nothing" allows none. The javadoc's line breaks and leading asterisks are read as spaces.
   */
  public static Set<String> allowed(Path info, Pattern sentence) throws IOException {
    assertThat(info).as("every package says what it holds and may use").isRegularFile();
    String text = Files.readString(info, StandardCharsets.UTF_8).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
    Matcher m = sentence.matcher(text);
    assertThat(m.find()).as(info + " has a sentence matching " + sentence).isTrue();
    Set<String> allowed = new TreeSet<>();
    if (!m.group(1).trim().startsWith("nothing")) {
      Arrays.stream(m.group(1).split(",")).map(String::trim).forEach(allowed::add);
    }
    return allowed;
  }

  /**
   * Every use, in a package's sources, of a package its rule does not allow (group 1 of {@code uses} names the package
   * used; a package may always use itself), as "FILE uses PACKAGE"; the rules may name only packages that have rules.
   */
  public static List<String> violations(Map<String, Set<String>> rules, Map<String, List<Path>> sources, Pattern uses)
      throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, Set<String>> rule : rules.entrySet()) {
      assertThat(rules.keySet()).as("the packages %s may use", rule.getKey()).containsAll(rule.getValue());
      for (Path file : sources.getOrDefault(rule.getKey(), List.of())) {
        Matcher m = uses.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          String used = m.group(1);
          if (!used.equals(rule.getKey()) && !rule.getValue().contains(used)) {
            violations.add(file.getFileName() + " (" + rule.getKey() + ") uses " + used);
          }
        }
      }
    }
    return violations;
  }

  /** Fails, naming the path, when the rules form a cycle. */
  public static void assertNoCycle(Map<String, Set<String>> rules) {
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
