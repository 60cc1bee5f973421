package nl.schoolmonitor.jobs.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.config.TierRule;
import nl.schoolmonitor.jobs.generate.Episode.Kind;

/**
 * What the pipeline should find for one enrolment in the window: scheduled and missed minutes, the tier, and the
 * flags, computed by the contract's rules (CONTRACT.md section 5) from the registrations the generator wrote.
 * The generator uses it to decide which pupils the municipality has a leerplicht report for, and reports the
 * resulting pyramid; tests compare it with a reading of the files.
 */
final class AttendanceTally {

  /** Leerplichtwet art. 21: 16 clock hours of unauthorised absence within 4 consecutive school weeks. */
  static final int REPORTABLE_MINUTES = 16 * 60;
  static final int REPORTABLE_WEEKS = 4;
  /** M@ZL: a sickness episode reaching its 7th consecutive school day ... */
  static final int MAZL_EPISODE_DAYS = 7;
  /** ... or 4 sickness episodes starting within 12 school weeks. */
  static final int MAZL_EPISODES = 4;
  static final int MAZL_WEEKS = 12;
  /** Langdurig relatief verzuim (thuiszitter candidate): 20 consecutive school days missed, unauthorised. */
  static final int LONG_ABSENCE_DAYS = 20;

  final Enrolment enrolment;
  final int schoolDays;
  final long scheduledMinutes;
  final long missedMinutes;
  final long unauthorisedMinutes;
  final int lateCount;
  final long lateMinutes;
  /** 1, 2 or 3; 0 when the enrolment has fewer school days than the tier rule's minimum. */
  final int tier;
  final boolean mazl;
  /** First day of unauthorised absence in the first 4-week window reaching 16 hours, or null. */
  final LocalDate reportableFrom;
  /** The day that window reached 16 hours, or null. */
  final LocalDate reportableOn;
  /** First day of the first run of 20 fully missed unauthorised days, or null. */
  final LocalDate longAbsenceFrom;
  /** The 20th day of that run, or null. */
  final LocalDate longAbsenceOn;
  /** First day of luxe verzuim, or null. */
  final LocalDate luxuryFrom;
  /** Last day of that luxe verzuim episode, or null. */
  final LocalDate luxuryTo;

  AttendanceTally(Enrolment enrolment, PupilDays days, List<Episode> episodes) {
    this.enrolment = enrolment;
    int n = days.size();
    long[] scheduled = new long[n];
    long[] missed = new long[n];
    long[] unauthorised = new long[n];
    boolean[] sick = new boolean[n];
    for (int d = 0; d < n; d++) {
      for (int s = 0; s < days.slots(d); s++) {
        if (days.scheduled(d, s)) {
          scheduled[d] += days.minutes(d, s);
        }
      }
    }
    boolean observations = days.timetable == Timetable.BLOCKS;
    int lates = 0;
    long lateMins = 0;
    LocalDate luxFrom = null;
    LocalDate luxTo = null;
    for (Episode e : episodes) {
      if (e.kind() == Kind.LATE && !observations) {
        lates++;
        lateMins += e.lateMinutes();
        continue;
      }
      if (e.kind() == Kind.LUXURY && luxFrom == null) {
        luxFrom = days.dates[e.firstDay()];
        luxTo = days.dates[e.lastDay()];
      }
      for (int d = e.firstDay(); d <= e.lastDay(); d++) {
        for (int s = e.fromSlot(d); s <= e.toSlot(d, days.slots(d)); s++) {
          if (!days.scheduled(d, s)) {
            continue;
          }
          // EduArte writes a late arrival as a partly-absent (D) observation: half of the lesson is missed.
          int m = e.kind() == Kind.LATE ? days.minutes(d, s) / 2 : e.kind().missesTime ? days.minutes(d, s) : 0;
          missed[d] += m;
          if (e.kind().unauthorised) {
            unauthorised[d] += m;
          }
          if (e.kind() == Kind.SICK) {
            sick[d] = true;
          }
        }
      }
    }
    int dayCount = 0;
    long sched = 0;
    long miss = 0;
    long unauth = 0;
    for (int d = 0; d < n; d++) {
      if (scheduled[d] > 0) {
        dayCount++;
      }
      sched += scheduled[d];
      miss += Math.min(missed[d], scheduled[d]);
      unauth += unauthorised[d];
    }
    this.schoolDays = dayCount;
    this.scheduledMinutes = sched;
    this.missedMinutes = miss;
    this.unauthorisedMinutes = unauth;
    this.lateCount = lates;
    this.lateMinutes = lateMins;
    this.tier = dayCount < TierRule.DEFAULT.minSchoolDays() ? 0 : TierRule.DEFAULT.tierOf(miss, sched);
    this.luxuryFrom = luxFrom;
    this.luxuryTo = luxTo;

    // School weeks: calendar weeks with at least one school day of this pupil, in order.
    int[] week = new int[n];
    List<Integer> weekStarts = new ArrayList<>();
    LocalDate currentMonday = null;
    for (int d = 0; d < n; d++) {
      LocalDate monday = days.dates[d].with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      if (!monday.equals(currentMonday)) {
        currentMonday = monday;
        weekStarts.add(d);
      }
      week[d] = weekStarts.size() - 1;
    }
    LocalDate[] reportable = reportable(days, unauthorised, week, weekStarts);
    this.reportableFrom = reportable[0];
    this.reportableOn = reportable[1];
    this.mazl = mazl(sick, week);
    LocalDate[] longAbsence = longAbsence(days, scheduled, missed, unauthorised);
    this.longAbsenceFrom = longAbsence[0];
    this.longAbsenceOn = longAbsence[1];
  }

