package nl.schoolmonitor.jobs.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import nl.schoolmonitor.jobs.Progress;
import nl.schoolmonitor.jobs.SparkSessions;
import nl.schoolmonitor.jobs.weekly.WeeklyJob;
import nl.schoolmonitor.jobs.weekly.WeeklySettings;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monitor weekly}: the weekly run over a landing zone. */
@Command(name = "weekly", mixinStandardHelpOptions = true,
    description = "Ingests new exports, rebuilds silver and gold, publishes pyramid.csv and trend_weekly.csv.")
public final class WeeklyCommand implements Callable<Integer> {

  @Mixin
  RegionOptions region;

  @Option(names = "--landing", required = true, paramLabel = "DIR", description = "The landing zone (read only).")
  String landing;

  @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Folder of the Delta tables.")
  String warehouse;

  @Option(names = "--publish", required = true, paramLabel = "DIR", description = "Folder for the published files.")
  String publish;

  @Option(names = "--as-of", required = true, paramLabel = "DATE",
      description = "Reference date (ISO, e.g. 2026-03-27): figures up to and including this day.")
  LocalDate asOf;

  @Option(names = "--key-file", paramLabel = "FILE",
      description = "File holding the pseudonymisation key (else the environment variable MONITOR_PSEUDONYM_KEY).")
  Path keyFile;

  @Option(names = "--full", description = "Rebuild silver and gold from all of bronze (after a code update); "
      + "otherwise only the schools with new files are processed again.")
  boolean full;

  @Option(names = "--verbose", description = "Show Spark's own logging and stack traces.")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    byte[] key = PseudonymKey.resolve(keyFile);
    WeeklySettings settings = new WeeklySettings(region.load(), absolute(landing), absolute(warehouse),
        absolute(publish), asOf, key, full);
    return runWeekly(settings, verbose);
  }

  static int runWeekly(WeeklySettings settings, boolean verbose) throws Exception {
    Progress progress = new Progress(System.out);
    SparkSession spark = SparkSessions.create("monitor-weekly-" + settings.config().code(), settings.warehouse(), verbose);
    try {
      progress.stage("spark", "session ready (%s, Spark %s)", spark.sparkContext().master(), spark.version());
      WeeklyJob.Result result = new WeeklyJob(spark, settings, progress).run();
      progress.stage("done", "%d files, %,d records read, %,d quarantined; published in %s", result.filesSeen(),
          result.rowsRead(), result.rowsQuarantined(), result.publishedIn());
      return 0;
    } finally {
      spark.stop();
    }
  }

  /** Local paths made absolute; URIs (hdfs://, s3a://) left as they are. */
  static String absolute(String path) {
    return path.contains("://") ? path : Path.of(path).toAbsolutePath().normalize().toString();
  }
}
