package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.PCT;
import static nl.schoolmonitor.gold.GoldSchemas.PP;
import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import nl.schoolmonitor.config.Norm;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per level, unit and window: the attendance pyramid (pupils per tier) next to the norm,
 * the published {@code pyramid.csv} of CONTRACT.md section 6 (Kearney &amp; Graczyk; norm 80 / 15 /
 * 5 from seed 000). Pupils without a tier are counted in {@code insufficient_days}, never dropped.
 * After the contract's columns, the difference from the norm in percentage points per tier.
 */
public final class Pyramid {
  public static final String TABLE = "gold_pyramid";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String REFERENCE_DATE = "reference_date";
  public static final String WINDOW = PupilWindows.WINDOW;
  public static final String LEVEL = Units.LEVEL;
  public static final String UNIT_CODE = Units.UNIT_CODE;
  public static final String UNIT_NAME = Units.UNIT_NAME;
  public static final String PUPILS = "pupils";
  public static final String INSUFFICIENT_DAYS = "insufficient_days";
  public static final String TIER1 = "tier1";
  public static final String TIER2 = "tier2";
  public static final String TIER3 = "tier3";
  public static final String TIER1_PCT = "tier1_pct";
  public static final String TIER2_PCT = "tier2_pct";
  public static final String TIER3_PCT = "tier3_pct";
  public static final String NORM_TIER1_PCT = "norm_tier1_pct";
  public static final String NORM_TIER2_PCT = "norm_tier2_pct";
  public static final String NORM_TIER3_PCT = "norm_tier3_pct";
  public static final String DIFF_TIER1_PP = "diff_tier1_pp";
  public static final String DIFF_TIER2_PP = "diff_tier2_pp";
  public static final String DIFF_TIER3_PP = "diff_tier3_pp";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026"),
      field(REFERENCE_DATE, DateType, false, "Last day counted"),
      field(WINDOW, StringType, false, "school_year_to_date, rolling_4_weeks, rolling_12_weeks, ..."),
      field(LEVEL, StringType, false, String.join(", ", Units.LEVELS)),
      field(UNIT_CODE, StringType, false, "Code of the unit at that level, e.g. GM0153, 21CD00, 21CD00:2"),
      field(UNIT_NAME, StringType, true, "Name of the unit; null when the code is not in the region's files"),
      field(PUPILS, LongType, false, "Pupils with a tier: tier1 + tier2 + tier3"),
      field(INSUFFICIENT_DAYS, LongType, false, "Pupils without a tier (too few school days or nothing scheduled)"),
      field(TIER1, LongType, false, "Pupils in tier 1"),
      field(TIER2, LongType, false, "Pupils in tier 2"),
      field(TIER3, LongType, false, "Pupils in tier 3"),
      field(TIER1_PCT, PCT, true, "100 * tier1 / pupils, one decimal half up; null when pupils = 0"),
      field(TIER2_PCT, PCT, true, "100 * tier2 / pupils, one decimal half up; null when pupils = 0"),
      field(TIER3_PCT, PCT, true, "100 * tier3 / pupils, one decimal half up; null when pupils = 0"),
      field(NORM_TIER1_PCT, PCT, false, "Norm share of pupils in tier 1 (config)"),
      field(NORM_TIER2_PCT, PCT, false, "Norm share of pupils in tier 2 (config)"),
      field(NORM_TIER3_PCT, PCT, false, "Norm share of pupils in tier 3 (config)"),
      field(DIFF_TIER1_PP, PP, true, "tier1_pct - norm_tier1_pct in percentage points; null when tier1_pct is null"),
      field(DIFF_TIER2_PP, PP, true, "tier2_pct - norm_tier2_pct in percentage points; null when tier2_pct is null"),
      field(DIFF_TIER3_PP, PP, true, "tier3_pct - norm_tier3_pct in percentage points; null when tier3_pct is null"),
  });

  private Pyramid() {}

  /**
   * One pyramid per window in the input, e.g. the school year to date and the rolling 4 and 12
   * school weeks. Only rows whose window ends on the reference date are the standing at that date;
   * any other row (a school year to date of an earlier week) is left out here.
   *
   * @param pupilWindowsAtReference rows of {@link PupilWindows#SCHEMA}: {@link
   *     PupilWindows#schoolYearToDate} and {@link PupilWindows#rollingWeeks} at the reference date
   * @param enrolments rows of {@code silver.Enrolments.SCHEMA}
   * @param schools rows of {@code silver.Schools.SCHEMA}
   * @param municipalities rows of {@code silver.Municipalities.SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> pupilWindowsAtReference, Dataset<Row> enrolments,
      Dataset<Row> schools, Dataset<Row> municipalities, String regionCode, String regionName, Norm norm,
      String schoolYear, LocalDate referenceDate) {
    Dataset<Row> atReference = pupilWindowsAtReference
        .where(coalesce(col(PupilWindows.WINDOW_END).equalTo(lit(referenceDate)), lit(false)));
    Dataset<Row> perUnit = Units.attach(atReference, enrolments, schools, municipalities,
        regionCode, regionName, referenceDate);
    Dataset<Row> counts = tierCounts(perUnit)
        .withColumn(PUPILS, col(TIER1).plus(col(TIER2)).plus(col(TIER3)));
    Dataset<Row> withPercentages = counts.select(
        lit(schoolYear).as(SCHOOL_YEAR),
        lit(referenceDate).as(REFERENCE_DATE),
        col(WINDOW), col(LEVEL), col(UNIT_CODE), col(UNIT_NAME),
        col(PUPILS), col(INSUFFICIENT_DAYS), col(TIER1), col(TIER2), col(TIER3),
        Percentages.oneDecimal(col(TIER1), col(PUPILS)).as(TIER1_PCT),
        Percentages.oneDecimal(col(TIER2), col(PUPILS)).as(TIER2_PCT),
        Percentages.oneDecimal(col(TIER3), col(PUPILS)).as(TIER3_PCT),
        Percentages.constant(norm.tier1Pct()).as(NORM_TIER1_PCT),
        Percentages.constant(norm.tier2Pct()).as(NORM_TIER2_PCT),
        Percentages.constant(norm.tier3Pct()).as(NORM_TIER3_PCT));
    return withPercentages
        .withColumn(DIFF_TIER1_PP, Percentages.pointsAbove(col(TIER1_PCT), col(NORM_TIER1_PCT)))
        .withColumn(DIFF_TIER2_PP, Percentages.pointsAbove(col(TIER2_PCT), col(NORM_TIER2_PCT)))
        .withColumn(DIFF_TIER3_PP, Percentages.pointsAbove(col(TIER3_PCT), col(NORM_TIER3_PCT)));
  }

  /** Pupils per tier, and without a tier, per window and unit. */
  private static Dataset<Row> tierCounts(Dataset<Row> perUnit) {
    Column tier = col(PupilWindows.TIER);
    return perUnit
        .groupBy(WINDOW, LEVEL, UNIT_CODE, UNIT_NAME)
        .agg(
            countWhere(tier.isNull()).as(INSUFFICIENT_DAYS),
            countWhere(tier.equalTo(1)).as(TIER1),
            countWhere(tier.equalTo(2)).as(TIER2),
            countWhere(tier.equalTo(3)).as(TIER3));
  }

  static Column countWhere(Column predicate) {
    return sum(when(coalesce(predicate, lit(false)), lit(1L)).otherwise(lit(0L)));
  }
}
