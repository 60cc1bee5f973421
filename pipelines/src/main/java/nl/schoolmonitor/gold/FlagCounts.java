package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.common.SchoolYear;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per level and unit: the pupils counted there and how many of them met each flag at
 * least once in the school year up to the reference date, the published {@code flags.csv} of
 * CONTRACT.md section 6. Units and the counting once above school level are those of the
 * pyramid ({@link Units}), so the two tables add up to the same pupils.
 */
public final class FlagCounts {
  public static final String TABLE = "gold_flag_counts";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String REFERENCE_DATE = "reference_date";
  public static final String LEVEL = Units.LEVEL;
  public static final String UNIT_CODE = Units.UNIT_CODE;
  public static final String UNIT_NAME = Units.UNIT_NAME;
  public static final String PUPILS = "pupils";
  public static final String REPORTABLE_16H = PupilFlags.REPORTABLE_16H;
  public static final String MAZL = PupilFlags.MAZL;
  public static final String LONG_ABSENCE = PupilFlags.LONG_ABSENCE;
  public static final String LATE_PATTERN = PupilFlags.LATE_PATTERN;
  public static final String HOLIDAY_ADJACENT_ABSENCE = PupilFlags.HOLIDAY_ADJACENT_ABSENCE;

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026"),
      field(REFERENCE_DATE, DateType, false, "Last day counted"),
      field(LEVEL, StringType, false, String.join(", ", Units.LEVELS)),
      field(UNIT_CODE, StringType, false, "Code of the unit at that level, e.g. GM0153, 21CD00, 21CD00:2"),
      field(UNIT_NAME, StringType, true, "Name of the unit; null when the code is not in the region's files"),
      field(PUPILS, LongType, false, "Pupils counted at the unit, with or without a tier (as in the pyramid)"),
      field(REPORTABLE_16H, LongType, false, "Of them: met the 16-hour rule (Leerplichtwet art. 21a) at least once"),
      field(MAZL, LongType, false, "Of them: met M@ZL (4 sickness episodes in 12 school weeks, or 7 days) at least once"),
      field(LONG_ABSENCE, LongType, false, "Of them: 20 consecutive school days missed without authorisation"),
      field(LATE_PATTERN, LongType, false, "Of them: 10 late arrivals or 200 minutes late within 4 school weeks"),
      field(HOLIDAY_ADJACENT_ABSENCE, LongType, false,
          "Of them: absent without authorisation on a school day next to a holiday, or absent on a Monday after one"),
  });

  /**
   * The levels where every enrolment counts with its own days (RULES.md section 3); above them a
   * pupil counts once, by the enrolment {@link Units} chooses.
   */
  private static final List<String> PER_ENROLMENT_LEVELS = List.of(Units.SCHOOL, Units.YEAR_GROUP, Units.CLASS);

  // Intermediate columns: the flags of the enrolment, and of the pupil at any enrolment.
  private static final String ENROLMENT_PREFIX = "enrolment_";
  private static final String PUPIL_PREFIX = "pupil_";

  private FlagCounts() {}

  /**
   * @param pupilWindowsAtReference rows of {@link PupilWindows#SCHEMA}: {@link
   *     PupilWindows#schoolYearToDate} at the reference date (other windows are left out here)
   * @param pupilFlags rows of {@link PupilFlags#SCHEMA} built at the same reference date
   * @param enrolments rows of {@code silver.Enrolments.SCHEMA}
   * @param schools rows of {@code silver.Schools.SCHEMA}
   * @param municipalities rows of {@code silver.Municipalities.SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> pupilWindowsAtReference, Dataset<Row> pupilFlags,
      Dataset<Row> enrolments, Dataset<Row> schools, Dataset<Row> municipalities, String regionCode,
      String regionName, String schoolYear, LocalDate referenceDate) {
    Dataset<Row> atReference = pupilWindowsAtReference.where(coalesce(
        col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_YEAR_TO_DATE)
            .and(col(PupilWindows.WINDOW_END).equalTo(lit(referenceDate))), lit(false)));
    Dataset<Row> perUnit = Units.attach(atReference, enrolments, schools, municipalities, regionCode, regionName,
        referenceDate);
    Dataset<Row> flagsMet = metInSchoolYear(pupilFlags, referenceDate);
    Dataset<Row> withFlags = perUnit
        .join(flagsPerEnrolment(flagsMet), new String[] {PupilWindows.BRIN_VESTIGING, PupilWindows.SCHOOL_PUPIL_KEY},
            "left")
        .join(flagsPerPupil(flagsMet), new String[] {PupilWindows.PUPIL_KEY}, "left");

    List<Column> counts = new ArrayList<>();
    PupilFlags.FLAGS.forEach(f -> counts.add(countWhere(metHere(f)).as(f)));
    return withFlags
        .groupBy(LEVEL, UNIT_CODE, UNIT_NAME)
        .agg(count(lit(1)).as(PUPILS), counts.toArray(Column[]::new))
        .select(
            lit(schoolYear).as(SCHOOL_YEAR),
            lit(referenceDate).as(REFERENCE_DATE),
            col(LEVEL), col(UNIT_CODE), col(UNIT_NAME),
            col(PUPILS).cast(LongType).as(PUPILS),
            col(REPORTABLE_16H).cast(LongType).as(REPORTABLE_16H),
            col(MAZL).cast(LongType).as(MAZL),
            col(LONG_ABSENCE).cast(LongType).as(LONG_ABSENCE),
            col(LATE_PATTERN).cast(LongType).as(LATE_PATTERN),
            col(HOLIDAY_ADJACENT_ABSENCE).cast(LongType).as(HOLIDAY_ADJACENT_ABSENCE));
  }

  /** The flags first met from 1 August of the reference date's school year up to the reference date. */
  private static Dataset<Row> metInSchoolYear(Dataset<Row> pupilFlags, LocalDate referenceDate) {
    return pupilFlags.where(coalesce(col(PupilFlags.FIRST_MET)
        .between(lit(SchoolYear.of(referenceDate).firstDay()), lit(referenceDate)), lit(false)));
  }

  /** Per enrolment: whether it met each flag. */
  private static Dataset<Row> flagsPerEnrolment(Dataset<Row> flagsMet) {
    return flagsMet
        .groupBy(PupilFlags.BRIN_VESTIGING, PupilFlags.SCHOOL_PUPIL_KEY)
        .agg(anyFlag(PupilFlags.FLAGS.get(0), ENROLMENT_PREFIX), PupilFlags.FLAGS.stream().skip(1)
            .map(f -> anyFlag(f, ENROLMENT_PREFIX)).toArray(Column[]::new));
  }

  /** Per pupil: whether any of their enrolments met each flag (a pupil who changed school keeps it). */
  private static Dataset<Row> flagsPerPupil(Dataset<Row> flagsMet) {
    return flagsMet
        .groupBy(PupilFlags.PUPIL_KEY)
        .agg(anyFlag(PupilFlags.FLAGS.get(0), PUPIL_PREFIX), PupilFlags.FLAGS.stream().skip(1)
            .map(f -> anyFlag(f, PUPIL_PREFIX)).toArray(Column[]::new));
  }

  private static Column anyFlag(String flag, String prefix) {
    return bool_or(coalesce(col(PupilFlags.FLAG).equalTo(flag), lit(false))).as(prefix + flag);
  }

  /**
   * At school, year group and class level the enrolment's own flag; above, the flag of any of
   * the pupil's enrolments, as the pupil counts there once (by their latest enrolment).
   */
  private static Column metHere(String flag) {
    return when(col(LEVEL).isin(PER_ENROLMENT_LEVELS.toArray()), col(ENROLMENT_PREFIX + flag))
        .otherwise(col(PUPIL_PREFIX + flag));
  }

  private static Column countWhere(Column predicate) {
    return sum(when(coalesce(predicate, lit(false)), lit(1L)).otherwise(lit(0L)));
  }
}
