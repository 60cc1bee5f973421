package nl.schoolmonitor.jobs.generate;

import nl.schoolmonitor.common.SchoolYear;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import nl.schoolmonitor.jobs.generate.Enrolment.LeaveReason;
import nl.schoolmonitor.jobs.generate.Enrolment.LessonExemption;
import nl.schoolmonitor.jobs.generate.Enrolment.MboProgramme;
import nl.schoolmonitor.jobs.generate.Enrolment.Track;
import nl.schoolmonitor.jobs.generate.RegionConf.Lvs;
import nl.schoolmonitor.jobs.generate.RegionConf.Municipality;
import nl.schoolmonitor.jobs.generate.RegionConf.School;
import nl.schoolmonitor.jobs.generate.RegionConf.Sector;
import nl.schoolmonitor.jobs.generate.SchoolCalendar.SchoolDays;

/**
 * The pupils of the region, school by school, for one school year at a time: built for the first year, then
 * moved on a year (groep 8 to secondary school with the same BSN, vmbo to MBO, leavers gone, new intake), with
 * joiners and leavers during each year.
 *
 * <p>Each school draws from its own random stream, seeded by (seed, step, school, year), so that a school's
 * pupils of the first year can be built on their own, any number of times, with the same result. A run of one
 * school year uses that to hold one school at a time ({@link #startFirstYear} with {@code keepAll} false): a first
 * pass builds every school and keeps only the pupils who switch to another school during the year; {@link
 * #pupilList} builds the school again, adds the pupils switching in, and hands the list over. A run of several
 * years keeps everyone, because pupils move between schools at every year's end.
 */
final class Population {

  static final List<MboProgramme> MBO_PROGRAMMES = List.of(
      new MboProgramme("Entree", "25998", 1, 1, "ENT"),
      new MboProgramme("Medewerker logistiek", "25581", 2, 2, "LOG"),
      new MboProgramme("Helpende zorg en welzijn", "25498", 2, 2, "HZW"),
      new MboProgramme("Verkoper", "25730", 2, 2, "VKP"),
      new MboProgramme("Verzorgende-IG", "25491", 3, 3, "VIG"),
      new MboProgramme("Eerste monteur elektrotechniek", "25335", 3, 3, "ELT"),
      new MboProgramme("Software developer", "25604", 4, 3, "SWD"),
      new MboProgramme("Mbo-verpleegkundige", "25655", 4, 4, "VPK"),
      new MboProgramme("Onderwijsassistent", "25486", 4, 3, "OWA"),
      new MboProgramme("Commercieel medewerker", "25168", 4, 3, "COM"));
  private static final double[] MBO_WEIGHTS = {8, 10, 10, 10, 14, 13, 10, 10, 8, 7};

  /** Secondary tracks and their shares: all tracks, a lyceum (havo/vwo), a vmbo school. */
  private static final Track[] TRACKS = {Track.VMBO_BB, Track.VMBO_KB, Track.VMBO_GT, Track.HAVO, Track.VWO};
  private static final double[] MIXED = {12, 15, 25, 26, 22};
  private static final double[] LYCEUM = {0, 0, 0, 50, 50};
  private static final double[] VMBO = {30, 35, 35, 0, 0};

  /** A school keeps at least this many pupils, however small {@code pupils} is. */
  static final int MIN_PUPILS_PER_SCHOOL = 3;
  private static final int CLASS_SIZE = 26;
  /** School days in a full school year, to scale yearly rates to the window. */
  private static final double SCHOOL_DAYS_PER_YEAR = 190;

  /** The steps that draw from their own random streams: see {@link #stream}. */
  private static final long BUILD = 1;
  private static final long INTAKE = 2;
  private static final long DURING_YEAR = 3;
  private static final long MOVES = 4;
  private static final long OUTSIDE = 5;

  private final RegionConf conf;
  private final long seed;
  /** The stream of the step running now: a school's, the year's moves, or the children outside schools. */
  private SplittableRandom rng;
  private final Identities identities;
  private final int[] target;
  private final List<List<Enrolment>> perSchool = new ArrayList<>();
  private final long[] nextNumber;
  private final double totalResidents;
  private long nextPersonId = 1;
  private SchoolYear year;
  /** The calendar of the whole school year: leavers and joiners are planned over it, the same for any window. */
  private SchoolCalendar calendar;
  /** The last day of the window: pupil lists hold the pupils enrolled on some day up to it. */
  private LocalDate windowEnd;
  /** False in a run of one school year: a school's pupils are built when its list is asked for, then dropped. */
  private boolean keepAll = true;
  /** Per school: where person ids and personal numbers stood when the first pass built it. */
  private long[][] builtFrom;
  /** Per school: the pupils who switch to it during the first year (only when not {@link #keepAll}). */
  private List<List<Enrolment>> switchingIn;

