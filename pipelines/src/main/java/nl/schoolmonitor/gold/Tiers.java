package nl.schoolmonitor.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;

import nl.schoolmonitor.config.TierRule;
import org.apache.spark.sql.Column;

/**
 * The attendance pyramid's tier as a Spark column: the one place where {@link TierRule#tierOf}
 * is translated, so that every table tiers the same way (Kearney &amp; Graczyk; DOMAIN.md section 2).
 */
public final class Tiers {
  public static final String TIER1 = "tier1";
  public static final String TIER2 = "tier2";
  public static final String TIER3 = "tier3";
  public static final String INSUFFICIENT_DAYS = "insufficient_days";

  private Tiers() {}

  /**
   * Tier 1, 2 or 3 of {@code missed} out of {@code scheduled} minutes over {@code schoolDays}
   * school days; null when the window has fewer than {@link TierRule#minSchoolDays()} school
   * days, no scheduled time, or an unknown value. Exact integer comparison in tenths of a percent
   * ({@code 1000 * missed <= 50 * scheduled} for 5.0%, CONTRACT.md section 5), inclusive or
   * strict as the rule says, the same as {@link TierRule#tierOf}.
   */
  public static Column tierColumn(Column missed, Column scheduled, Column schoolDays, TierRule rule) {
    Column tenthsMissed = missed.cast(LongType).multiply(1000L);
    Column tier1Bound = scheduled.cast(LongType).multiply(rule.tier1MaxTenths());
    Column tier3Bound = scheduled.cast(LongType).multiply(rule.tier3MinTenths());
    boolean inclusive = rule.boundaries() == TierRule.Boundaries.INCLUSIVE;
    Column isTier1 = inclusive ? tenthsMissed.leq(tier1Bound) : tenthsMissed.lt(tier1Bound);
    Column isTier3 = inclusive ? tenthsMissed.geq(tier3Bound) : tenthsMissed.gt(tier3Bound);
    Column measurable = coalesce(
        schoolDays.geq(rule.minSchoolDays()).and(scheduled.gt(0)).and(missed.isNotNull()), lit(false));
    return when(not(measurable), lit(null).cast(IntegerType))
        .when(isTier1, lit(1))
        .when(isTier3, lit(3))
        .otherwise(lit(2));
  }

  /**
   * {@code tier1}, {@code tier2}, {@code tier3}, or {@code insufficient_days} for a window
   * without a tier: too few school days, or no scheduled time to measure (a pupil exempt from
   * all of it). Never null, so no pupil drops out of a count (STYLE.md: nothing dropped silently).
   */
  public static Column statusColumn(Column tier) {
    return when(tier.equalTo(1), lit(TIER1))
        .when(tier.equalTo(2), lit(TIER2))
        .when(tier.equalTo(3), lit(TIER3))
        .otherwise(lit(INSUFFICIENT_DAYS));
  }
}
