/**
 * Clientele's application: {@link io.clientele.jobs.Main}, the entry point of the launcher and of spark-submit, and
 * its sub-packages by concern, from the top down:
 * <ul>
 *   <li>{@code cli}: the picocli command line: the steps' commands made from their registration, one class for
 *   each other command;</li>
 *   <li>{@code pipeline}: the step graph (where each step is registered), its runner and the Airflow DAG generated
 *   from it;</li>
 *   <li>{@code bench}, {@code serve}, {@code report}: the benchmarks, the JDBC endpoint, the HTML report;</li>
 *   <li>{@code steps}: the jobs that do each step's I/O, each declaring how it runs ({@code JobSpec}), their context
 *   and results.</li>
 * </ul>
 * Each package's package-info says what it holds and, in its last sentence, which other packages of this module
 * it may use; {@code JobsPackagesTest} holds the sources to those sentences, and the sentences to having no cycle.
 * Every package may use the common module; nothing in the common module uses this one.
 *
 * <p>Within jobs, may use: cli.
 */
package io.clientele.jobs;
