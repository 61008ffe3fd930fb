/**
 * {@code cli}: the command line. {@code ClienteleCommand} (the global options, the session, exit codes and the error
 * handling); the pipeline steps' commands made from their registration ({@code StepCommands}: {@code value},
 * {@code clv}, {@code churn train}, ..., with the shared {@code --as-of} mixin {@code AsOfOption}); one picocli class
 * for each other command ({@code IngestCommand}, {@code PipelineCommand}, {@code BenchCommand}, {@code ServeCommand},
 * ...), and the output helpers of {@code sql}, {@code audience} and {@code profile} ({@code SqlOutput},
 * {@code ProfileReader}). A command parses and checks its options and runs a job's invocation from {@code steps}; it
 * holds no step logic of its own.
 *
 * <p>Within jobs, may use: pipeline, bench, serve, report, steps.
 */
package io.clientele.jobs.cli;
