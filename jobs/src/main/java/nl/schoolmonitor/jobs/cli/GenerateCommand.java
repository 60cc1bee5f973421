package nl.schoolmonitor.jobs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.Callable;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import nl.schoolmonitor.jobs.generate.GenerationSummary;
import nl.schoolmonitor.jobs.generate.GeneratorSettings;
import nl.schoolmonitor.jobs.generate.LandingZoneGenerator;
import nl.schoolmonitor.jobs.generate.RegionPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code monitor generate}: a synthetic landing zone for a region, in exactly the CONTRACT formats. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Writes a synthetic landing zone (school exports, leerplicht, VSV) for the region's schools.")
public final class GenerateCommand implements Callable<Integer> {
  static final String DEMO_SCHOOL_YEAR = "2025-2026";
  static final LocalDate DEMO_UNTIL = LocalDate.of(2026, 3, 27);
  static final int DEMO_PUPILS = 5000;
  static final long DEMO_SEED = 42;

  @Spec
  CommandSpec spec;

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

  @Option(names = "--pupils", paramLabel = "N",
      description = "About how many pupils, 1 to 2,500,000 (default: 5000; with --preset twente-size 100000).")
  Integer pupils;

  @Option(names = "--preset", paramLabel = "NAME", converter = PresetConverter.class,
      description = "twente-size: a region folder with about 300 school locations for 100,000 pupils (locations"
          + " scale with --pupils: PO ~220 pupils each, VO ~1,000, MBO ~2,500), written to --region-out and used"
          + " instead of the region's schools.csv.")
  RegionPreset.Kind preset;

  @Option(names = "--region-out", paramLabel = "DIR",
      description = "Where --preset writes its region folder (default: the --out folder's name + '-region', beside"
          + " it). Run weekly with --region DIR.")
  Path regionOut;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same files.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the landing zone to.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (preset != null && (region.schools != null || region.municipalities != null || region.holidays != null
        || region.studyDays != null)) {
      throw new ParameterException(spec.commandLine(), "--preset copies the region folder " + region.region
          + " and writes its own schools.csv: give the region with --region only, without --schools,"
          + " --municipalities, --holidays or --study-days");
    }
    RegionConfig config = region.load();
    int n = pupils != null ? pupils : preset != null ? preset.defaultPupils() : DEMO_PUPILS;
    if (preset != null) {
      Path landing = out.toAbsolutePath().normalize();
      Path target = regionOut != null ? regionOut : landing.resolveSibling(landing.getFileName() + "-region");
      Path source = region.region.toAbsolutePath().normalize();
      int locations = RegionPreset.write(preset, Files.isDirectory(source) ? source : source.getParent(),
          config.files().schools(), config.files().municipalities(), config.files().studyDays().orElse(null), target,
          n, seed);
      System.out.println("Region folder " + target + " (" + preset + "): " + locations
          + " school locations; run weekly with --region " + target);
      config = RegionConfigLoader.load(target);
    }
    GenerationSummary summary = generate(config, fromSchoolYear == null ? schoolYear : fromSchoolYear,
        schoolYear, until, n, seed, out);
    System.out.println(summary);
    return 0;
  }

  /** {@code twente-size} on the command line. */
  static final class PresetConverter implements ITypeConverter<RegionPreset.Kind> {
    @Override
    public RegionPreset.Kind convert(String value) {
      for (RegionPreset.Kind kind : RegionPreset.Kind.values()) {
        if (kind.toString().equals(value)) {
          return kind;
        }
      }
      throw new TypeConversionException("unknown preset '" + value + "'; known: "
          + Arrays.toString(RegionPreset.Kind.values()));
    }
  }

  static GenerationSummary generate(RegionConfig config, String fromSchoolYear, String schoolYear, LocalDate until,
      int pupils, long seed, Path out) throws java.io.IOException {
    return LandingZoneGenerator.generate(new GeneratorSettings(config.files().schools(), config.files().municipalities(),
        config.files().holidays(), config.holidayRegion(), fromSchoolYear, schoolYear, until, pupils, seed, out));
  }
}
