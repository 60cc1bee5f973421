package nl.schoolmonitor.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import nl.schoolmonitor.config.FlagRule;
import nl.schoolmonitor.config.Norm;
import nl.schoolmonitor.config.TierRule;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole publication: files written, the workbook opened with POI, the files scanned for identities. */
class PublicationTest {

  private static final LocalDate REFERENCE = LocalDate.of(2026, 3, 27);
  private static final PublicationInfo INFO = new PublicationInfo("Twente", "2025-2026", REFERENCE, TierRule.DEFAULT,
      Norm.DEFAULT, FlagRule.DEFAULT);
  private static final UnitHierarchy HIERARCHY = UnitHierarchy.of("twente", List.of(
      new UnitHierarchy.School("07AB00", "PO", "GM0153", "41001", "SWV 23-01")), Map.of("GM0153", "22"));
  private static final String PYRAMID = "school_year,reference_date,window,level,unit_code,unit_name,pupils,"
      + "insufficient_days,tier1,tier2,tier3,tier1_pct,tier2_pct,tier3_pct,norm_tier1_pct,norm_tier2_pct,"
      + "norm_tier3_pct,diff_tier1_pp,diff_tier2_pp,diff_tier3_pp";

  @TempDir
  Path folder;

  @Test
  void writesTheCsvFilesWithXAndAWorkbookWithDutchSheetsLabelsNumbersAndX() throws IOException {
    Publication.Written written = Publication.write(fs(), new org.apache.hadoop.fs.Path(folder.toString()), tables(),
        HIERARCHY, DisclosureRule.DEFAULT, INFO);

    assertThat(written.rows()).containsExactly(Map.entry("pyramid.csv", 2L), Map.entry("flags.csv", 1L),
        Map.entry("data_quality_files.csv", 1L));
    assertThat(Files.readAllLines(folder.resolve("pyramid.csv"))).containsExactly(PYRAMID,
        "2025-2026,2026-03-27,school_year_to_date,school,07AB00,De Esch,20,0,12,x,x,60.0,x,x,80.0,15.0,5.0,-20.0,x,x",
        "2025-2026,2026-03-27,school_year_to_date,class,07AB00:5a,De Esch 5a,20,0,12,x,x,60.0,x,x,80.0,15.0,5.0,-20.0,x,x");

    Path workbook = folder.resolve("schoolaanwezigheid_2025-2026_2026-03-27.xlsx");
    assertThat(written.workbook().getName()).isEqualTo("schoolaanwezigheid_2025-2026_2026-03-27.xlsx");
    try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
      List<String> sheets = new ArrayList<>();
      book.forEach(s -> sheets.add(s.getSheetName()));
      assertThat(sheets).containsExactly("Toelichting", "Piramide", "Signalen", "Kwaliteit bestanden");

      Sheet pyramid = book.getSheet("Piramide");
      assertThat(pyramid.getPaneInformation().isFreezePane()).isTrue();
      assertThat(pyramid.getRow(0).getCell(6).getStringCellValue()).isEqualTo("Leerlingen met niveau");
      assertThat(pyramid.getRow(0).getCell(10).getStringCellValue()).isEqualTo("Niveau 3 (rood)");
      assertThat(pyramid.getRow(1).getCell(8).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(pyramid.getRow(1).getCell(8).getNumericCellValue()).isEqualTo(12.0);
      assertThat(pyramid.getRow(1).getCell(11).getNumericCellValue()).isEqualTo(60.0);
      assertThat(pyramid.getRow(1).getCell(10).getCellType()).isEqualTo(CellType.STRING);
      assertThat(pyramid.getRow(1).getCell(10).getStringCellValue()).isEqualTo("x");
      assertThat(pyramid.getRow(1).getCell(1).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(REFERENCE);

      Sheet explanation = book.getSheet("Toelichting");
      List<String> text = new ArrayList<>();
      explanation.forEach(row -> row.forEach(cell -> text.add(cell.getStringCellValue())));
      assertThat(text).contains("Peildatum", "Niveau 3 (rood)", "verzuim vanaf 10.0%",
          "Een aantal van 1 tot en met 4 leerlingen staat als x (0 wordt getoond).", "Piramide", "tier3");
      assertThat(text).anyMatch(t -> t.startsWith("2026-03-27: de cijfers lopen tot en met deze dag"));
      assertThat(text).anyMatch(t -> t.contains("minder dan 10 leerlingen"));
    }
  }

  @Test
  void aTableWithMoreRowsThanASheetHoldsGoesOnOverNumberedSheetsEachWithItsHeader() throws IOException {
    List<String> rows = new ArrayList<>(List.of("school_year,week_start,brin_vestiging,days_expected,"
        + "days_with_registration,days_without_registration,registration_pct"));
    for (int w = 0; w < 5; w++) {
      rows.add("2025-2026," + REFERENCE.minusDays(4).minusWeeks(4 - w) + ",07AB00,5,5,0,100.0");
    }
    PublishedTable weekly = TableText.table("data_quality_weekly", rows.toArray(String[]::new));
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder.resolve("book.xlsx").toString());

    Workbook.write(fs(), file, Disclosure.protect(List.of(weekly), HIERARCHY, DisclosureRule.DEFAULT),
        DisclosureRule.DEFAULT, INFO, 2);

    try (InputStream in = Files.newInputStream(folder.resolve("book.xlsx")); XSSFWorkbook book = new XSSFWorkbook(in)) {
      String name = Workbook.sheetName("data_quality_weekly", 0);
      List<String> sheets = new ArrayList<>();
      book.forEach(s -> sheets.add(s.getSheetName()));
      assertThat(sheets).containsExactly("Toelichting", name, name + " (2)", name + " (3)");
      List<String> weeks = new ArrayList<>();
      for (String sheet : sheets.subList(1, 4)) {
        Sheet s = book.getSheet(sheet);
        assertThat(s.getRow(0).getCell(1).getStringCellValue()).as(sheet).isEqualTo(
            Labels.label("data_quality_weekly", "week_start"));
        for (int r = 1; r <= s.getLastRowNum(); r++) {
          weeks.add(s.getRow(r).getCell(1).getLocalDateTimeCellValue().toLocalDate().toString());
        }
      }
      assertThat(weeks).containsExactly("2026-02-23", "2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23");
      List<String> text = new ArrayList<>();
      book.getSheet("Toelichting").forEach(row -> row.forEach(cell -> text.add(cell.getStringCellValue())));
      assertThat(text).anyMatch(t -> t.endsWith("Verdeeld over 3 bladen (" + name + " tot en met " + name
          + " (3)): een blad houdt 2 rijen."));
    }
    assertThat(Workbook.sheetName("data_quality_weekly", 11)).hasSizeLessThanOrEqualTo(31).endsWith(" (12)");
  }

