package nl.schoolmonitor.jobs.generate;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.jobs.generate.Episode.Kind;
import nl.schoolmonitor.jobs.generate.RegionConf.Sector;

/**
 * Plans the registrations of one enrolment over its school days so that the data looks like the real thing:
 * short sickness episodes (more on the first day after a holiday), medical appointments, truancy that grows with
 * the year group (leerjaar 2 worse than 1), with poverty (Leerlinggewicht) and special needs, luxe verzuim next
 * to holidays, late arrivals, a few long sickness episodes (M@ZL), a few pupils out for weeks without
 * authorisation (thuiszitters) and leavers who drift away before they go (VSV).
 *
 * <p>The rates are per school day and were tuned so that the attendance pyramid of the generated data, computed
 * by the contract's rules, is about 60-70% / 20-25% / 10-15% overall with primary better than secondary
 * (Kearney &amp; Graczyk; seed 000's example school: 61.3 / 24.4 / 14.3).
 */
final class AbsencePlanner {

  /** Per school day rates of one sector, before the pupil's own multipliers. */
  record Rates(double sick, double unauthorised, double medical, double leave, double suspended, double removed,
      double late, double notAbsence, double thuiszitter, double longSick, double sickCluster) {}

  static Rates rates(Sector sector) {
    return switch (sector) {
      case PO -> new Rates(0.0100, 0.0012, 0.0100, 0.0015, 0, 0, 0.020, 0, 0.0010, 0.012, 0.010);
      case SO -> new Rates(0.0150, 0.0030, 0.0180, 0.0020, 0.0002, 0, 0.030, 0, 0.0040, 0.030, 0.030);
      case VO -> new Rates(0.0105, 0.0100, 0.0140, 0.0015, 0.0004, 0.0040, 0.030, 0.020, 0.0030, 0.015, 0.010);
      case VSO -> new Rates(0.0150, 0.0160, 0.0200, 0.0020, 0.0010, 0.0080, 0.040, 0.020, 0.0080, 0.030, 0.030);
      case MBO -> new Rates(0.0110, 0.0150, 0.0080, 0.0010, 0.0003, 0, 0.030, 0, 0.0060, 0.015, 0.010);
    };
  }

  /** Registrations at the school that registers almost nothing: one in twenty is kept. */
  static final double SILENT_SCHOOL_KEEP = 0.05;

  private static final double[] VO_SICK_BY_YEAR = {1.0, 1.15, 1.15, 1.2, 1.2, 1.1};
  private static final double[] VO_UNAUTHORISED_BY_YEAR = {0.6, 1.2, 1.4, 1.6, 1.5, 1.3};
  private static final double[] MBO_UNAUTHORISED_BY_LEVEL = {2.0, 1.5, 1.0, 0.85};

  private AbsencePlanner() {}

