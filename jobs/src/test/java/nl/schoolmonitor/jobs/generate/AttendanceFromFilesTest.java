package nl.schoolmonitor.jobs.generate;

import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.CONF;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.SCHOOL_YEAR_START;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.UNTIL;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import nl.schoolmonitor.config.TierRule;
import nl.schoolmonitor.jobs.generate.ContractReader.Minutes;
import nl.schoolmonitor.jobs.generate.RegionConf.Sector;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated landing zone of 3,000 pupils read back by the contract's rules (CONTRACT.md section 5) with
 * {@link ContractReader}, independently of the generator's model: the minutes agree with the model for every
 * enrolment, and the attendance pyramid and its patterns look like the real thing.
 */
class AttendanceFromFilesTest {

  @TempDir
  static Path tmp;
  private static GenerationSummary summary;
  private static final Map<String, AttendanceTally> model = new TreeMap<>();
  private static ContractReader.Result read;

  @BeforeAll
  static void generateAndRead() throws IOException {
    summary = LandingZoneGenerator.generate(settings(tmp, 3000, 42),
        t -> model.put(t.enrolment.school.brinVestiging() + ":" + t.enrolment.number, t));
    read = ContractReader.read(tmp, CONF, SCHOOL_YEAR_START, UNTIL);
  }

  @Test
  void theFilesGiveTheModelsMinutesForEveryEnrolment() {
    assertThat(read.perEnrolment().keySet()).containsExactlyElementsOf(model.keySet());
    Map<String, Minutes> expected = new TreeMap<>();
    model.forEach((k, t) -> expected.put(k, new Minutes(t.scheduledMinutes, t.missedMinutes, t.schoolDays)));
    assertThat(read.perEnrolment()).containsExactlyEntriesOf(expected);
  }

  @Test
  void pyramidIsInTheTargetBandsAndPrimaryDoesBest() {
    int[] all = tiers(k -> true);
    assertThat(pct(all, 1)).isBetween(58.0, 72.0);
    assertThat(pct(all, 2)).isBetween(18.0, 30.0);
    assertThat(pct(all, 3)).isBetween(8.0, 16.0);
    double primary = pct(tiers(sector(Sector.PO)), 1);
    double secondary = pct(tiers(sector(Sector.VO)), 1);
    double mbo = pct(tiers(sector(Sector.MBO)), 1);
    assertThat(primary).isBetween(66.0, 80.0).isGreaterThan(secondary + 5);
    assertThat(secondary).isBetween(54.0, 70.0).isGreaterThan(mbo);
    // The summary reports the same pyramid.
    GenerationSummary.Pyramid reported = summary.pyramidPerSector().get("all");
    assertThat(new int[] {reported.tier1(), reported.tier2(), reported.tier3()})
        .containsExactly(all[1], all[2], all[3]);
    assertThat(reported.insufficientDays()).isEqualTo(all[0]);
  }

  @Test
  void leerjaarTwoMissesMoreThanLeerjaarOne() {
    double first = meanAbsencePct(k -> isVo(k) && model.get(k).enrolment.yearGroup == 1);
    double second = meanAbsencePct(k -> isVo(k) && model.get(k).enrolment.yearGroup == 2);
    assertThat(second).isGreaterThan(first * 1.1);
  }

  @Test
  void povertyAndSpecialNeedsMissMore() {
    Predicate<String> primary = sector(Sector.PO);
    double weightZero = meanAbsencePct(primary.and(k -> model.get(k).enrolment.person.weight.equals("0")));
    double weightHigh = meanAbsencePct(primary.and(k -> model.get(k).enrolment.person.weight.equals("1.2")));
    assertThat(weightHigh).isGreaterThan(weightZero * 1.15);
    double plain = meanAbsencePct(k -> !model.get(k).enrolment.person.specialNeeds);
    double needs = meanAbsencePct(k -> model.get(k).enrolment.person.specialNeeds);
    assertThat(needs).isGreaterThan(plain * 1.2);
  }

  @Test
  void moreSicknessOnTheFirstDayAfterAHoliday() {
    Set<LocalDate> holidays = read.holidays();
    List<Integer> after = new ArrayList<>();
    List<Integer> other = new ArrayList<>();
    for (LocalDate d = SCHOOL_YEAR_START; !d.isAfter(UNTIL); d = d.plusDays(1)) {
      if (d.getDayOfWeek().getValue() > 5 || holidays.contains(d)) {
        continue;
      }
      LocalDate previous = d.minusDays(d.getDayOfWeek() == DayOfWeek.MONDAY ? 3 : 1);
      // The first school day of the year has no sickness before it to continue: leave it out.
      if (d.getMonthValue() == 8) {
        continue;
      }
      (holidays.contains(previous) ? after : other).add(read.sickPrimaryPerDay().getOrDefault(d, 0));
    }
    assertThat(after).hasSizeGreaterThanOrEqualTo(3);
    assertThat(mean(after)).isGreaterThan(1.5 * mean(other));
  }

