package nl.schoolmonitor.jobs.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.schoolmonitor.jobs.generate.Episode.Kind;
import nl.schoolmonitor.jobs.generate.RegionConf.Lvs;
import nl.schoolmonitor.jobs.generate.RegionConf.School;

/**
 * EduArte (MBO, an observation per scheduled lesson): {@code ;} separated, UTF-8, dates {@code yyyy-MM-dd}
 * (CONTRACT.md section 2; samples {@code 25GH00}). The observations are the timetable: every lesson of every
 * student is written, present ({@code P}), absent ({@code A}), partly absent ({@code D}), and work-placement days
 * as not applicable ({@code N}).
 */
final class EduArteExport extends SchoolExport {

  static final List<String> PUPILS_HEADER = List.of("deelnemernummer", "bsn", "onderwijsnummer", "roepnaam",
      "achternaam", "geboortedatum", "geslacht", "postcode", "woonplaats", "opleiding", "crebo", "niveau", "leerweg",
      "groep", "begindatum", "einddatum");
  static final List<String> OBSERVATIONS_HEADER = List.of("deelnemernummer", "datum", "beginTijd", "eindTijd",
      "beginLesuur", "eindLesuur", "waarnemingSoort", "afkorting", "omschrijving", "geoorloofd");

  EduArteExport(School school, Path landing, ExportNames names) {
    super(school, landing, names);
  }

  @Override
  CsvOut writePupils(List<Enrolment> pupils) throws IOException {
    try (CsvOut out = new CsvOut(folder.resolve("deelnemers" + names.yearSuffix() + ".csv"),
        CsvOut.Dialect.SEMICOLON_UTF8, PUPILS_HEADER)) {
      for (Enrolment e : pupils) {
        Person p = e.person;
        boolean mbo = e.programme != null;
        out.row(e.number, p.bsn, p.onderwijsnummer, p.firstName, p.familyName.full(), iso(p.birthDate),
            String.valueOf(p.sex), p.postcode, p.place, mbo ? e.programme.name() : e.studie(),
            mbo ? e.programme.crebo() : "", mbo ? String.valueOf(e.programme.level()) : "",
            mbo ? e.leerweg : "", e.classCode(Lvs.EDUARTE), iso(e.start), iso(knownEnd(e)));
      }
      return out;
    }
  }

  @Override
  void openAbsences() throws IOException {
    absences = new CsvOut(folder.resolve("waarnemingen" + names.yearSuffix() + ".csv"), CsvOut.Dialect.SEMICOLON_UTF8,
        OBSERVATIONS_HEADER);
  }

  @Override
  boolean observations() {
    return true;
  }

  @Override
  void writeAbsences(Enrolment e, PupilDays days, List<Episode> episodes) throws IOException {
    EpisodeCursor cursor = new EpisodeCursor(episodes);
    int placement = 0;
    for (int d = 0; d < days.size(); d++) {
      while (placement < days.placementDates.length && days.placementDates[placement].isBefore(days.dates[d])) {
        placementDay(e, days, days.placementDates[placement++]);
      }
      Episode x = cursor.at(d);
      int slots = days.slots(d);
      for (int s = 0; s < slots; s++) {
        boolean covered = x != null && x.kind() != Kind.NOT_ABSENCE && s >= x.fromSlot(d) && s <= x.toSlot(d, slots);
        String[] what = covered ? observation(x.kind()) : new String[] {"P", "", "", ""};
        lesson(e.number, days.dates[d], days.timetable, s, what);
      }
    }
    while (placement < days.placementDates.length) {
      placementDay(e, days, days.placementDates[placement++]);
    }
  }

  private void placementDay(Enrolment e, PupilDays days, LocalDate date) throws IOException {
    for (int s = 0; s < days.timetable.slots(date); s++) {
      lesson(e.number, date, days.timetable, s, new String[] {"N", "", "Stage", ""});
    }
  }

  private void lesson(String number, LocalDate date, Timetable t, int slot, String[] what) throws IOException {
    absences.row(number, iso(date), CLOCK.format(t.start(slot)), CLOCK.format(t.end(slot)),
        String.valueOf(2 * slot + 1), String.valueOf(2 * slot + 2), what[0], what[1], what[2], what[3]);
  }

  @Override
  void writeMalformed(Malformed kind, Enrolment e, LocalDate day, String unknownNumber, int[] impossible)
      throws IOException {
    switch (kind) {
      case IMPOSSIBLE_DATE -> absences.row(e.number, impossibleIso(impossible), "08:30", "10:00", "1", "2", "A", "ZK",
          "Ziek", "true");
      case UNKNOWN_PUPIL -> absences.row(unknownNumber, iso(day), "08:30", "10:00", "1", "2", "P", "", "", "");
      case WRONG_COLUMN_COUNT -> absences.malformedRow(e.number, iso(day), "10:15", "11:45", "3", "4", "A", "MD",
          "true");
    }
  }

  /** waarnemingSoort, afkorting, omschrijving, geoorloofd. */
  private static String[] observation(Kind kind) {
    return switch (kind) {
      case SICK -> new String[] {"A", "ZK", "Ziek", "true"};
      case MEDICAL -> new String[] {"A", "MD", "Medisch", "true"};
      case LEAVE -> new String[] {"A", "VL", "Verlof", "true"};
      case SUSPENDED -> new String[] {"A", "GS", "Geschorst", "true"};
      case LUXURY -> new String[] {"A", "LV", "Luxe verzuim", "false"};
      // Late: partly absent, half the lesson counts as missed (CONTRACT.md section 5).
      case LATE -> new String[] {"D", "TL", "Te laat", "false"};
      default -> new String[] {"A", "ON", "Ongeoorloofd", "false"};
    };
  }
}
