package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static nl.schoolmonitor.gold.Pyramid.countWhere;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import nl.schoolmonitor.silver.Enrolments;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per level, unit and month: how the pupils of the unit moved between the tiers of the
 * attendance pyramid from the end of that month to the end of the next (DOMAIN.md section 2,
 * Kearney & Graczyk), comparing each pupil's school-year-to-date tier at the last week end of
 * month m with the one at the last week end of month m + 1. Rules in prose in {@code RULES.md}
 * section 8.
 *
 * <p>A higher tier means more absence: moving up is 1 to 2, 2 to 3 or 1 to 3. Units and the
 * counting once above school level are those of the pyramid ({@link Units}).
 */
public final class TierMovement {
  public static final String TABLE = "gold_tier_movement";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String MONTH = "month";
  public static final String NEXT_MONTH = "next_month";
  public static final String LEVEL = Units.LEVEL;
  public static final String UNIT_CODE = Units.UNIT_CODE;
  public static final String UNIT_NAME = Units.UNIT_NAME;
  public static final String PUPILS_START = "pupils_start";
  public static final String PUPILS_END = "pupils_end";
  public static final String STAYED = "stayed";
  public static final String MOVED_UP = "moved_up";
  public static final String MOVED_DOWN = "moved_down";
  public static final String ENTERED = "entered";
  public static final String LEFT = "left";
  public static final String WITHOUT_TIER = "without_tier";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026"),
      field(MONTH, DateType, false, "First day of month m: the standing at its last week end is the start"),
      field(NEXT_MONTH, DateType, false, "First day of month m + 1: the standing at its last week end is the end"),
      field(LEVEL, StringType, false, "region, rmc_region, municipality, residence_municipality, swv, board, school, year_group, class"),
      field(UNIT_CODE, StringType, false, "Code of the unit at that level"),
      field(UNIT_NAME, StringType, true, "Name of the unit; null when the code is not in the region's files"),
      field(PUPILS_START, LongType, false, "Pupils counted at the unit at the end of month m, with or without a tier"),
      field(PUPILS_END, LongType, false, "Pupils counted at the unit at the end of month m + 1, with or without a tier"),
      field(STAYED, LongType, false, "In the unit at both ends, in the same tier"),
      field(MOVED_UP, LongType, false, "In the unit at both ends, in a higher tier at the end (more absence)"),
      field(MOVED_DOWN, LongType, false, "In the unit at both ends, in a lower tier at the end (less absence)"),
      field(ENTERED, LongType, false, "In the unit at the end of month m + 1 only"),
      field(LEFT, LongType, false, "In the unit at the end of month m only"),
      field(WITHOUT_TIER, LongType, false,
          "In the unit at both ends, without a tier at one of them or both (fewer than the minimum school days)"),
  });

  // Intermediate columns.
  private static final String MONTH_END = "month_end";
  private static final String LATEST_FIRST = "latest_first";
  private static final String FROM_MONTH = "from_month";
  private static final String START = "start_";
  private static final String END = "end_";
  private static final String ENROLMENT_BRIN = "enrolment_brin";
  private static final String ENROLMENT_PUPIL = "enrolment_pupil";

  private TierMovement() {}

  /**
   * @param schoolYearToDateByWeek rows of {@link PupilWindows#SCHEMA}; only the school year to date
   *     windows ending on a Sunday are used ({@link PupilWindows#schoolYearToDateByWeek}), other rows
   *     are left out (the job may pass the whole {@code gold_pupil_windows} of the school year)
   * @param enrolments rows of {@link Enrolments#SCHEMA}: whether the enrolment still runs, and
   *     the units (as {@link Units#attach})
   * @param schoolYear label of the school year the windows belong to
   * @param referenceDate the run's reference date: which enrolment period gives class and year group
   */
  public static Dataset<Row> build(Dataset<Row> schoolYearToDateByWeek, Dataset<Row> enrolments, Dataset<Row> schools,
      Dataset<Row> municipalities, String regionCode, String regionName, String schoolYear,
      LocalDate referenceDate) {
    Dataset<Row> monthEnds = atTheLastWeekEndOfEachMonth(schoolYearToDateByWeek);
    Dataset<Row> standing = oncePerUnitAndMonth(Units.attach(stillEnrolled(monthEnds, enrolments), enrolments, schools,
        municipalities, regionCode, regionName, referenceDate));
    Dataset<Row> months = monthEnds.select(col(MONTH)).distinct();
    Dataset<Row> start = standing
        .join(months.select(add_months(col(MONTH), -1).as(MONTH)), MONTH)
        .select(col(MONTH).as(START + MONTH), col(LEVEL).as(START + LEVEL), col(UNIT_CODE).as(START + UNIT_CODE),
            col(UNIT_NAME).as(START + UNIT_NAME), col(PupilWindows.PUPIL_KEY).as(START + PupilWindows.PUPIL_KEY),
            col(PupilWindows.TIER).as(START + PupilWindows.TIER));
    Dataset<Row> end = standing
        .withColumn(FROM_MONTH, add_months(col(MONTH), -1))
        .join(months.select(col(MONTH).as(FROM_MONTH)), FROM_MONTH)
        .select(col(FROM_MONTH).as(END + MONTH), col(LEVEL).as(END + LEVEL), col(UNIT_CODE).as(END + UNIT_CODE),
            col(UNIT_NAME).as(END + UNIT_NAME), col(PupilWindows.PUPIL_KEY).as(END + PupilWindows.PUPIL_KEY),
            col(PupilWindows.TIER).as(END + PupilWindows.TIER));
    Column samePupilInUnitAndMonth = col(START + MONTH).equalTo(col(END + MONTH))
        .and(col(START + LEVEL).equalTo(col(END + LEVEL)))
        .and(col(START + UNIT_CODE).equalTo(col(END + UNIT_CODE)))
        .and(col(START + PupilWindows.PUPIL_KEY).equalTo(col(END + PupilWindows.PUPIL_KEY)));

    Column atStart = col(START + PupilWindows.PUPIL_KEY).isNotNull();
    Column atEnd = col(END + PupilWindows.PUPIL_KEY).isNotNull();
    Column before = col(START + PupilWindows.TIER);
    Column after = col(END + PupilWindows.TIER);
    Column bothTiers = atStart.and(atEnd).and(before.isNotNull()).and(after.isNotNull());
    return start.join(end, samePupilInUnitAndMonth, "full_outer")
        .groupBy(coalesce(col(START + MONTH), col(END + MONTH)).as(MONTH),
            coalesce(col(START + LEVEL), col(END + LEVEL)).as(LEVEL),
            coalesce(col(START + UNIT_CODE), col(END + UNIT_CODE)).as(UNIT_CODE))
        .agg(max(coalesce(col(END + UNIT_NAME), col(START + UNIT_NAME))).as(UNIT_NAME),
            countWhere(atStart).as(PUPILS_START),
            countWhere(atEnd).as(PUPILS_END),
            countWhere(bothTiers.and(after.equalTo(before))).as(STAYED),
            countWhere(bothTiers.and(after.gt(before))).as(MOVED_UP),
            countWhere(bothTiers.and(after.lt(before))).as(MOVED_DOWN),
            countWhere(atEnd.and(not(atStart))).as(ENTERED),
            countWhere(atStart.and(not(atEnd))).as(LEFT),
            countWhere(atStart.and(atEnd).and(before.isNull().or(after.isNull()))).as(WITHOUT_TIER))
        .select(
            lit(schoolYear).as(SCHOOL_YEAR), col(MONTH), add_months(col(MONTH), 1).as(NEXT_MONTH),
            col(LEVEL), col(UNIT_CODE), col(UNIT_NAME),
            col(PUPILS_START).cast(LongType).as(PUPILS_START), col(PUPILS_END).cast(LongType).as(PUPILS_END),
            col(STAYED).cast(LongType).as(STAYED), col(MOVED_UP).cast(LongType).as(MOVED_UP),
            col(MOVED_DOWN).cast(LongType).as(MOVED_DOWN), col(ENTERED).cast(LongType).as(ENTERED),
            col(LEFT).cast(LongType).as(LEFT), col(WITHOUT_TIER).cast(LongType).as(WITHOUT_TIER));
  }

  /**
   * The school year to date at the last week end (Sunday) of each month of each school location:
   * a school's week ends are those of its school weeks, so a holiday week is skipped.
   */
  private static Dataset<Row> atTheLastWeekEndOfEachMonth(Dataset<Row> windows) {
    Column weekEnd = col(PupilWindows.WINDOW_END);
    Column sundayStanding = col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_YEAR_TO_DATE)
        .and(dayofweek(weekEnd).equalTo(1));
    return windows
        .where(coalesce(sundayStanding, lit(false)))
        .withColumn(MONTH, trunc(weekEnd, "month"))
        .withColumn(MONTH_END, max(weekEnd).over(Window.partitionBy(PupilWindows.BRIN_VESTIGING, MONTH)))
        .where(weekEnd.equalTo(col(MONTH_END)))
        .drop(MONTH_END);
  }

  /**
   * The windows of enrolments that still ran in the week that ends the month: a period that
   * started by its Sunday and did not end before its Monday. A pupil who left keeps a window in
   * later weeks (TEAMSchools #4994), but has left the unit.
   */
  private static Dataset<Row> stillEnrolled(Dataset<Row> monthEnds, Dataset<Row> enrolments) {
    Column weekEnd = col(PupilWindows.WINDOW_END);
    Dataset<Row> periods = enrolments.select(col(Enrolments.BRIN_VESTIGING).as(ENROLMENT_BRIN),
        col(Enrolments.SCHOOL_PUPIL_KEY).as(ENROLMENT_PUPIL), col(Enrolments.ENROLMENT_START),
        col(Enrolments.ENROLMENT_END));
    Column runsInTheWeek = col(ENROLMENT_BRIN).equalTo(col(PupilWindows.BRIN_VESTIGING))
        .and(col(ENROLMENT_PUPIL).equalTo(col(PupilWindows.SCHOOL_PUPIL_KEY)))
        .and(col(Enrolments.ENROLMENT_START).leq(weekEnd))
        .and(coalesce(col(Enrolments.ENROLMENT_END).geq(date_sub(weekEnd, 6)), lit(true)));
    return monthEnds.join(periods, runsInTheWeek, "left_semi");
  }

  /**
   * One row per month, unit and pupil. {@link Units} already counts a pupil once above school level
   * per week end; should two schools of one pupil end the month on different Sundays, the later
   * week end (then the highest school) is kept, so no pupil counts twice in a month.
   */
  private static Dataset<Row> oncePerUnitAndMonth(Dataset<Row> perUnit) {
    Column latestFirst = row_number().over(Window.partitionBy(MONTH, LEVEL, UNIT_CODE, PupilWindows.PUPIL_KEY)
        .orderBy(col(PupilWindows.WINDOW_END).desc(), col(PupilWindows.BRIN_VESTIGING).desc(),
            col(PupilWindows.SCHOOL_PUPIL_KEY).desc()));
    return perUnit.withColumn(LATEST_FIRST, latestFirst).where(col(LATEST_FIRST).equalTo(1));
  }
}
