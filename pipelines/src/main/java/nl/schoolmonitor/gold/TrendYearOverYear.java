package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.PCT;
import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.weekofyear;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import nl.schoolmonitor.common.SchoolYear;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per level, unit and school week of the current school year: that week's absence and
 * tier 3 share from {@link TrendWeekly}, next to the same ISO week of the previous school year at
 * the same unit, and the differences in percentage points (DOMAIN.md section 9: "trends week by
 * week and year over year"). Rules in prose in {@code RULES.md} section 7.
 */
public final class TrendYearOverYear {
  public static final String TABLE = "gold_trend_year_over_year";

  public static final String SCHOOL_YEAR = TrendWeekly.SCHOOL_YEAR;
  public static final String WEEK_START = TrendWeekly.WEEK_START;
  public static final String ISO_WEEK = "iso_week";
  public static final String LEVEL = Units.LEVEL;
  public static final String UNIT_CODE = Units.UNIT_CODE;
  public static final String UNIT_NAME = Units.UNIT_NAME;
  public static final String PUPILS = TrendWeekly.PUPILS;
  public static final String ABSENCE_PCT = TrendWeekly.ABSENCE_PCT;
  public static final String TIER3_PCT = TrendWeekly.TIER3_PCT;
  public static final String PREVIOUS_SCHOOL_YEAR = "previous_school_year";
  public static final String PREVIOUS_WEEK_START = "previous_week_start";
  public static final String PREVIOUS_PUPILS = "previous_pupils";
  public static final String PREVIOUS_ABSENCE_PCT = "previous_absence_pct";
  public static final String PREVIOUS_TIER3_PCT = "previous_tier3_pct";
  public static final String ABSENCE_PCT_CHANGE = "absence_pct_change";
  public static final String TIER3_PCT_CHANGE = "tier3_pct_change";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "The current school year, e.g. 2025-2026"),
      field(WEEK_START, DateType, false, "Monday of the school week of the current school year"),
      field(ISO_WEEK, IntegerType, false, "ISO 8601 week number of week_start: the key the years are matched on"),
      field(LEVEL, StringType, false, "region, rmc_region, municipality, residence_municipality, swv, board, school, year_group, class"),
      field(UNIT_CODE, StringType, false, "Code of the unit at that level"),
      field(UNIT_NAME, StringType, true, "Name of the unit in the current school year"),
      field(PUPILS, LongType, false, "Pupils with a tier at the end of the week (trend_weekly)"),
      field(ABSENCE_PCT, PCT, true, "Absence of the week, % of scheduled minutes (trend_weekly)"),
      field(TIER3_PCT, PCT, true, "Pupils in tier 3 at the end of the week, % of pupils (trend_weekly)"),
      field(PREVIOUS_SCHOOL_YEAR, StringType, false, "The school year before, e.g. 2024-2025"),
      field(PREVIOUS_WEEK_START, DateType, true,
          "Monday of the school week with the same ISO week number in the previous school year; null when none"),
      field(PREVIOUS_PUPILS, LongType, true, "pupils of that week; null when there is no such week at the unit"),
      field(PREVIOUS_ABSENCE_PCT, PCT, true, "absence_pct of that week"),
      field(PREVIOUS_TIER3_PCT, PCT, true, "tier3_pct of that week"),
      field(ABSENCE_PCT_CHANGE, PCT, true,
          "absence_pct - previous_absence_pct, in percentage points; null when either is null"),
      field(TIER3_PCT_CHANGE, PCT, true, "tier3_pct - previous_tier3_pct, in percentage points; null when either is null"),
  });

  // Intermediate columns: the previous year's row, and the pick among its candidates.
  private static final String PREVIOUS_ISO_WEEK = "previous_iso_week";
  private static final String PREVIOUS_LEVEL = "previous_level";
  private static final String PREVIOUS_UNIT_CODE = "previous_unit_code";
  private static final String LATEST_FIRST = "latest_first";

  private TrendYearOverYear() {}

  /**
   * @param trendWeekly rows of {@link TrendWeekly#SCHEMA}; rows of school years other than
   *     {@code schoolYear} and the one before it are left out (the job may pass the whole table)
   * @param schoolYear label of the current school year, e.g. {@code 2025-2026}
   */
  public static Dataset<Row> build(Dataset<Row> trendWeekly, String schoolYear) {
    String previousYear = new SchoolYear(SchoolYear.parse(schoolYear, "schoolYear").startYear() - 1).label();
    Dataset<Row> current = trendWeekly
        .where(col(SCHOOL_YEAR).equalTo(schoolYear))
        .withColumn(ISO_WEEK, weekofyear(col(WEEK_START)));
    Dataset<Row> previous = trendWeekly
        .where(col(SCHOOL_YEAR).equalTo(previousYear))
        .select(col(LEVEL).as(PREVIOUS_LEVEL), col(UNIT_CODE).as(PREVIOUS_UNIT_CODE),
            weekofyear(col(WEEK_START)).as(PREVIOUS_ISO_WEEK), col(WEEK_START).as(PREVIOUS_WEEK_START),
            col(PUPILS).as(PREVIOUS_PUPILS), col(ABSENCE_PCT).as(PREVIOUS_ABSENCE_PCT),
            col(TIER3_PCT).as(PREVIOUS_TIER3_PCT));
    Column sameUnitAndWeek = col(LEVEL).equalTo(col(PREVIOUS_LEVEL))
        .and(col(UNIT_CODE).equalTo(col(PREVIOUS_UNIT_CODE)))
        .and(col(ISO_WEEK).equalTo(col(PREVIOUS_ISO_WEEK)));
    // An ISO week number occurs once in a school year unless both of its ends are school weeks
    // (never in the Netherlands: the summer holiday covers them); then the later week is taken.
    Column latestFirst = row_number().over(Window.partitionBy(LEVEL, UNIT_CODE, WEEK_START)
        .orderBy(col(PREVIOUS_WEEK_START).desc_nulls_last()));
    return current
        .join(previous, sameUnitAndWeek, "left")
        .withColumn(LATEST_FIRST, latestFirst)
        .where(col(LATEST_FIRST).equalTo(1))
        .select(
            col(SCHOOL_YEAR), col(WEEK_START), col(ISO_WEEK).cast(IntegerType).as(ISO_WEEK),
            col(LEVEL), col(UNIT_CODE), col(UNIT_NAME),
            col(PUPILS).cast(LongType).as(PUPILS),
            col(ABSENCE_PCT).cast(PCT).as(ABSENCE_PCT),
            col(TIER3_PCT).cast(PCT).as(TIER3_PCT),
            lit(previousYear).as(PREVIOUS_SCHOOL_YEAR),
            col(PREVIOUS_WEEK_START),
            col(PREVIOUS_PUPILS).cast(LongType).as(PREVIOUS_PUPILS),
            col(PREVIOUS_ABSENCE_PCT).cast(PCT).as(PREVIOUS_ABSENCE_PCT),
            col(PREVIOUS_TIER3_PCT).cast(PCT).as(PREVIOUS_TIER3_PCT),
            change(ABSENCE_PCT, PREVIOUS_ABSENCE_PCT).as(ABSENCE_PCT_CHANGE),
            change(TIER3_PCT, PREVIOUS_TIER3_PCT).as(TIER3_PCT_CHANGE));
  }

  /** The difference of two published one-decimal percentages: exact, in percentage points. */
  private static Column change(String now, String before) {
    return col(now).minus(col(before)).cast(PCT);
  }
}
