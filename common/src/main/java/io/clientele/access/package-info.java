/**
 * What a BI user of the JDBC endpoint may read: the policy of shared tables per user (AccessPolicy), the guard that
 * Spark runs on every statement of a served session before it is planned (ServeGuardExtension, GuardedParser), and
 * the refusal it gives (AccessDenied). Read-only by construction: a statement that writes or changes DDL is refused.
 *
 * <p>May use: nothing of Clientele.
 */
package io.clientele.access;
