package io.clientele.access;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.QueryPlanningTracker;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.Option;

/**
 * Which sessions of this JVM the JDBC endpoint serves to BI users, and with what policy. While {@code serve}
 * runs, every session but the trusted ones (the job's own) is a BI user's: the check fails closed, so a session
 * the endpoint cannot attribute to a user gets the default policy, never none. When nothing is served the
 * parser's check is a null read.
 */
public final class ServedSessions {
  /** Settings the Thrift server itself puts in every session it opens. */
  private static final Set<String> SET_BY_SERVER = Set.of("spark.sql.hive.version", "spark.sql.datetime.java8API.enabled");

  /** The policy of a served session (never null). */
  public interface Policies {
    AccessPolicy policyFor(SparkSession session);
  }

  private static final class State {
    final Set<SparkSession> trusted;
    final Map<String, String> baseline;
    final Policies policies;
    /**
     * Sessions whose settings were compared with the baseline, at their first statement: a connection sets
     * settings only when it opens (from its URL) and later by SET, which the policy checks. After that Spark and
     * Delta change settings of their own as they run statements (Parquet field ids, for one), so the comparison is
     * made once.
     */
    final Set<SparkSession> settingsChecked = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    State(Set<SparkSession> trusted, Map<String, String> baseline, Policies policies) {
      this.trusted = trusted;
      this.baseline = baseline;
      this.policies = policies;
    }
  }

  private static volatile State state;

  private ServedSessions() {}

  /**
   * Starts guarding: from now on every session but {@code trusted} is checked.
   *
   * @param baseline the settings of a fresh session of this JVM: a served session whose settings differ (a
   *     connection URL's {@code hiveconf:} or {@code hivevar:} part sets them) other than in the policy's
   *     settable keys is refused
   */
  public static synchronized void start(Collection<SparkSession> trusted, Map<String, String> baseline, Policies policies) {
    Set<SparkSession> identities = Collections.newSetFromMap(new IdentityHashMap<>());
    identities.addAll(trusted);
    state = new State(identities, Map.copyOf(baseline), Objects.requireNonNull(policies));
  }

  public static synchronized void stop() {
    state = null;
  }

  /** The policy of the session, or null when it is not served (nothing is, or it is trusted). */
  public static AccessPolicy policyFor(SparkSession session) {
    return policyFor(state, session);
  }

  private static AccessPolicy policyFor(State current, SparkSession session) {
    if (current == null || current.trusted.contains(session)) {
      return null;
    }
    return Objects.requireNonNull(current.policies.policyFor(session), "a served session has no policy");
  }

  /** Refuses a statement of a served session that its policy does not allow (see {@link AccessPolicy}). */
  static void check(SparkSession session, LogicalPlan parsed) {
    State current = state;
    // One read of the state: a server stopping in between cannot leave a policy without its state.
    AccessPolicy policy = policyFor(current, session);
    if (policy == null) {
      return;
    }
    if (!current.settingsChecked.contains(session)) {
      // Remembered only once passed: a session refused here stays refused at every statement.
      checkSettings(session, policy, current.baseline);
      current.settingsChecked.add(session);
    }
    LogicalPlan analyzed = session.sessionState().analyzer().executeAndCheck(parsed, new QueryPlanningTracker(Option.empty()));
    policy.check(analyzed);
  }

  private static void checkSettings(SparkSession session, AccessPolicy policy, Map<String, String> baseline) {
    Set<String> changed = new TreeSet<>();
    for (Map.Entry<String, String> setting : scala.collection.JavaConverters.mapAsJavaMap(session.conf().getAll()).entrySet()) {
      String key = setting.getKey();
      // hive.* settings are HiveServer2's own (the server's configuration, the JDBC driver's fetch size): Spark's
      // query execution does not read them. Every other setting, Spark's and Hadoop's (fs.*), is checked.
      if (!key.startsWith("hive.") && !Objects.equals(baseline.get(key), setting.getValue())
          && !policy.settable().contains(key) && !SET_BY_SERVER.contains(key)) {
        changed.add(key);
      }
    }
    if (!changed.isEmpty()) {
      throw new AccessDenied("Not allowed on the Clientele JDBC endpoint: the connection sets " + changed
          + " (in its URL's hiveconf or hivevar part); a session may only set " + policy.settable());
    }
  }
}
