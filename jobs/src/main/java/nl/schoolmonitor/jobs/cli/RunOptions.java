package nl.schoolmonitor.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.jobs.weekly.WeeklySettings;
import picocli.CommandLine.Option;

/** Where a run reads and writes, and how: shared by {@code weekly} and {@code backfill}. */
public final class RunOptions {

  @Option(names = "--landing", required = true, paramLabel = "DIR", description = "The landing zone (read only).")
  String landing;

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Folder of the Delta tables.")
  String warehouse;

  @Option(names = "--publish", required = true, paramLabel = "DIR", description = "Folder for the published files.")
  String publish;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "File holding the pseudonymisation key (else the environment variable MONITOR_PSEUDONYM_KEY).")
  Path keyFile;

  @Option(names = "--full", description = "Rebuild silver and gold from all of bronze (after a code update); "
      + "otherwise only the schools with new files are processed again.")
  boolean full;

  @Option(names = "--wait-for-lock", paramLabel = "MINUTES", defaultValue = "0",
      description = "Wait this long for another run on the same warehouse to finish (default: stop at once).")
  int waitForLockMinutes;

  @Option(names = "--verbose", description = "Show Spark's own logging and stack traces.")
  boolean verbose;

  WeeklySettings settings(RegionOptions region, RegionConfig config, LocalDate asOf) {
    return new WeeklySettings(config, absolute(landing), absolute(warehouse), absolute(publish), asOf,
        PseudonymKey.resolve(keyFile), full, Duration.ofMinutes(waitForLockMinutes), region.disclosure());
  }

  /** Local paths made absolute; URIs (hdfs://, s3a://) left as they are. */
  static String absolute(String path) {
    return path.contains("://") ? path : Path.of(path).toAbsolutePath().normalize().toString();
  }
}
