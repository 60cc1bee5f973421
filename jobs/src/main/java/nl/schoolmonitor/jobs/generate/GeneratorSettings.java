package nl.schoolmonitor.jobs.generate;

import nl.schoolmonitor.common.SchoolYear;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What the demo generator writes: which region (its school registry, municipalities and holiday calendar),
 * which school years, up to which date, how many pupils, from which seed, and where.
 *
 * <p>The same settings always give byte-identical files. Study days are read from {@code study_days.csv}
 * next to {@code schoolsCsv} when that file exists (CONTRACT.md section 4: the file is optional).
 *
 * @param schoolsCsv        the region's {@code schools.csv}; one landing folder per school location in it
 * @param municipalitiesCsv the region's {@code municipalities.csv}; pupils live in these municipalities
 * @param holidaysCsv       the region's {@code holidays.csv}; must cover every generated school year
 * @param holidayRegion     the rows of {@code holidaysCsv} to use, e.g. {@code noord}
 * @param fromSchoolYear    first school year to generate, e.g. {@code 2024-2025}; equal to {@code schoolYear}
 *                          for one year
 * @param schoolYear        the latest school year, e.g. {@code 2025-2026}
 * @param until             last date with registrations in {@code schoolYear} (the export date), e.g. 2026-03-27
 * @param pupils            about how many pupils the latest year's pupil lists hold together (each school
 *                          location gets at least three)
 * @param seed              seed of every random choice
 * @param out               the landing zone to write ({@code schools/}, {@code leerplicht/}, {@code vsv/})
 */
public record GeneratorSettings(Path schoolsCsv, Path municipalitiesCsv, Path holidaysCsv, String holidayRegion,
    String fromSchoolYear, String schoolYear, LocalDate until, int pupils, long seed, Path out) {

  /**
   * Upper bound on {@code pupils}. A one-year run holds one school's pupils at a time, so memory is not the
   * limit; the synthetic BSNs (9 million) and onderwijsnummers (1 million) are, with room to spare. A run of
   * several school years holds every pupil (about 1 KiB each): give the JVM the heap for it.
   */
  public static final int MAX_PUPILS = 2_500_000;

  public GeneratorSettings {
    Objects.requireNonNull(schoolsCsv, "schoolsCsv");
    Objects.requireNonNull(municipalitiesCsv, "municipalitiesCsv");
    Objects.requireNonNull(holidaysCsv, "holidaysCsv");
    Objects.requireNonNull(holidayRegion, "holidayRegion");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(out, "out");
    SchoolYear first = SchoolYear.parse(fromSchoolYear, "fromSchoolYear");
    SchoolYear last = SchoolYear.parse(schoolYear, "schoolYear");
    if (first.compareTo(last) > 0) {
      throw new IllegalArgumentException("fromSchoolYear " + fromSchoolYear + " is after schoolYear " + schoolYear
          + ": give an earlier or the same school year");
    }
    if (!last.contains(until)) {
      throw new IllegalArgumentException("until " + until + " is not in school year " + schoolYear + " ("
          + last.firstDay() + " .. " + last.lastDay() + ")");
    }
    if (pupils < 1 || pupils > MAX_PUPILS) {
      throw new IllegalArgumentException("pupils must be between 1 and " + MAX_PUPILS + ", got " + pupils);
    }
  }

  /** The optional study days file: {@code study_days.csv} in the folder of {@code schoolsCsv}. */
  public Path studyDaysCsv() {
    return schoolsCsv.toAbsolutePath().resolveSibling("study_days.csv");
  }

  SchoolYear firstYear() {
    return SchoolYear.parse(fromSchoolYear, "fromSchoolYear");
  }

  SchoolYear lastYear() {
    return SchoolYear.parse(schoolYear, "schoolYear");
  }
}
