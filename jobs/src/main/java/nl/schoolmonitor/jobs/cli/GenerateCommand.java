package nl.schoolmonitor.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.jobs.generate.GenerationSummary;
import nl.schoolmonitor.jobs.generate.GeneratorSettings;
import nl.schoolmonitor.jobs.generate.LandingZoneGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monitor generate}: a synthetic landing zone for a region, in exactly the CONTRACT formats. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Writes a synthetic landing zone (school exports, leerplicht, VSV) for the region's schools.")
public final class GenerateCommand implements Callable<Integer> {
  static final String DEMO_SCHOOL_YEAR = "2025-2026";
  static final LocalDate DEMO_UNTIL = LocalDate.of(2026, 3, 27);
  static final int DEMO_PUPILS = 5000;
  static final long DEMO_SEED = 42;

  @Mixin
  RegionOptions region;

  @Option(names = "--school-year", defaultValue = DEMO_SCHOOL_YEAR, paramLabel = "YEAR",
      description = "School year to generate (default: ${DEFAULT-VALUE}).")
  String schoolYear;

  @Option(names = "--from-school-year", paramLabel = "YEAR",
      description = "First school year when generating consecutive years (default: the --school-year).")
  String fromSchoolYear;

  @Option(names = "--until", defaultValue = "2026-03-27", paramLabel = "DATE",
      description = "Last date with registrations (default: ${DEFAULT-VALUE}).")
  LocalDate until;

  @Option(names = "--pupils", defaultValue = "5000", description = "About how many pupils (default: ${DEFAULT-VALUE}).")
  int pupils;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same files.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the landing zone to.")
  Path out;

  @Override
  public Integer call() throws Exception {
    GenerationSummary summary = generate(region.load(), fromSchoolYear == null ? schoolYear : fromSchoolYear,
        schoolYear, until, pupils, seed, out);
    System.out.println(summary);
    return 0;
  }

  static GenerationSummary generate(RegionConfig config, String fromSchoolYear, String schoolYear, LocalDate until,
      int pupils, long seed, Path out) throws java.io.IOException {
    return LandingZoneGenerator.generate(new GeneratorSettings(config.files().schools(), config.files().municipalities(),
        config.files().holidays(), config.holidayRegion(), fromSchoolYear, schoolYear, until, pupils, seed, out));
  }
}
