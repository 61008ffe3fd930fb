package io.clientele.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.clientele.config.UsageException;
import io.clientele.lake.Lake;
import io.clientele.tag.TagTables;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Row;

/** The as_of a reader of the tag tables means: the one asked for, else the latest there is. */
final class ProfileReader {
  private ProfileReader() {}

  static LocalDate asOf(Lake lake, String table, LocalDate asked) {
    if (!lake.exists(table)) {
      throw new UsageException("Cannot read " + lake.qualified(table) + ": it does not exist (run: clientele tags --as-of DATE)");
    }
    if (asked != null) {
      if (lake.read(table).where(col(TagTables.AS_OF).equalTo(lit(Date.valueOf(asked)))).isEmpty()) {
        throw new UsageException("Cannot read " + lake.qualified(table) + " as of " + asked
            + ": no such slice (run: clientele tags --as-of " + asked + ")");
      }
      return asked;
    }
    Row latest = lake.read(table).agg(max(TagTables.AS_OF)).first();
    if (latest.isNullAt(0)) {
      throw new UsageException("Cannot read " + lake.qualified(table) + ": it is empty (run: clientele tags --as-of DATE)");
    }
    return latest.getDate(0).toLocalDate();
  }
}
