package nl.schoolmonitor.config;

import java.math.BigDecimal;

/**
 * The attendance pyramid's boundaries (Kearney &amp; Graczyk; seed 000 lines 364-394 and
 * 1790-1796): tier 1 up to {@code tier1MaxPct}, tier 3 from {@code tier3MinPct}, tier 2 between.
 * With {@link Boundaries#INCLUSIVE} (the default) exactly 5.0% is tier 1 and exactly 10.0% is
 * tier 3; with {@link Boundaries#STRICT} exactly 5.0% is tier 2 and exactly 10.0% is tier 2.
 * A pupil with fewer than {@code minSchoolDays} school days in a window gets no tier; in the
 * rolling windows of 4 and 12 school weeks the minimum is {@code rollingMinSchoolDays} (DOMAIN.md
 * section 2: the minimum is configuration, US practice uses 10, 20 or 45; 20 days in a window
 * of 4 weeks of 5 days would leave out every pupil with one study day or a part-time timetable).
 *
 * <p>Comparisons are exact on integer minutes: {@code 100 * missed <= 5.0 * scheduled} is
 * evaluated as {@code 1000 * missed <= 50 * scheduled}, so no rounding decides a boundary.
 */
public record TierRule(BigDecimal tier1MaxPct, BigDecimal tier3MinPct, Boundaries boundaries, int minSchoolDays,
    int rollingMinSchoolDays) {

  public enum Boundaries { INCLUSIVE, STRICT }

  public static final TierRule DEFAULT =
      new TierRule(new BigDecimal("5.0"), new BigDecimal("10.0"), Boundaries.INCLUSIVE, 20, 10);

  /** The same minimum in every window. */
  public TierRule(BigDecimal tier1MaxPct, BigDecimal tier3MinPct, Boundaries boundaries, int minSchoolDays) {
    this(tier1MaxPct, tier3MinPct, boundaries, minSchoolDays, minSchoolDays);
  }

  public TierRule {
    if (tier1MaxPct.signum() < 0 || tier1MaxPct.compareTo(tier3MinPct) >= 0 || tier3MinPct.compareTo(new BigDecimal(100)) > 0) {
      throw new IllegalArgumentException("tiers: need 0 <= tier1_max_pct < tier3_min_pct <= 100, got tier1_max_pct="
          + tier1MaxPct + ", tier3_min_pct=" + tier3MinPct);
    }
    if (tier1MaxPct.scale() > 1 || tier3MinPct.scale() > 1) {
      throw new IllegalArgumentException("tiers: thresholds have at most one decimal, got tier1_max_pct="
          + tier1MaxPct + ", tier3_min_pct=" + tier3MinPct);
    }
    if (minSchoolDays < 0 || rollingMinSchoolDays < 0) {
      throw new IllegalArgumentException("tiers.min_school_days and tiers.rolling_min_school_days must be >= 0, got "
          + minSchoolDays + " and " + rollingMinSchoolDays);
    }
  }

  /** The rule of the rolling windows: their own minimum of school days. */
  public TierRule forRollingWindows() {
    return new TierRule(tier1MaxPct, tier3MinPct, boundaries, rollingMinSchoolDays, rollingMinSchoolDays);
  }

  /** Threshold in tenths of a percent, for the exact integer comparison. */
  public long tier1MaxTenths() {
    return tier1MaxPct.movePointRight(1).longValueExact();
  }

  /** Threshold in tenths of a percent, for the exact integer comparison. */
  public long tier3MinTenths() {
    return tier3MinPct.movePointRight(1).longValueExact();
  }

  /** The tier of {@code missed} out of {@code scheduled} minutes, ignoring the minimum days. */
  public int tierOf(long missed, long scheduled) {
    long lhs = 1000L * missed;
    boolean tier1 = boundaries == Boundaries.INCLUSIVE
        ? lhs <= tier1MaxTenths() * scheduled
        : lhs < tier1MaxTenths() * scheduled;
    if (tier1) {
      return 1;
    }
    boolean tier3 = boundaries == Boundaries.INCLUSIVE
        ? lhs >= tier3MinTenths() * scheduled
        : lhs > tier3MinTenths() * scheduled;
    return tier3 ? 3 : 2;
  }
}