  /**
   * @param sizes draws each school's natural size, in the order of {@code schools.csv}; every other choice comes
   *              from streams seeded by {@code seed}
   */
  Population(RegionConf conf, int pupils, long seed, SplittableRandom sizes) {
    this.conf = conf;
    this.seed = seed;
    this.rng = sizes;
    // Persons: the pupils plus the joiners, the switchers and the new intake of later years.
    this.identities = new Identities(2L * pupils + 1000);
    int schools = conf.schools.size();
    this.target = new int[schools];
    this.nextNumber = new long[schools];
    double[] natural = new double[schools];
    double total = 0;
    for (School s : conf.schools) {
      natural[s.index()] = switch (s.sector()) {
        case PO -> 100 + sizes.nextInt(301);
        case SO -> 120 + sizes.nextInt(81);
        case VO -> 600 + sizes.nextInt(901);
        case VSO -> 150 + sizes.nextInt(101);
        case MBO -> 2500 + sizes.nextInt(1501);
      };
      total += natural[s.index()];
      perSchool.add(new ArrayList<>());
      nextNumber[s.index()] = firstNumber(s);
    }
    for (School s : conf.schools) {
      target[s.index()] = Math.max(MIN_PUPILS_PER_SCHOOL, (int) Math.round(natural[s.index()] * pupils / total));
    }
    this.totalResidents = conf.municipalities.values().stream().mapToDouble(Municipality::residents5to18).sum();
  }

  /** The number of pupils the school is sized for. */
  int target(School school) {
    return target[school.index()];
  }

  /** Enrolments held between schools: every pupil when {@link #keepAll}, else only those switching school. */
  int heldEnrolments() {
    int held = perSchool.stream().mapToInt(List::size).sum();
    return switchingIn == null ? held : held + switchingIn.stream().mapToInt(List::size).sum();
  }

  /** The school's own random stream for one step of the current year. */
  private SplittableRandom stream(long step, School school) {
    return new SplittableRandom(LandingZoneGenerator.mix(seed, step, school == null ? -1 : school.index(),
        year.startYear()));
  }

  private static long firstNumber(School s) {
    return switch (s.lvs()) {
      case PARNASSYS -> 1001;
      case MAGISTER -> 20001;
      case SOMTODAY -> 78001;
      case EDUARTE -> 530001;
    };
  }

  /**
   * The enrolments of a school on a pupil list of the current year (enrolled on some day of the window), by
   * pupil number. In a one-year run the school is built here, again, and not kept.
   */
  List<Enrolment> pupilList(School school) {
    List<Enrolment> all;
    if (keepAll) {
      all = perSchool.get(school.index());
    } else {
      long personId = nextPersonId;
      long[] numbers = identities.position();
      all = build(school, null);
      nextPersonId = personId;
      identities.moveTo(numbers);
      for (Enrolment e : switchingIn.get(school.index())) {
        all.add(numbered(e));
      }
      switchingIn.set(school.index(), List.of());
    }
    List<Enrolment> list = new ArrayList<>();
    for (Enrolment e : all) {
      if (e.enrolledWithin(year.firstDay(), windowEnd)) {
        list.add(e);
      }
    }
    list.sort(Comparator.comparingLong(e -> Long.parseLong(e.number)));
    return list;
  }

  /**
   * The first school year: every school filled to its size with pupils who entered in earlier years, then its
   * joiners and leavers during the year. With {@code keepAll} false only the pupils switching school are kept;
   * {@link #pupilList} builds each school again when it is written.
   */
  void startFirstYear(SchoolYear first, SchoolCalendar wholeYear, LocalDate windowEnd, boolean keepAll) {
    this.year = first;
    this.calendar = wholeYear;
    this.windowEnd = windowEnd;
    this.keepAll = keepAll;
    this.builtFrom = new long[conf.schools.size()][];
    List<Enrolment> switchers = new ArrayList<>();
    for (School s : conf.schools) {
      long[] numbers = identities.position();
      builtFrom[s.index()] = new long[] {nextPersonId, numbers[0], numbers[1]};
      List<Enrolment> pupils = build(s, switchers);
      if (keepAll) {
        perSchool.get(s.index()).addAll(pupils);
      }
    }
    if (keepAll) {
      switchers.forEach(this::add);
    } else {
      switchingIn = new ArrayList<>();
      conf.schools.forEach(s -> switchingIn.add(new ArrayList<>()));
      switchers.forEach(e -> switchingIn.get(e.school.index()).add(e));
    }
  }

