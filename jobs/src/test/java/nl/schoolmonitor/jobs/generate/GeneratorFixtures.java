package nl.schoolmonitor.jobs.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** The demo region's configuration and the domain samples, found from the module or the repository root. */
final class GeneratorFixtures {

  static final LocalDate UNTIL = LocalDate.of(2026, 3, 27);
  static final LocalDate SCHOOL_YEAR_START = LocalDate.of(2025, 8, 1);

  /** {@code conf/twente} of the repository. */
  static final Path CONF = firstExisting(Path.of("conf", "twente"), Path.of("..", "conf", "twente"));
  /** The samples of {@code shared/domain} next to the repository, when they are there. */
  static final Path SAMPLES = firstExisting(Path.of("..", "shared", "domain", "samples"),
      Path.of("..", "..", "shared", "domain", "samples"));

  private GeneratorFixtures() {}

  static GeneratorSettings settings(Path out, int pupils, long seed) {
    return settings(out, pupils, seed, "2025-2026");
  }

  static GeneratorSettings settings(Path out, int pupils, long seed, String fromSchoolYear) {
    return new GeneratorSettings(CONF.resolve("schools.csv"), CONF.resolve("municipalities.csv"),
        CONF.resolve("holidays.csv"), "noord", fromSchoolYear, "2025-2026", UNTIL, pupils, seed, out);
  }

  private static Path firstExisting(Path... candidates) {
    for (Path p : candidates) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return candidates[candidates.length - 1];
  }
}
