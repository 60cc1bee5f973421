package nl.schoolmonitor.jobs.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import nl.schoolmonitor.jobs.generate.RegionConf.School;

/**
 * One pupil at one school location: pupil number, enrolment dates, year group and class. The year group and
 * class describe the school year being generated; the population moves them on at the end of each year.
 */
final class Enrolment {

  /** Programme of a pupil: groep (primary), the secondary tracks, special secondary education, MBO. */
  enum Track {
    GROEP("groep", "", "", 8),
    VMBO_BB("vmbo-bb", "b", "B", 4),
    VMBO_KB("vmbo-kb", "k", "K", 4),
    VMBO_GT("vmbo-gt", "m", "M", 4),
    HAVO("havo", "h", "H", 5),
    VWO("vwo", "v", "V", 6),
    VSO("vso", "s", "S", 6),
    MBO("mbo", "", "", 4);

    final String label;
    /** Magister class prefix: {@code h} in {@code h2b}. */
    final String magisterPrefix;
    /** SOMtoday stamgroep letter: {@code H} in {@code 2H1}. */
    final String somtodayLetter;
    final int years;

    Track(String label, String magisterPrefix, String somtodayLetter, int years) {
      this.label = label;
      this.magisterPrefix = magisterPrefix;
      this.somtodayLetter = somtodayLetter;
      this.years = years;
    }

    boolean isVmbo() {
      return this == VMBO_BB || this == VMBO_KB || this == VMBO_GT;
    }
  }

  /** An MBO programme; crebo codes are illustrative. */
  record MboProgramme(String name, String crebo, int level, int years, String groupCode) {}

  /** Why an enrolment ended. */
  enum LeaveReason {
    /** Moved out of the region. */
    MOVED_AWAY,
    /** Moved to another school location in the region (a new enrolment there, same BSN). */
    SWITCHED_SCHOOL,
    /** Left without a startkwalificatie: on the VSV list (DOMAIN.md section 8). */
    EARLY_LEAVER,
    /** Left with an exemption from the Leerplichtwet (e.g. 5 onder a). */
    EXEMPTED,
    /** End of the school year: next school, diploma, or groep 8 to secondary school. */
    FINISHED
  }

  /** A weekly lesson the pupil is exempt from (Magister {@code VR}, Verantwoordingtype 6), e.g. sports. */
  record LessonExemption(DayOfWeek weekday, int slot, LocalDate from, LocalDate to) {
    boolean covers(LocalDate date, int lessonSlot) {
      return lessonSlot == slot && date.getDayOfWeek() == weekday && !date.isBefore(from) && !date.isAfter(to);
    }
  }

  final Person person;
  final School school;
  /** Pupil number, unique within the school; given when the enrolment joins the school's list. */
  String number;
  final LocalDate start;
  /** Last enrolled day (inclusive), or null while enrolled. */
  LocalDate end;
  LeaveReason leaveReason;
  Track track;
  int yearGroup;
  /** Class letter (primary, secondary) or group letter (MBO): the {@code b} in {@code h2b}. */
  char classLetter;
  MboProgramme programme;
  /** BOL or BBL (MBO). */
  String leerweg;
  /** The weekdays with lessons (MBO: BOL four days, BBL one day; others all five). */
  Set<DayOfWeek> lessonDays;
  /** The weekday of the MBO work placement, written as {@code N} observations; null when none. */
  DayOfWeek placementDay;
  /** A primary pupil who entered groep 1 after 1 October at their fourth birthday: stays in groep 1. */
  boolean lateEntrant;
  LessonExemption exemption;
  /** Planned absence of a leaver who drifts away first (VSV'ers). */
  boolean disengaging;
  /** For an early leaver: the status on the VSV list ({@code nieuw}, {@code teruggeleid}, {@code werk}, ...). */
  String vsvStatus;
  /** For a pupil who switched school: the enrolment at the previous school this year, else null. */
  Enrolment previous;

  Enrolment(Person person, School school, String number, LocalDate start) {
    this.person = person;
    this.school = school;
    this.number = number;
    this.start = start;
  }

  /** Enrolled on at least one day of {@code from} .. {@code to}. */
  boolean enrolledWithin(LocalDate from, LocalDate to) {
    return !start.isAfter(to) && (end == null || !end.isBefore(from));
  }

  /** ParnasSys {@code Groep} ({@code 4a}), Magister {@code Klas} ({@code h2b}), SOMtoday stamgroep ({@code 2H1}). */
  String classCode(RegionConf.Lvs lvs) {
    return switch (track) {
      case GROEP -> lvs == RegionConf.Lvs.SOMTODAY
          ? yearGroup + "G" + (classLetter - 'a' + 1)
          : lvs == RegionConf.Lvs.MAGISTER ? "g" + yearGroup + classLetter : yearGroup + "" + classLetter;
      case MBO -> programme.groupCode() + yearGroup + Character.toUpperCase(classLetter);
      default -> lvs == RegionConf.Lvs.SOMTODAY
          ? yearGroup + track.somtodayLetter + (classLetter - 'a' + 1)
          : track.magisterPrefix + yearGroup + classLetter;
    };
  }

  /** Magister {@code Studie}: {@code havo 2}. */
  String studie() {
    return track.label + " " + yearGroup;
  }
}
