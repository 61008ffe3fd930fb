/**
 * {@code steps}: the jobs, one class per step ({@code IngestJob}, {@code ValueJob}, {@code ClvJob}, ...), each doing
 * the I/O around the common module's pure transformations, and each declaring beside itself how it is run
 * ({@code JobSpec}: its command, help and typed options read from configuration once, the arguments {@code job_runs}
 * records, its body), which the command line, the pipeline, the demo and {@code bench stages} all use; the context
 * every job runs in ({@code JobContext}: session, lake, configuration, progress lines, {@code job_runs}), results
 * ({@code JobResult}), idempotent slice writes ({@code GoldSlice}) and the saved models ({@code ModelRegistry}).
 *
 * <p>Within jobs, may use: nothing.
 */
package io.clientele.jobs.steps;
