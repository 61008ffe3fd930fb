package io.clientele.jobs.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Query results as an aligned text table or RFC 4180 CSV, streamed to the driver row by row. */
final class SqlOutput {
  private SqlOutput() {}

  static void table(Dataset<Row> result, int maxRows, PrintStream out) {
    String[] columns = result.columns();
    List<String[]> rows = new ArrayList<>();
    boolean more = false;
    for (Iterator<Row> it = result.toLocalIterator(); it.hasNext(); ) {
      Row row = it.next();
      if (rows.size() == maxRows) {
        more = true;
        break;
      }
      String[] cells = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        cells[i] = row.isNullAt(i) ? "NULL" : String.valueOf(row.get(i));
      }
      rows.add(cells);
    }
    int[] widths = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      widths[i] = columns[i].length();
      for (String[] cells : rows) {
        widths[i] = Math.max(widths[i], cells[i].length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int width : widths) {
      rule.append("-".repeat(width + 2)).append('+');
    }
    out.println(rule);
    out.println(line(columns, widths));
    out.println(rule);
    for (String[] cells : rows) {
      out.println(line(cells, widths));
    }
    out.println(rule);
    out.println(rows.size() + (rows.size() == 1 ? " row" : " rows") + (more ? " shown (more not shown; see --max-rows)" : ""));
  }

  static void csv(Dataset<Row> result, PrintStream out) {
    String[] columns = result.columns();
    out.println(String.join(",", quoteAll(columns)));
    for (Iterator<Row> it = result.toLocalIterator(); it.hasNext(); ) {
      Row row = it.next();
      String[] cells = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        cells[i] = row.isNullAt(i) ? "" : String.valueOf(row.get(i));
      }
      out.println(String.join(",", quoteAll(cells)));
    }
  }

  private static String[] quoteAll(String[] cells) {
    String[] quoted = new String[cells.length];
    for (int i = 0; i < cells.length; i++) {
      String cell = cells[i];
      boolean needs = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
      quoted[i] = needs ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
    return quoted;
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
    }
    return line.toString();
  }
}
