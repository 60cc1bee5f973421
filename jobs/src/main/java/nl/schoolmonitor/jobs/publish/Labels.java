package nl.schoolmonitor.jobs.publish;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Dutch of the workbook (CONTRACT.md section 6: "one Excel workbook with Dutch labels, for
 * people"): per table its sheet name and what it shows, per column its label and explanation,
 * from {@code labels.tsv} next to this class. Terms follow DOMAIN.md and the seeds: niveau 1
 * (groen), 2 (geel/oranje), 3 (rood) of the verzuimpiramide. A column without an entry keeps its
 * CSV name, so a new column never breaks the workbook.
 */
final class Labels {

  record Label(String label, String explanation) {}

  private static final Map<String, Label> LABELS = read();

  private Labels() {}

  /** The sheet name of {@code table} (at most 31 characters, as Excel allows). */
  static String sheet(String table) {
    Label l = LABELS.get(table + "|");
    String name = l == null ? table : l.label();
    return name.length() > 31 ? name.substring(0, 31) : name;
  }

  static String description(String table) {
    Label l = LABELS.get(table + "|");
    return l == null ? "" : l.explanation();
  }

  static String label(String table, String column) {
    Label l = LABELS.get(table + "|" + column);
    return l == null ? column : l.label();
  }

  static String explanation(String table, String column) {
    Label l = LABELS.get(table + "|" + column);
    return l == null ? "" : l.explanation();
  }

  private static Map<String, Label> read() {
    Map<String, Label> labels = new HashMap<>();
    try (InputStream in = Labels.class.getResourceAsStream("labels.tsv")) {
      if (in == null) {
        throw new IllegalStateException("labels.tsv is missing next to " + Labels.class.getName() + " in the jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        labels.put(f[0] + "|" + f[1], new Label(f[2], f.length > 3 ? f[3] : ""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return labels;
  }
}
