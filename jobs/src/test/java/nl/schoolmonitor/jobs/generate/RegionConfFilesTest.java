package nl.schoolmonitor.jobs.generate;

import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.CONF;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.SAMPLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The demo region's configuration files (conf/twente) against CONTRACT.md section 4 and DOMAIN.md section 6. */
class RegionConfFilesTest {

  private static final Map<String, String> TWENTE = new LinkedHashMap<>();

  static {
    TWENTE.put("GM0141", "Almelo");
    TWENTE.put("GM0147", "Borne");
    TWENTE.put("GM0153", "Enschede");
    TWENTE.put("GM0158", "Haaksbergen");
    TWENTE.put("GM0163", "Hellendoorn");
    TWENTE.put("GM0164", "Hengelo");
    TWENTE.put("GM0168", "Losser");
    TWENTE.put("GM0173", "Oldenzaal");
    TWENTE.put("GM0183", "Tubbergen");
    TWENTE.put("GM0189", "Wierden");
    TWENTE.put("GM1700", "Twenterand");
    TWENTE.put("GM1735", "Hof van Twente");
    TWENTE.put("GM1742", "Rijssen-Holten");
    TWENTE.put("GM1774", "Dinkelland");
  }

  @Test
  void municipalitiesAreTheFourteenOfTwente() throws IOException {
    List<CSVRecord> rows = csv("municipalities.csv");
    Map<String, String> names = new LinkedHashMap<>();
    rows.forEach(r -> names.put(r.get("municipality_code"), r.get("name")));
    assertThat(names).containsExactlyEntriesOf(TWENTE);
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.get("rmc_region")).isEqualTo("22");
      assertThat(Integer.parseInt(r.get("residents_5_18"))).isBetween(2000, 30000);
    });
    assertThat(rows).filteredOn(r -> r.get("name").equals("Enschede")).singleElement()
        .satisfies(r -> assertThat(r.get("residents_5_18")).isEqualTo("24100"));
  }

  @Test
  void everySchoolIsInATwenteMunicipalityAndEveryMunicipalityHasAPrimarySchool() throws IOException {
    List<CSVRecord> schools = csv("schools.csv");
    assertThat(schools).extracting(r -> r.get("municipality_code")).allMatch(TWENTE::containsKey);
    Set<String> withPrimary = schools.stream().filter(r -> r.get("sector").equals("PO"))
        .map(r -> r.get("municipality_code")).collect(Collectors.toSet());
    assertThat(withPrimary).containsExactlyInAnyOrderElementsOf(TWENTE.keySet());
  }

  @Test
  void schoolsHaveTheAgreedMix() throws IOException {
    List<CSVRecord> schools = csv("schools.csv");
    assertThat(schools).hasSizeBetween(55, 65);
    assertThat(schools).extracting(r -> r.get("brin_vestiging")).allMatch(b -> b.matches("\\d{2}[A-Z]{2}\\d{2}"))
        .doesNotHaveDuplicates();
    Map<String, Long> perSectorAndLvs = schools.stream()
        .collect(Collectors.groupingBy(r -> r.get("sector") + "/" + r.get("lvs"), TreeMap::new,
            Collectors.counting()));
    assertThat(perSectorAndLvs).containsOnlyKeys("PO/parnassys", "SO/parnassys", "VO/magister", "VO/somtoday",
        "VSO/magister", "MBO/eduarte");
    assertThat(perSectorAndLvs.get("PO/parnassys")).isBetween(40L, 48L);
    assertThat(perSectorAndLvs.get("VO/magister")).isEqualTo(6L);
    assertThat(perSectorAndLvs.get("VO/somtoday")).isEqualTo(6L);
    assertThat(perSectorAndLvs).containsEntry("SO/parnassys", 1L).containsEntry("VSO/magister", 1L)
        .containsEntry("MBO/eduarte", 2L);
    assertThat(schools).allSatisfy(r -> assertThat(r.get("swv_code")).isEqualTo(switch (r.get("sector")) {
      case "PO", "SO" -> "SWV 23-01";
      case "VO", "VSO" -> "SWV 23-02";
      default -> "";
    }));
  }

  @Test
  void theFourSampleSchoolsAreUnchanged() throws IOException {
    assumeThat(SAMPLES.resolve("conf/schools.csv")).as("samples of shared/domain").exists();
    List<String> sample = Files.readAllLines(SAMPLES.resolve("conf/schools.csv"), StandardCharsets.UTF_8);
    List<String> ours = Files.readAllLines(CONF.resolve("schools.csv"), StandardCharsets.UTF_8);
    assertThat(ours).containsAll(sample);
  }

  @Test
  void holidaysOfTheLatestYearAreTheSampleRows() throws IOException {
    assumeThat(SAMPLES.resolve("conf/holidays.csv")).as("samples of shared/domain").exists();
    List<String> sample = Files.readAllLines(SAMPLES.resolve("conf/holidays.csv"), StandardCharsets.UTF_8);
    List<String> ours = Files.readAllLines(CONF.resolve("holidays.csv"), StandardCharsets.UTF_8);
    assertThat(ours.subList(ours.size() - (sample.size() - 1), ours.size()))
        .containsExactlyElementsOf(sample.subList(1, sample.size()));
  }

  @Test
  void holidaysCoverBothSchoolYearsWithTheirSummers() throws IOException {
    List<CSVRecord> rows = csv("holidays.csv");
    assertThat(rows).allSatisfy(r -> {
      assertThat(r.get("holiday_region")).isEqualTo("noord");
      assertThat(LocalDate.parse(r.get("start_date"))).isBeforeOrEqualTo(LocalDate.parse(r.get("end_date")));
    });
    // Summers opening 2024-2025 and 2025-2026 and closing 2025-2026.
    for (LocalDate summerDay : List.of(LocalDate.of(2024, 8, 15), LocalDate.of(2025, 8, 15),
        LocalDate.of(2026, 7, 15))) {
      assertThat(rows).anySatisfy(r -> assertThat(summerDay)
          .isBetween(LocalDate.parse(r.get("start_date")), LocalDate.parse(r.get("end_date"))));
    }
    assertThat(rows).extracting(r -> r.get("name") + " " + r.get("start_date"))
        .contains("Bevrijdingsdag 2025 2025-05-05", "Voorjaarsvakantie 2025 2025-02-15",
            "Zomervakantie 2024 2024-07-20");
  }

  @Test
  void studyDaysAreSchoolDaysOfKnownSchools() throws IOException {
    Set<String> schools = new HashSet<>();
    csv("schools.csv").forEach(r -> schools.add(r.get("brin_vestiging")));
    Set<LocalDate> holidays = new HashSet<>();
    for (CSVRecord r : csv("holidays.csv")) {
      for (LocalDate d = LocalDate.parse(r.get("start_date")); !d.isAfter(LocalDate.parse(r.get("end_date")));
          d = d.plusDays(1)) {
        holidays.add(d);
      }
    }
    assertThat(csv("study_days.csv")).hasSizeBetween(3, 15).allSatisfy(r -> {
      LocalDate d = LocalDate.parse(r.get("date"));
      assertThat(schools).contains(r.get("brin_vestiging"));
      assertThat(d.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
      assertThat(holidays).doesNotContain(d);
    });
  }

  private static List<CSVRecord> csv(String name) throws IOException {
    Path file = CONF.resolve(name);
    assertThat(Files.readAllBytes(file)[0]).as("%s: UTF-8 without byte-order mark", name).isNotEqualTo((byte) 0xEF);
    return ContractReader.records(file, StandardCharsets.UTF_8, ',');
  }
}
