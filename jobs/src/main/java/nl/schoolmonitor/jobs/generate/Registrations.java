package nl.schoolmonitor.jobs.generate;

import nl.schoolmonitor.common.SchoolYear;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import nl.schoolmonitor.jobs.generate.Enrolment.LeaveReason;
import nl.schoolmonitor.jobs.generate.Enrolment.Track;
import nl.schoolmonitor.jobs.generate.RegionConf.Municipality;
import nl.schoolmonitor.jobs.generate.RegionConf.School;

/**
 * The municipal and national registrations that go with the generated schools (CONTRACT.md section 3): leerplicht
 * reports (verzuimmeldingen), exemptions (vrijstellingen) and the VSV list. Reports follow what the schools wrote:
 * a pupil who reached 16 hours of unauthorised absence in 4 school weeks is reported (most of them: not every
 * school reports, and one school reports nothing), luxe verzuim and long absence too, plus absoluut verzuim of
 * children between schools or not enrolled anywhere.
 */
final class Registrations {

  static final List<String> REPORTS_HEADER = List.of("Meldingsnummer", "BSN", "Onderwijsnummer", "Geboortedatum",
      "Woongemeente", "BRIN", "Vestiging", "Verzuimsoort", "Melddatum", "Begindatum verzuim", "Einddatum verzuim",
      "Status", "Afhandeling");
  static final List<String> EXEMPTIONS_HEADER = List.of("BSN", "Onderwijsnummer", "Geboortedatum", "Woongemeente",
      "Soort", "Begindatum", "Einddatum");
  static final List<String> VSV_HEADER = List.of("BSN", "Onderwijsnummer", "Geboortedatum", "Woongemeente",
      "RMC-regio", "BRIN", "Vestiging", "Onderwijssoort", "Niveau", "Datum uitschrijving", "Schooljaar", "Status");

  /** Share of the reportable pupils a reporting school actually reports. */
  static final double REPORTED_SHARE = 0.9;

  /**
   * The fields of a person the registrations carry: kept instead of the {@link Person} (and its enrolment), so
   * that a school's pupils can be dropped once the school is written.
   */
  private record Who(String bsn, String onderwijsnummer, LocalDate birthDate, String municipalityCode) {
    static Who of(Person p) {
      return new Who(p.bsn, p.onderwijsnummer, p.birthDate, p.municipalityCode);
    }
  }

  private record Report(LocalDate reported, Who person, School school, String kind, LocalDate from, LocalDate to,
      String status, String handling, int sequence) {}

  private record Exemption(SchoolYear year, Who person, String kind, LocalDate from, LocalDate to) {}

  /** A row of the VSV list, its values as written. */
  private record EarlyLeaver(SchoolYear year, List<String> row) {}

  /** Rows written per file kind. */
  record Written(List<Path> files, long reports, long exemptions, long vsv) {}

  private final RegionConf conf;
  private final List<Report> reports = new ArrayList<>();
  private final List<Exemption> exemptions = new ArrayList<>();
  private final List<EarlyLeaver> earlyLeavers = new ArrayList<>();
  private final List<SchoolYear> years = new ArrayList<>();

  Registrations(RegionConf conf) {
    this.conf = conf;
  }

