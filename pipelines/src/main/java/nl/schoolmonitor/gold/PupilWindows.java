package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.config.TierRule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per pupil enrolment per window: the pupil's school days, scheduled and missed minutes
 * over the window, the absence percentage and the tier of the attendance pyramid (DOMAIN.md
 * section 2). Windows: the school year to date (at the reference date, or at the end of every
 * school week for the trend), each school week, and the rolling 4 and 12 school weeks at the
 * reference date. Only the days the pupil was enrolled count, so joiners and leavers are measured
 * over their own days (TEAMSchools #4994).
 */
public final class PupilWindows {
  public static final String TABLE = "gold_pupil_windows";

  public static final String BRIN_VESTIGING = PupilDays.BRIN_VESTIGING;
  public static final String SCHOOL_PUPIL_KEY = PupilDays.SCHOOL_PUPIL_KEY;
  public static final String PUPIL_KEY = PupilDays.PUPIL_KEY;
  public static final String WINDOW = "window";
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  public static final String SCHOOL_DAYS = "school_days";
  public static final String SCHEDULED_MINUTES = PupilDays.SCHEDULED_MINUTES;
  public static final String MISSED_MINUTES = PupilDays.MISSED_MINUTES;
  public static final String MISSED_SICK = PupilDays.MISSED_SICK;
  public static final String UNAUTHORISED_MINUTES = PupilDays.UNAUTHORISED_MINUTES;
  public static final String LATE_COUNT = PupilDays.LATE_COUNT;
  public static final String LATE_MINUTES = PupilDays.LATE_MINUTES;
  public static final String ABSENCE_PCT = "absence_pct";
  public static final String TIER = "tier";
  public static final String TIER_STATUS = "tier_status";

  /** Window names. */
  public static final String SCHOOL_YEAR_TO_DATE = "school_year_to_date";
  public static final String SCHOOL_WEEK = "school_week";
  /** The 4 school weeks of the 16-hour rule (Leerplichtwet art. 21a; DOMAIN.md sections 2 and 5). */
  public static final String ROLLING_4_WEEKS = "rolling_4_weeks";
  /** The 12 school weeks of M@ZL (DOMAIN.md sections 2 and 5). */
  public static final String ROLLING_12_WEEKS = "rolling_12_weeks";

  public static final StructType SCHEMA = schema();

  /** The minute and count columns summed over a window, in published order (after school_days). */
  private static final List<String> MEASURES = Stream.of(
      Stream.of(SCHEDULED_MINUTES, MISSED_MINUTES), PupilDays.MISSED_CATEGORY_COLUMNS.stream(),
      Stream.of(UNAUTHORISED_MINUTES, LATE_COUNT, LATE_MINUTES)).flatMap(s -> s).toList();
  private static final String[] ENROLMENT = {BRIN_VESTIGING, SCHOOL_PUPIL_KEY, PUPIL_KEY};
  private static final String FIRST_WEEK = "first_week";
  private static final String FIRST_SCHOOL_DAY_OF_WEEK = "first_school_day_of_week";
  private static final String WEEKS_BACK = "weeks_back";

  private PupilWindows() {}

  /** The school year (1 August - 31 July, DOMAIN.md section 3) up to and including the reference date. */
  public static Dataset<Row> schoolYearToDate(Dataset<Row> pupilDays, TierRule rule, LocalDate referenceDate) {
    LocalDate start = SchoolYear.of(referenceDate).firstDay();
    Dataset<Row> inWindow = pupilDays
        .where(coalesce(col(PupilDays.DATE).between(lit(start), lit(referenceDate)), lit(false)))
        .withColumn(WINDOW, lit(SCHOOL_YEAR_TO_DATE))
        .withColumn(WINDOW_START, lit(start))
        .withColumn(WINDOW_END, lit(referenceDate));
    return published(withTier(totals(inWindow, WINDOW, WINDOW_START, WINDOW_END), rule));
  }

  /** Each calendar week, Monday to Sunday, in which the pupil has a school day. */
  public static Dataset<Row> schoolWeeks(Dataset<Row> pupilDays, TierRule rule) {
    Dataset<Row> inWindow = pupilDays
        .withColumn(WINDOW, lit(SCHOOL_WEEK))
        .withColumn(WINDOW_START, col(PupilDays.WEEK_START))
        .withColumn(WINDOW_END, date_add(col(PupilDays.WEEK_START), 6));
    return published(withTier(totals(inWindow, WINDOW, WINDOW_START, WINDOW_END), rule));
  }

  /**
   * The last {@code weeks} school weeks up to and including the week of the reference date, of
   * the school year that holds the reference date. A school week is a calendar week (Monday to
   * Sunday) with a school day of the enrolment's school location up to the reference date, so a
   * holiday week is skipped and the window reaches one week further back ("lesweken", DOMAIN.md
   * section 3; CONTRACT.md section 5). Every enrolment of the location counts its own school days
   * in those weeks: a joiner from its first day, a leaver up to its last (TEAMSchools #4994); an
   * enrolment without a school day in the window has no row. {@code window_start} is the
   * location's first school day in the earliest of the weeks, {@code window_end} the reference
   * date; days after it are not counted.
   *
   * @param weeks at least 1; {@link #ROLLING_4_WEEKS} for 4, {@link #ROLLING_12_WEEKS} for 12
   */
  public static Dataset<Row> rollingWeeks(Dataset<Row> pupilDays, TierRule rule, LocalDate referenceDate, int weeks) {
    if (weeks < 1) {
      throw new IllegalArgumentException("A rolling window needs at least 1 school week, got " + weeks);
    }
    Dataset<Row> upToReference = pupilDays.where(coalesce(
        col(PupilDays.DATE).between(lit(SchoolYear.of(referenceDate).firstDay()), lit(referenceDate)), lit(false)));
    Dataset<Row> inWindow = upToReference
        .join(lastSchoolWeeks(upToReference, weeks), new String[] {BRIN_VESTIGING, PupilDays.WEEK_START})
        .withColumn(WINDOW, lit(rollingWeeksName(weeks)))
        .withColumn(WINDOW_END, lit(referenceDate));
    return published(withTier(totals(inWindow, WINDOW, WINDOW_START, WINDOW_END), rule));
  }

  /** {@code rolling_<n>_weeks}: the window name of {@link #rollingWeeks} over {@code weeks} school weeks. */
  public static String rollingWeeksName(int weeks) {
    return "rolling_" + weeks + "_weeks";
  }

  /**
   * Per school location: its last {@code weeks} school weeks among {@code days}, each with the
   * window's start (the location's first school day in the earliest of them), the same for every
   * enrolment of the location so that a pupil is one window at every level above it.
   */
  private static Dataset<Row> lastSchoolWeeks(Dataset<Row> days, int weeks) {
    Column newestFirst = row_number().over(Window.partitionBy(BRIN_VESTIGING).orderBy(col(PupilDays.WEEK_START).desc()));
    return days
        .groupBy(BRIN_VESTIGING, PupilDays.WEEK_START)
        .agg(min(PupilDays.DATE).as(FIRST_SCHOOL_DAY_OF_WEEK))
        .withColumn(WEEKS_BACK, newestFirst)
        .where(col(WEEKS_BACK).leq(weeks))
        .withColumn(WINDOW_START, min(FIRST_SCHOOL_DAY_OF_WEEK).over(Window.partitionBy(BRIN_VESTIGING)))
        .select(BRIN_VESTIGING, PupilDays.WEEK_START, WINDOW_START);
  }

  /**
   * The school year to date at the end of every school week W (a calendar week with a school day
   * of the school, so holiday weeks are skipped): one row per enrolment that has a school day up
   * to the end of W, from 1 August to the Sunday of W. A pupil who left keeps a row for every
   * later week with the days of the enrolment (TEAMSchools #4994).
   */
  public static Dataset<Row> schoolYearToDateByWeek(Dataset<Row> pupilDays, TierRule rule) {
    Dataset<Row> perWeek = totals(pupilDays, PupilDays.SCHOOL_YEAR, PupilDays.WEEK_START);
    Dataset<Row> cumulative = runningTotals(weeksSinceFirstSchoolDay(pupilDays, perWeek), perWeek)
        .withColumn(WINDOW, lit(SCHOOL_YEAR_TO_DATE))
        .withColumn(WINDOW_START, schoolYearStart(col(PupilDays.SCHOOL_YEAR)))
        .withColumn(WINDOW_END, date_add(col(PupilDays.WEEK_START), 6));
    return published(withTier(cumulative, rule));
  }

  /** Per enrolment: its days and summed minutes per group (a window or a week). */
  private static Dataset<Row> totals(Dataset<Row> days, String... groupColumns) {
    List<Column> sums = new ArrayList<>();
    MEASURES.forEach(m -> sums.add(sum(col(m)).as(m)));
    String[] keys = Stream.concat(Stream.of(ENROLMENT), Stream.of(groupColumns)).toArray(String[]::new);
    return days.groupBy(keys[0], Arrays.copyOfRange(keys, 1, keys.length))
        .agg(count(lit(1)).as(SCHOOL_DAYS), sums.toArray(Column[]::new));
  }

  /** Every school week of the pupil's school from the pupil's first week there. */
  private static Dataset<Row> weeksSinceFirstSchoolDay(Dataset<Row> pupilDays, Dataset<Row> perWeek) {
    Dataset<Row> weeksOfSchool = pupilDays.select(BRIN_VESTIGING, PupilDays.SCHOOL_YEAR, PupilDays.WEEK_START).distinct();
    return perWeek
        .groupBy(BRIN_VESTIGING, SCHOOL_PUPIL_KEY, PUPIL_KEY, PupilDays.SCHOOL_YEAR)
        .agg(min(PupilDays.WEEK_START).as(FIRST_WEEK))
        .join(weeksOfSchool, new String[] {BRIN_VESTIGING, PupilDays.SCHOOL_YEAR})
        .where(col(PupilDays.WEEK_START).geq(col(FIRST_WEEK)))
        .drop(FIRST_WEEK);
  }

  /** Sums from the start of the school year to the end of each week; a week without days adds 0. */
  private static Dataset<Row> runningTotals(Dataset<Row> weeks, Dataset<Row> perWeek) {
    WindowSpec upToThisWeek = Window
        .partitionBy(BRIN_VESTIGING, SCHOOL_PUPIL_KEY, PUPIL_KEY, PupilDays.SCHOOL_YEAR)
        .orderBy(PupilDays.WEEK_START)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    List<Column> columns = new ArrayList<>(List.of(col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY), col(PUPIL_KEY),
        col(PupilDays.SCHOOL_YEAR), col(PupilDays.WEEK_START)));
    Stream.concat(Stream.of(SCHOOL_DAYS), MEASURES.stream())
        .forEach(m -> columns.add(sum(coalesce(col(m), lit(0L))).over(upToThisWeek).as(m)));
    return weeks
        .join(perWeek, new String[] {BRIN_VESTIGING, SCHOOL_PUPIL_KEY, PUPIL_KEY, PupilDays.SCHOOL_YEAR,
            PupilDays.WEEK_START}, "left")
        .select(columns.toArray(Column[]::new));
  }

  private static Dataset<Row> withTier(Dataset<Row> windows, TierRule rule) {
    Column scheduled = col(SCHEDULED_MINUTES);
    return windows
        .withColumn(ABSENCE_PCT, when(scheduled.gt(0),
            col(MISSED_MINUTES).cast(DoubleType).multiply(100.0).divide(scheduled.cast(DoubleType))))
        .withColumn(TIER, Tiers.tierColumn(col(MISSED_MINUTES), scheduled, col(SCHOOL_DAYS), rule))
        .withColumn(TIER_STATUS, Tiers.statusColumn(col(TIER)));
  }

  private static Dataset<Row> published(Dataset<Row> windows) {
    return windows.select(Arrays.stream(SCHEMA.fields())
        .map(f -> col(f.name()).cast(f.dataType()).as(f.name()))
        .toArray(Column[]::new));
  }

  /** 1 August of a school year labelled {@code 2025-2026}. */
  private static Column schoolYearStart(Column schoolYearLabel) {
    return make_date(substring(schoolYearLabel, 1, 4).cast(IntegerType), lit(Month.AUGUST.getValue()), lit(1));
  }

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>(List.of(
        field(BRIN_VESTIGING, StringType, false, "School location"),
        field(SCHOOL_PUPIL_KEY, StringType, false, "Pseudonym of the school's pupil number"),
        field(PUPIL_KEY, StringType, false, "Pseudonym of the PGN"),
        field(WINDOW, StringType, false, "school_year_to_date, school_week, rolling_4_weeks or rolling_12_weeks"),
        field(WINDOW_START, DateType, false,
            "First day of the window (1 August; Monday for a week; first school day of the rolling weeks)"),
        field(WINDOW_END, DateType, false, "Last day of the window (reference date, or Sunday of the week)"),
        field(SCHOOL_DAYS, IntegerType, false, "School days of the enrolment in the window"),
        field(SCHEDULED_MINUTES, LongType, false, "Scheduled minutes in the window"),
        field(MISSED_MINUTES, LongType, false, "Missed minutes in the window, all categories")));
    for (Category c : Category.missed()) {
      fields.add(field(PupilDays.missedColumn(c), LongType, false, "Missed minutes in category " + c.code()));
    }
    fields.add(field(UNAUTHORISED_MINUTES, LongType, false, "Missed minutes in unauthorised categories"));
    fields.add(field(LATE_COUNT, IntegerType, false, "Late arrivals"));
    fields.add(field(LATE_MINUTES, LongType, false, "Minutes late"));
    fields.add(field(ABSENCE_PCT, DoubleType, true, "100 * missed / scheduled; null when nothing was scheduled"));
    fields.add(field(TIER, IntegerType, true, "1, 2 or 3; null with too few school days or no scheduled time"));
    fields.add(field(TIER_STATUS, StringType, false, "tier1, tier2, tier3 or insufficient_days"));
    return new StructType(fields.toArray(StructField[]::new));
  }
}
