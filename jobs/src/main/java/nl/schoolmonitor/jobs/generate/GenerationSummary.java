package nl.schoolmonitor.jobs.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;

/**
 * What {@link LandingZoneGenerator#generate} wrote, and what the pipeline should find in it.
 *
 * @param out                  the landing zone
 * @param schoolYears          the school years generated, oldest first
 * @param files                every file written, relative to {@code out}, sorted
 * @param pupilsPerSector      rows of the latest year's pupil lists per sector (a pupil who switched school
 *                             during the year is on two lists)
 * @param rowsPerKind          data rows written (headers not counted, malformed rows included): {@code pupils},
 *                             {@code absences} (ParnasSys, Magister, SOMtoday), {@code observations} (EduArte),
 *                             {@code leerplicht_reports}, {@code exemptions}, {@code vsv}
 * @param malformedRowsPerKind rows malformed on purpose: {@code impossible_date}, {@code unknown_pupil},
 *                             {@code wrong_column_count}
 * @param pyramidPerSector     the attendance pyramid of the latest year's window (1 August up to {@code until})
 *                             per sector and {@code all}, computed by the contract's rules (CONTRACT.md section 5,
 *                             default tiers) from the registrations written, malformed rows left out
 * @param flags                pupils (enrolments) of the latest year meeting {@code reportable_16h}, {@code mazl},
 *                             {@code long_absence}, computed the same way
 * @param silentSchool         the school location whose classes register almost nothing
 * @param nonReportingSchool   the school location that reports no pupil to leerplicht
 */
public record GenerationSummary(Path out, List<String> schoolYears, List<Path> files,
    SortedMap<String, Integer> pupilsPerSector, SortedMap<String, Long> rowsPerKind,
    SortedMap<String, Integer> malformedRowsPerKind, SortedMap<String, Pyramid> pyramidPerSector,
    SortedMap<String, Integer> flags, String silentSchool, String nonReportingSchool) {

  /**
   * Pupils per tier; {@code pupils} counts those with a tier, {@code insufficientDays} those with fewer than 20
   * school days in the window (no tier).
   */
  public record Pyramid(int pupils, int insufficientDays, int tier1, int tier2, int tier3) {

    public double tier1Pct() {
      return pct(tier1);
    }

    public double tier2Pct() {
      return pct(tier2);
    }

    public double tier3Pct() {
      return pct(tier3);
    }

    private double pct(int count) {
      return pupils == 0 ? 0.0 : 100.0 * count / pupils;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.1f/%.1f/%.1f%% of %d", tier1Pct(), tier2Pct(), tier3Pct(), pupils);
    }
  }

  public int pupils() {
    return pupilsPerSector.values().stream().mapToInt(Integer::intValue).sum();
  }

  public int malformedRows() {
    return malformedRowsPerKind.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public String toString() {
    return "Landing zone " + out + ": school year(s) " + String.join(", ", schoolYears) + ", " + files.size()
        + " files, " + pupils() + " pupils (" + joined(pupilsPerSector) + ")\n"
        + "Rows: " + joined(rowsPerKind) + "\n"
        + "Malformed on purpose: " + malformedRows() + " rows (" + joined(malformedRowsPerKind) + ")\n"
        + "Pyramid tier 1/2/3 of the latest year to date: " + joined(pyramidPerSector) + "\n"
        + "Flags: " + joined(flags) + "; registers almost nothing: " + silentSchool
        + "; reports nobody to leerplicht: " + nonReportingSchool;
  }

  private static String joined(Map<String, ?> values) {
    StringJoiner j = new StringJoiner(", ");
    values.forEach((k, v) -> j.add(k + " " + v));
    return j.toString();
  }
}
