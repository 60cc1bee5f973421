package nl.schoolmonitor.jobs.weekly;

import java.time.LocalDate;
import nl.schoolmonitor.config.RegionConfig;

/**
 * What one weekly run needs, resolved from the command line and the region file.
 *
 * @param config    the region, with any command-line overrides of its files applied
 * @param landing   the landing zone (read only)
 * @param warehouse the folder of the Delta tables
 * @param publish   the folder the published files go under
 * @param asOf      the reference date: figures are up to and including this day
 * @param key       the pseudonymisation key (never logged, never stored)
 * @param full      rebuild silver and gold from all of bronze, even where nothing changed
 */
public record WeeklySettings(RegionConfig config, String landing, String warehouse, String publish, LocalDate asOf,
    byte[] key, boolean full) {

  /** An incremental run: only the schools with new files are staged again. */
  public WeeklySettings(RegionConfig config, String landing, String warehouse, String publish, LocalDate asOf,
      byte[] key) {
    this(config, landing, warehouse, publish, asOf, key, false);
  }

  @Override
  public String toString() {
    return "WeeklySettings[region=" + config.code() + ", landing=" + landing + ", warehouse=" + warehouse
        + ", publish=" + publish + ", asOf=" + asOf + ", key=<hidden>, full=" + full + "]";
  }
}
