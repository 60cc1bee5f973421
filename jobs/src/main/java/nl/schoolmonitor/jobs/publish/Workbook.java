package nl.schoolmonitor.jobs.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.schoolmonitor.config.TierRule;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The publication as one Excel workbook for people (CONTRACT.md section 6): a first sheet
 * "Toelichting" with the date of the data, the rules, the thresholds, the suppression rule and
 * every column explained; then one sheet per table with Dutch sheet names and column labels,
 * numbers as numbers, dates as dates, {@code x} as text, the header row frozen. Written with
 * POI's streaming workbook: the trend and pattern sheets hold tens of thousands of rows. A table
 * with more rows than a sheet holds (1,048,575 under its header: the weekly trend from about
 * 600,000 pupils on) goes on over sheets named "... (2)", "... (3)", each with the header.
 */
final class Workbook {

  private static final int ROWS_IN_MEMORY = 200;
  /** Data rows per sheet: all rows of an Excel sheet but the header. */
  static final int ROWS_PER_SHEET = SpreadsheetVersion.EXCEL2007.getLastRowIndex();

  private Workbook() {}

  static void write(FileSystem fs, Path file, List<SuppressedTable> tables, DisclosureRule rule, PublicationInfo info)
      throws IOException {
    write(fs, file, tables, rule, info, ROWS_PER_SHEET);
  }

  /** As {@link #write(FileSystem, Path, List, DisclosureRule, PublicationInfo)}, at most {@code rowsPerSheet} rows a sheet. */
  static void write(FileSystem fs, Path file, List<SuppressedTable> tables, DisclosureRule rule, PublicationInfo info,
      int rowsPerSheet) throws IOException {
    Path temporary = new Path(file.getParent(), "." + file.getName() + ".tmp");
    try (SXSSFWorkbook book = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
      // The date of the data, not of the run: a rerun for the same reference date gives the same workbook.
      book.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(Optional.of(
          Date.from(info.referenceDate().atStartOfDay(ZoneOffset.UTC).toInstant())));
      book.getXSSFWorkbook().getProperties().getCoreProperties().setCreator("Schoolaanwezigheid Monitor");
      Styles styles = new Styles(book);
      explanation(book.createSheet("Toelichting"), tables, rule, info, styles, rowsPerSheet);
      for (SuppressedTable table : tables) {
        int rows = table.table().rows().size();
        for (int part = 0; part < sheets(table, rowsPerSheet); part++) {
          sheet(book.createSheet(sheetName(table.table().name(), part)), table, part * rowsPerSheet,
              Math.min(rows, (part + 1) * rowsPerSheet), styles);
        }
      }
      try (OutputStream out = fs.create(temporary, true)) {
        book.write(out);
      }
    }
    fs.delete(file, false);
    if (!fs.rename(temporary, file)) {
      throw new IOException("Cannot move " + temporary + " to " + file);
    }
  }

  /** The name of sheet {@code part} (from 0) of {@code table}: its label, then "label (2)", ..., within 31 characters. */
  static String sheetName(String table, int part) {
    String name = Labels.sheet(table);
    if (part == 0) {
      return name;
    }
    String suffix = " (" + (part + 1) + ")";
    return name.substring(0, Math.min(name.length(), 31 - suffix.length())) + suffix;
  }

  private static int sheets(SuppressedTable table, int rowsPerSheet) {
    return Math.max(1, (table.table().rows().size() + rowsPerSheet - 1) / rowsPerSheet);
  }

  /** Rows {@code from} up to {@code to} of {@code suppressed} under the header. */
  private static void sheet(Sheet sheet, SuppressedTable suppressed, int from, int to, Styles styles) {
    PublishedTable table = suppressed.table();
    Row header = sheet.createRow(0);
    for (int c = 0; c < table.columns().size(); c++) {
      String label = Labels.label(table.name(), table.columns().get(c));
      text(header, c, label, styles.header);
      sheet.setColumnWidth(c, Math.min(60, Math.max(10, label.length() + 2)) * 256);
    }
    sheet.createFreezePane(0, 1);
    for (int r = from; r < to; r++) {
      Row row = sheet.createRow(r - from + 1);
      Object[] values = table.rows().get(r);
      for (int c = 0; c < values.length; c++) {
        if (suppressed.isHidden(r, c)) {
          text(row, c, SuppressedTable.HIDDEN, styles.hidden);
        } else {
          value(row, c, values[c], styles);
        }
      }
    }
  }

