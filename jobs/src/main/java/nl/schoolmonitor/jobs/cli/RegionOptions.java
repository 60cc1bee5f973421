package nl.schoolmonitor.jobs.cli;

import java.nio.file.Path;
import java.util.Optional;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import nl.schoolmonitor.jobs.publish.DisclosureRule;
import nl.schoolmonitor.jobs.publish.DisclosureRuleLoader;
import picocli.CommandLine.Option;

/** The region and the command-line overrides of its files (command line &gt; region file). */
public final class RegionOptions {

  @Option(names = "--region", defaultValue = "conf/twente", paramLabel = "DIR",
      description = "Region folder with region.yaml (default: ${DEFAULT-VALUE}).")
  Path region;

  @Option(names = "--schools", paramLabel = "FILE", description = "Overrides the region's schools.csv.")
  Path schools;

  @Option(names = "--municipalities", paramLabel = "FILE", description = "Overrides the region's municipalities.csv.")
  Path municipalities;

  @Option(names = "--holidays", paramLabel = "FILE", description = "Overrides the region's holidays.csv.")
  Path holidays;

  @Option(names = "--study-days", paramLabel = "FILE", description = "Overrides the region's study_days.csv.")
  Path studyDays;

  public RegionConfig load() {
    RegionConfig config = RegionConfigLoader.load(region);
    RegionConfig.Files f = config.files();
    return config.withFiles(new RegionConfig.Files(
        schools != null ? schools.toAbsolutePath() : f.schools(),
        municipalities != null ? municipalities.toAbsolutePath() : f.municipalities(),
        holidays != null ? holidays.toAbsolutePath() : f.holidays(),
        studyDays != null ? Optional.of(studyDays.toAbsolutePath()) : f.studyDays(),
        f.postcodes()));
  }

  /** The small-cell rule of the region file's {@code disclosure:} block (defaults when it has none). */
  public DisclosureRule disclosure() {
    return DisclosureRuleLoader.load(region);
  }
}