  boolean reportable16h() {
    return reportableOn != null;
  }

  boolean longAbsence() {
    return longAbsenceOn != null;
  }

  private static LocalDate[] reportable(PupilDays days, long[] unauthorised, int[] week, List<Integer> weekStarts) {
    int n = unauthorised.length;
    for (int d = 0; d < n; d++) {
      // The window of 4 school weeks ending with the week of day d, counted up to and including day d.
      int firstWeek = Math.max(0, week[d] - (REPORTABLE_WEEKS - 1));
      long sum = 0;
      int firstUnauthorised = -1;
      for (int k = weekStarts.get(firstWeek); k <= d; k++) {
        sum += unauthorised[k];
        if (firstUnauthorised < 0 && unauthorised[k] > 0) {
          firstUnauthorised = k;
        }
      }
      if (sum >= REPORTABLE_MINUTES) {
        return new LocalDate[] {days.dates[firstUnauthorised], days.dates[d]};
      }
    }
    return new LocalDate[2];
  }

  private static boolean mazl(boolean[] sick, int[] week) {
    List<Integer> startWeeks = new ArrayList<>();
    int run = 0;
    for (int d = 0; d < sick.length; d++) {
      if (sick[d]) {
        run++;
        if (run == 1) {
          startWeeks.add(week[d]);
        }
        if (run >= MAZL_EPISODE_DAYS) {
          return true;
        }
      } else {
        run = 0;
      }
    }
    for (int i = 0; i + MAZL_EPISODES - 1 < startWeeks.size(); i++) {
      if (startWeeks.get(i + MAZL_EPISODES - 1) - startWeeks.get(i) < MAZL_WEEKS) {
        return true;
      }
    }
    return false;
  }

  private static LocalDate[] longAbsence(PupilDays days, long[] scheduled, long[] missed, long[] unauthorised) {
    int run = 0;
    for (int d = 0; d < scheduled.length; d++) {
      boolean fullyMissedUnauthorised = scheduled[d] > 0 && missed[d] >= scheduled[d]
          && unauthorised[d] >= scheduled[d];
      run = fullyMissedUnauthorised ? run + 1 : 0;
      if (run == LONG_ABSENCE_DAYS) {
        return new LocalDate[] {days.dates[d - LONG_ABSENCE_DAYS + 1], days.dates[d]};
      }
    }
    return new LocalDate[2];
  }
}
