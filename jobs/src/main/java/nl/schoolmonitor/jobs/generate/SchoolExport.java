package nl.schoolmonitor.jobs.generate;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import nl.schoolmonitor.jobs.generate.RegionConf.School;

/**
 * The two files one school location delivers per school year in its student information system's format
 * (CONTRACT.md section 2): the pupil list, written whole, and the absence export, streamed pupil by pupil.
 */
abstract class SchoolExport implements Closeable {

  /** Rows that are malformed on purpose, for the pipeline's quarantine (and counted in the summary). */
  enum Malformed {
    /** A date that does not exist, such as 31 February. */
    IMPOSSIBLE_DATE,
    /** A pupil number that is not on the school's pupil list. */
    UNKNOWN_PUPIL,
    /** One value missing. */
    WRONG_COLUMN_COUNT;

    String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static final DateTimeFormatter DUTCH_DATE = DateTimeFormatter.ofPattern("dd-MM-yyyy");
  static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;
  static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  final School school;
  final Path folder;
  final ExportNames names;
  CsvOut absences;

  /**
   * Names of the files of one school year: the latest year keeps the names of the samples; an earlier year
   * carries its label so the files do not collide.
   *
   * @param yearSuffix  empty, or {@code _2024-2025} for an earlier year
   * @param exportDate  the last date of the export: {@code until}, or the last school day of an earlier year
   * @param windowEnd   the last date the export knows about: {@code until}, or 31 July of an earlier year; a
   *                    school does not know yet that a pupil leaves after it
   */
  record ExportNames(String yearSuffix, LocalDate exportDate, LocalDate windowEnd) {}

  SchoolExport(School school, Path landing, ExportNames names) {
    this.school = school;
    this.folder = landing.resolve("schools").resolve(school.brinVestiging());
    this.names = names;
  }

  static SchoolExport of(School school, Path landing, ExportNames names) {
    return switch (school.lvs()) {
      case PARNASSYS -> new ParnasSysExport(school, landing, names);
      case MAGISTER -> new MagisterExport(school, landing, names);
      case SOMTODAY -> new SomtodayExport(school, landing, names);
      case EDUARTE -> new EduArteExport(school, landing, names);
    };
  }

  /** Writes the pupil list, whole; returns the closed file (its path and number of rows). */
  abstract CsvOut writePupils(List<Enrolment> pupils) throws IOException;

  /** Opens the absence export; call before {@link #writeAbsences}. */
  abstract void openAbsences() throws IOException;

  /** Writes the registrations of one enrolment (EduArte: every scheduled lesson). */
  abstract void writeAbsences(Enrolment e, PupilDays days, List<Episode> episodes) throws IOException;

  /**
   * Writes one malformed row.
   *
   * @param e             a pupil of the list with at least one school day (for the impossible date and the
   *                      missing value)
   * @param day           one of that pupil's school days
   * @param unknownNumber a pupil number not on the list
   * @param impossible    an impossible date as day, month, year, e.g. {@code {31, 2, 2026}}
   */
  abstract void writeMalformed(Malformed kind, Enrolment e, LocalDate day, String unknownNumber, int[] impossible)
      throws IOException;

  /** Whether the absence export counts as observations (EduArte) rather than absences. */
  boolean observations() {
    return false;
  }

  @Override
  public void close() throws IOException {
    if (absences != null) {
      absences.close();
    }
  }

  /** The end of the enrolment as the school knows it at the export: none yet when it is after the window. */
  LocalDate knownEnd(Enrolment e) {
    return e.end == null || e.end.isAfter(names.windowEnd()) ? null : e.end;
  }

  static String dutch(LocalDate date) {
    return date == null ? "" : DUTCH_DATE.format(date);
  }

  static String iso(LocalDate date) {
    return date == null ? "" : ISO_DATE.format(date);
  }

  /** An impossible date in {@code dd-MM-yyyy}. */
  static String impossibleDutch(int[] dmy) {
    return String.format("%02d-%02d-%04d", dmy[0], dmy[1], dmy[2]);
  }

  /** An impossible date in {@code yyyy-MM-dd}. */
  static String impossibleIso(int[] dmy) {
    return String.format("%04d-%02d-%02d", dmy[2], dmy[1], dmy[0]);
  }

  /** The episode of {@code days} index {@code d}, or null; {@code episodes} are ordered and never share a day. */
  static final class EpisodeCursor {
    private final List<Episode> episodes;
    private int next;

    EpisodeCursor(List<Episode> episodes) {
      this.episodes = episodes;
    }

    Episode at(int d) {
      while (next < episodes.size() && episodes.get(next).lastDay() < d) {
        next++;
      }
      if (next < episodes.size() && episodes.get(next).firstDay() <= d) {
        return episodes.get(next);
      }
      return null;
    }
  }
}