  /** What the municipality registered about one enrolment of the year. */
  void consider(Enrolment e, AttendanceTally t, boolean schoolReports, SchoolCalendar cal, SplittableRandom rng) {
    Person p = e.person;
    LocalDate windowEnd = cal.windowEnd;
    if (schoolReports && t.reportable16h() && rng.nextDouble() < REPORTED_SHARE) {
      LocalDate reported = t.reportableOn.plusDays(1 + rng.nextInt(7));
      int age = p.ageOn(reported);
      if (!reported.isAfter(windowEnd) && p.ageOn(t.reportableFrom) >= 5 && age < 23) {
        // Leerplichtwet art. 21a: V3 under 18; from 18 (no startkwalificatie) V4, to the RMC.
        report(reported, p, e.school, age < 18 ? "V3" : "V4", t.reportableFrom, t.reportableOn, windowEnd, rng);
      }
    }
    if (schoolReports && t.luxuryFrom != null && p.ageOn(t.luxuryFrom) >= 5 && rng.nextDouble() < 0.4) {
      LocalDate reported = t.luxuryTo.plusDays(2 + rng.nextInt(9));
      if (!reported.isAfter(windowEnd)) {
        report(reported, p, e.school, "L", t.luxuryFrom, t.luxuryTo, windowEnd, rng);
      }
    }
    if (schoolReports && t.longAbsence() && p.ageOn(t.longAbsenceFrom) >= 5) {
      LocalDate reported = t.longAbsenceOn.plusDays(1 + rng.nextInt(5));
      if (!reported.isAfter(windowEnd)) {
        report(reported, p, e.school, "LRV", t.longAbsenceFrom, null, windowEnd, rng);
      }
    }
    // Between two schools for weeks: absoluut verzuim until the new school enrols the pupil.
    if (e.previous != null && e.previous.end != null) {
      LocalDate from = e.previous.end.plusDays(1);
      LocalDate to = e.start.minusDays(1);
      int age = p.ageOn(from);
      if (ChronoUnit.DAYS.between(from, to) >= 14 && age >= 5 && age < 18 && rng.nextDouble() < 0.6) {
        LocalDate reported = from.plusDays(7 + rng.nextInt(5));
        if (!reported.isAfter(to) && !reported.isAfter(windowEnd)) {
          reports.add(new Report(reported, Who.of(p), null, "ABS", from, to, "G", "Gesprek", reports.size()));
        }
      }
    }
    if (e.leaveReason == LeaveReason.EARLY_LEAVER && e.end != null && !e.end.isAfter(windowEnd)) {
      earlyLeavers.add(new EarlyLeaver(cal.year, vsvRow(e, cal.year)));
    }
    if (e.leaveReason == LeaveReason.EXEMPTED && e.end != null && !e.end.isAfter(windowEnd)) {
      exemptions.add(new Exemption(cal.year, Who.of(p), "5a", e.end.plusDays(1), cal.year.lastDay()));
    }
  }

  /**
   * Children of compulsory-school age in no school's pupil list: a few absoluut verzuim reports, and exemptions
   * (at least one every year) for children who do not have to go to school.
   */
  void endOfYear(SchoolCalendar cal, Population population, int pupils, SplittableRandom rng) {
    SchoolYear year = cal.year;
    years.add(year);
    LocalDate first = cal.firstRegionSchoolDay();
    long span = Math.max(1, ChronoUnit.DAYS.between(first, cal.windowEnd));
    for (int i = 0; i < 2 + pupils / 1500; i++) {
      Person child = population.childOutsideSchools(5 + rng.nextInt(11));
      LocalDate reported = first.plusDays(rng.nextLong(span + 1));
      LocalDate from = reported.minusDays(10 + rng.nextInt(50));
      if (from.isBefore(year.firstDay())) {
        from = year.firstDay();
      }
      report(reported, child, null, "ABS", from, null, cal.windowEnd, rng);
    }
    String[] kinds = {"5a", "5b", "5c", "5a-trekkend"};
    for (int i = 0; i < 1 + pupils / 2500; i++) {
      Person child = population.childOutsideSchools(5 + rng.nextInt(11));
      exemptions.add(new Exemption(year, Who.of(child), kinds[i % kinds.length], year.firstDay(), year.lastDay()));
    }
  }

  private void report(LocalDate reported, Person p, School school, String kind, LocalDate from, LocalDate to,
      LocalDate windowEnd, SplittableRandom rng) {
    long age = ChronoUnit.DAYS.between(reported, windowEnd);
    String status;
    String handling = "";
    int u = rng.nextInt(100);
    if (age < 7) {
      status = u < 50 ? "W" : "R";
    } else if (age < 35) {
      status = u < 60 ? "B" : "R";
      handling = status.equals("B") && u < 30 ? "Gesprek" : "";
    } else if (u < 60) {
      status = "G";
      int h = rng.nextInt(100);
      handling = h < 45 ? "Gesprek" : h < 70 ? "Waarschuwing" : h < 80 ? "HALT" : h < 85 ? "Proces-verbaal"
          : "Zorgtraject";
    } else if (u < 80) {
      status = "B";
      handling = "Gesprek";
    } else {
      status = u < 88 ? "K" : u < 95 ? "D" : "I";
    }
    reports.add(new Report(reported, Who.of(p), school, kind, from, to, status, handling, reports.size()));
  }