  @Test
  void aViolationStopsThePublicationBeforeAnyFileIsWritten() {
    // A pupils column declared as counts, but a table with only one unit and a row sum that the
    // suppression cannot satisfy: the only other cell of the line is empty.
    PublishedTable broken = TableText.table("pyramid", "level,unit_code,pupils,tier3", "school,07AB00,,3")
        .units("level", "unit_code").counts("tier3").sum("pupils", "tier3");

    assertThatThrownBy(() -> Publication.write(fs(), new org.apache.hadoop.fs.Path(folder.toString()),
        List.of(broken), HIERARCHY, DisclosureRule.DEFAULT, INFO))
        .isInstanceOf(DisclosureCheck.DisclosureException.class)
        .hasMessageContaining("pyramid.csv line 2 (school 07AB00): tier3 is the only x in the line 'pupils = tier3'");
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void noWrittenFileHoldsAPseudonymABsnLikeNumberOrADateOfBirth() throws IOException {
    Publication.write(fs(), new org.apache.hadoop.fs.Path(folder.toString()), tables(), HIERARCHY,
        DisclosureRule.DEFAULT, INFO);

    Pattern pseudonym = Pattern.compile("(?i)(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])");
    Pattern bsn = Pattern.compile("(?<!\\d)\\d{9}(?!\\d)");
    Pattern isoDate = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    Pattern dutchDate = Pattern.compile("(?<!\\d)\\d{1,2}[-/]\\d{1,2}[-/]\\d{4}(?!\\d)");
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
    }
    assertThat(files).hasSize(4);
    for (Path file : files) {
      String text = file.toString().endsWith(".xlsx") ? xmlOf(file) : Files.readString(file);
      assertThat(pseudonym.matcher(text).find()).as(file + " holds a 64-hex pseudonym").isFalse();
      assertThat(bsn.matcher(text).find()).as(file + " holds a 9-digit number").isFalse();
      assertThat(dutchDate.matcher(text).find()).as(file + " holds a dd-mm-yyyy date").isFalse();
      // Every ISO date is a date of the publication (school years, weeks), never a birth date.
      Matcher dates = isoDate.matcher(text);
      while (dates.find()) {
        assertThat(LocalDate.parse(dates.group())).as(file + ": " + dates.group())
            .isBetween(LocalDate.of(2024, 8, 1), REFERENCE);
      }
    }
  }

  /** A pyramid (a school and its one class), its flags and a file report. */
  private static List<PublishedTable> tables() {
    return List.of(
        PublishedTables.pyramid(TableText.table("pyramid", PYRAMID,
            "2025-2026,2026-03-27,school_year_to_date,school,07AB00,De Esch,20,0,12,5,3,60.0,25.0,15.0,80.0,15.0,"
                + "5.0,-20.0,10.0,10.0",
            "2025-2026,2026-03-27,school_year_to_date,class,07AB00:5a,De Esch 5a,20,0,12,5,3,60.0,25.0,15.0,80.0,"
                + "15.0,5.0,-20.0,10.0,10.0")),
        PublishedTables.flags(TableText.table("flags",
            "school_year,reference_date,level,unit_code,unit_name,pupils,reportable_16h,mazl,long_absence,"
                + "late_pattern,holiday_adjacent_absence",
            "2025-2026,2026-03-27,school,07AB00,De Esch,20,0,6,0,0,5")),
        TableText.table("data_quality_files",
            "source_file,brin_vestiging,profile,encoding,status,reason,rows_read,rows_accepted,rows_quarantined,"
                + "rows_pending",
            "schools/07AB00/absenties_2026-03-27.csv,07AB00,parnassys-absences,UTF-8,loaded,,305,302,3,0"));
  }

  /** The XML of every part of an .xlsx, where its cell values and shared strings are. */
  private static String xmlOf(Path xlsx) throws IOException {
    StringBuilder xml = new StringBuilder();
    try (ZipFile zip = new ZipFile(xlsx.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        if (e.getName().endsWith(".xml")) {
          try (InputStream in = zip.getInputStream(e)) {
            xml.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    return xml.toString();
  }

  private static FileSystem fs() throws IOException {
    return FileSystem.getLocal(new Configuration());
  }
}
