package nl.schoolmonitor.jobs.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import nl.schoolmonitor.jobs.generate.Episode.Kind;
import nl.schoolmonitor.jobs.generate.RegionConf.Lvs;
import nl.schoolmonitor.jobs.generate.RegionConf.School;

/**
 * SOMtoday (secondary, absence reports spanning time): {@code ,} separated, UTF-8, ISO dates and date-times
 * (CONTRACT.md section 2; samples {@code 23EF01}). A sickness report spans its days, from the first lesson missed
 * to the last; one still open at the export date has no end.
 */
final class SomtodayExport extends SchoolExport {

  static final List<String> PUPILS_HEADER = List.of("leerlingnummer", "bsn", "onderwijsnummer", "roepnaam",
      "achternaam", "geboortedatum", "geslacht", "postcode", "woonplaats", "stamgroep", "leerjaar", "opleiding",
      "inschrijvingsdatum", "uitschrijvingsdatum", "ondersteuningsbehoefte");
  static final List<String> ABSENCES_HEADER = List.of("leerlingnummer", "beginDatumTijd", "eindDatumTijd",
      "beginLesuur", "eindLesuur", "absentieSoort", "afkorting", "omschrijving", "geoorloofd", "afgehandeld");

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  /** Whole-day reports of some schools run to lesson hour 8, outside the six scheduled hours. */
  private static final int LAST_LESSON_OF_THE_DAY = 8;

  SomtodayExport(School school, Path landing, ExportNames names) {
    super(school, landing, names);
  }

  @Override
  CsvOut writePupils(List<Enrolment> pupils) throws IOException {
    try (CsvOut out = new CsvOut(folder.resolve("leerlingen" + names.yearSuffix() + ".csv"),
        CsvOut.Dialect.COMMA_UTF8, PUPILS_HEADER)) {
      for (Enrolment e : pupils) {
        Person p = e.person;
        String sex = switch (p.sex) {
          case 'M' -> "Man";
          case 'V' -> "Vrouw";
          default -> "Onbekend";
        };
        out.row(e.number, p.bsn, p.onderwijsnummer, p.firstName, p.familyName.full(), iso(p.birthDate), sex,
            p.postcode, p.place, e.classCode(Lvs.SOMTODAY), String.valueOf(e.yearGroup), e.track.label,
            iso(e.start), iso(knownEnd(e)), String.valueOf(p.specialNeeds));
      }
      return out;
    }
  }

  @Override
  void openAbsences() throws IOException {
    absences = new CsvOut(folder.resolve("absentiemeldingen" + names.yearSuffix() + ".csv"),
        CsvOut.Dialect.COMMA_UTF8, ABSENCES_HEADER);
  }

  @Override
  void writeAbsences(Enrolment e, PupilDays days, List<Episode> episodes) throws IOException {
    Timetable t = days.timetable;
    for (Episode x : episodes) {
      switch (x.kind()) {
        case NOT_ABSENCE -> { }
        case LATE -> {
          LocalTime start = t.start(x.firstSlot());
          String lesson = String.valueOf(x.firstSlot() + 1);
          absences.row(e.number, at(days.dates[x.firstDay()], start),
              at(days.dates[x.firstDay()], start.plusMinutes(x.lateMinutes())), lesson, lesson, "Telaat", "TL",
              "Te laat", "false", "true");
        }
        case UNAUTHORISED, TRUANCY, REMOVED -> {
          // Registered day by day by the teachers, not as one report.
          for (int d = x.firstDay(); d <= x.lastDay(); d++) {
            report(e, days, x, d, d, x.fromSlot(d), x.toSlot(d, days.slots(d)), false);
          }
        }
        default -> report(e, days, x, x.firstDay(), x.lastDay(), x.firstSlot(),
            x.toSlot(x.lastDay(), days.slots(x.lastDay())), x.open());
      }
    }
  }

  private void report(Enrolment e, PupilDays days, Episode x, int firstDay, int lastDay, int fromSlot, int toSlot,
      boolean open) throws IOException {
    Timetable t = days.timetable;
    String begin = at(days.dates[firstDay], t.start(fromSlot));
    if (open) {
      absences.row(e.number, begin, "", String.valueOf(fromSlot + 1), "", "Absent", afkorting(x.kind()),
          omschrijving(x.kind()), "true", "false");
      return;
    }
    int lastLesson = toSlot == Timetable.SCHEDULED_LESSONS - 1 && x.variant() % 3 == 0
        ? LAST_LESSON_OF_THE_DAY - 1 : toSlot;
    String soort = x.kind() == Kind.REMOVED ? "Verwijderd" : "Absent";
    String handled = x.kind().unauthorised && x.variant() % 4 == 0 ? "false" : "true";
    absences.row(e.number, begin, at(days.dates[lastDay], t.end(lastLesson)), String.valueOf(fromSlot + 1),
        String.valueOf(lastLesson + 1), soort, afkorting(x.kind()), omschrijving(x.kind()),
        String.valueOf(!x.kind().unauthorised), handled);
  }

  @Override
  void writeMalformed(Malformed kind, Enrolment e, LocalDate day, String unknownNumber, int[] impossible)
      throws IOException {
    switch (kind) {
      case IMPOSSIBLE_DATE -> absences.row(e.number, impossibleIso(impossible) + "T08:30:00",
          impossibleIso(impossible) + "T14:20:00", "1", "6", "Absent", "Z", "Ziek", "true", "true");
      case UNKNOWN_PUPIL -> absences.row(unknownNumber, at(day, LocalTime.of(8, 30)), at(day, LocalTime.of(14, 20)),
          "1", "6", "Absent", "Z", "Ziek", "true", "true");
      case WRONG_COLUMN_COUNT -> absences.malformedRow(e.number, at(day, LocalTime.of(10, 30)),
          at(day, LocalTime.of(11, 20)), "3", "3", "Absent", "M", "Medisch", "true");
    }
  }

  private static String at(LocalDate date, LocalTime time) {
    return DATE_TIME.format(date.atTime(time));
  }

  private static String afkorting(Kind kind) {
    return switch (kind) {
      case SICK -> "Z";
      case MEDICAL -> "M";
      case LEAVE -> "V";
      case SUSPENDED -> "GS";
      case UNAUTHORISED -> "ON";
      case TRUANCY -> "SP";
      case LUXURY -> "LV";
      case REMOVED -> "VW";
      case LATE -> "TL";
      case NOT_ABSENCE -> "";
    };
  }

  private static String omschrijving(Kind kind) {
    return switch (kind) {
      case SICK -> "Ziek";
      case MEDICAL -> "Medisch";
      case LEAVE -> "Verlof";
      case SUSPENDED -> "Geschorst";
      case UNAUTHORISED -> "Ongeoorloofd afwezig";
      case TRUANCY -> "Spijbelen";
      case LUXURY -> "Luxe verzuim";
      case REMOVED -> "Verwijderd uit de les";
      case LATE -> "Te laat";
      case NOT_ABSENCE -> "";
    };
  }
}
