package nl.schoolmonitor.jobs.publish;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The one way a publication is written (CONTRACT.md section 6): disclosure control over all
 * tables together ({@link Disclosure}), the independent check of the result
 * ({@link DisclosureCheck}: a violation stops the publication before any file is written), then
 * every table as CSV ({@code x} in suppressed cells, header and row order as given) and the
 * workbook {@code schoolaanwezigheid_<school_year>_<reference_date>.xlsx}.
 */
public final class Publication {

  /** What was written: per file its data rows and its cells shown as {@code x}, and the workbook. */
  public record Written(Map<String, Long> rows, Map<String, Integer> hiddenCells, Path workbook) {}

  private Publication() {}

  /**
   * Writes {@code tables} into {@code folder} (which must exist).
   *
   * @throws DisclosureCheck.DisclosureException when a cell would still disclose a small group;
   *         then nothing is written
   */
  public static Written write(FileSystem fs, Path folder, List<PublishedTable> tables, UnitHierarchy hierarchy,
      DisclosureRule rule, PublicationInfo info) throws IOException {
    List<SuppressedTable> suppressed = Disclosure.protect(tables, hierarchy, rule);
    List<List<String[]>> text = new ArrayList<>();
    suppressed.forEach(s -> text.add(s.text()));
    DisclosureCheck.requireNone(tables, text, hierarchy, rule);

    Map<String, Long> rows = new LinkedHashMap<>();
    Map<String, Integer> hidden = new LinkedHashMap<>();
    for (int t = 0; t < tables.size(); t++) {
      PublishedTable table = tables.get(t);
      rows.put(table.fileName(), CsvPublisher.write(fs, new Path(folder, table.fileName()), table.columns(),
          text.get(t)));
      hidden.put(table.fileName(), suppressed.get(t).hiddenCells());
    }
    Path workbook = new Path(folder, info.workbookName());
    Workbook.write(fs, workbook, suppressed, rule, info);
    return new Written(rows, hidden, workbook);
  }
}
