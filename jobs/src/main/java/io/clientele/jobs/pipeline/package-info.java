/**
 * {@code pipeline}: the step graph ({@code Pipeline.STEPS}, one entry per step, each after the steps it needs, with
 * its jobs: the one registration from which the command line and {@code bench stages} are made too), its
 * runner (in order, independent steps side by side, resume with {@code --from}, a step whose input was never
 * ingested skipped with its reason) and the Airflow DAG generated from the same graph ({@code AirflowDag}).
 *
 * <p>Within jobs, may use: report, steps.
 */
package io.clientele.jobs.pipeline;
