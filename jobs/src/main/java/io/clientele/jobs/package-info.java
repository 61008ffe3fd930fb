/**
 * The command line and the jobs, in one package for now: the picocli commands (ClienteleCommand and one class per
 * command, AsOfOption), the jobs that do the I/O of each step (ValueJob, IngestJob, ...) with their context and
 * results (JobContext, JobResult, GoldSlice, ModelRegistry), each job's run defined once (Steps), the pipeline and its
 * generated Airflow DAG (Pipeline, AirflowDag), the JDBC endpoint (ServeCommand, ServeAuthenticator, PasswordFile),
 * the HTML report (ReportJob, ReportPage, Echarts) and the benchmarks (Bench*, SparkActivity, JobProfile).
 *
 * <p>May use: every package of the common module. Nothing in the common module uses this one.
 */
package io.clientele.jobs;
