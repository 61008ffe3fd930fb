package io.clientele.jobs.steps;

/** What a job reports when it ends: row counts for {@code job_runs} and a one-line summary for the user. */
public final class JobResult {
  private final Long rowsIn;
  private final Long rowsOut;
  private final Long rowsQuarantined;
  private final String summary;
  private final String details;

  public JobResult(Long rowsIn, Long rowsOut, Long rowsQuarantined, String summary) {
    this(rowsIn, rowsOut, rowsQuarantined, summary, null);
  }

  private JobResult(Long rowsIn, Long rowsOut, Long rowsQuarantined, String summary, String details) {
    this.rowsIn = rowsIn;
    this.rowsOut = rowsOut;
    this.rowsQuarantined = rowsQuarantined;
    this.summary = summary;
    this.details = details;
  }

  /** The same result with what job_runs keeps beside the counts (such as rows per table). */
  public JobResult withDetails(String text) {
    return new JobResult(rowsIn, rowsOut, rowsQuarantined, summary, text);
  }

  /** What job_runs keeps beside the counts; null when the job has nothing to add. */
  public String details() {
    return details;
  }

  public Long rowsIn() {
    return rowsIn;
  }

  public Long rowsOut() {
    return rowsOut;
  }

  public Long rowsQuarantined() {
    return rowsQuarantined;
  }

  public String summary() {
    return summary;
  }
}
