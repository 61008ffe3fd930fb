package io.clientele.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.ResolvedTable;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.HiveTableRelation;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.expressions.UserDefinedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.View;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;

/**
 * What a BI user of the JDBC endpoint may run, checked on the analysed plan of every statement (so a view, a
 * CTE, a subquery or a second statement cannot get round it): reads of the shared tables and views of the served
 * database, the catalog browsing statements BI tools send (SHOW, DESCRIBE, USE), and SET of a few harmless
 * session settings. Everything else is refused with {@link AccessDenied}: every command that writes or changes
 * state (DDL, DML, MERGE, VACUUM, CACHE, ADD JAR, CREATE FUNCTION, ...), a table or view not shared, a direct
 * file query (`text`.`/path`, delta.`/path`), a temporary view, {@code reflect}/{@code java_method} and
 * user-defined functions. Unknown plan nodes are refused too: the check fails closed.
 */
public final class AccessPolicy {
  /**
   * Leaves that read no table: literal rows, SELECT without FROM, range(), a CTE's reference; and the resolved
   * namespaces and functions that browsing commands (SHOW TABLES, USE, DESCRIBE FUNCTION) carry.
   */
  private static final Set<String> DATALESS_LEAVES = Set.of("LocalRelation", "OneRowRelation", "Range", "CTERelationRef",
      "ResolvedNamespace", "ResolvedNonPersistentFunc", "ResolvedPersistentFunc");
  /** Catalog browsing that reads no data; DESCRIBE and SHOW COLUMNS of a table need the table. */
  private static final Set<String> BROWSING = Set.of("SetCatalogAndNamespace", "SetNamespaceCommand", "ShowTables",
      "ShowTablesCommand", "ShowTableExtended", "ShowViews", "ShowViewsCommand", "ShowNamespaces", "ShowCatalogs",
      "ShowCurrentNamespaceCommand", "ShowFunctions", "ShowFunctionsCommand", "DescribeFunction",
      "DescribeFunctionCommand", "DescribeTableCommand", "DescribeRelation", "DescribeColumnCommand", "DescribeColumn",
      "ShowColumns", "ShowColumnsCommand", "ShowDeltaTableColumnsCommand");

  private final String user;
  private final String database;
  private final Set<String> tables;
  private final Set<String> settable;

  /**
   * @param user who the policy is for (named in refusals)
   * @param database the served database; only its tables can be shared
   * @param tables the tables and views of that database the user may read
   * @param settable the session settings the user may SET
   */
  public AccessPolicy(String user, String database, Collection<String> tables, Collection<String> settable) {
    this.user = user;
    this.database = database.toLowerCase(Locale.ROOT);
    this.tables = lower(tables);
    this.settable = new TreeSet<>(settable);
  }

  public String user() {
    return user;
  }

  /** The shared tables, sorted. */
  public Set<String> tables() {
    return tables;
  }

  public Set<String> settable() {
    return settable;
  }

  /** Refuses, with {@link AccessDenied}, an analysed plan this policy does not allow. */
  public void check(LogicalPlan analyzed) {
    visit(analyzed);
  }

  private void visit(LogicalPlan plan) {
    String node = plan.nodeName();
    if (plan instanceof View) {
      View view = (View) plan;
      if (view.isTempView()) {
        throw deny("the temporary view " + view.desc().identifier().unquotedString() + " is not shared");
      }
      // A shared view is read as its owner defined it (the endpoint cannot create views): its body is not checked.
      requireShared(view.desc().identifier());
      return;
    }
    if (plan instanceof Command) {
      checkCommand(plan, node);
    } else if (plan instanceof LogicalRelation) {
      Option<CatalogTable> table = ((LogicalRelation) plan).catalogTable();
      if (table.isEmpty()) {
        throw deny("a direct file query (" + ((LogicalRelation) plan).relation() + ") is not allowed: query the shared tables");
      }
      requireShared(table.get().identifier());
    } else if (plan instanceof HiveTableRelation) {
      requireShared(((HiveTableRelation) plan).tableMeta().identifier());
    } else if (plan instanceof DataSourceV2Relation) {
      DataSourceV2Relation relation = (DataSourceV2Relation) plan;
      if (relation.identifier().isEmpty() || relation.catalog().isEmpty()
          || !relation.catalog().get().name().equals("spark_catalog")) {
        throw deny("the source " + relation.table().name() + " is not a shared table");
      }
      requireShared(relation.identifier().get());
    } else if (plan instanceof ResolvedTable) {
      requireShared(((ResolvedTable) plan).identifier());
    } else if (plan.children().isEmpty() && !DATALESS_LEAVES.contains(node)) {
      throw deny("the source " + node + " is not allowed: query the shared tables");
    }
    for (Expression expression : seq(plan.expressions())) {
      checkExpression(expression);
    }
    for (LogicalPlan child : seq(plan.children())) {
      visit(child);
    }
  }

