package nl.schoolmonitor.jobs.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import nl.schoolmonitor.jobs.publish.ColumnValues;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One published CSV file of a publication folder, read once: one read-only map per line, keyed by
 * the header. Every value stays text, so a suppressed cell ({@code x}) reads like any other value.
 * A large region publishes millions of lines (at 400,000 pupils the weekly trend alone had 708,864):
 * a reader keeps only the levels it shows, a line is one array of text shared with equal values
 * of its column, and the lines of a unit or a school are found through an index built once.
 */
final class PublishedCsv {

  private static final String LEVEL = "level";

  private final String fileName;
  private final List<String> header;
  private final List<Map<String, String>> rows;
  private final Map<String, Integer> linesLeftOut;
  private final Map<String, Map<String, List<Map<String, String>>>> byColumn = new HashMap<>();

  private PublishedCsv(String fileName, List<String> header, List<Map<String, String>> rows,
      Map<String, Integer> linesLeftOut) {
    this.fileName = fileName;
    this.header = header;
    this.rows = rows;
    this.linesLeftOut = linesLeftOut;
  }

  /** The file, or no rows when the publication does not have it (older runs lack the newer files). */
  static PublishedCsv read(Path publicationFolder, String fileName) {
    return read(publicationFolder, fileName, null);
  }

  /**
   * The lines of the file whose {@code level} is one of {@code levels} (all lines when the file has
   * no level column or {@code levels} is null); no rows when the publication does not have the file.
   */
  static PublishedCsv read(Path publicationFolder, String fileName, Set<String> levels) {
    Path file = publicationFolder.resolve(fileName);
    if (!Files.isRegularFile(file)) {
      return new PublishedCsv(fileName, List.of(), List.of(), Map.of());
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser csv = CSVParser.parse(in, format)) {
      List<String> header = csv.getHeaderNames();
      Map<String, Integer> index = new LinkedHashMap<>();
      header.forEach(column -> index.put(column, index.size()));
      Integer level = levels == null ? null : index.get(LEVEL);
      ColumnValues<String> shared = new ColumnValues<>(header.size());
      List<Map<String, String>> rows = new ArrayList<>();
      Map<String, Integer> leftOut = new LinkedHashMap<>();
      for (CSVRecord record : csv) {
        if (record.size() != header.size()) {
          throw new IllegalArgumentException(String.format(
              "Cannot read %s: line %d has %d fields where the header has %d (%s)", file, record.getRecordNumber() + 1,
              record.size(), header.size(), String.join(",", header)));
        }
        if (level != null && !levels.contains(record.get(level))) {
          leftOut.merge(record.get(level), 1, Integer::sum);
          continue;
        }
        String[] values = new String[header.size()];
        for (int c = 0; c < values.length; c++) {
          values[c] = shared.shared(c, record.get(c));
        }
        rows.add(new Line(index, values));
      }
      return new PublishedCsv(fileName, List.copyOf(header), List.copyOf(rows), Collections.unmodifiableMap(leftOut));
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

  /** Per level, in order of first appearance, the lines that {@link #read} left out. */
  Map<String, Integer> linesLeftOut() {
    return linesLeftOut;
  }

  List<Map<String, String>> where(Predicate<Map<String, String>> condition) {
    return rows.stream().filter(condition).toList();
  }

  /** The rows whose {@code column} is {@code value}, in file order; none when the file is missing. */
  List<Map<String, String>> with(String column, String value) {
    if (!header.isEmpty() && !header.contains(column)) {
      throw new IllegalArgumentException(fileName + " has no column " + column + " (" + String.join(",", header) + ")");
    }
    return byColumn.computeIfAbsent(column, c -> rows.stream().collect(Collectors.groupingBy(r -> r.get(c))))
        .getOrDefault(value, List.of());
  }

  /** The rows of one unit of a level ({@code level}, {@code unit_code} columns). */
  List<Map<String, String>> ofUnit(String level, String unitCode) {
    return with("unit_code", unitCode).stream().filter(r -> level.equals(r.get(LEVEL))).toList();
  }

  /** A line as a read-only map from column to text, over one array of values in header order. */
  private static final class Line extends AbstractMap<String, String> {
    private final Map<String, Integer> index;
    private final String[] values;

    Line(Map<String, Integer> index, String[] values) {
      this.index = index;
      this.values = values;
    }

    @Override
    public String get(Object column) {
      Integer i = index.get(column);
      return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object column) {
      return index.containsKey(column);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      Set<Entry<String, String>> entries = new LinkedHashSet<>();
      index.forEach((column, i) -> entries.add(new SimpleImmutableEntry<>(column, values[i])));
      return Collections.unmodifiableSet(entries);
    }
  }
}
