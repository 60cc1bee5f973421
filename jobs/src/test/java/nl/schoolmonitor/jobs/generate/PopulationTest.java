package nl.schoolmonitor.jobs.generate;

import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.UNTIL;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.jobs.generate.RegionConf.School;
import org.junit.jupiter.api.Test;

/** A one-year run holds one school's pupils at a time, and gets the same pupils as holding everyone. */
class PopulationTest {

  private static final SchoolYear YEAR = SchoolYear.parse("2025-2026", "year");
  private static final int PUPILS = 20_000;

  /** One pupil as the files show it. */
  record Row(String school, String number, long person, String bsn, String onderwijsnummer, String start, String end,
      String classCode) {}

  @Test
  void buildingOneSchoolAtATimeGivesThePupilsOfHoldingEveryone() throws IOException {
    RegionConf conf = RegionConf.read(settings(Path.of("unused"), PUPILS, 42));
    assertThat(rows(conf, false)).isEqualTo(rows(conf, true)).hasSizeGreaterThan(PUPILS * 9 / 10);
  }

  @Test
  void betweenSchoolsOnlyThePupilsSwitchingSchoolAreHeld() throws IOException {
    RegionConf conf = RegionConf.read(settings(Path.of("unused"), PUPILS, 42));
    Population population = population(conf, false);
    int switching = population.heldEnrolments();
    // A few per thousand pupils switch school during the year (CONTRACT: absoluut verzuim between schools).
    assertThat(switching).isBetween(1, PUPILS / 100);
    for (School s : conf.schools) {
      population.pupilList(s);
      assertThat(population.heldEnrolments()).as(s.brinVestiging()).isLessThanOrEqualTo(switching);
    }
    assertThat(population.heldEnrolments()).isZero();
    assertThat(population(conf, true).heldEnrolments()).isGreaterThan(PUPILS * 9 / 10);
  }

  private static Population population(RegionConf conf, boolean keepAll) {
    Population population = new Population(conf, PUPILS, 42, new SplittableRandom(1));
    population.startFirstYear(YEAR, SchoolCalendar.of(conf, YEAR, YEAR.lastDay()), UNTIL, keepAll);
    return population;
  }

  private static List<Row> rows(RegionConf conf, boolean keepAll) {
    Population population = population(conf, keepAll);
    List<Row> rows = new ArrayList<>();
    for (School s : conf.schools) {
      for (Enrolment e : population.pupilList(s)) {
        rows.add(new Row(s.brinVestiging(), e.number, e.person.id, e.person.bsn, e.person.onderwijsnummer,
            e.start.toString(), String.valueOf(e.end), e.classCode(s.lvs())));
      }
    }
    return rows;
  }
}
