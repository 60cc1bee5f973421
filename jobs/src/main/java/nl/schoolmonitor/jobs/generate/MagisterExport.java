package nl.schoolmonitor.jobs.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.schoolmonitor.jobs.generate.Episode.Kind;
import nl.schoolmonitor.jobs.generate.RegionConf.Lvs;
import nl.schoolmonitor.jobs.generate.RegionConf.School;

/**
 * Magister (secondary, per lesson hour): {@code ;} separated, UTF-8 with byte-order mark, dates {@code dd-MM-yyyy}
 * (CONTRACT.md section 2; samples {@code 21CD00}). One row per lesson hour with its clock times.
 */
final class MagisterExport extends SchoolExport {

  static final List<String> PUPILS_HEADER = List.of("Stamnr", "BSN", "Onderwijsnummer", "Roepnaam", "Tussenv",
      "Achternaam", "Geb.datum", "Geslacht", "Postcode", "Woonplaats", "Klas", "Studie", "Leerjaar", "Datum in",
      "Datum uit", "Extra ondersteuning", "NT2");
  static final List<String> ABSENCES_HEADER = List.of("Stamnr", "Klas", "Datum", "Lesuur", "Start", "Eind", "Code",
      "Omschrijving", "Verantwoordingtype", "Geoorloofd", "Afgehandeld");

  /** Code, Omschrijving, Verantwoordingtype, Geoorloofd. */
  private record Code(String code, String description, String type, String authorised) {}

  private static final Code EXEMPT = new Code("VR", "Vrijstelling", "6", "J");

  MagisterExport(School school, Path landing, ExportNames names) {
    super(school, landing, names);
  }

  @Override
  CsvOut writePupils(List<Enrolment> pupils) throws IOException {
    try (CsvOut out = new CsvOut(folder.resolve("Leerlingen" + names.yearSuffix() + ".csv"),
        CsvOut.Dialect.SEMICOLON_UTF8_BOM, PUPILS_HEADER)) {
      for (Enrolment e : pupils) {
        Person p = e.person;
        out.row(e.number, p.bsn, p.onderwijsnummer, p.firstName, p.familyName.tussenvoegsel(), p.familyName.name(),
            dutch(p.birthDate), String.valueOf(p.sex), p.postcode, p.place, e.classCode(Lvs.MAGISTER), e.studie(),
            String.valueOf(e.yearGroup), dutch(e.start), dutch(knownEnd(e)), p.specialNeeds ? "J" : "N",
            p.nt2 ? "J" : "N");
      }
      return out;
    }
  }

  @Override
  void openAbsences() throws IOException {
    absences = new CsvOut(folder.resolve("Absenties_" + iso(names.exportDate()) + ".csv"),
        CsvOut.Dialect.SEMICOLON_UTF8_BOM, ABSENCES_HEADER);
  }

  @Override
  void writeAbsences(Enrolment e, PupilDays days, List<Episode> episodes) throws IOException {
    String klas = e.classCode(Lvs.MAGISTER);
    EpisodeCursor cursor = new EpisodeCursor(episodes);
    for (int d = 0; d < days.size(); d++) {
      Episode x = cursor.at(d);
      int slots = days.slots(d);
      for (int s = 0; s < slots; s++) {
        if (days.exempt(d, s)) {
          lesson(e.number, klas, days, d, s, EXEMPT, "J");
        } else if (x != null && s >= x.fromSlot(d) && s <= x.toSlot(d, slots)) {
          Code code = code(x);
          // Unauthorised registrations still waiting for the mentor's follow-up are not yet handled.
          String handled = x.kind().unauthorised && x.kind() != Kind.LATE && x.variant() % 3 == 0 ? "N" : "J";
          lesson(e.number, klas, days, d, s, code, handled);
        }
      }
    }
  }

  private void lesson(String number, String klas, PupilDays days, int d, int slot, Code code, String handled)
      throws IOException {
    absences.row(number, klas, dutch(days.dates[d]), String.valueOf(slot + 1), CLOCK.format(days.timetable.start(slot)),
        CLOCK.format(days.timetable.end(slot)), code.code(), code.description(), code.type(), code.authorised(),
        handled);
  }

  @Override
  void writeMalformed(Malformed kind, Enrolment e, LocalDate day, String unknownNumber, int[] impossible)
      throws IOException {
    String klas = e.classCode(Lvs.MAGISTER);
    switch (kind) {
      case IMPOSSIBLE_DATE -> absences.row(e.number, klas, impossibleDutch(impossible), "1", "08:30", "09:20", "Z",
          "Ziek", "3", "J", "J");
      case UNKNOWN_PUPIL -> absences.row(unknownNumber, klas, dutch(day), "2", "09:20", "10:10", "A",
          "Afwezig zonder bericht", "1", "N", "N");
      case WRONG_COLUMN_COUNT -> absences.malformedRow(e.number, klas, dutch(day), "3", "10:30", "11:20", "M",
          "Medisch", "J", "J");
    }
  }

  /** Magister codes are school-specific; these follow the common ones (CONTRACT.md section 4). */
  private static Code code(Episode x) {
    return switch (x.kind()) {
      case SICK -> new Code("Z", "Ziek", "3", "J");
      case MEDICAL -> new Code("M", "Medisch", "1", "J");
      case LEAVE -> new Code("V", "Verlof", "1", "J");
      case SUSPENDED -> new Code("GE", "Geschorst", "1", "J");
      case UNAUTHORISED -> new Code("A", "Afwezig zonder bericht", "1", "N");
      case TRUANCY -> new Code("S", "Gespijbeld", "1", "N");
      // A school's own code, not in the default table: the pipeline falls back on Verantwoordingtype 1 + N.
      case LUXURY -> new Code("LV", "Luxe verzuim", "1", "N");
      case REMOVED -> new Code("U", "Uitgestuurd", "4", "N");
      case LATE -> x.variant() % 5 == 0
          ? new Code("T", "Te laat (met reden)", "2", "J")
          : new Code("L", "Te laat", "2", "N");
      case NOT_ABSENCE -> x.variant() % 2 == 0
          ? new Code("HV", "Huiswerk vergeten", "8", "N")
          : new Code("BV", "Boeken vergeten", "7", "N");
    };
  }
}
