package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.PCT;
import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.Schools;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per level, unit, dimension and value: the absence of the school year to date at the
 * reference date split by one attribute of the day or the pupil (DOMAIN.md section 9: weekday,
 * year group, the first school day after a holiday, absence category and subgroups), as one long
 * table. Units and the counting once above school level are those of the pyramid ({@link Units}).
 * Rules in prose in {@code RULES.md} section 9.
 */
public final class Patterns {
  public static final String TABLE = "gold_patterns";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String REFERENCE_DATE = "reference_date";
  public static final String LEVEL = Units.LEVEL;
  public static final String UNIT_CODE = Units.UNIT_CODE;
  public static final String UNIT_NAME = Units.UNIT_NAME;
  public static final String DIMENSION = "dimension";
  public static final String VALUE = "value";
  public static final String PUPILS = "pupils";
  public static final String SCHEDULED_MINUTES = "scheduled_minutes";
  public static final String MISSED_MINUTES = "missed_minutes";
  public static final String ABSENCE_PCT = "absence_pct";
  public static final String UNAUTHORISED_PCT = "unauthorised_pct";
  public static final String MISSED_SHARE_PCT = "missed_share_pct";

  /** Dimensions. */
  public static final String WEEKDAY = "weekday";
  public static final String YEAR_GROUP = "year_group";
  public static final String HOLIDAY = "holiday";
  public static final String CATEGORY = "category";
  public static final String SECTOR = "sector";
  public static final String SPECIAL_NEEDS = "special_needs";
  public static final String NT2 = "nt2";
  public static final String PUPIL_WEIGHT = "pupil_weight";
  public static final String MBO_LEVEL = "mbo_level";
  public static final List<String> DIMENSIONS =
      List.of(WEEKDAY, YEAR_GROUP, HOLIDAY, CATEGORY, SECTOR, SPECIAL_NEEDS, NT2, PUPIL_WEIGHT, MBO_LEVEL);

