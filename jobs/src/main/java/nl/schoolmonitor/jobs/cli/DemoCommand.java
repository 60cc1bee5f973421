package nl.schoolmonitor.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.jobs.Progress;
import nl.schoolmonitor.jobs.generate.GenerationSummary;
import nl.schoolmonitor.jobs.research.ResearchSettings;
import nl.schoolmonitor.jobs.weekly.WeeklySettings;
import nl.schoolmonitor.research.ResearchConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code monitor demo}: generates the demo region (two school years) into a work folder, runs the weekly job on it
 * and says where the published files are. Uses a throwaway pseudonymisation key unless one is set.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generates the demo region, runs the weekly job on it and prints where the published files are.")
public final class DemoCommand implements Callable<Integer> {

  /**
   * The demo has the school year before too: a pupil's earlier year links to this year's outcomes
   * (early warning, previous-year tier in the research extract).
   */
  static final String DEMO_FIRST_SCHOOL_YEAR = "2024-2025";

  @Mixin
  RegionOptions region;

  @Option(names = "--work", defaultValue = "work/demo", paramLabel = "DIR",
      description = "Work folder for landing zone, warehouse and publication (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--pupils", defaultValue = "5000", description = "About how many pupils (default: ${DEFAULT-VALUE}).")
  int pupils;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--verbose", description = "Show Spark's own logging and stack traces.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Path root = work.toAbsolutePath().normalize();
    Path landing = root.resolve("landing");
    RegionConfig config = region.load();
    Progress progress = new Progress(System.out);
    GenerationSummary summary = GenerateCommand.generate(config, DEMO_FIRST_SCHOOL_YEAR,
        GenerateCommand.DEMO_SCHOOL_YEAR, GenerateCommand.DEMO_UNTIL, pupils, seed, landing);
    progress.stage("generate", "demo region %s written to %s", config.name(), landing);
    System.out.println(summary.toString().indent(12).stripTrailing());

    byte[] key;
    if (System.getenv(PseudonymKey.ENVIRONMENT_VARIABLE) != null) {
      key = PseudonymKey.resolve(null);
    } else {
      key = PseudonymKey.throwaway();
      progress.stage("key", "no %s set: using a throwaway key for this demo (pseudonyms differ every demo run)",
          PseudonymKey.ENVIRONMENT_VARIABLE);
    }
    // A fresh warehouse each demo: the throwaway key would otherwise mix pseudonyms of two runs.
    deleteRecursively(root.resolve("warehouse"));
    WeeklySettings settings = new WeeklySettings(config, landing.toString(), root.resolve("warehouse").toString(),
        root.resolve("publish").toString(), GenerateCommand.DEMO_UNTIL, key, false, Duration.ZERO, region.disclosure());
    int exit = WeeklyCommand.runWeekly(List.of(settings), verbose);
    Path published = root.resolve("publish").resolve(GenerateCommand.DEMO_SCHOOL_YEAR)
        .resolve(GenerateCommand.DEMO_UNTIL.toString());
    System.out.println();
    System.out.println(String.format(Locale.ROOT, "Published files of the demo region are in %s", published));
    RegionPyramid.print(published.resolve("pyramid.csv"), System.out);
    if (exit != 0) {
      return exit;
    }
    // The research extract of the demo (read by notebooks/onderzoek.ipynb), under a throwaway
    // research key unless MONITOR_RESEARCH_KEY is set.
    Path researchConfig = ResearchExtractCommand.defaultConfig(region);
    if (!Files.exists(researchConfig)) {
      progress.stage("research", "no %s: no research extract", researchConfig);
      return exit;
    }
    byte[] researchKey = System.getenv(ResearchKey.ENVIRONMENT_VARIABLE) != null ? ResearchKey.resolve(null)
        : PseudonymKey.throwaway();
    Path research = root.resolve("research");
    exit = ResearchExtractCommand.runExtract(new ResearchSettings(config, ResearchConfigLoader.load(researchConfig),
        root.resolve("warehouse").toString(), GenerateCommand.DEMO_UNTIL, research.toString(), researchKey), verbose);
    System.out.println(String.format(Locale.ROOT, "Research extract of the demo region is in %s", research));
    return exit;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
