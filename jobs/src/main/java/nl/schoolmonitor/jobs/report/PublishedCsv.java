package nl.schoolmonitor.jobs.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One published CSV file of a publication folder, read whole: one map per line, keyed by the
 * header. Every value stays text, so a suppressed cell ({@code x}) reads like any other value.
 */
final class PublishedCsv {

  private final String fileName;
  private final List<Map<String, String>> rows;

  private PublishedCsv(String fileName, List<Map<String, String>> rows) {
    this.fileName = fileName;
    this.rows = rows;
  }

  /** The file, or no rows when the publication does not have it (older runs lack the newer files). */
  static PublishedCsv read(Path publicationFolder, String fileName) {
    Path file = publicationFolder.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      return new PublishedCsv(fileName, List.of());
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser csv = CSVParser.parse(in, format)) {
      List<String> header = csv.getHeaderNames();
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : csv) {
        if (record.size() != header.size()) {
          throw new IllegalArgumentException(String.format(
              "Cannot read %s: line %d has %d fields where the header has %d (%s)", file, record.getRecordNumber() + 1,
              record.size(), header.size(), String.join(",", header)));
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : header) {
          row.put(column, record.get(column));
        }
        rows.add(row);
      }
      return new PublishedCsv(fileName, List.copyOf(rows));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  String fileName() {
    return fileName;
  }

  List<Map<String, String>> rows() {
    return rows;
  }

  List<Map<String, String>> where(Predicate<Map<String, String>> condition) {
    return rows.stream().filter(condition).toList();
  }

  /** The rows of one unit of a level ({@code level}, {@code unit_code} columns). */
  List<Map<String, String>> ofUnit(String level, String unitCode) {
    return where(r -> level.equals(r.get("level")) && unitCode.equals(r.get("unit_code")));
  }
}