  @Test
  void flagsOccurAsInPractice() {
    long pupils = model.values().stream().filter(t -> t.tier > 0).count();
    long reportable = model.values().stream().filter(AttendanceTally::reportable16h).count();
    long mazl = model.values().stream().filter(t -> t.mazl).count();
    long longAbsence = model.values().stream().filter(AttendanceTally::longAbsence).count();
    assertThat(100.0 * reportable / pupils).isBetween(1.0, 5.0);
    assertThat(100.0 * mazl / pupils).isBetween(4.0, 12.0);
    assertThat(longAbsence).isBetween(3L, 30L);
    assertThat(summary.flags()).containsEntry("reportable_16h", (int) reportable).containsEntry("mazl", (int) mazl)
        .containsEntry("long_absence", (int) longAbsence);
  }

  @Test
  void theSilentSchoolRegistersAlmostNothing() {
    String silent = summary.silentSchool();
    double silentPct = meanAbsencePct(k -> k.startsWith(silent + ":"));
    double otherPrimary = meanAbsencePct(sector(Sector.PO).and(k -> !k.startsWith(silent + ":")));
    assertThat(silentPct).isLessThan(1.0);
    assertThat(otherPrimary).isGreaterThan(3.0);
  }

  @Test
  void leerplichtReportsFollowTheSixteenHourRule() throws IOException {
    Map<String, AttendanceTally> byPersonalNumber = new TreeMap<>();
    Set<String> reportable = new HashSet<>();
    for (AttendanceTally t : model.values()) {
      Person p = t.enrolment.person;
      String pgn = p.bsn != null ? p.bsn : p.onderwijsnummer;
      byPersonalNumber.put(pgn + ":" + t.enrolment.school.brinVestiging(), t);
      if (t.reportable16h() && !t.enrolment.school.brinVestiging().equals(summary.nonReportingSchool())
          && p.ageOn(t.reportableFrom) >= 5) {
        reportable.add(pgn);
      }
    }
    List<CSVRecord> reports = new ArrayList<>();
    for (String year : List.of("2025", "2026")) {
      reports.addAll(ContractReader.records(tmp.resolve("leerplicht/verzuimmeldingen_" + year + ".csv"),
          StandardCharsets.UTF_8, ';'));
    }
    Set<String> reported = new HashSet<>();
    for (CSVRecord r : reports) {
      String pgn = r.get("BSN").isEmpty() ? r.get("Onderwijsnummer") : r.get("BSN");
      String kind = r.get("Verzuimsoort");
      assertThat(kind).isIn("V3", "V4", "L", "LRV", "ABS");
      if (kind.equals("ABS")) {
        assertThat(r.get("BRIN") + r.get("Vestiging")).isEmpty();
        continue;
      }
      String school = r.get("BRIN") + r.get("Vestiging");
      assertThat(school).isNotEqualTo(summary.nonReportingSchool());
      AttendanceTally t = byPersonalNumber.get(pgn + ":" + school);
      assertThat(t).as("report %s: a pupil of %s", r.get("Meldingsnummer"), school).isNotNull();
      if (kind.equals("V3") || kind.equals("V4")) {
        assertThat(t.reportable16h()).isTrue();
        reported.add(pgn);
      }
    }
    // Most pupils who meet the rule are reported, not all (REPORTED_SHARE, reports after the export date).
    assertThat(reported).isSubsetOf(reportable);
    assertThat(1.0 * reported.size() / reportable.size()).isBetween(0.6, 0.97);
  }

  private static Predicate<String> sector(Sector sector) {
    return k -> model.get(k).enrolment.school.sector() == sector;
  }

  private static boolean isVo(String key) {
    return model.get(key).enrolment.school.sector() == Sector.VO;
  }

  /** Pupils without a tier (index 0) and per tier, from the minutes read from the files. */
  private static int[] tiers(Predicate<String> which) {
    int[] counts = new int[4];
    read.perEnrolment().forEach((k, m) -> {
      if (which.test(k)) {
        counts[m.schoolDays() < TierRule.DEFAULT.minSchoolDays() ? 0
            : TierRule.DEFAULT.tierOf(m.missed(), m.scheduled())]++;
      }
    });
    return counts;
  }

  private static double pct(int[] tiers, int tier) {
    return 100.0 * tiers[tier] / (tiers[1] + tiers[2] + tiers[3]);
  }

  private static double meanAbsencePct(Predicate<String> which) {
    List<Double> pcts = new ArrayList<>();
    read.perEnrolment().forEach((k, m) -> {
      if (which.test(k) && m.schoolDays() >= TierRule.DEFAULT.minSchoolDays()) {
        pcts.add(100.0 * m.missed() / m.scheduled());
      }
    });
    return pcts.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static double mean(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
  }
}
