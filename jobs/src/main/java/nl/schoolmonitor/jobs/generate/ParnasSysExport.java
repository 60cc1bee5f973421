package nl.schoolmonitor.jobs.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.schoolmonitor.jobs.generate.Episode.Kind;
import nl.schoolmonitor.jobs.generate.RegionConf.Lvs;
import nl.schoolmonitor.jobs.generate.RegionConf.School;

/**
 * ParnasSys (primary, per half day): {@code ;} separated, Windows-1252, CRLF, dates {@code dd-MM-yyyy}
 * (CONTRACT.md section 2; samples {@code 07AB00}).
 */
final class ParnasSysExport extends SchoolExport {

  static final List<String> PUPILS_HEADER = List.of("Leerlingnummer", "BSN", "Onderwijsnummer", "Roepnaam",
      "Achternaam", "Geboortedatum", "Geslacht", "Postcode", "Woonplaats", "Gemeentecode", "Groep", "Jaargroep",
      "Datum inschrijving", "Datum uitschrijving", "Leerlinggewicht", "Ondersteuningsbehoefte");
  static final List<String> ABSENCES_HEADER = List.of("Leerlingnummer", "Datum", "Dagdeel", "Absentiesoort", "Reden",
      "Geoorloofd", "Minuten");

  private static final String[] SICK_REASONS = {"Ziek gemeld door ouder", "Koorts", "Buikgriep", ""};
  private static final String[] MEDICAL_REASONS = {"Tandarts", "Huisarts", "Orthodontist", "Ziekenhuis"};
  private static final String[] LEAVE_REASONS = {"Begrafenis", "Huwelijk familie", "Religieuze feestdag"};
  private static final String[] UNAUTHORISED_REASONS = {"Geen bericht", "", "Ouders niet bereikbaar"};
  private static final String[] LUXURY_BEFORE_REASONS = {"Vakantie buiten schoolvakantie", "Eerder op vakantie"};
  private static final String[] LUXURY_AFTER_REASONS = {"Vakantie buiten schoolvakantie", "Later terug van vakantie"};

  ParnasSysExport(School school, Path landing, ExportNames names) {
    super(school, landing, names);
  }

  @Override
  CsvOut writePupils(List<Enrolment> pupils) throws IOException {
    try (CsvOut out = new CsvOut(folder.resolve("leerlingen_export" + names.yearSuffix() + ".csv"),
        CsvOut.Dialect.SEMICOLON_WINDOWS_1252_CRLF, PUPILS_HEADER)) {
      for (Enrolment e : pupils) {
        Person p = e.person;
        out.row(e.number, p.bsn, p.onderwijsnummer, p.firstName, p.familyName.full(), dutch(p.birthDate),
            String.valueOf(p.sex), p.postcode, p.place, p.municipalityCode.substring(2), e.classCode(Lvs.PARNASSYS),
            String.valueOf(e.yearGroup), dutch(e.start), dutch(knownEnd(e)), p.weight, p.specialNeeds ? "Ja" : "Nee");
      }
      return out;
    }
  }

  @Override
  void openAbsences() throws IOException {
    absences = new CsvOut(folder.resolve("absenties_" + iso(names.exportDate()) + ".csv"),
        CsvOut.Dialect.SEMICOLON_WINDOWS_1252_CRLF, ABSENCES_HEADER);
  }

  @Override
  void writeAbsences(Enrolment e, PupilDays days, List<Episode> episodes) throws IOException {
    for (Episode x : episodes) {
      if (x.kind() == Kind.NOT_ABSENCE) {
        continue;
      }
      for (int d = x.firstDay(); d <= x.lastDay(); d++) {
        String date = dutch(days.dates[d]);
        int slots = days.slots(d);
        if (x.kind() == Kind.LATE) {
          absences.row(e.number, date, part(x.firstSlot()), "Te laat", "", "Nee", String.valueOf(x.lateMinutes()));
        } else if (x.wholeDay(d, slots) && !(x.kind() == Kind.SICK && slots == 2 && x.variant() % 4 == 0)) {
          absences.row(e.number, date, "Hele dag", code(x.kind()), reason(x, days), authorised(x.kind()), "");
        } else {
          // Some schools register a sick day as two half days (as in the sample).
          for (int s = x.fromSlot(d); s <= x.toSlot(d, slots); s++) {
            absences.row(e.number, date, part(s), code(x.kind()), reason(x, days), authorised(x.kind()), "");
          }
        }
      }
    }
  }

  @Override
  void writeMalformed(Malformed kind, Enrolment e, LocalDate day, String unknownNumber, int[] impossible)
      throws IOException {
    switch (kind) {
      case IMPOSSIBLE_DATE -> absences.row(e.number, impossibleDutch(impossible), "Hele dag", "Ziek",
          "Ziek gemeld door ouder", "Ja", "");
      case UNKNOWN_PUPIL -> absences.row(unknownNumber, dutch(day), "Hele dag", "Ziek", "", "Ja", "");
      case WRONG_COLUMN_COUNT -> absences.malformedRow(e.number, dutch(day), "Ochtend", "Medisch", "Ja", "");
    }
  }

  private static String part(int slot) {
    return slot == 0 ? "Ochtend" : "Middag";
  }

  static String code(Kind kind) {
    return switch (kind) {
      case SICK -> "Ziek";
      case MEDICAL -> "Medisch";
      case LEAVE -> "Verlof";
      case SUSPENDED -> "Geschorst";
      case LUXURY -> "Luxe verzuim";
      case LATE -> "Te laat";
      case UNAUTHORISED, TRUANCY, REMOVED, NOT_ABSENCE -> "Ongeoorloofd";
    };
  }

  private static String reason(Episode x, PupilDays days) {
    String[] options = switch (x.kind()) {
      case SICK -> SICK_REASONS;
      case MEDICAL -> MEDICAL_REASONS;
      case LEAVE -> LEAVE_REASONS;
      case LUXURY -> days.beforeHoliday[x.lastDay()] ? LUXURY_BEFORE_REASONS : LUXURY_AFTER_REASONS;
      case SUSPENDED -> new String[] {"Schorsing"};
      default -> UNAUTHORISED_REASONS;
    };
    return options[x.variant() % options.length];
  }

  private static String authorised(Kind kind) {
    return kind.unauthorised ? "Nee" : "Ja";
  }
}
