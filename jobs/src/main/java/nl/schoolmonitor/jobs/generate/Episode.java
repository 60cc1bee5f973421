package nl.schoolmonitor.jobs.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * One registration as the generator plans it, before a student information system writes it: a kind of
 * absence over consecutive school days of the pupil ({@code firstDay} .. {@code lastDay}, indexes into
 * {@link PupilDays}), from {@code firstSlot} on the first day up to {@code lastSlot} on the last day and whole
 * days in between. Episodes of one pupil never share a day.
 *
 * @param lateMinutes minutes late, for {@link Kind#LATE}
 * @param open        a sickness report without an end (SOMtoday writes an empty {@code eindDatumTijd})
 * @param variant     a random number fixed at planning time, for the choices of wording when it is written
 */
record Episode(Kind kind, int firstDay, int lastDay, int firstSlot, int lastSlot, int lateMinutes, boolean open,
    int variant) {

  /** Kinds of registration, close to the canonical categories (DOMAIN.md section 4). */
  enum Kind {
    SICK(true, false),
    MEDICAL(true, false),
    LEAVE(true, false),
    SUSPENDED(true, false),
    /** Absent without notice (whole or part days). */
    UNAUTHORISED(true, true),
    /** Skipped lessons (spijbelen). */
    TRUANCY(true, true),
    /** Holiday outside the school holidays (luxe verzuim). */
    LUXURY(true, true),
    /** Sent out of class. */
    REMOVED(true, true),
    /** Late arrival: not missed time, except in EduArte where it is a partly-absent observation. */
    LATE(false, true),
    /** Homework or books forgotten (Magister Verantwoordingtype 7, 8): not absence. */
    NOT_ABSENCE(false, false);

    final boolean missesTime;
    final boolean unauthorised;

    Kind(boolean missesTime, boolean unauthorised) {
      this.missesTime = missesTime;
      this.unauthorised = unauthorised;
    }
  }

  static final int WHOLE_DAY = Integer.MAX_VALUE;

  static Episode days(Kind kind, int firstDay, int lastDay, int variant) {
    return new Episode(kind, firstDay, lastDay, 0, WHOLE_DAY, 0, false, variant);
  }

  static Episode slots(Kind kind, int day, int firstSlot, int lastSlot, int variant) {
    return new Episode(kind, day, day, firstSlot, lastSlot, 0, false, variant);
  }

  static Episode late(int day, int slot, int minutes, int variant) {
    return new Episode(Kind.LATE, day, day, slot, slot, minutes, false, variant);
  }

  /**
   * The episodes within the first {@code windowDays} days, of episodes planned over more days: one that goes on
   * after the window ends on its last day, and a sickness that does is open at the export date ({@code
   * exportDate}: the window ends at the export date of the latest year).
   */
  static List<Episode> upTo(List<Episode> episodes, int windowDays, boolean exportDate) {
    List<Episode> kept = new ArrayList<>();
    for (Episode x : episodes) {
      if (x.firstDay() >= windowDays) {
        continue;
      }
      kept.add(x.lastDay() < windowDays ? x : new Episode(x.kind(), x.firstDay(), windowDays - 1, x.firstSlot(),
          WHOLE_DAY, x.lateMinutes(), exportDate && x.kind() == Kind.SICK, x.variant()));
    }
    return kept;
  }

  /** First covered slot on {@code day} (one of this episode's days). */
  int fromSlot(int day) {
    return day == firstDay ? firstSlot : 0;
  }

  /** Last covered slot on {@code day}, given the number of slots that day. */
  int toSlot(int day, int slotsThatDay) {
    return day == lastDay ? Math.min(lastSlot, slotsThatDay - 1) : slotsThatDay - 1;
  }

  /** Whether the episode covers every slot of {@code day}. */
  boolean wholeDay(int day, int slotsThatDay) {
    return fromSlot(day) == 0 && toSlot(day, slotsThatDay) == slotsThatDay - 1;
  }
}
