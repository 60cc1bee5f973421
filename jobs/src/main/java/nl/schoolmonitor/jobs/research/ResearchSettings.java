package nl.schoolmonitor.jobs.research;

import java.time.LocalDate;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.research.ResearchConfig;

/**
 * What one research extract needs: the region (tiers, flag thresholds, schools), the privacy rules
 * of {@code research.yaml}, where the warehouse is, the reference date, where to write, and the
 * research key (held in memory only).
 */
public record ResearchSettings(RegionConfig region, ResearchConfig research, String warehouse, LocalDate asOf,
    String out, byte[] researchKey) {

  @Override
  public String toString() {
    return "ResearchSettings[region=" + region.code() + ", warehouse=" + warehouse + ", asOf=" + asOf + ", out=" + out
        + ", key not shown]";
  }
}
