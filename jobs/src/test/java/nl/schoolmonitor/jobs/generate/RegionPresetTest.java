package nl.schoolmonitor.jobs.generate;

import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.CONF;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.UNTIL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import nl.schoolmonitor.jobs.generate.RegionConf.Lvs;
import nl.schoolmonitor.jobs.ingest.FileInspector;
import nl.schoolmonitor.jobs.ingest.LandingFile;
import nl.schoolmonitor.jobs.ingest.LandingZone;
import nl.schoolmonitor.jobs.generate.RegionConf.School;
import nl.schoolmonitor.jobs.generate.RegionConf.Sector;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The twente-size preset: about 300 locations for 100,000 pupils, realistic sizes for any number of pupils. */
class RegionPresetTest {

  @TempDir
  Path tmp;

  @Test
  void twenteSizeHasAboutThreeHundredLocationsForAHundredThousandPupils() {
    assertThat(RegionPreset.locations(100_000)).containsExactlyInAnyOrderEntriesOf(Map.of(
        Sector.PO, 236, Sector.SO, 17, Sector.VO, 30, Sector.VSO, 10, Sector.MBO, 6));
  }

  @Test
  void aSmallRunStillHasEverySectorAndEveryStudentInformationSystem() throws IOException {
    assertThat(RegionPreset.locations(500)).containsExactlyInAnyOrderEntriesOf(Map.of(
        Sector.PO, 2, Sector.SO, 1, Sector.VO, 2, Sector.VSO, 1, Sector.MBO, 1));
    RegionConf conf = regionConf(write(500));
    assertThat(conf.schools.stream().map(School::lvs).distinct()).containsExactlyInAnyOrder(Lvs.values());
  }

  /** PO about 220 pupils a location, VO about 1,000, MBO thousands, whatever the number of pupils. */
  @ParameterizedTest
  @ValueSource(ints = {25_000, 100_000, 400_000, 2_500_000})
  void pupilsPerLocationStayRealistic(int pupils) throws IOException {
    RegionConf conf = regionConf(write(pupils));
    Population population = new Population(conf, pupils, 42, new SplittableRandom(42));
    assertThat(mean(conf, population, Sector.PO)).isBetween(170.0, 270.0);
    assertThat(mean(conf, population, Sector.VO)).isBetween(750.0, 1250.0);
    assertThat(mean(conf, population, Sector.MBO)).isBetween(2000.0, 3500.0);
    for (School s : conf.schools) {
      int target = population.target(s);
      switch (s.sector()) {
        case PO -> assertThat(target).as(s.brinVestiging()).isBetween(80, 420);
        case SO, VSO -> assertThat(target).as(s.brinVestiging()).isBetween(80, 300);
        case VO -> assertThat(target).as(s.brinVestiging()).isBetween(450, 1600);
        case MBO -> assertThat(target).as(s.brinVestiging()).isBetween(1800, 4500);
      }
    }
  }

  @Test
  void theRegionFolderIsTheSourceWithItsOwnSchoolsAndLoadsAsARegion() throws IOException {
    Path region = write(100_000);
    RegionConfig config = RegionConfigLoader.load(region);
    assertThat(config.files().schools()).isEqualTo(region.resolve("schools.csv"));
    assertThat(Files.readAllLines(region.resolve("schools.csv")).get(0))
        .isEqualTo(Files.readAllLines(CONF.resolve("schools.csv")).get(0));
    assertThat(Files.readAllLines(region.resolve("schools.csv"))).hasSize(1 + 299);
    for (String copied : List.of("region.yaml", "municipalities.csv", "holidays.csv", "systems/magister.yaml")) {
      assertThat(Files.readAllBytes(region.resolve(copied))).as(copied)
          .isEqualTo(Files.readAllBytes(CONF.resolve(copied)));
    }
    Set<String> codes = new HashSet<>();
    regionConf(region).schools.forEach(s -> assertThat(codes.add(s.brinVestiging())).isTrue());
    // Every study day belongs to a school of the new file (RegionConf.read checks it).
    assertThat(Files.readAllLines(region.resolve("study_days.csv"))).hasSizeGreaterThan(5);
  }

  @Test
  void theSamePupilsAndSeedGiveTheSameSchools() throws IOException {
    Path first = write(100_000, "first");
    Path again = write(100_000, "again");
    assertThat(Files.readAllBytes(again.resolve("schools.csv")))
        .isEqualTo(Files.readAllBytes(first.resolve("schools.csv")));
    assertThat(Files.readAllBytes(again.resolve("study_days.csv")))
        .isEqualTo(Files.readAllBytes(first.resolve("study_days.csv")));
  }

  @Test
  void aGeneratedLandingZoneHasOneFolderPerPresetLocation() throws IOException {
    Path region = write(2_000);
    Path out = tmp.resolve("landing");
    GenerationSummary summary = LandingZoneGenerator.generate(settings(region, out, 2_000));
    assertThat(summary.pupils()).isBetween(1_800, 2_300);
    try (Stream<Path> folders = Files.list(out.resolve("schools"))) {
      assertThat(folders.count()).isEqualTo(regionConf(region).schools.size());
    }
  }

  /** What the weekly job checks first, without Spark: every file of the landing zone matches a known profile. */
  @Test
  void theWeeklyJobsInspectionAcceptsEveryFile() throws IOException {
    Path region = write(2_000);
    Path out = tmp.resolve("inspected");
    LandingZoneGenerator.generate(settings(region, out, 2_000));
    RegionConfig config = RegionConfigLoader.load(region);
    Map<String, String> systemBySchool = new TreeMap<>();
    regionConf(region).schools.forEach(s -> systemBySchool.put(s.brinVestiging(), s.lvs().code()));
    List<LandingFile> files = LandingZone.inspect(FileSystem.getLocal(new Configuration()),
        new org.apache.hadoop.fs.Path(out.toUri()), new FileInspector(config), systemBySchool);
    assertThat(files).hasSize(2 * systemBySchool.size() + 4);
    assertThat(files.stream().filter(f -> !f.accepted()).map(f -> f.relativePath() + ": " + f.rejection().get()))
        .isEmpty();
  }

  private Path write(int pupils) throws IOException {
    return write(pupils, "region-" + pupils);
  }

  private Path write(int pupils, String folder) throws IOException {
    Path target = tmp.resolve(folder);
    RegionPreset.write(RegionPreset.Kind.TWENTE_SIZE, CONF.toAbsolutePath().normalize(), CONF.resolve("schools.csv"),
        CONF.resolve("municipalities.csv"), CONF.resolve("study_days.csv"), target, pupils, 42);
    return target;
  }

  private static GeneratorSettings settings(Path region, Path out, int pupils) {
    return new GeneratorSettings(region.resolve("schools.csv"), region.resolve("municipalities.csv"),
        region.resolve("holidays.csv"), "noord", "2025-2026", "2025-2026", UNTIL, pupils, 42, out);
  }

  private RegionConf regionConf(Path region) throws IOException {
    return RegionConf.read(settings(region, tmp.resolve("unused"), 1000));
  }

  private static double mean(RegionConf conf, Population population, Sector sector) {
    return conf.schools.stream().filter(s -> s.sector() == sector).mapToInt(population::target).average()
        .orElseThrow();
  }
}