  private void checkCommand(LogicalPlan command, String node) {
    if (command instanceof SetCommand) {
      checkSet((SetCommand) command);
      return;
    }
    if (!BROWSING.contains(node)) {
      throw deny(describe(node) + " is not allowed: the endpoint is read-only");
    }
    // DESCRIBE t, SHOW COLUMNS IN t: the table is a child (a resolved table) or a field of the v1 command.
    for (Object field : JavaConverters.seqAsJavaList(command.productIterator().toSeq())) {
      if (field instanceof TableIdentifier) {
        requireShared((TableIdentifier) field);
      }
    }
    for (LogicalPlan child : seq(command.children())) {
      visit(child);
    }
  }

  private void checkSet(SetCommand set) {
    Option<Tuple2<String, Option<String>>> kv = set.kv();
    if (kv.isEmpty()) {
      throw deny("SET without a key (it lists the server's settings) is not allowed; allowed: SET key=value for "
          + settable);
    }
    String key = kv.get()._1();
    if (!settable.contains(key)) {
      throw deny("SET " + key + " is not allowed; allowed keys: " + settable);
    }
  }

  private void checkExpression(Expression expression) {
    if (expression instanceof CallMethodViaReflection) {
      throw deny("the function " + expression.prettyName() + " (reflection) is not allowed");
    }
    if (expression instanceof ScalaUDF || expression instanceof UserDefinedExpression
        || expression.getClass().getName().startsWith("org.apache.spark.sql.hive.")) {
      throw deny("the user-defined function " + expression.prettyName() + " is not allowed");
    }
    if (expression instanceof SubqueryExpression) {
      visit(((SubqueryExpression) expression).plan());
    }
    for (Expression child : seq(expression.children())) {
      checkExpression(child);
    }
  }

  private void requireShared(TableIdentifier identifier) {
    String db = identifier.database().isDefined() ? identifier.database().get().toLowerCase(Locale.ROOT) : "";
    require(db, identifier.table());
  }

  private void requireShared(Identifier identifier) {
    String[] namespace = identifier.namespace();
    String db = namespace.length == 1 ? namespace[0].toLowerCase(Locale.ROOT) : String.join(".", namespace);
    require(db, identifier.name());
  }

  private void require(String db, String table) {
    if (!db.equals(database) || !tables.contains(table.toLowerCase(Locale.ROOT))) {
      throw deny("the table " + (db.isEmpty() ? "" : db + ".") + table + " is not shared with user " + user + "; shared: " + database + "."
          + String.join(", " + database + ".", tables));
    }
  }

  private AccessDenied deny(String what) {
    return new AccessDenied("Not allowed on the Clientele JDBC endpoint: " + what);
  }

  /** DropTableCommand -> DROP TABLE (for the message); other nodes keep their name. */
  private static String describe(String node) {
    String words = node.replaceAll("Command$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    return words + " (" + node + ")";
  }

  private static <T> List<T> seq(scala.collection.Seq<T> seq) {
    return new ArrayList<>(JavaConverters.seqAsJavaList(seq));
  }

  private static Set<String> lower(Collection<String> names) {
    Set<String> lowered = new TreeSet<>();
    for (String name : names) {
      lowered.add(name.trim().toLowerCase(Locale.ROOT));
    }
    return lowered;
  }
}
