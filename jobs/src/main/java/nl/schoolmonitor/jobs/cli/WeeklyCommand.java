package nl.schoolmonitor.jobs.cli;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
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
    description = "Ingests new exports, updates silver and gold, publishes the tables of the reference date.")
public final class WeeklyCommand implements Callable<Integer> {

  @Mixin
  RegionOptions region;

  @Mixin
  RunOptions run;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "Reference date (ISO, e.g. 2026-03-27): figures up to and including this day. Default: the "
          + "Friday of the last completed week (on a Monday morning: last Friday).")
  LocalDate asOf;

  @Override
  public Integer call() throws Exception {
    LocalDate referenceDate = asOf != null ? asOf : lastCompletedWeek(LocalDate.now());
    return runWeekly(List.of(run.settings(region, region.load(), referenceDate)), run.verbose);
  }

  /**
   * The Friday of the last week that has ended by {@code today}: a week is complete once its
   * Friday is over, so on Friday itself it is the Friday before.
   */
  static LocalDate lastCompletedWeek(LocalDate today) {
    return today.minusDays(1).with(TemporalAdjusters.previousOrSame(DayOfWeek.FRIDAY));
  }

  /** Runs the weekly job once per settings, in order, in one Spark session. */
  static int runWeekly(List<WeeklySettings> runs, boolean verbose) throws Exception {
    Progress progress = new Progress(System.out);
    SparkSession spark = SparkSessions.create("monitor-weekly-" + runs.get(0).config().code(), runs.get(0).warehouse(),
        verbose);
    try {
      progress.stage("spark", "session ready (%s, Spark %s)", spark.sparkContext().master(), spark.version());
      for (WeeklySettings settings : runs) {
        WeeklyJob.Result result = new WeeklyJob(spark, settings, progress).run();
        progress.stage("done", "%s, %s: %d files, %,d records read, %,d replaced by later exports, %,d quarantined; "
            + "published in %s", settings.asOf(), result.mode(), result.filesSeen(), result.rowsRead(),
            result.rowsReplaced(), result.rowsQuarantined(), result.publishedIn());
      }
      return 0;
    } finally {
      spark.stop();
    }
  }
}