  /**
   * A school's pupils of the first year, from its own stream and the counters where the first pass found them:
   * the same every time. Pupils switching to another school go to {@code switchers} (when not null).
   */
  private List<Enrolment> build(School s, List<Enrolment> switchers) {
    long[] from = builtFrom[s.index()];
    nextPersonId = from[0];
    identities.moveTo(new long[] {from[1], from[2]});
    nextNumber[s.index()] = firstNumber(s);
    rng = stream(BUILD, s);
    List<Enrolment> created = new ArrayList<>();
    fill(s, target[s.index()], true, created);
    created.sort(Comparator.comparing((Enrolment e) -> e.start).thenComparingLong(e -> e.person.id));
    List<Enrolment> pupils = new ArrayList<>();
    for (Enrolment e : created) {
      pupils.add(numbered(e));
    }
    during(s, pupils, switchers == null ? new ArrayList<>() : switchers);
    return pupils;
  }

  /**
   * Moves everyone on to the next school year: leavers are gone, groep 8 goes to secondary school, vmbo
   * graduates go to MBO, everyone else a year up; then each school takes in new pupils up to its size.
   */
  void startNextYear(SchoolYear next, SchoolCalendar wholeYear, LocalDate windowEnd) {
    this.year = next;
    this.calendar = wholeYear;
    this.windowEnd = windowEnd;
    rng = stream(MOVES, null);
    List<Enrolment> finished = new ArrayList<>();
    List<Enrolment> returning = new ArrayList<>();
    for (List<Enrolment> list : perSchool) {
      List<Enrolment> staying = new ArrayList<>();
      for (Enrolment e : list) {
        if (e.end == null) {
          promote(e);
          staying.add(e);
        } else if (e.leaveReason == LeaveReason.FINISHED) {
          finished.add(e);
        } else if (e.leaveReason == LeaveReason.EARLY_LEAVER && "teruggeleid".equals(e.vsvStatus)) {
          returning.add(e);
        }
      }
      list.clear();
      list.addAll(staying);
    }
    for (Enrolment e : finished) {
      moveOn(e);
    }
    for (Enrolment e : returning) {
      School mbo = pickSchool(Sector.MBO, e.person.municipalityCode);
      if (mbo != null) {
        MboProgramme programme = rng.nextBoolean() ? MBO_PROGRAMMES.get(0) : MBO_PROGRAMMES.get(1 + rng.nextInt(3));
        add(mboEnrolment(e.person, mbo, programme, 1, mboStart(year.startYear())));
      }
    }
    for (School s : conf.schools) {
      rng = stream(INTAKE, s);
      List<Enrolment> created = new ArrayList<>();
      if (s.sector() == Sector.PO || s.sector() == Sector.SO) {
        double perGroep = target[s.index()] / 8.5;
        // Children turning four in August or September, and the late entrants of this year.
        for (int i = 0; i < Math.round(perGroep * 2 / 12.0); i++) {
          LocalDate birth = between(LocalDate.of(year.startYear() - 4, 8, 1),
              LocalDate.of(year.startYear() - 4, 10, 1));
          created.add(primary(s, 1, birth, birth.plusYears(4)));
        }
        lateEntrants(s, Math.round(perGroep * 10 / 12.0), created);
      }
      int need = target[s.index()] - perSchool.get(s.index()).size() - created.size();
      if (need > 0) {
        fill(s, need, false, created);
      }
      for (Enrolment e : created) {
        add(e);
      }
    }
  }

  /**
   * A later school year's joiners and leavers during the year, within the window: pupils moving away, switching
   * school in the region, leaving without a qualification (VSV) or with an exemption; newcomers moving in.
   */
  void planDuringYear() {
    List<Enrolment> switchers = new ArrayList<>();
    for (School s : conf.schools) {
      rng = stream(DURING_YEAR, s);
      during(s, perSchool.get(s.index()), switchers);
    }
    for (Enrolment e : switchers) {
      add(e);
    }
  }

