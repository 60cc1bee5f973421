package nl.schoolmonitor.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.schoolmonitor.common.Category;

/**
 * A source of exports (a student information system, or the municipal and national
 * registrations): its profiles, how it writes dates and booleans, and how its absence codes map
 * to canonical categories (CONTRACT.md section 4). Adding a system or a profile is a YAML file in
 * the region's {@code systems/} folder, not code.
 *
 * @param system           e.g. {@code magister}; schools name it in the {@code lvs} column
 * @param absenceFormat    how an absence row is turned into minutes; null for registrations
 * @param dateFormat       java.time pattern of dates, e.g. {@code dd-MM-yyyy}
 * @param dateTimeFormat   pattern of date-times (SOMtoday), or null
 * @param trueValues       spellings of true ({@code Ja}, {@code J}, {@code true})
 * @param falseValues      spellings of false
 * @param sexValues        source value to M / V / X
 * @param partOfDayValues  ParnasSys {@code Dagdeel} value to {@code morning}, {@code afternoon} or {@code day}
 * @param profiles         the export layouts of this system
 * @param codes            source code to category (the default table of the system)
 * @param fallback         when a code is not in {@code codes}: what the system itself says, first match wins
 * @param schoolCodes      per school location, codes that override the default table
 */
public record SystemConfig(
    String system,
    AbsenceFormat absenceFormat,
    String dateFormat,
    String dateTimeFormat,
    List<String> trueValues,
    List<String> falseValues,
    Map<String, String> sexValues,
    Map<String, String> partOfDayValues,
    List<Profile> profiles,
    Map<String, Category> codes,
    List<FallbackRule> fallback,
    Map<String, Map<String, Category>> schoolCodes) {

  /** How each system registers time (CONTRACT.md section 5). */
  public enum AbsenceFormat {
    /** ParnasSys: per half day (Ochtend / Middag / Hele dag). */
    HALF_DAYS,
    /** Magister: per lesson hour with clock times. */
    LESSON_HOURS,
    /** SOMtoday: reports spanning from a lesson on one day to a lesson on another, possibly open-ended. */
    SPANNING_REPORTS,
    /** EduArte: one observation per scheduled lesson; the observations are the timetable. */
    OBSERVATIONS
  }

  /**
   * A fallback rule: when every canonical field in {@code when} has the given value (booleans
   * compared after parsing with the system's spellings, as {@code true}/{@code false}), the row
   * gets {@code category}.
   */
  public record FallbackRule(Map<String, String> when, Category category) {}

  public Optional<Profile> profile(Profile.Kind kind) {
    return profiles.stream().filter(p -> p.kind() == kind).findFirst();
  }
}
