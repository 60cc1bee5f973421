package nl.schoolmonitor.jobs.cli;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.jobs.weekly.WeeklySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code monitor backfill}: the weekly run for every week of a range, oldest first. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Runs the weekly job for the Friday of every week from --from to --to (oldest first), "
        + "publishing each week as the Monday run would have.")
public final class BackfillCommand implements Callable<Integer> {

  @Mixin
  RegionOptions region;

  @Mixin
  RunOptions run;

  @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day of the range (ISO).")
  LocalDate from;

  @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day of the range (ISO).")
  LocalDate to;

  @Override
  public Integer call() throws Exception {
    List<LocalDate> fridays = fridays(from, to);
    RegionConfig config = region.load();
    List<WeeklySettings> runs = new ArrayList<>();
    fridays.forEach(friday -> runs.add(run.settings(region, config, friday)));
    return WeeklyCommand.runWeekly(runs, run.verbose);
  }

  /** The Fridays from {@code from} to {@code to}, inclusive; a range without one is a mistake. */
  static List<LocalDate> fridays(LocalDate from, LocalDate to) {
    List<LocalDate> fridays = new ArrayList<>();
    for (LocalDate d = from.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY)); !d.isAfter(to); d = d.plusWeeks(1)) {
      fridays.add(d);
    }
    if (fridays.isEmpty()) {
      throw new IllegalArgumentException("--from " + from + " --to " + to + " holds no Friday: nothing to backfill");
    }
    return fridays;
  }
}