  /** In a year before the latest, the pupils who finish (groep 8, final secondary and MBO years) leave at 31 July. */
  void finishYear() {
    for (List<Enrolment> list : perSchool) {
      for (Enrolment e : list) {
        if (e.end == null && finishesThisYear(e)) {
          e.end = year.lastDay();
          e.leaveReason = LeaveReason.FINISHED;
        }
      }
    }
  }

  /** One school's leavers (those switching school go to {@code switchers}) and joiners (added to {@code pupils}). */
  private void during(School s, List<Enrolment> pupils, List<Enrolment> switchers) {
    double fraction = Math.min(1.0, calendar.regionSchoolDays() / SCHOOL_DAYS_PER_YEAR);
    SchoolDays days = calendar.days(s);
    if (days.size() < 12) {
      return;
    }
    for (Enrolment e : List.copyOf(pupils)) {
      if (e.end != null || e.start.isAfter(days.dates[0]) || rng.nextDouble() >= leaveRate(s.sector()) * fraction
          * priorAbsenceFactor(e, 3.0, 1.5)) {
        continue;
      }
      leave(e, days, switchers);
    }
    // Newcomers moving into the region during the year.
    long joiners = Math.round(target[s.index()] * 0.02 * fraction + rng.nextDouble() - 0.5);
    for (int i = 0; i < joiners; i++) {
      LocalDate start = days.dates[3 + rng.nextInt(days.size() - 3)];
      Enrolment e = newPupil(s, start);
      if (e != null) {
        pupils.add(numbered(e));
      }
    }
  }

  private void leave(Enrolment e, SchoolDays days, List<Enrolment> switchers) {
    Sector sector = e.school.sector();
    // Leaving without a qualification: from 16 (the end of full-time compulsory education), after a few
    // months of drifting away.
    int earliest = Math.max(40, days.indexOnOrAfter(e.person.birthDate.plusYears(16)));
    boolean canLeaveEarly = (sector == Sector.MBO || sector == Sector.VO || sector == Sector.VSO)
        && earliest < days.size();
    double early = Math.min(0.9, 0.35 * e.person.disengagement * priorAbsenceFactor(e, 2.0, 1.3)
        + (sector == Sector.MBO ? 0.3 : 0.0));
    if (canLeaveEarly && rng.nextDouble() < early) {
      int index = earliest + rng.nextInt(days.size() - earliest);
      e.end = days.dates[index];
      e.leaveReason = LeaveReason.EARLY_LEAVER;
      e.disengaging = true;
      int u = rng.nextInt(100);
      e.vsvStatus = u < 65 ? "nieuw" : u < 80 ? "werk" : u < 90 ? "onbekend" : "teruggeleid";
      return;
    }
    int index = 10 + rng.nextInt(days.size() - 10);
    e.end = days.dates[index];
    int age = e.person.ageOn(e.end);
    double u = rng.nextDouble();
    if (age >= 5 && age < 16 && u < 0.05) {
      e.leaveReason = LeaveReason.EXEMPTED;
    } else if (u < 0.35) {
      e.leaveReason = LeaveReason.SWITCHED_SCHOOL;
      School to = pickOtherSchool(e.school);
      if (to == null) {
        e.leaveReason = LeaveReason.MOVED_AWAY;
        return;
      }
      SchoolDays toDays = calendar.days(to);
      // Mostly a few days between schools; sometimes weeks (absoluut verzuim until the new school enrols them).
      int gap = rng.nextInt(5) == 0 ? 10 + rng.nextInt(16) : rng.nextInt(5);
      int startIndex = toDays.indexOnOrAfter(e.end.plusDays(1)) + gap;
      if (startIndex < toDays.size()) {
        Enrolment next = new Enrolment(e.person, to, null, toDays.dates[startIndex]);
        copyPlacement(e, next);
        next.previous = e;
        switchers.add(next);
      }
    } else {
      e.leaveReason = LeaveReason.MOVED_AWAY;
    }
  }

