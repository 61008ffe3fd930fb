package io.clientele.jobs;

/** What a job reports when it ends: row counts for {@code job_runs} and a one-line summary for the user. */
public final class JobResult {
  private final Long rowsIn;
  private final Long rowsOut;
  private final Long rowsQuarantined;
  private final String summary;

  public JobResult(Long rowsIn, Long rowsOut, Long rowsQuarantined, String summary) {
    this.rowsIn = rowsIn;
    this.rowsOut = rowsOut;
    this.rowsQuarantined = rowsQuarantined;
    this.summary = summary;
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
