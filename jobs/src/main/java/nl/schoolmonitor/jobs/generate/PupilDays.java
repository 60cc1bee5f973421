package nl.schoolmonitor.jobs.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.jobs.generate.SchoolCalendar.SchoolDays;

/**
 * The school days of one enrolment in the window: the school's days within the enrolment and, for MBO, on the
 * student's lesson days; with the timetable of each day and any exempt lesson removed from it.
 */
final class PupilDays {
  final Timetable timetable;
  final LocalDate[] dates;
  final boolean[] afterHoliday;
  final boolean[] beforeHoliday;
  /** MBO work-placement days in the window: written as {@code N} observations, not school days. */
  final LocalDate[] placementDates;
  private final Enrolment enrolment;

  private PupilDays(Timetable timetable, LocalDate[] dates, boolean[] afterHoliday, boolean[] beforeHoliday,
      LocalDate[] placementDates, Enrolment enrolment) {
    this.timetable = timetable;
    this.dates = dates;
    this.afterHoliday = afterHoliday;
    this.beforeHoliday = beforeHoliday;
    this.placementDates = placementDates;
    this.enrolment = enrolment;
  }

  static PupilDays of(Enrolment e, SchoolDays schoolDays) {
    Timetable timetable = Timetable.of(e.school.lvs());
    List<Integer> kept = new ArrayList<>();
    List<LocalDate> placements = new ArrayList<>();
    for (int i = 0; i < schoolDays.size(); i++) {
      LocalDate d = schoolDays.dates[i];
      if (d.isBefore(e.start) || (e.end != null && d.isAfter(e.end))) {
        continue;
      }
      if (e.lessonDays.contains(d.getDayOfWeek())) {
        kept.add(i);
      } else if (d.getDayOfWeek() == e.placementDay) {
        placements.add(d);
      }
    }
    LocalDate[] dates = new LocalDate[kept.size()];
    boolean[] after = new boolean[kept.size()];
    boolean[] before = new boolean[kept.size()];
    for (int k = 0; k < kept.size(); k++) {
      int i = kept.get(k);
      dates[k] = schoolDays.dates[i];
      after[k] = schoolDays.afterHoliday[i];
      before[k] = schoolDays.beforeHoliday[i];
    }
    return new PupilDays(timetable, dates, after, before, placements.toArray(new LocalDate[0]), e);
  }

  int size() {
    return dates.length;
  }

  /** Slots of the day in the school's timetable (exempt ones included). */
  int slots(int day) {
    return timetable.slots(dates[day]);
  }

  /** Whether the slot is on the pupil's schedule: not an exempt lesson. */
  boolean scheduled(int day, int slot) {
    return enrolment.exemption == null || !enrolment.exemption.covers(dates[day], slot);
  }

  boolean exempt(int day, int slot) {
    return !scheduled(day, slot);
  }

  int minutes(int day, int slot) {
    return timetable.minutes(dates[day], slot);
  }
}