  /**
   * How much more likely a pupil of 16 or older in VO or MBO leaves (and leaves without a
   * qualification) after a school year in tier 3 or tier 2: a VSV'er's earlier absence is a
   * signal, though not every VSV'er had it (seed 000). 1 for everyone else, and in a first year.
   */
  private double priorAbsenceFactor(Enrolment e, double tier3, double tier2) {
    Sector sector = e.school.sector();
    if (sector != Sector.VO && sector != Sector.VSO && sector != Sector.MBO
        || e.person.ageOn(year.firstDay()) < 16) {
      return 1.0;
    }
    return switch (e.person.tierBefore(year.startYear())) {
      case 3 -> tier3;
      case 2 -> tier2;
      default -> 1.0;
    };
  }

  private static double leaveRate(Sector sector) {
    return switch (sector) {
      case PO -> 0.025;
      case SO -> 0.03;
      case VO -> 0.03;
      case VSO -> 0.05;
      case MBO -> 0.09;
    };
  }

  private static boolean finishesThisYear(Enrolment e) {
    return switch (e.track) {
      case GROEP -> e.yearGroup == 8 && !e.lateEntrant;
      case MBO -> e.yearGroup >= e.programme.years();
      default -> e.yearGroup >= e.track.years;
    };
  }

  private void promote(Enrolment e) {
    switch (e.track) {
      case GROEP -> {
        if (e.lateEntrant) {
          e.lateEntrant = false;
        } else if (e.yearGroup < 8 && rng.nextInt(100) >= 2) {
          e.yearGroup++;
        }
      }
      case MBO -> e.yearGroup = Math.min(e.programme.years(), e.yearGroup + 1);
      default -> {
        if (e.yearGroup < e.track.years && rng.nextInt(100) >= 5) {
          e.yearGroup++;
        }
      }
    }
    e.exemption = null;
  }

  /** A finished pupil's next school: groep 8 to secondary, SO to VSO, vmbo 4 to MBO; others leave. */
  private void moveOn(Enrolment e) {
    LocalDate start = year.firstDay();
    Person p = e.person;
    if (e.track == Track.GROEP) {
      Sector next = e.school.sector() == Sector.SO && hasSector(Sector.VSO) ? Sector.VSO : Sector.VO;
      School to = pickSchool(next, p.municipalityCode);
      if (to == null) {
        return;
      }
      Enrolment vo = new Enrolment(p, to, null, start);
      vo.track = next == Sector.VSO ? Track.VSO : pickTrack(to);
      vo.yearGroup = 1;
      vo.classLetter = classLetter(expectedGroupSize(to, vo.track));
      vo.lessonDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
      add(vo);
    } else if (e.track.isVmbo() && rng.nextInt(100) < 60) {
      School to = pickSchool(Sector.MBO, p.municipalityCode);
      if (to == null) {
        return;
      }
      int level = switch (e.track) {
        case VMBO_BB -> 2;
        case VMBO_KB -> rng.nextBoolean() ? 2 : 3;
        default -> rng.nextInt(3) == 0 ? 3 : 4;
      };
      List<MboProgramme> options = MBO_PROGRAMMES.stream().filter(m -> m.level() == level).toList();
      add(mboEnrolment(p, to, options.get(rng.nextInt(options.size())), 1, mboStart(year.startYear())));
    }
  }

  /** Creates {@code count} pupils at a school, spread over its year groups. */
  private void fill(School s, int count, boolean firstYear, List<Enrolment> created) {
    switch (s.sector()) {
      case PO, SO -> {
        if (firstYear) {
          // About one in seventeen pupils is a late entrant: four years old after 1 October.
          int regular = Math.max(1, (int) Math.round(count * 8 / 8.5));
          int offset = rng.nextInt(8);
          for (int i = 0; i < regular; i++) {
            Enrolment e = primaryInGroep(s, 1 + (i + offset) % 8, true);
            if (e != null) {
              created.add(e);
            }
          }
          lateEntrants(s, count - regular, created);
        } else {
          for (int i = 0; i < count; i++) {
            Enrolment e = primaryInGroep(s, 2 + rng.nextInt(7), false);
            if (e != null) {
              created.add(e);
            }
          }
        }
      }
      case VO, VSO -> {
        for (int i = 0; i < count; i++) {
          Track track = s.sector() == Sector.VSO ? Track.VSO : pickTrack(s);
          int leerjaar = firstYear || rng.nextInt(10) < 3 ? 1 + rng.nextInt(track.years) : 1;
          created.add(secondary(s, track, leerjaar, firstYear));
        }
      }
      case MBO -> {
        for (int i = 0; i < count; i++) {
          MboProgramme programme = pickProgramme();
          int programmeYear = firstYear || rng.nextInt(10) < 2 ? 1 + rng.nextInt(programme.years()) : 1;
          int age = 16 + (programmeYear - 1) + rng.nextInt(programme.level() <= 2 ? 4 : 3);
          Person p = newPerson(birthForAge(age), residence(s), s.sector());
          created.add(mboEnrolment(p, s, programme, programmeYear, mboStart(year.startYear() - programmeYear + 1)));
        }
      }
    }
  }

