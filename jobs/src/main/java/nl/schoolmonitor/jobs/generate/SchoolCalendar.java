package nl.schoolmonitor.jobs.generate;

import nl.schoolmonitor.common.SchoolYear;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import nl.schoolmonitor.jobs.generate.RegionConf.Holiday;
import nl.schoolmonitor.jobs.generate.RegionConf.School;

/**
 * The school days of every school in one school year up to the window end (CONTRACT.md section 5): Monday to
 * Friday from 1 August, minus the holidays of the holiday region, minus the school's study days.
 */
final class SchoolCalendar {

  /** The school days of one school, in order, with where the holidays are. */
  static final class SchoolDays {
    final LocalDate[] dates;
    /** The weekday before this school day is a holiday: the first school day after a holiday. */
    final boolean[] afterHoliday;
    /** The weekday after this school day is a holiday: the last school day before a holiday. */
    final boolean[] beforeHoliday;

    private SchoolDays(LocalDate[] dates, boolean[] afterHoliday, boolean[] beforeHoliday) {
      this.dates = dates;
      this.afterHoliday = afterHoliday;
      this.beforeHoliday = beforeHoliday;
    }

    int size() {
      return dates.length;
    }

    /** Index of the first school day on or after {@code date}, or {@link #size()} when there is none. */
    int indexOnOrAfter(LocalDate date) {
      int lo = 0;
      int hi = dates.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (dates[mid].isBefore(date)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

  }

  final SchoolYear year;
  final LocalDate windowEnd;
  private final NavigableSet<LocalDate> holidayDates = new TreeSet<>();
  private final SchoolDays[] perSchool;
  private final SchoolDays region;

  private SchoolCalendar(RegionConf conf, SchoolYear year, LocalDate windowEnd) {
    this.year = year;
    this.windowEnd = windowEnd;
    LocalDate from = year.firstDay().minusDays(14);
    LocalDate to = windowEnd.plusDays(14);
    for (Holiday h : conf.holidays) {
      for (LocalDate d = h.start(); !d.isAfter(h.end()); d = d.plusDays(1)) {
        if (!d.isBefore(from) && !d.isAfter(to)) {
          holidayDates.add(d);
        }
      }
    }
    LocalDate august = year.firstDay();
    if (holidayDates.subSet(august, true, august.plusMonths(1), false).isEmpty()) {
      throw new IllegalArgumentException("holidays.csv has no holiday in August " + year.startYear()
          + " for the chosen holiday region: add the summer holiday that opens school year " + year.label()
          + " and the holidays of that year (CONTRACT.md section 4)");
    }
    this.region = build(new TreeSet<>());
    this.perSchool = new SchoolDays[conf.schools.size()];
    for (School s : conf.schools) {
      perSchool[s.index()] = build(conf.studyDaysOf(s));
    }
  }

  static SchoolCalendar of(RegionConf conf, SchoolYear year, LocalDate windowEnd) {
    return new SchoolCalendar(conf, year, windowEnd);
  }

  SchoolDays days(School school) {
    return perSchool[school.index()];
  }

  /** The last school day of the window in the region's calendar (no study days): names the exports. */
  LocalDate lastRegionSchoolDay() {
    return region.size() == 0 ? windowEnd : region.dates[region.size() - 1];
  }

  /** The first school day of the year in the region's calendar (the first day after the summer holiday). */
  LocalDate firstRegionSchoolDay() {
    return region.size() == 0 ? year.firstDay() : region.dates[0];
  }

  /** Number of school days of the window in the region's calendar. */
  int regionSchoolDays() {
    return region.size();
  }

  private SchoolDays build(NavigableSet<LocalDate> studyDays) {
    List<LocalDate> dates = new ArrayList<>();
    for (LocalDate d = year.firstDay(); !d.isAfter(windowEnd); d = d.plusDays(1)) {
      if (isWeekday(d) && !holidayDates.contains(d) && !studyDays.contains(d)) {
        dates.add(d);
      }
    }
    boolean[] after = new boolean[dates.size()];
    boolean[] before = new boolean[dates.size()];
    for (int i = 0; i < dates.size(); i++) {
      after[i] = holidayDates.contains(previousWeekday(dates.get(i)));
      before[i] = holidayDates.contains(nextWeekday(dates.get(i)));
    }
    return new SchoolDays(dates.toArray(new LocalDate[0]), after, before);
  }

  static boolean isWeekday(LocalDate d) {
    return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  private static LocalDate previousWeekday(LocalDate d) {
    LocalDate p = d.minusDays(1);
    while (!isWeekday(p)) {
      p = p.minusDays(1);
    }
    return p;
  }

  private static LocalDate nextWeekday(LocalDate d) {
    LocalDate n = d.plusDays(1);
    while (!isWeekday(n)) {
      n = n.plusDays(1);
    }
    return n;
  }
}
