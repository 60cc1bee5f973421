package nl.schoolmonitor.jobs.generate;

import nl.schoolmonitor.common.SchoolYear;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import nl.schoolmonitor.jobs.generate.GenerationSummary.Pyramid;
import nl.schoolmonitor.jobs.generate.RegionConf.Lvs;
import nl.schoolmonitor.jobs.generate.RegionConf.School;
import nl.schoolmonitor.jobs.generate.RegionConf.Sector;
import nl.schoolmonitor.jobs.generate.SchoolExport.ExportNames;
import nl.schoolmonitor.jobs.generate.SchoolExport.Malformed;

/**
 * Writes a synthetic landing zone for a region: for every school location in {@code schools.csv} a pupil list and
 * an absence export per school year in its student information system's format, plus the municipality's leerplicht
 * reports and exemptions and the VSV list (CONTRACT.md sections 1-3), for demos, training, tests and benchmarks.
 *
 * <p>Memory: in a run of one school year, one school's pupils are held at a time (built, written, dropped; see
 * {@link Population}), plus the pupils switching school and the municipal registrations (a few per hundred
 * pupils, as short rows); absences are streamed to the files pupil by pupil. A run of several school years holds
 * every pupil, because pupils move between schools at each year's end. The same settings give byte-identical
 * files: every random choice comes from the seed, in a fixed order, each school's from its own stream, and each
 * pupil's absence from its own generator seeded by (seed, person, school, year). Joiners, leavers and absences
 * are planned over the whole school year and cut at {@code until}, so a later {@code until} with the same seed
 * keeps the earlier days: the new exports differ in the new days, in the leavers the schools now know of, and in
 * a sickness that was still open at the earlier export date and has ended since.
 *
 * <p>A handful of rows are malformed on purpose, in one school per student information system of the latest year:
 * an impossible date, a pupil number not on the pupil list, and a row with a value missing. No other row is.
 *
 * <p>Files of the same name are overwritten; nothing else in {@code out} is touched or deleted, so files of an
 * earlier run with another {@code until} stay next to the new ones: generate into an empty folder.
 */
public final class LandingZoneGenerator {

  private LandingZoneGenerator() {}

  public static GenerationSummary generate(GeneratorSettings settings) throws IOException {
    return generate(settings, tally -> { });
  }