  /** Children who turn four after 1 October and before the window ends: they enter groep 1 on their birthday. */
  private void lateEntrants(School s, long count, List<Enrolment> created) {
    for (int i = 0; i < count; i++) {
      LocalDate birth = between(LocalDate.of(year.startYear() - 4, 10, 2), LocalDate.of(year.startYear() - 3, 7, 31));
      LocalDate fourth = birth.plusYears(4);
      if (!fourth.isAfter(calendar.windowEnd)) {
        Enrolment e = primary(s, 1, birth, fourth);
        e.lateEntrant = true;
        created.add(e);
      }
    }
  }

  /** A primary pupil in groep {@code g}: four years old plus the groep on 1 October, some a year older. */
  private Enrolment primaryInGroep(School s, int g, boolean sinceEarlierYears) {
    int age = g + 3 + (g >= 3 && rng.nextInt(100) < 10 ? 1 : 0);
    LocalDate birth = birthForAge(age);
    LocalDate fourth = birth.plusYears(4);
    LocalDate start = fourth;
    if (!sinceEarlierYears) {
      start = fourth.isAfter(year.firstDay()) ? fourth : year.firstDay();
    } else if (s.sector() == Sector.SO || rng.nextInt(100) < 15) {
      // Came from another school (SO: referred by a regular school).
      LocalDate lastSummer = year.firstDay().minusDays(1);
      start = between(fourth, lastSummer.isBefore(fourth) ? fourth : lastSummer);
    }
    return start.isAfter(calendar.windowEnd) ? null : primary(s, g, birth, start);
  }

  private Enrolment primary(School s, int groep, LocalDate birth, LocalDate start) {
    Person p = newPerson(birth, residence(s), s.sector());
    Enrolment e = new Enrolment(p, s, null, start);
    e.track = Track.GROEP;
    e.yearGroup = groep;
    e.classLetter = classLetter(target[s.index()] / 8.5);
    e.lessonDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    return e;
  }

  private Enrolment secondary(School s, Track track, int leerjaar, boolean sinceEarlierYears) {
    int age = 11 + leerjaar + (rng.nextInt(100) < 15 ? 1 : 0) + (track == Track.VSO ? rng.nextInt(2) : 0);
    Person p = newPerson(birthForAge(age), residence(s), s.sector());
    LocalDate start = sinceEarlierYears ? LocalDate.of(year.startYear() - leerjaar + 1, 8, 1) : year.firstDay();
    if (sinceEarlierYears && rng.nextInt(100) < 6) {
      start = between(start, year.firstDay());
    }
    Enrolment e = new Enrolment(p, s, null, start);
    e.track = track;
    e.yearGroup = leerjaar;
    e.classLetter = classLetter(expectedGroupSize(s, track));
    e.lessonDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    maybeExempt(e);
    return e;
  }

  private Enrolment mboEnrolment(Person p, School s, MboProgramme programme, int programmeYear, LocalDate start) {
    Enrolment e = new Enrolment(p, s, null, start);
    e.track = Track.MBO;
    e.programme = programme;
    e.yearGroup = programmeYear;
    e.leerweg = programme.level() >= 2 && rng.nextInt(100) < 15 ? "BBL" : "BOL";
    double share = MBO_WEIGHTS[MBO_PROGRAMMES.indexOf(programme)] / 100.0;
    e.classLetter = classLetter(target[s.index()] * share / programme.years() * 26 / 24);
    String group = programme.groupCode() + programmeYear + e.classLetter;
    DayOfWeek offDay = DayOfWeek.of(1 + Math.floorMod(group.hashCode(), 5));
    if ("BBL".equals(e.leerweg)) {
      // Work-based: one day a week at school.
      e.lessonDays = EnumSet.of(offDay);
    } else {
      e.lessonDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
      e.lessonDays.remove(offDay);
      e.placementDay = programmeYear >= 2 ? offDay : null;
    }
    return e;
  }

