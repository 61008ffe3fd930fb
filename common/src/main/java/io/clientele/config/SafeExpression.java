package io.clientele.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.ExpressionWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.InSubquery;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.trees.Origin;
import scala.collection.JavaConverters;

/**
 * The guard of every Spark SQL expression a user writes: audience expressions (command line), the tag catalog's
 * definitions and ingestion mappings' column expressions (conf/). Such an expression is a computation over the
 * columns in front of it, so the parsed (unresolved) tree is walked and refused, naming the part, when it holds
 * <ul>
 *   <li>a subquery ({@code (SELECT ...)}, {@code EXISTS}, {@code IN (SELECT ...)}): it reads other tables, such as
 *       customers_pii;
 *   <li>a function that is not one of Spark's built-ins ({@code FunctionRegistry.builtin()}), qualified or not: a
 *       persistent or temporary user-defined function runs code this guard cannot see;
 *   <li>a function of {@link #REFUSED}, built in but running code or revealing the environment;
 *   <li>{@code IDENTIFIER(...)}, which names a function or column only when the query runs (so could name
 *       {@code reflect});
 *   <li>{@code ${...}}: the session's parser replaces it, before parsing, with a configuration value, a system
 *       property or an environment variable ({@code ${env:HOME}}).
 * </ul>
 * Text that is not one expression (a second statement, trailing text) does not parse and is refused too.
 *
 * <p>Built-ins left allowed after reading Spark 3.5's list: {@code input_file_name}, {@code input_file_block_start}
 * and {@code input_file_block_length} (the name and offsets of the file being read, which a mapping may record);
 * the {@code xpath} family (Spark 3.5.4's parser turns off external general and parameter entities, so a DOCTYPE
 * cannot make it read a file: {@code SafeExpressionTest} checks it); {@code current_database}, {@code
 * current_catalog}, {@code version}; {@code raise_error} and {@code assert_true} (they fail the job, as a wrong
 * expression does); {@code rand}, {@code uuid}. No other built-in of Spark 3.5 reads files, runs processes or calls
 * Java.
 */
public final class SafeExpression {
  /**
   * Built-in functions refused in every expression, with the reason. A security invariant, so in code and not in
   * conf/: the texts this guard checks come from conf/ and the command line, and a list they could edit would not
   * guard them. {@code try_reflect} arrives with Spark 4; listed so that an upgrade does not open it.
   */
  static final Map<String, String> REFUSED = Map.of(
      "reflect", "calls any Java method",
      "java_method", "calls any Java method",
      "try_reflect", "calls any Java method",
      "current_user", "gives the user the job runs as",
      "user", "gives the user the job runs as",
      "session_user", "gives the user the job runs as");

  private SafeExpression() {}

  /**
   * The expression as a Column, parsed by the session's parser (as {@code functions.expr} does) and checked: the
   * tree checked is the tree that runs. An {@link IllegalArgumentException} whose message is the reason: callers
   * say what they could not do, e.g. "Cannot select an audience with 'EXPR': " + reason.
   */
  public static Column column(SparkSession spark, String text) {
    refuseSubstitution(text);
    Expression parsed;
    try {
      parsed = spark.sessionState().sqlParser().parseExpression(text);
    } catch (Exception e) {
      throw new UsageException("not a single Spark SQL expression: " + firstLine(e.getMessage()), e);
    }
    check(parsed, text);
    return new Column(parsed);
  }

  /**
   * Refuses {@code text} (as parsed into {@code parsed}) for the first thing in it this guard refuses: an
   * {@link IllegalArgumentException} whose message names the part, e.g. "reflect('a', 'b') is refused: reflect
   * calls any Java method".
   */
  public static void check(Expression parsed, String text) {
    refuseSubstitution(text);
    walk(parsed, text);
  }

  /** Checked on the text, before any parser sees it: the session's parser substitutes first, then parses. */
  private static void refuseSubstitution(String text) {
    if (text.contains("${")) {
      throw new UsageException("'${' is refused: Spark SQL would replace ${...} with a configuration value, a "
          + "system property or an environment variable");
    }
  }

  private static void walk(Expression expression, String text) {
    if (expression instanceof SubqueryExpression || expression instanceof InSubquery) {
      throw refused(expression, text, "a subquery reads other tables");
    }
    if (expression instanceof ExpressionWithUnresolvedIdentifier) {
      throw refused(expression, text, "IDENTIFIER(...) names a function or column only when the query runs; write the name");
    }
    if (expression instanceof UnresolvedFunction) {
      List<String> name = JavaConverters.seqAsJavaList(((UnresolvedFunction) expression).nameParts());
      String function = String.join(".", name).toLowerCase(Locale.ROOT);
      if (REFUSED.containsKey(function)) {
        throw refused(expression, text, function + " " + REFUSED.get(function));
      }
      if (name.size() != 1 || !FunctionRegistry$.MODULE$.builtin().functionExists(FunctionIdentifier.apply(function))) {
        throw refused(expression, text, function + " is not a Spark built-in function (user-defined functions are refused)");
      }
    }
    if (expression instanceof UnresolvedAttribute) {
      // Spark resolves a bare current_user (no parentheses) to the function when no column has that name.
      List<String> name = JavaConverters.seqAsJavaList(((UnresolvedAttribute) expression).nameParts());
      String single = name.size() == 1 ? name.get(0).toLowerCase(Locale.ROOT) : "";
      if (REFUSED.containsKey(single)) {
        throw refused(expression, text, single + " " + REFUSED.get(single));
      }
    }
    for (Expression child : JavaConverters.seqAsJavaList(expression.children())) {
      walk(child, text);
    }
  }

  /** "PART is refused: REASON", PART being the text the parser made the node from. */
  private static IllegalArgumentException refused(Expression expression, String text, String reason) {
    return new UsageException(part(expression, text) + " is refused: " + reason);
  }

  private static String part(Expression expression, String text) {
    Origin origin = expression.origin();
    if (origin.startIndex().isDefined() && origin.stopIndex().isDefined()) {
      int start = (Integer) origin.startIndex().get();
      int stop = (Integer) origin.stopIndex().get();
      if (0 <= start && start <= stop && stop < text.length()) {
        return text.substring(start, stop + 1);
      }
    }
    return expression.toString();
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.strip().split("\n", 2)[0];
  }
}