  /** As {@link #generate(GeneratorSettings)}, handing every enrolment's tally of the latest year to {@code sink}. */
  static GenerationSummary generate(GeneratorSettings settings, Consumer<AttendanceTally> sink) throws IOException {
    RegionConf conf = RegionConf.read(settings);
    SplittableRandom rng = new SplittableRandom(settings.seed());
    List<SchoolYear> years = SchoolYear.range(settings.firstYear(), settings.lastYear());
    Population population = new Population(conf, settings.pupils(), settings.seed(), rng.split());
    SplittableRandom registrationRng = rng.split();
    School silent = pick(conf, Sector.PO, rng);
    School nonReporting = pick(conf, Sector.VO, rng);
    Registrations registrations = new Registrations(conf);
    Path out = settings.out();

    List<Path> files = new ArrayList<>();
    SortedMap<String, Integer> pupilsPerSector = new TreeMap<>();
    SortedMap<String, Long> rows = new TreeMap<>();
    SortedMap<String, Integer> malformed = new TreeMap<>();
    SortedMap<String, int[]> tiers = new TreeMap<>();
    SortedMap<String, Integer> flags = new TreeMap<>();
    for (String flag : List.of("reportable_16h", "mazl", "long_absence")) {
      flags.put(flag, 0);
    }
    for (Malformed m : Malformed.values()) {
      malformed.put(m.key(), 0);
    }

    for (SchoolYear year : years) {
      boolean latest = year.equals(settings.lastYear());
      // Pupils and absences are planned over the whole school year and cut at the window's end, so that a later
      // until keeps every earlier day as it was: one more week of exports differs only in that week.
      SchoolCalendar wholeYear = SchoolCalendar.of(conf, year, year.lastDay());
      SchoolCalendar calendar = latest ? SchoolCalendar.of(conf, year, settings.until()) : wholeYear;
      if (year.equals(years.get(0))) {
        // One school year: no pupil moves on to another year, so each school is built when it is written.
        population.startFirstYear(year, wholeYear, calendar.windowEnd, years.size() > 1);
      } else {
        population.startNextYear(year, wholeYear, calendar.windowEnd);
        population.planDuringYear();
      }
      if (!latest) {
        population.finishYear();
      }
      ExportNames names = new ExportNames(latest ? "" : "_" + year.label(),
          latest ? settings.until() : calendar.lastRegionSchoolDay(), calendar.windowEnd);
      int[] impossible = impossibleDate(year, calendar.windowEnd);
      Set<Lvs> malformedWritten = EnumSet.noneOf(Lvs.class);

      for (School school : conf.schools) {
        List<Enrolment> pupils = population.pupilList(school);
        boolean malformedHere = latest && school != silent && !malformedWritten.contains(school.lvs())
            && !pupils.isEmpty();
        // Below the lowest number on the list; from the school's first pupils, who are there at any until.
        String unknownNumber = pupils.isEmpty() ? "1" : Long.toString(Long.parseLong(pupils.get(0).number) - 1);
        int malformedFrom = Math.min(pupils.size() - 1, population.target(school) / 2);
        try (SchoolExport export = SchoolExport.of(school, out, names)) {
          CsvOut list = export.writePupils(pupils);
          files.add(out.relativize(list.path));
          rows.merge("pupils", list.rows(), Long::sum);
          export.openAbsences();
          for (int i = 0; i < pupils.size(); i++) {
            Enrolment e = pupils.get(i);
            PupilDays days = PupilDays.of(e, calendar.days(school));
            SplittableRandom pupilRng = new SplittableRandom(mix(settings.seed(), e.person.id, school.index(),
                year.startYear()));
            List<Episode> episodes = Episode.upTo(AbsencePlanner.plan(e, PupilDays.of(e, wholeYear.days(school)),
                latest, school == silent, pupilRng), days.size(), latest);
            export.writeAbsences(e, days, episodes);
            AttendanceTally tally = new AttendanceTally(e, days, episodes);
            e.person.recordTier(year.startYear(), tally.tier);
            registrations.consider(e, tally, school != nonReporting, calendar, pupilRng);
            if (latest) {
              pupilsPerSector.merge(school.sector().name(), 1, Integer::sum);
              count(tiers, flags, school.sector().name(), tally);
              sink.accept(tally);
            }
            if (malformedHere && i >= malformedFrom && days.size() > 0) {
              for (Malformed m : Malformed.values()) {
                export.writeMalformed(m, e, days.dates[Math.min(days.size() - 1, 20)], unknownNumber, impossible);
                malformed.merge(m.key(), 1, Integer::sum);
              }
              malformedWritten.add(school.lvs());
              malformedHere = false;
            }
          }
          files.add(out.relativize(export.absences.path));
          rows.merge(export.observations() ? "observations" : "absences", export.absences.rows(), Long::sum);
        }
      }
      population.startChildrenOutsideSchools();
      registrations.endOfYear(calendar, population, settings.pupils(), registrationRng);
    }

    Registrations.Written written = registrations.write(out, settings.until());
    written.files().forEach(f -> files.add(out.relativize(f)));
    rows.put("leerplicht_reports", written.reports());
    rows.put("exemptions", written.exemptions());
    rows.put("vsv", written.vsv());
    files.sort(null);

    SortedMap<String, Pyramid> pyramids = new TreeMap<>();
    tiers.forEach((sector, c) -> pyramids.put(sector, new Pyramid(c[1] + c[2] + c[3], c[0], c[1], c[2], c[3])));
    return new GenerationSummary(out, years.stream().map(SchoolYear::label).toList(), List.copyOf(files),
        pupilsPerSector, rows, malformed, pyramids, flags, silent == null ? "none" : silent.brinVestiging(),
        nonReporting == null ? "none" : nonReporting.brinVestiging());
  }

  private static void count(SortedMap<String, int[]> tiers, SortedMap<String, Integer> flags, String sector,
      AttendanceTally t) {
    tiers.computeIfAbsent(sector, s -> new int[4])[t.tier]++;
    tiers.computeIfAbsent("all", s -> new int[4])[t.tier]++;
    if (t.reportable16h()) {
      flags.merge("reportable_16h", 1, Integer::sum);
    }
    if (t.mazl) {
      flags.merge("mazl", 1, Integer::sum);
    }
    if (t.longAbsence()) {
      flags.merge("long_absence", 1, Integer::sum);
    }
  }

  /**
   * One school of the sector, chosen with the seed among those that do not carry the malformed rows (the first
   * school of each student information system); null when the sector has none.
   */
  private static School pick(RegionConf conf, Sector sector, SplittableRandom rng) {
    Set<Lvs> firsts = EnumSet.noneOf(Lvs.class);
    List<School> candidates = new ArrayList<>();
    for (School s : conf.schools) {
      if (firsts.add(s.lvs())) {
        continue;
      }
      if (s.sector() == sector) {
        candidates.add(s);
      }
    }
    return candidates.isEmpty() ? null : candidates.get(rng.nextInt(candidates.size()));
  }

  /** 31 February of the year's February when the window reaches it, else 31 September. */
  private static int[] impossibleDate(SchoolYear year, LocalDate windowEnd) {
    return windowEnd.isBefore(LocalDate.of(year.startYear() + 1, 2, 1))
        ? new int[] {31, 9, year.startYear()}
        : new int[] {31, 2, year.startYear() + 1};
  }

  /** Mixes the parts into one seed (SplitMix64 finaliser), so each pupil-year has its own random stream. */
  static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long part : parts) {
      long z = h ^ part;
      z += 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      h = z ^ (z >>> 31);
    }
    return h;
  }
}
