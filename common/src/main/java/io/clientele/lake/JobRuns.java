package io.clientele.lake;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/** The audit table {@code job_runs}: one row per job run, written when the run ends, succeeded or failed. */
public final class JobRuns {
  private JobRuns() {}

  public static final String RUN_ID = "run_id";
  public static final String JOB = "job";
  public static final String ARGUMENTS = "arguments";
  public static final String AS_OF = "as_of";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String STATUS = "status";
  public static final String ROWS_IN = "rows_in";
  public static final String ROWS_OUT = "rows_out";
  public static final String ROWS_QUARANTINED = "rows_quarantined";
  public static final String ERROR = "error";
  /** What a job keeps beside the counts, such as the rows forget erased per table. */
  public static final String DETAILS = "details";

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  public static final StructType SCHEMA = new StructType()
      .add(RUN_ID, StringType, false)
      .add(JOB, StringType, false)
      .add(ARGUMENTS, StringType, true)
      .add(AS_OF, DateType, true)
      .add(STARTED_AT, TimestampType, false)
      .add(FINISHED_AT, TimestampType, false)
      .add(STATUS, StringType, false)
      .add(ROWS_IN, LongType, true)
      .add(ROWS_OUT, LongType, true)
      .add(ROWS_QUARANTINED, LongType, true)
      .add(ERROR, StringType, true)
      .add(DETAILS, StringType, true);

  /** One finished run. */
  public static Row row(
      String runId, String job, String arguments, LocalDate asOf, Instant started, Instant finished,
      String status, Long rowsIn, Long rowsOut, Long rowsQuarantined, String error) {
    return row(runId, job, arguments, asOf, started, finished, status, rowsIn, rowsOut, rowsQuarantined, error, null);
  }

  /** One finished run with details beside its counts. */
  public static Row row(
      String runId, String job, String arguments, LocalDate asOf, Instant started, Instant finished,
      String status, Long rowsIn, Long rowsOut, Long rowsQuarantined, String error, String details) {
    return RowFactory.create(
        runId, job, arguments, asOf == null ? null : Date.valueOf(asOf), Timestamp.from(started),
        Timestamp.from(finished), status, rowsIn, rowsOut, rowsQuarantined, error, details);
  }

  public static void record(Lake lake, Row run) {
    lake.ensureTable(Tables.JOB_RUNS, SCHEMA, "One row per job run: arguments, timing, status, row counts, error, details");
    if (run.get(SCHEMA.fieldIndex(DETAILS)) != null) {
      // job_runs of a warehouse written before the column existed gets it when a run first has details to keep.
      lake.addColumnIfMissing(Tables.JOB_RUNS, SCHEMA.apply(DETAILS));
    }
    lake.append(Tables.JOB_RUNS, lake.spark().createDataFrame(List.of(run), SCHEMA));
  }
}
