package nl.schoolmonitor.jobs.publish;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Small tables for the tests, written as CSV text, with the types the gold tables give them. */
final class TableText {

  private static final Pattern WHOLE = Pattern.compile("-?\\d+");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  private TableText() {}

  /** {@code lines[0]} is the header; values become Long, BigDecimal, java.sql.Date, String or null (empty). */
  static PublishedTable table(String name, String... lines) {
    List<String> columns = Arrays.asList(lines[0].split(",", -1));
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      rows.add(Arrays.stream(lines[i].split(",", -1)).map(TableText::typed).toArray());
    }
    return PublishedTable.of(name, columns, rows);
  }

  /** A published CSV file read back with the same types. */
  static PublishedTable read(String name, Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().get().parse(in)) {
      List<Object[]> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        rows.add(r.stream().map(TableText::typed).toArray());
      }
      return PublishedTable.of(name, parser.getHeaderNames(), rows);
    }
  }

  /** The rows of a written CSV file as text, header left out. */
  static List<String[]> rows(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().get().parse(in)) {
      List<String[]> rows = new ArrayList<>();
      for (CSVRecord r : parser) {
        rows.add(r.stream().toArray(String[]::new));
      }
      return rows;
    }
  }

  static Object typed(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (WHOLE.matcher(text).matches()) {
      return Long.valueOf(text);
    }
    if (DECIMAL.matcher(text).matches()) {
      return new BigDecimal(text);
    }
    if (DATE.matcher(text).matches()) {
      return java.sql.Date.valueOf(text);
    }
    return text;
  }
}
