/**
 * {@code serve}: what the Spark Thrift JDBC/ODBC endpoint needs beyond its command ({@code ServeCommand} in
 * {@code cli}): the password authentication (ServeAuthenticator) and the users file (PasswordFile). The endpoint is
 * read-only and limited to the shared tables by the access guard of {@code io.clientele.access}.
 *
 * <p>Within jobs, may use: nothing.
 */
package io.clientele.jobs.serve;
