/**
 * The command line and the jobs: the picocli commands (ClienteleCommand and one class per command, AsOfOption), the
 * jobs that do the I/O of each step (ValueJob, IngestJob, ...) with their context and results (JobContext, JobResult,
 * GoldSlice, ModelRegistry), each job's run defined once (Steps), and the pipeline with its generated Airflow DAG
 * (Pipeline, AirflowDag). Its sub-packages: {@code serve} (the JDBC endpoint), {@code report} (the HTML report) and
 * {@code bench} (the benchmarks); commands, steps and the pipeline are still in this one package.
 *
 * <p>May use: every package of the common module. Nothing in the common module uses this one.
 */
package io.clientele.jobs;
