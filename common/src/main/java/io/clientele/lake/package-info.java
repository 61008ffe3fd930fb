/**
 * The lakehouse: the Spark session with Delta and the metastore (SessionFactory), tables by name, idempotent slice
 * writes and versions read from the Delta log (Lake), job_runs, schema conformance, and the local file system
 * without forked processes (ForklessLocalFileSystem).
 *
 * <p>May use: access, config.
 */
package io.clientele.lake;
