package nl.schoolmonitor.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * Disclosure control over a real publication of the demo region, when one is at hand
 * ({@code DEMO_PUBLICATION}, default {@code /tmp/bench/demo/publish/2025-2026/2026-03-27}; skipped
 * otherwise): every table suppressed together and the independent check finds nothing.
 */
class DemoPublicationTest {

  @Test
  void theDemoPublicationPassesTheCheckAfterSuppression() throws IOException {
    Path folder = Path.of(System.getenv().getOrDefault("DEMO_PUBLICATION", "/tmp/bench/demo/publish/2025-2026/2026-03-27"));
    assumeTrue(Files.exists(folder.resolve("pyramid.csv")), "no demo publication at " + folder);
    List<PublishedTable> tables = List.of(
        PublishedTables.pyramid(TableText.read("pyramid", folder.resolve("pyramid.csv"))),
        PublishedTables.flags(TableText.read("flags", folder.resolve("flags.csv"))),
        PublishedTables.trendWeekly(TableText.read("trend_weekly", folder.resolve("trend_weekly.csv"))),
        PublishedTables.trendYearOverYear(TableText.read("trend_year_over_year",
            folder.resolve("trend_year_over_year.csv"))),
        PublishedTables.tierMovement(TableText.read("tier_movement", folder.resolve("tier_movement.csv"))),
        PublishedTables.patterns(TableText.read("patterns", folder.resolve("patterns.csv"))),
        PublishedTables.dataQualitySchools(TableText.read("data_quality_schools",
            folder.resolve("data_quality_schools.csv"))),
        PublishedTables.dataQualityWeekly(TableText.read("data_quality_weekly",
            folder.resolve("data_quality_weekly.csv"))));
    UnitHierarchy hierarchy = twente();

    long start = System.nanoTime();
    List<SuppressedTable> suppressed = Disclosure.protect(tables, hierarchy, DisclosureRule.DEFAULT);
    List<List<String[]>> text = new ArrayList<>();
    suppressed.forEach(s -> text.add(s.text()));
    List<String> violations = DisclosureCheck.violations(tables, text, hierarchy, DisclosureRule.DEFAULT);
    System.out.printf("demo publication: suppressed and checked in %.1f s%n", (System.nanoTime() - start) / 1e9);
    for (SuppressedTable s : suppressed) {
      System.out.printf("  %s: %d rows, %d cells x%n", s.table().fileName(), s.table().rows().size(), s.hiddenCells());
    }

    assertThat(violations).isEmpty();
    // The region's school-year pyramid is never suppressed.
    int row = 0;
    for (Object[] r : tables.get(0).rows()) {
      if (r[3].equals("region") && r[2].equals("school_year_to_date")) {
        for (int c = 0; c < r.length; c++) {
          assertThat(suppressed.get(0).isHidden(row, c)).as(tables.get(0).columns().get(c)).isFalse();
        }
      }
      row++;
    }
  }

  private static UnitHierarchy twente() throws IOException {
    List<UnitHierarchy.School> schools = new ArrayList<>();
    for (CSVRecord r : csv(Path.of("../conf/twente/schools.csv"))) {
      schools.add(new UnitHierarchy.School(r.get("brin_vestiging"), r.get("sector"), r.get("municipality_code"),
          blank(r.get("board_code")), blank(r.get("swv_code"))));
    }
    Map<String, String> rmc = new HashMap<>();
    for (CSVRecord r : csv(Path.of("../conf/twente/municipalities.csv"))) {
      rmc.put(r.get("municipality_code"), r.get("rmc_region"));
    }
    return UnitHierarchy.of("twente", schools, rmc);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file); CSVParser p = CSVFormat.DEFAULT.builder().setHeader().get().parse(in)) {
      return p.getRecords();
    }
  }
}
