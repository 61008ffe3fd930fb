/**
 * {@code cli}: the command line. {@code ClienteleCommand} (the global options, the session, exit codes and the error
 * handling) and one picocli class per command ({@code ValueCommand}, {@code IngestCommand}, {@code BenchCommand},
 * {@code ServeCommand}, ...), with the shared {@code --as-of} mixin ({@code AsOfOption}) and the output helpers of
 * {@code sql}, {@code audience} and {@code profile} ({@code SqlOutput}, {@code ProfileReader}). A command parses and
 * checks its options and runs a step's invocation from {@code steps}; it holds no step logic of its own.
 *
 * <p>Within jobs, may use: pipeline, bench, serve, report, steps.
 */
package io.clientele.jobs.cli;
