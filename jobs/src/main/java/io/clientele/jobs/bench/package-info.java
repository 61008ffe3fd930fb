/**
 * {@code bench}: the benchmarks anyone can rerun ({@code bench} in {@code cli} runs them): every stage timed on
 * generated data (BenchStages: the ingest of each feed, then every job of the pipeline's registered steps), the
 * fixed cost of whole processes (BenchFixed), RFM against DuckDB (BenchRfm), and the Spark listener and profile file
 * that count each stage's jobs and tasks (SparkActivity, JobProfile).
 *
 * <p>A stage runs as the pipeline runs it. Within jobs, may use: pipeline, steps.
 */
package io.clientele.jobs.bench;
