package nl.schoolmonitor.jobs.generate;

import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.CONF;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two consecutive school years: pupils move on with the same BSN, leavers appear on the VSV list. */
class MultiYearTest {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  @TempDir
  static Path out;
  private static GenerationSummary summary;

  @BeforeAll
  static void generate() throws IOException {
    summary = LandingZoneGenerator.generate(settings(out, 1200, 7, "2024-2025"));
  }

  @Test
  void eachYearHasItsOwnFiles() {
    assertThat(summary.schoolYears()).containsExactly("2024-2025", "2025-2026");
    assertThat(summary.files()).contains(
        Path.of("schools/07AB00/leerlingen_export_2024-2025.csv"), Path.of("schools/07AB00/absenties_2025-07-11.csv"),
        Path.of("schools/07AB00/leerlingen_export.csv"), Path.of("schools/07AB00/absenties_2026-03-27.csv"),
        Path.of("schools/21CD00/Leerlingen_2024-2025.csv"), Path.of("schools/21CD00/Absenties_2025-07-11.csv"),
        Path.of("schools/23EF01/leerlingen_2024-2025.csv"), Path.of("schools/23EF01/absentiemeldingen_2024-2025.csv"),
        Path.of("schools/25GH00/deelnemers_2024-2025.csv"), Path.of("schools/25GH00/waarnemingen_2024-2025.csv"),
        Path.of("leerplicht/verzuimmeldingen_2024.csv"), Path.of("leerplicht/vrijstellingen_2024.csv"),
        Path.of("vsv/vsv_2024-2025.csv"), Path.of("vsv/vsv_2025-2026.csv"));
  }

  @Test
  void groepEightGoesToSecondarySchoolWithTheSameBsn() throws IOException {
    Set<String> groepEight = new HashSet<>();
    for (Map.Entry<String, List<CSVRecord>> list : lists("parnassys", "_2024-2025").entrySet()) {
      for (CSVRecord r : list.getValue()) {
        if (r.get("Jaargroep").equals("8") && r.get("Datum uitschrijving").equals("31-07-2025")) {
          groepEight.add(pgn(r.get("BSN"), r.get("Onderwijsnummer")));
        }
      }
    }
    Map<String, String> firstYearOfSecondary = new HashMap<>();
    lists("magister", "").values().forEach(rows -> rows.forEach(r -> firstYearOfSecondary.put(
        pgn(r.get("BSN"), r.get("Onderwijsnummer")), r.get("Leerjaar") + " " + r.get("Datum in"))));
    lists("somtoday", "").values().forEach(rows -> rows.forEach(r -> firstYearOfSecondary.put(
        pgn(r.get("bsn"), r.get("onderwijsnummer")), r.get("leerjaar") + " " + r.get("inschrijvingsdatum"))));
    assertThat(groepEight).hasSizeGreaterThan(20);
    assertThat(groepEight).allSatisfy(pgn -> assertThat(firstYearOfSecondary.get(pgn)).as(pgn)
        .isIn("1 01-08-2025", "1 2025-08-01"));
  }

  @Test
  void primaryPupilsWhoStayMoveUpAGroepWithTheirNumberAndBsn() throws IOException {
    Map<String, CSVRecord> before = new HashMap<>();
    lists("parnassys", "_2024-2025").forEach((school, rows) -> rows.forEach(r ->
        before.put(school + ":" + r.get("Leerlingnummer"), r)));
    int stayed = 0;
    int movedUp = 0;
    for (Map.Entry<String, List<CSVRecord>> list : lists("parnassys", "").entrySet()) {
      for (CSVRecord r : list.getValue()) {
        CSVRecord previous = before.get(list.getKey() + ":" + r.get("Leerlingnummer"));
        if (previous != null) {
          stayed++;
          assertThat(r.get("BSN")).isEqualTo(previous.get("BSN"));
          assertThat(r.get("Geboortedatum")).isEqualTo(previous.get("Geboortedatum"));
          int step = Integer.parseInt(r.get("Jaargroep")) - Integer.parseInt(previous.get("Jaargroep"));
          assertThat(step).isBetween(0, 1);
          movedUp += step;
        }
      }
    }
    assertThat(stayed).isGreaterThan(200);
    assertThat(movedUp).isGreaterThan(stayed * 8 / 10);
  }

  @Test
  void earlyLeaversOfTheFirstYearAreOnItsVsvListAndLeftTheirSchool() throws IOException {
    List<CSVRecord> vsv = ContractReader.records(out.resolve("vsv/vsv_2024-2025.csv"), WINDOWS_1252, ';');
    Map<String, String> leftOn = new HashMap<>();
    for (String lvs : List.of("magister", "somtoday", "eduarte")) {
      lists(lvs, "_2024-2025").values().forEach(rows -> rows.forEach(r -> {
        String end = r.get(lvs.equals("magister") ? "Datum uit" : lvs.equals("somtoday") ? "uitschrijvingsdatum"
            : "einddatum");
        leftOn.put(pgn(r.get(1), r.get(2)), end);
      }));
    }
    assertThat(vsv).hasSizeGreaterThan(3).allSatisfy(r -> {
      assertThat(r.get("Schooljaar")).isEqualTo("2024-2025");
      assertThat(r.get("Status")).isIn("nieuw", "teruggeleid", "werk", "onbekend");
      String end = leftOn.get(pgn(r.get("BSN"), r.get("Onderwijsnummer")));
      assertThat(end).as("a pupil of 2024-2025 with an end date").isNotNull().isNotEmpty();
      assertThat(end.replaceAll("(\\d{4})-(\\d{2})-(\\d{2})", "$3-$2-$1")).isEqualTo(r.get("Datum uitschrijving"));
    });
  }

  private static String pgn(String bsn, String onderwijsnummer) {
    return bsn.isEmpty() ? onderwijsnummer : bsn;
  }

  /** The pupil lists of one system: {@code suffix} empty for the latest year, {@code _2024-2025} for the first. */
  private static Map<String, List<CSVRecord>> lists(String lvs, String suffix) throws IOException {
    Map<String, List<CSVRecord>> lists = new HashMap<>();
    for (CSVRecord school : ContractReader.records(CONF.resolve("schools.csv"), StandardCharsets.UTF_8, ',')) {
      if (!school.get("lvs").equals(lvs)) {
        continue;
      }
      Path folder = out.resolve("schools").resolve(school.get("brin_vestiging"));
      List<CSVRecord> rows = switch (lvs) {
        case "parnassys" -> ContractReader.records(folder.resolve("leerlingen_export" + suffix + ".csv"), WINDOWS_1252,
            ';');
        case "magister" -> ContractReader.records(folder.resolve("Leerlingen" + suffix + ".csv"),
            StandardCharsets.UTF_8, ';');
        case "somtoday" -> ContractReader.records(folder.resolve("leerlingen" + suffix + ".csv"),
            StandardCharsets.UTF_8, ',');
        default -> ContractReader.records(folder.resolve("deelnemers" + suffix + ".csv"), StandardCharsets.UTF_8,
            ';');
      };
      lists.put(school.get("brin_vestiging"), rows);
    }
    return lists;
  }
}
