package nl.schoolmonitor.jobs.publish;

import java.time.LocalDate;
import nl.schoolmonitor.config.FlagRule;
import nl.schoolmonitor.config.Norm;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.TierRule;

/**
 * What the workbook's "Toelichting" sheet says about a publication: whose figures, up to which
 * day, and with which rules.
 *
 * @param regionName    the region as published
 * @param schoolYear    e.g. {@code 2025-2026}
 * @param referenceDate the figures run up to and including this day
 * @param tiers         the tier boundaries and minimum school days
 * @param norm          the norm the pyramid is compared with
 * @param flags         the flag thresholds
 */
public record PublicationInfo(String regionName, String schoolYear, LocalDate referenceDate, TierRule tiers, Norm norm,
    FlagRule flags) {

  public static PublicationInfo of(RegionConfig config, String schoolYear, LocalDate referenceDate) {
    return new PublicationInfo(config.name(), schoolYear, referenceDate, config.tiers(), config.norm(), config.flags());
  }

  /** {@code schoolaanwezigheid_<school_year>_<reference_date>.xlsx}. */
  public String workbookName() {
    return "schoolaanwezigheid_" + schoolYear + "_" + referenceDate + ".xlsx";
  }
}