  /**
   * The episodes of one enrolment, in order of their first day.
   *
   * @param finalWindow the window ends at the export date of the latest year (sickness can still be open)
   */
  static List<Episode> plan(Enrolment e, PupilDays days, boolean finalWindow, boolean silentSchool,
      SplittableRandom rng) {
    int n = days.size();
    List<Episode> episodes = new ArrayList<>();
    if (n == 0) {
      return episodes;
    }
    Sector sector = e.school.sector();
    Rates r = rates(sector);
    double sickMult = sicknessMultiplier(e);
    double unauthMult = unauthorisedMultiplier(e);
    boolean[] busy = new boolean[n];
    Planner p = new Planner(days, busy, episodes, rng, e);

    // A thuiszitter candidate: 4 weeks or more away without authorisation (Thuiszitterspact), mostly the
    // disengaged pupils, and more often after a school year in tier 3 or 2.
    int tierBefore = e.person.tierBefore(SchoolYear.of(days.dates[0]).startYear());
    double afterHighAbsence = tierBefore == 3 ? 4.0 : tierBefore == 2 ? 1.5 : 1.0;
    if (rng.nextDouble() < r.thuiszitter() * Math.min(4.0, unauthMult) * afterHighAbsence) {
      int length = 20 + rng.nextInt(26);
      int first = rng.nextInt(Math.max(1, n - 15));
      for (int d = first; d < Math.min(n, first + length); d++) {
        p.add(Episode.days(Kind.UNAUTHORISED, d, d, rng.nextInt(1000)));
      }
    }
    // A leaver who drifts away: more and more unauthorised absence in the last weeks (the VSV'ers).
    if (e.disengaging && e.end != null) {
      for (int d = Math.max(0, n - 30); d < n; d++) {
        double u = rng.nextDouble();
        if (p.free(d) && u < 0.45) {
          p.add(Episode.days(Kind.UNAUTHORISED, d, d, rng.nextInt(1000)));
        } else if (p.free(d) && u < 0.7) {
          p.partOfDay(Kind.TRUANCY, d);
        }
      }
    }
    // A long sickness episode (M@ZL: the seventh consecutive school day).
    if (rng.nextDouble() < r.longSick() * Math.min(3.0, sickMult)) {
      p.sickness(rng.nextInt(n), 7 + rng.nextInt(9), finalWindow);
    }
    // Frequent short sickness: four or more episodes within 12 school weeks (M@ZL).
    if (rng.nextDouble() < r.sickCluster() * Math.min(3.0, sickMult)) {
      int at = rng.nextInt(Math.max(1, n - 40));
      for (int k = 0; k < 4 + rng.nextInt(2) && at < n; k++) {
        p.sickness(at, 1 + rng.nextInt(2), finalWindow);
        at += 5 + rng.nextInt(8);
      }
    }
    // Luxe verzuim: a few days off just before or after a holiday.
    double luxury = e.person.luxuryProne ? 0.25 : 0.004;
    for (int d = 0; d < n; d++) {
      if (days.beforeHoliday[d] && rng.nextDouble() < luxury) {
        int k = 1 + rng.nextInt(3);
        p.block(Kind.LUXURY, Math.max(0, d - k + 1), d);
      } else if (days.afterHoliday[d] && d > 0 && rng.nextDouble() < luxury / 2) {
        p.block(Kind.LUXURY, d, Math.min(n - 1, d + rng.nextInt(2)));
      }
    }

    for (int d = 0; d < n; d++) {
      if (!p.free(d)) {
        continue;
      }
      DayOfWeek weekday = days.dates[d].getDayOfWeek();
      // The first school day after a holiday: more sickness and more unauthorised absence.
      double afterHoliday = days.afterHoliday[d] && d > 0 ? 4.0 : 1.0;
      double beforeHoliday = days.beforeHoliday[d] ? 1.8 : 1.0;
      double monday = weekday == DayOfWeek.MONDAY ? 1.25 : 1.0;
      double friday = weekday == DayOfWeek.FRIDAY ? 1.2 : 1.0;
      double u = rng.nextDouble();
      double c = r.sick() * sickMult * afterHoliday * monday;
      if (u < c) {
        p.sickness(d, sicknessLength(rng), finalWindow);
        continue;
      }
      c += r.unauthorised() * unauthMult * afterHoliday * beforeHoliday * friday;
      if (u < c) {
        p.unauthorised(d, sector);
        continue;
      }
      c += r.medical() * Math.sqrt(sickMult);
      if (u < c) {
        p.partOfDay(Kind.MEDICAL, d);
        continue;
      }
      c += r.leave();
      if (u < c) {
        p.add(Episode.days(Kind.LEAVE, d, d, rng.nextInt(1000)));
        continue;
      }
      c += r.suspended() * unauthMult;
      if (u < c) {
        p.block(Kind.SUSPENDED, d, Math.min(n - 1, d + rng.nextInt(2)));
        continue;
      }
      c += r.removed() * unauthMult;
      if (u < c) {
        int lesson = rng.nextInt(days.slots(d));
        p.add(Episode.slots(Kind.REMOVED, d, lesson, lesson, rng.nextInt(1000)));
        continue;
      }
      c += r.late() * Math.sqrt(unauthMult);
      if (u < c) {
        int slot = days.timetable == Timetable.LESSONS && rng.nextInt(5) == 0 ? rng.nextInt(days.slots(d)) : 0;
        p.add(Episode.late(d, slot, 3 + rng.nextInt(23), rng.nextInt(1000)));
        continue;
      }
      c += e.school.lvs() == RegionConf.Lvs.MAGISTER ? r.notAbsence() : 0;
      if (u < c) {
        int lesson = rng.nextInt(days.slots(d));
        p.add(Episode.slots(Kind.NOT_ABSENCE, d, lesson, lesson, rng.nextInt(1000)));
      }
    }
    episodes.sort(Comparator.comparingInt(Episode::firstDay));
    if (silentSchool) {
      episodes.removeIf(x -> rng.nextDouble() >= SILENT_SCHOOL_KEEP);
    }
    return episodes;
  }

  static double sicknessMultiplier(Enrolment e) {
    double m = e.person.frailty;
    m *= switch (e.person.weight) {
      case "0.3" -> 1.15;
      case "1.2" -> 1.4;
      default -> 1.0;
    };
    if (e.person.specialNeeds) {
      m *= 1.35;
    }
    if (e.track == Enrolment.Track.GROEP && e.yearGroup <= 2) {
      m *= 1.25;
    }
    if (e.school.sector() == Sector.VO || e.school.sector() == Sector.VSO) {
      m *= VO_SICK_BY_YEAR[Math.min(5, Math.max(0, e.yearGroup - 1))];
    }
    return m;
  }