  /** Values of the holiday dimension, and of an attribute the source did not deliver. */
  public static final String FIRST_DAY_AFTER_HOLIDAY = "first_day_after_holiday";
  public static final String OTHER_DAY = "other_day";
  public static final String UNKNOWN = "unknown";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026"),
      field(REFERENCE_DATE, DateType, false, "Last day counted; the days from 1 August up to it count"),
      field(LEVEL, StringType, false, "region, rmc_region, municipality, residence_municipality, swv, board, school, year_group, class"),
      field(UNIT_CODE, StringType, false, "Code of the unit at that level"),
      field(UNIT_NAME, StringType, true, "Name of the unit; null when the code is not in the region's files"),
      field(DIMENSION, StringType, false,
          "weekday, year_group, holiday, category, sector, special_needs, nt2, pupil_weight or mbo_level"),
      field(VALUE, StringType, false,
          "monday..friday; '<sector> <year group>'; first_day_after_holiday or other_day; a missed category; "
              + "PO, SO, VO, VSO, MBO; yes, no; the weight 0.0, 0.3, 1.2; the MBO level (1 = Entree); unknown"),
      field(PUPILS, LongType, false, "Pupils counted at the unit with a school day of this value"),
      field(SCHEDULED_MINUTES, LongType, false, "Scheduled minutes of those days (category: all scheduled minutes)"),
      field(MISSED_MINUTES, LongType, false, "Missed minutes of those days (category: in that category)"),
      field(ABSENCE_PCT, PCT, true, "100 * missed / scheduled; null when nothing was scheduled"),
      field(UNAUTHORISED_PCT, PCT, true,
          "100 * unauthorised missed / scheduled; null for the category dimension (a category is one or the other)"),
      field(MISSED_SHARE_PCT, PCT, true,
          "100 * missed / missed of all values of the dimension at the unit; null when nothing was missed there"),
  });

  // Intermediate columns.
  private static final String ENTRY = "entry";
  private static final String UNAUTHORISED_MINUTES = PupilDays.UNAUTHORISED_MINUTES;
  private static final String SCHOOL_SECTOR = "school_sector";
  private static final String DAY_OF_WEEK = "day_of_week";
  private static final String[] ENROLMENT = {PupilDays.BRIN_VESTIGING, PupilDays.SCHOOL_PUPIL_KEY, PupilDays.PUPIL_KEY};
  /** The day columns summed per enrolment and kind of day before they are split. */
  private static final List<String> DAY_SUMS = Stream.of(
      Stream.of(PupilDays.SCHEDULED_MINUTES, PupilDays.MISSED_MINUTES, UNAUTHORISED_MINUTES),
      PupilDays.MISSED_CATEGORY_COLUMNS.stream()).flatMap(c -> c).toList();

  private Patterns() {}

  /**
   * @param pupilDays rows of {@link PupilDays#SCHEMA}; the days from 1 August of the reference
   *     date's school year up to the reference date count (the whole school year to date is
   *     needed: the first day after a holiday is found from the school's days)
   * @param enrolments rows of {@link Enrolments#SCHEMA}: year group and subgroups of the latest
   *     period starting up to the reference date, and the units (as {@link Units#attach})
   * @param schools rows of {@link Schools#SCHEMA}
   * @param municipalities rows of {@code silver.Municipalities.SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> pupilDays, Dataset<Row> enrolments, Dataset<Row> schools,
      Dataset<Row> municipalities, String regionCode, String regionName, String schoolYear, LocalDate referenceDate) {
    LocalDate start = SchoolYear.of(referenceDate).firstDay();
    Dataset<Row> yearToDate = pupilDays
        .where(coalesce(col(PupilDays.DATE).between(lit(start), lit(referenceDate)), lit(false)));
    Dataset<Row> perEnrolment = perEnrolmentAndValue(
        describedEnrolmentDays(perEnrolmentAndDayKind(yearToDate, referenceDate), enrolments, schools, referenceDate));
    Dataset<Row> enrolmentUnits = Units.attach(
        yearToDate.select(ENROLMENT[0], ENROLMENT[1], ENROLMENT[2]).distinct()
            .withColumn(PupilWindows.WINDOW, lit(PupilWindows.SCHOOL_YEAR_TO_DATE))
            .withColumn(PupilWindows.WINDOW_START, lit(start))
            .withColumn(PupilWindows.WINDOW_END, lit(referenceDate)),
        enrolments, schools, municipalities, regionCode, regionName, referenceDate);

    Column scheduled = col(SCHEDULED_MINUTES);
    Column missed = col(MISSED_MINUTES);
    Column missedOfTheDimension = sum(missed).over(Window.partitionBy(LEVEL, UNIT_CODE, DIMENSION));
    return enrolmentUnits
        .join(perEnrolment, ENROLMENT)
        .groupBy(LEVEL, UNIT_CODE, UNIT_NAME, DIMENSION, VALUE)
        .agg(count(lit(1)).as(PUPILS), sum(SCHEDULED_MINUTES).as(SCHEDULED_MINUTES),
            sum(MISSED_MINUTES).as(MISSED_MINUTES), sum(UNAUTHORISED_MINUTES).as(UNAUTHORISED_MINUTES))
        .select(
            lit(schoolYear).as(SCHOOL_YEAR), lit(referenceDate).as(REFERENCE_DATE),
            col(LEVEL), col(UNIT_CODE), col(UNIT_NAME), col(DIMENSION), col(VALUE),
            col(PUPILS).cast(LongType).as(PUPILS),
            scheduled.cast(LongType).as(SCHEDULED_MINUTES),
            missed.cast(LongType).as(MISSED_MINUTES),
            Percentages.oneDecimal(missed, scheduled).as(ABSENCE_PCT),
            Percentages.oneDecimal(col(UNAUTHORISED_MINUTES), scheduled).as(UNAUTHORISED_PCT),
            Percentages.oneDecimal(missed, missedOfTheDimension).as(MISSED_SHARE_PCT));
  }

  /**
   * Per enrolment, weekday and whether the day is the first school day after a holiday: the days'
   * scheduled, missed, unauthorised and per-category minutes. The other dimensions are the
   * enrolment's own, so splitting these sums (a few per enrolment) gives what splitting every day
   * would, with far fewer rows to explode.
   */
  private static Dataset<Row> perEnrolmentAndDayKind(Dataset<Row> yearToDate, LocalDate referenceDate) {
    List<Column> sums = new ArrayList<>();
    DAY_SUMS.forEach(c -> sums.add(sum(col(c)).as(c)));
    return yearToDate
        .join(HolidayNeighbours.perSchoolDay(yearToDate, referenceDate),
            new String[] {PupilDays.BRIN_VESTIGING, PupilDays.DATE}, "left")
        .groupBy(col(ENROLMENT[0]), col(ENROLMENT[1]), col(ENROLMENT[2]),
            lower(date_format(col(PupilDays.DATE), "EEEE")).as(DAY_OF_WEEK),
            coalesce(col(HolidayNeighbours.AFTER_HOLIDAY), lit(false)).as(HolidayNeighbours.AFTER_HOLIDAY))
        .agg(sums.get(0), sums.stream().skip(1).toArray(Column[]::new));
  }

  /** Those sums with what else they are split by: the pupil's attributes and the school's sector. */
  private static Dataset<Row> describedEnrolmentDays(Dataset<Row> perDayKind, Dataset<Row> enrolments,
      Dataset<Row> schools, LocalDate referenceDate) {
    return perDayKind
        .join(latestPeriods(enrolments, referenceDate), new String[] {PupilDays.BRIN_VESTIGING, PupilDays.SCHOOL_PUPIL_KEY},
            "left")
        .join(schools.select(col(Schools.BRIN_VESTIGING), col(Schools.SECTOR).as(SCHOOL_SECTOR)),
            new String[] {PupilDays.BRIN_VESTIGING}, "left");
  }

  /** Per enrolment and dimension value: its days' scheduled, missed and unauthorised minutes. */
  private static Dataset<Row> perEnrolmentAndValue(Dataset<Row> days) {
    return days
        .withColumn(ENTRY, explode(array_compact(entries())))
        .groupBy(col(ENROLMENT[0]), col(ENROLMENT[1]), col(ENROLMENT[2]),
            col(ENTRY).getField(DIMENSION).as(DIMENSION), col(ENTRY).getField(VALUE).as(VALUE))
        .agg(sum(coalesce(col(PupilDays.SCHEDULED_MINUTES), lit(0L))).as(SCHEDULED_MINUTES),
            sum(col(ENTRY).getField(MISSED_MINUTES)).as(MISSED_MINUTES),
            sum(col(ENTRY).getField(UNAUTHORISED_MINUTES)).as(UNAUTHORISED_MINUTES));
  }

  /**
   * The dimension values of one day, each with the minutes it contributes: the day's missed and
   * unauthorised minutes, or for {@code category} one entry per missed category with that
   * category's minutes. {@code mbo_level} applies to MBO enrolments only.
   */
  private static Column entries() {
    Column sector = coalesce(col(SCHOOL_SECTOR), lit(UNKNOWN));
    Column yearGroup = concat_ws(" ", sector, coalesce(col(Enrolments.YEAR_GROUP).cast(StringType), lit(UNKNOWN)));
    Column afterHoliday = coalesce(col(HolidayNeighbours.AFTER_HOLIDAY), lit(false));
    List<Column> entries = new ArrayList<>(List.of(
        dayEntry(WEEKDAY, col(DAY_OF_WEEK)),
        dayEntry(YEAR_GROUP, yearGroup),
        dayEntry(HOLIDAY, when(afterHoliday, lit(FIRST_DAY_AFTER_HOLIDAY)).otherwise(lit(OTHER_DAY))),
        dayEntry(SECTOR, sector),
        dayEntry(SPECIAL_NEEDS, yesNo(col(Enrolments.SPECIAL_NEEDS))),
        dayEntry(NT2, yesNo(col(Enrolments.NT2))),
        dayEntry(PUPIL_WEIGHT, coalesce(col(Enrolments.PUPIL_WEIGHT).cast(StringType), lit(UNKNOWN))),
        when(coalesce(col(SCHOOL_SECTOR).equalTo("MBO"), lit(false)),
            dayEntry(MBO_LEVEL, coalesce(col(Enrolments.LEVEL), lit(UNKNOWN))))));
    for (Category c : Category.missed()) {
      entries.add(entry(CATEGORY, lit(c.code()), col(PupilDays.missedColumn(c)), lit(null)));
    }
    return array(entries.toArray(Column[]::new));
  }

  private static Column dayEntry(String dimension, Column value) {
    return entry(dimension, value, col(PupilDays.MISSED_MINUTES), col(UNAUTHORISED_MINUTES));
  }

  private static Column entry(String dimension, Column value, Column missed, Column unauthorised) {
    return struct(lit(dimension).as(DIMENSION), value.cast(StringType).as(VALUE),
        coalesce(missed.cast(LongType), lit(0L)).as(MISSED_MINUTES), unauthorised.cast(LongType).as(UNAUTHORISED_MINUTES));
  }

  private static Column yesNo(Column flag) {
    return when(flag, lit("yes")).when(flag.isNull(), lit(UNKNOWN)).otherwise(lit("no"));
  }

  /** Per enrolment at a location: the pupil attributes of its latest period up to the reference date. */
  private static Dataset<Row> latestPeriods(Dataset<Row> enrolments, LocalDate referenceDate) {
    return Units.latestPeriods(enrolments, referenceDate)
        .select(col(Enrolments.BRIN_VESTIGING), col(Enrolments.SCHOOL_PUPIL_KEY), col(Enrolments.YEAR_GROUP),
            col(Enrolments.SPECIAL_NEEDS), col(Enrolments.NT2), col(Enrolments.PUPIL_WEIGHT), col(Enrolments.LEVEL));
  }

}
