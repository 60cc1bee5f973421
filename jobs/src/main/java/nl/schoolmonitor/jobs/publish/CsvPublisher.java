package nl.schoolmonitor.jobs.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes a published table as one CSV file for tools (CONTRACT.md section 6): {@code ,}
 * separated, UTF-8, {@code .} decimals, ISO dates, the table's snake_case column names as header,
 * rows in the order given. Published tables are aggregates, small enough to pass through the driver.
 * The file is written under a temporary name and renamed, so a reader never sees half a file.
 */
public final class CsvPublisher {

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  private CsvPublisher() {}

  /** Writes {@code table} to {@code file}; returns the number of data rows. */
  public static long write(FileSystem fs, Path file, Dataset<Row> table) throws IOException {
    List<Row> rows = table.collectAsList();
    Path temporary = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try (OutputStream out = fs.create(temporary, true);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
      printer.printRecord(Arrays.asList(table.columns()));
      for (Row row : rows) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < row.length(); i++) {
          values[i] = text(row.get(i));
        }
        printer.printRecord(values);
      }
    }
    fs.delete(file, false);
    if (!fs.rename(temporary, file)) {
      throw new IOException("Cannot move " + temporary + " to " + file);
    }
    return rows.size();
  }

  /**
   * Writes {@code header} and {@code rows} (values already as text) to {@code file}; returns the
   * number of data rows. {@link Publication} uses it for tables after disclosure control.
   */
  public static long write(FileSystem fs, Path file, List<String> header, List<String[]> rows) throws IOException {
    Path temporary = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try (OutputStream out = fs.create(temporary, true);
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
      printer.printRecord(header);
      for (String[] row : rows) {
        printer.printRecord((Object[]) row);
      }
    }
    fs.delete(file, false);
    if (!fs.rename(temporary, file)) {
      throw new IOException("Cannot move " + temporary + " to " + file);
    }
    return rows.size();
  }

  /** A value as the CSV files write it: empty for null, plain decimals, ISO dates. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return value.toString(); // java.sql.Date and LocalDate print as ISO dates
  }
}
