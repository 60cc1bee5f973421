package nl.schoolmonitor.jobs.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import nl.schoolmonitor.jobs.generate.RegionConf.Lvs;

/**
 * The scheduled time of a school day in the units its student information system registers (CONTRACT.md
 * section 5): ParnasSys half days (morning 210 and afternoon 120 minutes, Wednesday morning 225 only), Magister
 * and SOMtoday lesson hours 1-6 of 50 minutes, EduArte blocks of two lesson hours (90 minutes).
 */
enum Timetable {
  HALF_DAYS, LESSONS, BLOCKS;

  /** Lesson hours 1-8 (index 0-7); hours 7 and 8 are outside the schedule and appear only in SOMtoday reports. */
  private static final LocalTime[][] LESSON_TIMES = {
      {t(8, 30), t(9, 20)}, {t(9, 20), t(10, 10)}, {t(10, 30), t(11, 20)}, {t(11, 20), t(12, 10)},
      {t(12, 40), t(13, 30)}, {t(13, 30), t(14, 20)}, {t(14, 20), t(15, 10)}, {t(15, 10), t(16, 0)}};
  private static final LocalTime[][] BLOCK_TIMES = {
      {t(8, 30), t(10, 0)}, {t(10, 15), t(11, 45)}, {t(12, 30), t(14, 0)}};

  static final int LESSON_MINUTES = 50;
  static final int SCHEDULED_LESSONS = 6;

  static Timetable of(Lvs lvs) {
    return switch (lvs) {
      case PARNASSYS -> HALF_DAYS;
      case MAGISTER, SOMTODAY -> LESSONS;
      case EDUARTE -> BLOCKS;
    };
  }

  /** Number of slots (half days, lesson hours, blocks) scheduled on a school day. */
  int slots(LocalDate date) {
    return switch (this) {
      case HALF_DAYS -> date.getDayOfWeek() == DayOfWeek.WEDNESDAY ? 1 : 2;
      case LESSONS -> SCHEDULED_LESSONS;
      case BLOCKS -> BLOCK_TIMES.length;
    };
  }

  int minutes(LocalDate date, int slot) {
    return switch (this) {
      case HALF_DAYS -> slot == 0 ? (date.getDayOfWeek() == DayOfWeek.WEDNESDAY ? 225 : 210) : 120;
      case LESSONS -> LESSON_MINUTES;
      case BLOCKS -> 90;
    };
  }

  LocalTime start(int slot) {
    return this == BLOCKS ? BLOCK_TIMES[slot][0] : LESSON_TIMES[slot][0];
  }

  LocalTime end(int slot) {
    return this == BLOCKS ? BLOCK_TIMES[slot][1] : LESSON_TIMES[slot][1];
  }

  private static LocalTime t(int hour, int minute) {
    return LocalTime.of(hour, minute);
  }
}
