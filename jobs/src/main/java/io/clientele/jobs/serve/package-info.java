/**
 * {@code serve}: the Spark Thrift JDBC/ODBC endpoint for BI tools over the warehouse (ServeCommand), its password
 * authentication (ServeAuthenticator) and users file (PasswordFile). Read-only and limited to the shared tables by
 * the access guard of {@code io.clientele.access}.
 *
 * <p>May use: the command line and job context of {@code io.clientele.jobs}, and the common module.
 */
package io.clientele.jobs.serve;
