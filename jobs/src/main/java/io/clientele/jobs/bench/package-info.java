/**
 * {@code bench}: the benchmarks anyone can rerun (BenchCommand): every stage timed on generated data (BenchStages), the
 * fixed cost of whole processes (BenchFixed), RFM against DuckDB (BenchRfm), and the Spark listener and profile file
 * that count each stage's jobs and tasks (SparkActivity, JobProfile).
 *
 * <p>May use: the jobs and steps of {@code io.clientele.jobs} (a stage runs as the pipeline runs it), and the common
 * module.
 */
package io.clientele.jobs.bench;
