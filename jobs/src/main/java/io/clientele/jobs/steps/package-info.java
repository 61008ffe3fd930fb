/**
 * {@code steps}: the jobs, one class per step ({@code IngestJob}, {@code ValueJob}, {@code ClvJob}, ...), each doing
 * the I/O around the common module's pure transformations; each job's run defined once ({@code Steps}: its options
 * read from configuration, the arguments {@code job_runs} records, its body), which the command line, the pipeline,
 * the demo and {@code bench stages} all use; the context every job runs in ({@code JobContext}: session, lake,
 * configuration, progress lines, {@code job_runs}), results ({@code JobResult}), idempotent slice writes
 * ({@code GoldSlice}) and the saved models ({@code ModelRegistry}).
 *
 * <p>Within jobs, may use: nothing.
 */
package io.clientele.jobs.steps;
