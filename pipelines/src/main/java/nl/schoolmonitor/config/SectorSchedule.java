package nl.schoolmonitor.config;

import java.time.DayOfWeek;
import java.util.Map;

/**
 * The timetable of a sector: the time slots of a school day with their minutes (CONTRACT.md
 * section 5). PO: {@code morning} 210 + {@code afternoon} 120, Wednesday morning 225 only; VO:
 * lesson hours {@code L1}..{@code L6} of 50 minutes; MBO: the observations are the timetable.
 *
 * @param slots            slot name to minutes on an ordinary day, in the order of the day
 * @param byWeekday        weekdays that differ from {@code slots}
 * @param fromObservations true when the export itself is the timetable (EduArte)
 */
public record SectorSchedule(
    Map<String, Integer> slots, Map<DayOfWeek, Map<String, Integer>> byWeekday, boolean fromObservations) {

  public static SectorSchedule observationBased() {
    return new SectorSchedule(Map.of(), Map.of(), true);
  }

  /** The slots of a weekday with their minutes (empty when the schedule comes from observations). */
  public Map<String, Integer> slots(DayOfWeek day) {
    return byWeekday.getOrDefault(day, slots);
  }

  /** Scheduled minutes of a weekday, or null when the observations are the timetable. */
  public Integer scheduledMinutes(DayOfWeek day) {
    return fromObservations ? null : slots(day).values().stream().mapToInt(Integer::intValue).sum();
  }
}