  private List<String> vsvRow(Enrolment e, SchoolYear year) {
    Person p = e.person;
    Municipality m = conf.municipalities.get(p.municipalityCode);
    String level = e.track == Track.MBO ? String.valueOf(e.programme.level()) : e.track.label;
    return Arrays.asList(p.bsn, p.onderwijsnummer, SchoolExport.dutch(p.birthDate), p.municipalityCode,
        m == null ? "" : m.rmcRegion(), e.school.brin(), e.school.vestiging(), e.school.sector().name(), level,
        SchoolExport.dutch(e.end), year.label(), e.vsvStatus);
  }

  Written write(Path landing, LocalDate until) throws IOException {
    List<Path> files = new ArrayList<>();
    // Reports: one file per calendar year of the report date, numbered within that year.
    TreeMap<Integer, List<Report>> byYear = new TreeMap<>();
    for (int y = years.get(0).startYear(); y <= until.getYear(); y++) {
      byYear.put(y, new ArrayList<>());
    }
    reports.stream().sorted(Comparator.comparing(Report::reported).thenComparingInt(Report::sequence))
        .forEach(r -> byYear.computeIfAbsent(r.reported().getYear(), y -> new ArrayList<>()).add(r));
    long reportRows = 0;
    for (var entry : byYear.entrySet()) {
      Path file = landing.resolve("leerplicht").resolve("verzuimmeldingen_" + entry.getKey() + ".csv");
      try (CsvOut out = new CsvOut(file, CsvOut.Dialect.SEMICOLON_UTF8, REPORTS_HEADER)) {
        int n = 0;
        for (Report r : entry.getValue()) {
          Who p = r.person();
          out.row(String.format("M-%d-%04d", entry.getKey(), ++n), p.bsn(), p.onderwijsnummer(),
              SchoolExport.dutch(p.birthDate()), p.municipalityCode(), r.school() == null ? "" : r.school().brin(),
              r.school() == null ? "" : r.school().vestiging(), r.kind(), SchoolExport.dutch(r.reported()),
              SchoolExport.dutch(r.from()), SchoolExport.dutch(r.to()), r.status(), r.handling());
        }
        reportRows += out.rows();
      }
      files.add(file);
    }
    long exemptionRows = 0;
    long vsvRows = 0;
    for (SchoolYear year : years) {
      Path file = landing.resolve("leerplicht").resolve("vrijstellingen_" + year.startYear() + ".csv");
      try (CsvOut out = new CsvOut(file, CsvOut.Dialect.SEMICOLON_UTF8, EXEMPTIONS_HEADER)) {
        for (Exemption x : exemptions) {
          if (x.year().equals(year)) {
            Who p = x.person();
            out.row(p.bsn(), p.onderwijsnummer(), SchoolExport.dutch(p.birthDate()), p.municipalityCode(), x.kind(),
                SchoolExport.dutch(x.from()), SchoolExport.dutch(x.to()));
          }
        }
        exemptionRows += out.rows();
      }
      files.add(file);
      Path vsvFile = landing.resolve("vsv").resolve("vsv_" + year.label() + ".csv");
      try (CsvOut out = new CsvOut(vsvFile, CsvOut.Dialect.SEMICOLON_WINDOWS_1252_CRLF, VSV_HEADER)) {
        for (EarlyLeaver v : earlyLeavers) {
          if (v.year().equals(year)) {
            out.row(v.row().toArray(String[]::new));
          }
        }
        vsvRows += out.rows();
      }
      files.add(vsvFile);
    }
    return new Written(files, reportRows, exemptionRows, vsvRows);
  }
}