  /** A newcomer moving into the region during the year. */
  private Enrolment newPupil(School s, LocalDate start) {
    Enrolment e;
    switch (s.sector()) {
      case PO, SO -> {
        int g = 1 + rng.nextInt(8);
        LocalDate birth = birthForAge(g + 3);
        if (birth.plusYears(4).isAfter(start)) {
          return null;
        }
        e = primary(s, g, birth, start);
      }
      case VO, VSO -> {
        Track track = s.sector() == Sector.VSO ? Track.VSO : pickTrack(s);
        int leerjaar = 1 + rng.nextInt(track.years);
        Person p = newPerson(birthForAge(11 + leerjaar), residence(s), s.sector());
        e = new Enrolment(p, s, null, start);
        e.track = track;
        e.yearGroup = leerjaar;
        e.classLetter = classLetter(expectedGroupSize(s, track));
        e.lessonDays = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
      }
      default -> {
        MboProgramme programme = pickProgramme();
        Person p = newPerson(birthForAge(16 + rng.nextInt(4)), residence(s), s.sector());
        e = mboEnrolment(p, s, programme, 1, start);
      }
    }
    return e;
  }

  private void copyPlacement(Enrolment from, Enrolment to) {
    to.track = from.track;
    to.yearGroup = from.yearGroup;
    to.programme = from.programme;
    to.leerweg = from.leerweg;
    to.lessonDays = from.lessonDays;
    to.placementDay = from.placementDay;
    to.classLetter = from.track == Track.MBO
        ? from.classLetter
        : classLetter(from.track == Track.GROEP ? target[to.school.index()] / 8.5
            : expectedGroupSize(to.school, from.track));
  }

  /** Some Magister pupils are exempt from one weekly lesson for a few months (e.g. sports after an injury). */
  private void maybeExempt(Enrolment e) {
    if (e.school.lvs() == Lvs.MAGISTER && rng.nextInt(100) < 2) {
      LocalDate from = year.firstDay().plusDays(30 + rng.nextInt(120));
      e.exemption = new LessonExemption(DayOfWeek.of(1 + rng.nextInt(5)), 4 + rng.nextInt(2), from,
          from.plusDays(40 + rng.nextInt(80)));
    }
  }

  private Person newPerson(LocalDate birth, String municipalityCode, Sector sector) {
    Identities.FirstName first = Identities.firstName(rng);
    Identities.FamilyName family = Identities.familyName(rng);
    String[] postcode = Identities.postcode(rng, municipalityCode);
    boolean newcomer = rng.nextInt(1000) < 15;
    String bsn = newcomer ? null : identities.newBsn();
    String onderwijsnummer = newcomer ? identities.newOnderwijsnummer() : null;
    boolean nt2 = newcomer || ((sector == Sector.VO || sector == Sector.MBO) && rng.nextInt(100) < 3);
    double g1 = rng.nextGaussian();
    double g2 = 0.3 * g1 + Math.sqrt(1 - 0.09) * rng.nextGaussian();
    double frailty = Math.exp(0.7 * g1 - 0.245);
    double disengagement = Math.exp(1.0 * g2 - 0.5);
    int w = rng.nextInt(100);
    String weight = w < 85 ? "0" : w < 94 ? "0.3" : "1.2";
    int specialNeedsPct = switch (sector) {
      case SO, VSO -> 100;
      case PO -> 8;
      case VO -> 10;
      case MBO -> 12;
    };
    boolean specialNeeds = rng.nextInt(100) < specialNeedsPct;
    boolean luxuryProne = rng.nextInt(100) < 3;
    return new Person(nextPersonId++, bsn, onderwijsnummer, first.name(), family, birth, first.sex(),
        municipalityCode, postcode[0], postcode[1], frailty, disengagement, luxuryProne, weight, specialNeeds, nt2);
  }

  /** Born so that the child is {@code age} on 1 October of the current school year. */
  private LocalDate birthForAge(int age) {
    LocalDate oct = year.octoberFirst();
    return between(oct.minusYears(age + 1).plusDays(1), oct.minusYears(age));
  }

