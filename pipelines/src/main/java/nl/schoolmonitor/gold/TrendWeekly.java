package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.PCT;
import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per level, unit and school week: that week's absence, unauthorised and sick
 * percentages of the scheduled minutes, and the share of pupils in tier 3 on the school year to
 * date at the end of the week; the published {@code trend_weekly.csv} of CONTRACT.md section 6.
 * Units and the counting-once rule are those of {@link Pyramid} ({@link Units}).
 */
public final class TrendWeekly {
  public static final String TABLE = "gold_trend_weekly";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String WEEK_START = "week_start";
  public static final String LEVEL = Units.LEVEL;
  public static final String UNIT_CODE = Units.UNIT_CODE;
  public static final String UNIT_NAME = Units.UNIT_NAME;
  public static final String PUPILS = "pupils";
  public static final String SCHEDULED_MINUTES = "scheduled_minutes";
  public static final String MISSED_MINUTES = "missed_minutes";
  public static final String ABSENCE_PCT = "absence_pct";
  public static final String UNAUTHORISED_PCT = "unauthorised_pct";
  public static final String SICK_PCT = "sick_pct";
  public static final String TIER3_PCT = "tier3_pct";
  public static final String ENROLLED_PUPILS = "enrolled_pupils";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026"),
      field(WEEK_START, DateType, false, "Monday of the school week"),
      field(LEVEL, StringType, false, String.join(", ", Units.LEVELS)),
      field(UNIT_CODE, StringType, false, "Code of the unit at that level"),
      field(UNIT_NAME, StringType, true, "Name of the unit; null when the code is not in the region's files"),
      field(PUPILS, LongType, false, "Pupils with a tier on the school year to date at the end of the week"),
      field(SCHEDULED_MINUTES, LongType, false, "Scheduled minutes of the week"),
      field(MISSED_MINUTES, LongType, false, "Missed minutes of the week, all categories"),
      field(ABSENCE_PCT, PCT, true, "100 * missed / scheduled of the week; null when nothing was scheduled"),
      field(UNAUTHORISED_PCT, PCT, true, "100 * unauthorised / scheduled of the week"),
      field(SICK_PCT, PCT, true, "100 * sick / scheduled of the week"),
      field(TIER3_PCT, PCT, true, "100 * pupils in tier 3 / pupils; null when pupils = 0"),
      field(ENROLLED_PUPILS, LongType, false, "Pupils with a school day in the week: whose minutes the week's are"),
  });

  // Intermediate columns.
  private static final String UNAUTHORISED_MINUTES = PupilWindows.UNAUTHORISED_MINUTES;
  private static final String SICK_MINUTES = PupilWindows.MISSED_SICK;
  private static final String TIER3_PUPILS = "tier3_pupils";

  private TrendWeekly() {}

  /**
   * @param schoolWeeks rows of {@link PupilWindows#schoolWeeks}
   * @param schoolYearToDateByWeek rows of {@link PupilWindows#schoolYearToDateByWeek}
   * @param schoolYear label of the school year the windows belong to
   * @param referenceDate the run's reference date: which enrolment period gives class and year group
   */
  public static Dataset<Row> build(Dataset<Row> schoolWeeks, Dataset<Row> schoolYearToDateByWeek,
      Dataset<Row> enrolments, Dataset<Row> schools, Dataset<Row> municipalities, String regionCode,
      String regionName, String schoolYear, LocalDate referenceDate) {
    // The week's own minutes and the pupils they belong to (one school-week row per pupil per
    // unit: above school level a pupil counts once); the tier counts come from the standing.
    Map<String, Column> weekMinutes = new LinkedHashMap<>();
    weekMinutes.put(PUPILS, lit(0L));
    weekMinutes.put(TIER3_PUPILS, lit(0L));
    weekMinutes.put(ENROLLED_PUPILS, lit(1L));
    weekMinutes.put(SCHEDULED_MINUTES, col(PupilWindows.SCHEDULED_MINUTES));
    weekMinutes.put(MISSED_MINUTES, col(PupilWindows.MISSED_MINUTES));
    weekMinutes.put(UNAUTHORISED_MINUTES, col(PupilWindows.UNAUTHORISED_MINUTES));
    weekMinutes.put(SICK_MINUTES, col(PupilWindows.MISSED_SICK));
    // Pupils with a tier on the school year to date ending that week, and those in tier 3 (no
    // minutes: those are the week's own). A unit whose pupils all left still has its standing.
    Column tier = col(PupilWindows.TIER);
    Map<String, Column> standing = new LinkedHashMap<>();
    standing.put(PUPILS, when(tier.isNotNull(), lit(1L)).otherwise(lit(0L)));
    standing.put(TIER3_PUPILS, when(coalesce(tier.equalTo(3), lit(false)), lit(1L)).otherwise(lit(0L)));
    List.of(ENROLLED_PUPILS, SCHEDULED_MINUTES, MISSED_MINUTES, UNAUTHORISED_MINUTES, SICK_MINUTES)
        .forEach(m -> standing.put(m, lit(0L)));

    Column scheduled = col(SCHEDULED_MINUTES);
    return Units.sums(schoolWeeks, enrolments, schools, municipalities, regionCode, regionName, referenceDate,
            List.of(col(PupilWindows.WINDOW_START).as(WEEK_START)), weekMinutes)
        .unionByName(Units.sums(schoolYearToDateByWeek, enrolments, schools, municipalities, regionCode, regionName,
            referenceDate, List.of(date_sub(col(PupilWindows.WINDOW_END), 6).as(WEEK_START)), standing))
        .groupBy(WEEK_START, LEVEL, UNIT_CODE, UNIT_NAME)
        .agg(sum(PUPILS).as(PUPILS), sum(TIER3_PUPILS).as(TIER3_PUPILS), sum(ENROLLED_PUPILS).as(ENROLLED_PUPILS),
            sum(SCHEDULED_MINUTES).as(SCHEDULED_MINUTES),
            sum(MISSED_MINUTES).as(MISSED_MINUTES), sum(UNAUTHORISED_MINUTES).as(UNAUTHORISED_MINUTES),
            sum(SICK_MINUTES).as(SICK_MINUTES))
        .select(
            lit(schoolYear).as(SCHOOL_YEAR),
            col(WEEK_START), col(LEVEL), col(UNIT_CODE), col(UNIT_NAME),
            col(PUPILS).cast(LongType).as(PUPILS),
            scheduled.cast(LongType).as(SCHEDULED_MINUTES),
            col(MISSED_MINUTES).cast(LongType).as(MISSED_MINUTES),
            Percentages.oneDecimal(col(MISSED_MINUTES), scheduled).as(ABSENCE_PCT),
            Percentages.oneDecimal(col(UNAUTHORISED_MINUTES), scheduled).as(UNAUTHORISED_PCT),
            Percentages.oneDecimal(col(SICK_MINUTES), scheduled).as(SICK_PCT),
            Percentages.oneDecimal(col(TIER3_PUPILS), col(PUPILS)).as(TIER3_PCT),
            col(ENROLLED_PUPILS).cast(LongType).as(ENROLLED_PUPILS));
  }
}
