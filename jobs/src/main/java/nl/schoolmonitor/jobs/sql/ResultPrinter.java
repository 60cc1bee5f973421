package nl.schoolmonitor.jobs.sql;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a query result as an aligned text table or as CSV (RFC 4180, header line first). */
public final class ResultPrinter {

  /** How a result is printed. */
  public enum Format { TABLE, CSV }

  private ResultPrinter() {}

  /**
   * Prints the result; a table shows at most {@code maxRows} rows and says how many it left out,
   * CSV prints every row.
   */
  public static void print(Dataset<Row> result, Format format, int maxRows, PrintStream out) {
    String[] columns = result.columns();
    if (format == Format.CSV) {
      try {
        CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(columns).setRecordSeparator('\n').get());
        Iterator<Row> rows = result.toLocalIterator();
        while (rows.hasNext()) {
          csv.printRecord(cells(rows.next(), ""));
        }
        csv.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return;
    }
    List<Row> rows = result.limit(maxRows + 1).collectAsList();
    boolean more = rows.size() > maxRows;
    List<List<String>> lines = new ArrayList<>();
    for (Row row : rows.subList(0, Math.min(rows.size(), maxRows))) {
      lines.add(cells(row, "NULL"));
    }
    int[] widths = new int[columns.length];
    for (int c = 0; c < columns.length; c++) {
      widths[c] = columns[c].length();
      for (List<String> line : lines) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : widths) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    out.println(line(List.of(columns), widths));
    out.println(rule);
    for (List<String> line : lines) {
      out.println(line(line, widths));
    }
    out.println(rule);
    out.println(more ? String.format("first %d rows shown (use --max-rows N or --format csv for more)", maxRows)
        : lines.size() + (lines.size() == 1 ? " row" : " rows"));
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("|");
    for (int c = 0; c < widths.length; c++) {
      String cell = cells.get(c);
      line.append(' ').append(cell).append(" ".repeat(widths[c] - cell.length())).append(" |");
    }
    return line.toString();
  }

  private static List<String> cells(Row row, String nullText) {
    List<String> cells = new ArrayList<>(row.length());
    for (int i = 0; i < row.length(); i++) {
      Object value = row.get(i);
      cells.add(value == null ? nullText : String.valueOf(value));
    }
    return cells;
  }
}