  /**
   * The stream for the children of compulsory-school age on no school's pupil list ({@link #childOutsideSchools});
   * call once a year, after the schools.
   */
  void startChildrenOutsideSchools() {
    rng = stream(OUTSIDE, null);
  }

  /** A child of compulsory-school age on no school's pupil list (absoluut verzuim, exemptions). */
  Person childOutsideSchools(int age) {
    return newPerson(birthForAge(age), anyMunicipality(), Sector.PO);
  }

  /** Mostly the school's municipality; otherwise any municipality, weighted by its young residents. */
  private String residence(School s) {
    int stay = s.sector() == Sector.PO || s.sector() == Sector.SO ? 92 : 65;
    return rng.nextInt(100) < stay ? s.municipalityCode() : anyMunicipality();
  }

  private String anyMunicipality() {
    double u = rng.nextDouble() * totalResidents;
    String last = null;
    for (Municipality m : conf.municipalities.values()) {
      u -= m.residents5to18();
      last = m.code();
      if (u < 0) {
        return m.code();
      }
    }
    return last;
  }

  /** Track shares of a secondary school, from its name: a lyceum has havo/vwo, a vakcollege or vmbo vmbo. */
  private static double[] trackShares(School s) {
    String name = s.name().toLowerCase(Locale.ROOT);
    return name.contains("lyceum") ? LYCEUM : name.contains("vakcollege") || name.contains("vmbo") ? VMBO : MIXED;
  }

  private Track pickTrack(School s) {
    return TRACKS[weighted(trackShares(s))];
  }

  private double expectedGroupSize(School s, Track track) {
    double share = track == Track.VSO ? 100 : trackShares(s)[Arrays.asList(TRACKS).indexOf(track)];
    return target[s.index()] * share / 100.0 / track.years;
  }

  private MboProgramme pickProgramme() {
    return MBO_PROGRAMMES.get(weighted(MBO_WEIGHTS));
  }

  private int weighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = rng.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0 && weights[i] > 0) {
        return i;
      }
    }
    for (int i = weights.length - 1; i >= 0; i--) {
      if (weights[i] > 0) {
        return i;
      }
    }
    throw new IllegalStateException("no positive weight");
  }

  private char classLetter(double expectedGroupSize) {
    int classes = Math.max(1, (int) Math.round(expectedGroupSize / CLASS_SIZE));
    return (char) ('a' + rng.nextInt(Math.min(classes, 8)));
  }

  /** A school of the sector, preferring the pupil's municipality, weighted by size; null when there is none. */
  private School pickSchool(Sector sector, String municipalityCode) {
    double total = 0;
    for (School s : conf.schools) {
      if (s.sector() == sector) {
        total += target[s.index()] * (s.municipalityCode().equals(municipalityCode) ? 6 : 1);
      }
    }
    if (total == 0) {
      return null;
    }
    double u = rng.nextDouble() * total;
    School last = null;
    for (School s : conf.schools) {
      if (s.sector() == sector) {
        u -= target[s.index()] * (s.municipalityCode().equals(municipalityCode) ? 6 : 1);
        last = s;
        if (u < 0) {
          return s;
        }
      }
    }
    return last;
  }

  private School pickOtherSchool(School from) {
    List<School> candidates = new ArrayList<>();
    for (School s : conf.schools) {
      if (s.sector() == from.sector() && s != from) {
        candidates.add(s);
      }
    }
    return candidates.isEmpty() ? null : candidates.get(rng.nextInt(candidates.size()));
  }

  private boolean hasSector(Sector sector) {
    return conf.schools.stream().anyMatch(s -> s.sector() == sector);
  }

  /** MBO programmes start on the first school day after the summer holiday (the Monday after 20 August). */
  private LocalDate mboStart(int startYear) {
    if (startYear == year.startYear()) {
      return calendar.firstRegionSchoolDay();
    }
    return LocalDate.of(startYear, 8, 20).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
  }

  private LocalDate between(LocalDate from, LocalDate to) {
    long days = ChronoUnit.DAYS.between(from, to);
    return days <= 0 ? from : from.plusDays(rng.nextLong(days + 1));
  }

  private void add(Enrolment e) {
    perSchool.get(e.school.index()).add(numbered(e));
  }

  /** Gives a new enrolment the school's next pupil number. */
  private Enrolment numbered(Enrolment e) {
    if (e.number == null) {
      e.number = Long.toString(nextNumber[e.school.index()]++);
    }
    return e;
  }
}
