package nl.schoolmonitor.jobs.weekly;

import java.time.Duration;
import java.time.LocalDate;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.jobs.publish.DisclosureRule;

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
 * @param waitForLock how long to wait for another run on the same warehouse to finish
 * @param disclosure  the small-cell rule every published table for people is protected with
 */
public record WeeklySettings(RegionConfig config, String landing, String warehouse, String publish, LocalDate asOf,
    byte[] key, boolean full, Duration waitForLock, DisclosureRule disclosure) {

  /** An incremental run that does not wait for another run, with the default small-cell rule. */
  public WeeklySettings(RegionConfig config, String landing, String warehouse, String publish, LocalDate asOf,
      byte[] key) {
    this(config, landing, warehouse, publish, asOf, key, false, Duration.ZERO, DisclosureRule.DEFAULT);
  }

  @Override
  public String toString() {
    return "WeeklySettings[region=" + config.code() + ", landing=" + landing + ", warehouse=" + warehouse
        + ", publish=" + publish + ", asOf=" + asOf + ", key=<hidden>, full=" + full + "]";
  }
}