  static double unauthorisedMultiplier(Enrolment e) {
    double m = e.person.disengagement;
    m *= switch (e.person.weight) {
      case "0.3" -> 1.6;
      case "1.2" -> 2.8;
      default -> 1.0;
    };
    if (e.person.specialNeeds) {
      m *= 1.5;
    }
    if (e.person.nt2) {
      m *= 1.2;
    }
    Sector sector = e.school.sector();
    if (sector == Sector.VO || sector == Sector.VSO) {
      m *= VO_UNAUTHORISED_BY_YEAR[Math.min(5, Math.max(0, e.yearGroup - 1))];
      m *= switch (e.track) {
        case VMBO_BB -> 1.4;
        case VMBO_KB -> 1.25;
        case HAVO -> 0.9;
        case VWO -> 0.7;
        default -> 1.0;
      };
    }
    if (sector == Sector.MBO) {
      m *= MBO_UNAUTHORISED_BY_LEVEL[Math.min(3, Math.max(0, e.programme.level() - 1))];
      if ("BBL".equals(e.leerweg)) {
        m *= 0.6;
      }
    }
    return m;
  }

  /** Consecutive school days of a sickness episode: mostly 1-3, a few up to 7. */
  private static int sicknessLength(SplittableRandom rng) {
    int u = rng.nextInt(100);
    if (u < 38) {
      return 1;
    } else if (u < 62) {
      return 2;
    } else if (u < 78) {
      return 3;
    } else if (u < 88) {
      return 4;
    } else if (u < 97) {
      return 5;
    }
    return 6 + rng.nextInt(2);
  }

  /** Places episodes on free days. */
  private static final class Planner {
    private final PupilDays days;
    private final boolean[] busy;
    private final List<Episode> episodes;
    private final SplittableRandom rng;
    private final Enrolment enrolment;

    Planner(PupilDays days, boolean[] busy, List<Episode> episodes, SplittableRandom rng, Enrolment enrolment) {
      this.days = days;
      this.busy = busy;
      this.episodes = episodes;
      this.rng = rng;
      this.enrolment = enrolment;
    }

    boolean free(int d) {
      return d >= 0 && d < busy.length && !busy[d];
    }

    void add(Episode e) {
      for (int d = e.firstDay(); d <= e.lastDay(); d++) {
        busy[d] = true;
      }
      episodes.add(e);
    }

    /** Whole days {@code first} .. {@code last}, shortened to the free days from {@code first}. */
    void block(Kind kind, int first, int last) {
      if (!free(first)) {
        return;
      }
      int end = first;
      while (end < last && free(end + 1)) {
        end++;
      }
      add(Episode.days(kind, first, end, rng.nextInt(1000)));
    }

    /**
     * A sickness episode from {@code first} for up to {@code length} school days; it ends before a holiday (the
     * pupil is better after it) and may start in the middle of the first day (sent home sick).
     */
    void sickness(int first, int length, boolean finalWindow) {
      if (!free(first)) {
        return;
      }
      int last = first;
      while (last - first + 1 < length && free(last + 1) && !days.afterHoliday[last + 1]) {
        last++;
      }
      int slots = days.slots(first);
      int firstSlot = slots > 1 && rng.nextInt(5) == 0 ? 1 + rng.nextInt(slots - 1) : 0;
      boolean open = finalWindow && last == days.size() - 1 && enrolment.end == null;
      add(new Episode(Kind.SICK, first, last, firstSlot, Episode.WHOLE_DAY, 0, open, rng.nextInt(1000)));
    }

    /** Unauthorised absence: primary whole or half days, secondary mostly single lessons, MBO blocks. */
    void unauthorised(int d, Sector sector) {
      int slots = days.slots(d);
      int u = rng.nextInt(100);
      if (days.timetable == Timetable.LESSONS && u < 75) {
        partOfDay(Kind.TRUANCY, d);
      } else if (days.timetable != Timetable.LESSONS && u < 30 && slots > 1) {
        partOfDay(Kind.UNAUTHORISED, d);
      } else {
        add(Episode.days(Kind.UNAUTHORISED, d, d, rng.nextInt(1000)));
      }
    }

    /** Part of a day: one half day, one to three lessons, or one block. */
    void partOfDay(Kind kind, int d) {
      int slots = days.slots(d);
      int from;
      int to;
      switch (days.timetable) {
        case HALF_DAYS -> {
          from = slots > 1 && rng.nextInt(10) < 3 ? 1 : 0;
          to = from;
        }
        case LESSONS -> {
          int length = 1 + rng.nextInt(kind == Kind.MEDICAL ? 2 : 3);
          from = rng.nextInt(slots - length + 1);
          to = from + length - 1;
        }
        default -> {
          from = rng.nextInt(slots);
          to = from;
        }
      }
      add(Episode.slots(kind, d, from, to, rng.nextInt(1000)));
    }
  }
}