  private static void value(Row row, int c, Object value, Styles styles) {
    if (value == null) {
      return;
    }
    Cell cell = row.createCell(c);
    if (value instanceof BigDecimal d) {
      cell.setCellValue(d.doubleValue());
      cell.setCellStyle(d.scale() == 1 ? styles.oneDecimal : d.scale() <= 0 ? styles.whole : styles.general);
    } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
      cell.setCellValue(((Number) value).doubleValue());
      cell.setCellStyle(styles.whole);
    } else if (value instanceof Number n) {
      cell.setCellValue(n.doubleValue());
    } else if (value instanceof java.sql.Date d) {
      cell.setCellValue(d.toLocalDate());
      cell.setCellStyle(styles.date);
    } else if (value instanceof LocalDate d) {
      cell.setCellValue(d);
      cell.setCellStyle(styles.date);
    } else if (value instanceof Boolean b) {
      cell.setCellValue(b);
    } else {
      cell.setCellValue(value.toString());
    }
  }

  private static void explanation(Sheet sheet, List<SuppressedTable> tables, DisclosureRule rule, PublicationInfo info,
      Styles styles, int rowsPerSheet) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"Schoolaanwezigheid " + info.regionName() + ", schooljaar " + info.schoolYear()});
    lines.add(new String[] {"Peildatum", info.referenceDate() + ": de cijfers lopen tot en met deze dag (schooljaar "
        + info.schoolYear() + ", vanaf 1 augustus)."});
    lines.add(new String[] {});
    lines.add(new String[] {"Regels"});
    TierRule t = info.tiers();
    boolean inclusive = t.boundaries() == TierRule.Boundaries.INCLUSIVE;
    lines.add(new String[] {"Verzuim", "Al het gemiste deel van de geplande lestijd telt, geoorloofd en ongeoorloofd"
        + " (verzuimpercentage = gemiste minuten / geplande minuten)."});
    lines.add(new String[] {"Niveau 1 (groen)", "verzuim " + (inclusive ? "tot en met " : "onder ") + t.tier1MaxPct() + "%"});
    lines.add(new String[] {"Niveau 2 (geel/oranje)", "verzuim daartussen"});
    lines.add(new String[] {"Niveau 3 (rood)", "verzuim " + (inclusive ? "vanaf " : "boven ") + t.tier3MinPct() + "%"});
    lines.add(new String[] {"Geen niveau", "minder dan " + t.minSchoolDays() + " schooldagen in de periode"});
    lines.add(new String[] {"Norm", info.norm().tier1Pct() + "% / " + info.norm().tier2Pct() + "% / "
        + info.norm().tier3Pct() + "% in niveau 1 / 2 / 3"});
    lines.add(new String[] {"Meldplichtig verzuim", info.flags().reportableMinutes() / 60 + " uur ongeoorloofd binnen "
        + info.flags().reportableWeeks() + " lesweken (Leerplichtwet art. 21a)"});
    lines.add(new String[] {"M@ZL", info.flags().mazlEpisodes() + " ziekmeldingen binnen " + info.flags().mazlWeeks()
        + " lesweken, of een ziekteperiode die de " + info.flags().mazlEpisodeDays() + "e schooldag haalt"});
    lines.add(new String[] {"Langdurig verzuim", info.flags().longAbsenceDays()
        + " schooldagen achter elkaar helemaal ongeoorloofd afwezig"});
    lines.add(new String[] {});
    lines.add(new String[] {"Onthulling (x)"});
    lines.add(new String[] {"Aantallen", "Een aantal van 1 tot en met " + (rule.minCount() - 1)
        + " leerlingen staat als x (0 wordt getoond)."});
    lines.add(new String[] {"Percentages en minuten", "Een percentage of een aantal minuten over minder dan "
        + rule.minDenominator() + " leerlingen staat als x, net als een percentage waarvan teller of noemer x is."});
    lines.add(new String[] {"Aanvullend", "Als een x terug te rekenen is uit een totaal (leerlingen = niveau 1 + 2 + 3;"
        + " gemeente, bestuur of samenwerkingsverband uit zijn scholen; regio uit gemeenten, sectoren en woongemeenten;"
        + " school uit zijn klassen of leerjaren; hetzelfde cijfer in twee tabellen), staat er ook een tweede,"
        + " zo klein mogelijke cel als x."});
    lines.add(new String[] {"Gegevenskwaliteit", "Over bestanden en registraties: alleen aantallen leerlingen"
        + " (ingeschreven, met registratie, dubbel ingeschreven) worden afgeschermd."});
    lines.add(new String[] {});
    lines.add(new String[] {"Tabellen en kolommen"});
    for (SuppressedTable s : tables) {
      String name = s.table().name();
      lines.add(new String[] {});
      int sheets = sheets(s, rowsPerSheet);
      String description = Labels.description(name);
      if (sheets > 1) {
        description += (description.isEmpty() ? "" : " ") + String.format(Locale.ROOT,
            "Verdeeld over %d bladen (%s tot en met %s): een blad houdt %d rijen.", sheets, sheetName(name, 0),
            sheetName(name, sheets - 1), rowsPerSheet);
      }
      lines.add(new String[] {Labels.sheet(name), description, s.table().fileName()});
      for (String column : s.table().columns()) {
        lines.add(new String[] {Labels.label(name, column), Labels.explanation(name, column), column});
      }
    }
    for (int r = 0; r < lines.size(); r++) {
      Row row = sheet.createRow(r);
      String[] line = lines.get(r);
      boolean heading = line.length == 1 || (line.length == 3 && line[2].endsWith(".csv"));
      for (int c = 0; c < line.length; c++) {
        text(row, c, line[c], heading && c == 0 ? styles.header : null);
      }
    }
    sheet.setColumnWidth(0, 36 * 256);
    sheet.setColumnWidth(1, 110 * 256);
    sheet.setColumnWidth(2, 32 * 256);
  }

  private static void text(Row row, int c, String text, CellStyle style) {
    Cell cell = row.createCell(c);
    cell.setCellValue(text);
    if (style != null) {
      cell.setCellStyle(style);
    }
  }

  /** The few cell styles of the workbook (a workbook holds at most 64,000). */
  private static final class Styles {
    final CellStyle header;
    final CellStyle hidden;
    final CellStyle whole;
    final CellStyle oneDecimal;
    final CellStyle general;
    final CellStyle date;

    Styles(SXSSFWorkbook book) {
      Font bold = book.createFont();
      bold.setBold(true);
      header = book.createCellStyle();
      header.setFont(bold);
      hidden = book.createCellStyle();
      hidden.setAlignment(HorizontalAlignment.RIGHT);
      whole = book.createCellStyle();
      whole.setDataFormat(book.createDataFormat().getFormat("0"));
      oneDecimal = book.createCellStyle();
      oneDecimal.setDataFormat(book.createDataFormat().getFormat("0.0"));
      general = book.createCellStyle();
      date = book.createCellStyle();
      date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
    }
  }
}
