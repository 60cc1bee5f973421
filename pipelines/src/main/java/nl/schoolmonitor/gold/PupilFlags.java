package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import java.util.List;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.config.FlagRule;
import nl.schoolmonitor.silver.Enrolments;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per pupil enrolment per flag met: the first time in the school year up to the
 * reference date that the enrolment met an early-warning or legal flag, with the evidence
 * (DOMAIN.md section 5, CONTRACT.md section 5; rules in prose in {@code RULES.md} section 6).
 *
 * <p>The flags: {@code reportable_16h}, {@code mazl}, {@code long_absence}, {@code late_pattern} and
 * {@code holiday_adjacent_absence}; every threshold is in {@link FlagRule}.
 *
 * <p>Flags are counted over the enrolment's own school days, in date order. A school week of the
 * pupil is a calendar week in which the pupil has a school day; weeks without one (holidays) are
 * skipped, so they never break "consecutive". A day with nothing scheduled (exempt all day) is
 * no school day of the pupil for the flags: it neither counts nor breaks a run. Enrolments are
 * not joined up: a run does not carry over from one school to the next.
 */
public final class PupilFlags {
  public static final String TABLE = "gold_pupil_flags";

  public static final String BRIN_VESTIGING = PupilDays.BRIN_VESTIGING;
  public static final String SCHOOL_PUPIL_KEY = PupilDays.SCHOOL_PUPIL_KEY;
  public static final String PUPIL_KEY = PupilDays.PUPIL_KEY;
  public static final String FLAG = "flag";
  public static final String FIRST_MET = "first_met";
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  public static final String EVIDENCE_MINUTES = "evidence_minutes";
  public static final String EVIDENCE_COUNT = "evidence_count";
  public static final String AGE_ON_FIRST_MET = "age_on_first_met";
  public static final String REPORT_TYPE = "report_type";

  /** Flag names (DOMAIN.md section 5), also the column names of {@code flags.csv}. */
  public static final String REPORTABLE_16H = "reportable_16h";
  public static final String MAZL = "mazl";
  public static final String LONG_ABSENCE = "long_absence";
  public static final String LATE_PATTERN = "late_pattern";
  public static final String HOLIDAY_ADJACENT_ABSENCE = "holiday_adjacent_absence";
  public static final List<String> FLAGS =
      List.of(REPORTABLE_16H, MAZL, LONG_ABSENCE, LATE_PATTERN, HOLIDAY_ADJACENT_ABSENCE);

  /** Verzuimmelding types of DUO's verzuimregister (Leerplichtwet art. 21a). */
  public static final String REPORT_V3 = "V3";
  public static final String REPORT_V4 = "V4";
  /** Under 18: leerplicht or kwalificatieplicht, a V3 report to the leerplichtambtenaar. */
  public static final int ADULT_AGE = 18;
  /** From 18 to 22 without startkwalificatie: a V4 report, for the RMC; from 23 nothing is reported. */
  public static final int RMC_AGE_LIMIT = 23;

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(BRIN_VESTIGING, StringType, false, "School location"),
      field(SCHOOL_PUPIL_KEY, StringType, false, "Pseudonym of the school's pupil number"),
      field(PUPIL_KEY, StringType, false, "Pseudonym of the PGN: the same pupil at every school"),
      field(FLAG, StringType, false, "reportable_16h, mazl, long_absence, late_pattern or holiday_adjacent_absence"),
      field(FIRST_MET, DateType, false, "School day on which the flag was first met"),
      field(WINDOW_START, DateType, false,
          "reportable_16h, late_pattern: Monday of the window's first school week; mazl: start of the episode, or of "
              + "the first of the episodes counted; long_absence: first day of the run; holiday_adjacent_absence: the "
              + "first day counted"),
      field(WINDOW_END, DateType, false,
          "reportable_16h, late_pattern: Sunday of the window's last school week (the week of first_met); mazl: last "
              + "day of the episode (up to the reference date), or start of the last episode counted; long_absence: "
              + "last day of the run (up to the reference date); holiday_adjacent_absence: first_met"),
      field(EVIDENCE_MINUTES, LongType, true,
          "reportable_16h: unauthorised minutes of the window up to and including first_met; late_pattern: minutes "
              + "late in it; holiday_adjacent_absence: the minutes that made the days counted count; otherwise null"),
      field(EVIDENCE_COUNT, IntegerType, true,
          "mazl: school days of the episode, or episodes started in the window; long_absence: school days of the "
              + "run; late_pattern: late arrivals in the window up to and including first_met; "
              + "holiday_adjacent_absence: days counted; reportable_16h: null"),
      field(AGE_ON_FIRST_MET, IntegerType, true, "Age in whole years on first_met; null when the birth date is unknown"),
      field(REPORT_TYPE, StringType, true,
          "reportable_16h: V3 under 18, V4 from 18 to 22; null from 23, for other flags or an unknown birth date"),
  });

  private static final String[] ENROLMENT = {BRIN_VESTIGING, SCHOOL_PUPIL_KEY, PUPIL_KEY};

  // Intermediate columns.
  private static final String DATE = PupilDays.DATE;
  private static final String WEEK_START = PupilDays.WEEK_START;
  private static final String UNAUTHORISED = PupilDays.UNAUTHORISED_MINUTES;
  private static final String SICK = PupilDays.MISSED_SICK;
  private static final String LATE_COUNT = PupilDays.LATE_COUNT;
  private static final String LATE_MINUTES = PupilDays.LATE_MINUTES;
  private static final String SCHEDULED = PupilDays.SCHEDULED_MINUTES;
  private static final String MISSED = PupilDays.MISSED_MINUTES;
  private static final String DAY_NUMBER = "day_number";
  private static final String WEEK_NUMBER = "week_number";
  private static final String RUN_KEY = "run_key";
  private static final String RUN_DAY = "run_day";
  private static final String RUN_START = "run_start";
  private static final String RUN_END = "run_end";
  private static final String RUN_LENGTH = "run_length";
  private static final String WINDOW_MINUTES = "window_minutes";
  private static final String WINDOW_COUNT = "window_count";
  private static final String SIGNAL_MINUTES = "signal_minutes";
  private static final String FIRST = "first";
  private static final String FIRST_COUNTED_WEEK = "first_counted_week";
  private static final String BIRTH_DATE = Enrolments.BIRTH_DATE;

  private PupilFlags() {}

  /**
   * @param pupilDays rows of {@link PupilDays#SCHEMA}; minute columns that are null count as 0
   * @param enrolments rows of {@link Enrolments#SCHEMA}, for the birth date
   * @param rule the thresholds (region file, defaults in {@link FlagRule#DEFAULT})
   * @param referenceDate last day counted; days from 1 August of its school year up to it count
   */
  public static Dataset<Row> build(Dataset<Row> pupilDays, Dataset<Row> enrolments, FlagRule rule,
      LocalDate referenceDate) {
    Dataset<Row> days = numberedSchoolDays(pupilDays, referenceDate);
    Dataset<Row> sickEpisodes = consecutiveRuns(days, coalesce(col(SICK), lit(0L)).gt(0L));
    Dataset<Row> met = reportable16h(days, rule)
        .unionByName(mazlLongEpisode(sickEpisodes, rule))
        .unionByName(mazlEpisodesInWeeks(sickEpisodes, rule))
        .unionByName(longAbsence(days, rule))
        .unionByName(latePattern(days, rule))
        .unionByName(holidayAdjacentAbsence(days, HolidayNeighbours.perSchoolDay(pupilDays, referenceDate), rule));
    Dataset<Row> flags = withAge(firstOccurrence(met), birthDates(enrolments, referenceDate));
    return flags.select(
        col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY), col(PUPIL_KEY), col(FLAG), col(FIRST_MET),
        col(WINDOW_START), col(WINDOW_END),
        col(EVIDENCE_MINUTES).cast(LongType).as(EVIDENCE_MINUTES),
        col(EVIDENCE_COUNT).cast(IntegerType).as(EVIDENCE_COUNT),
        col(AGE_ON_FIRST_MET).cast(IntegerType).as(AGE_ON_FIRST_MET),
        reportType(col(FLAG), col(AGE_ON_FIRST_MET)).as(REPORT_TYPE));
  }

  /**
   * The enrolment's school days of the school year up to the reference date, numbered in date
   * order ({@code day_number}) and by school week ({@code week_number}: calendar weeks with a
   * school day of the pupil, so a holiday week is skipped, CONTRACT.md section 5). A day with
   * nothing scheduled (exempt all day) is left out: there was no school time to miss.
   */
  static Dataset<Row> numberedSchoolDays(Dataset<Row> pupilDays, LocalDate referenceDate) {
    LocalDate start = SchoolYear.of(referenceDate).firstDay();
    WindowSpec byDate = enrolmentWindow().orderBy(DATE);
    return pupilDays
        .where(coalesce(col(DATE).between(lit(start), lit(referenceDate)), lit(false)))
        .where(coalesce(col(SCHEDULED).gt(0L), lit(false)))
        .select(col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY), col(PUPIL_KEY), col(DATE), col(WEEK_START),
            col(SCHEDULED).cast(LongType).as(SCHEDULED),
            coalesce(col(MISSED), lit(0L)).cast(LongType).as(MISSED),
            coalesce(col(UNAUTHORISED), lit(0L)).cast(LongType).as(UNAUTHORISED),
            coalesce(col(SICK), lit(0L)).cast(LongType).as(SICK),
            coalesce(col(LATE_COUNT), lit(0)).cast(LongType).as(LATE_COUNT),
            coalesce(col(LATE_MINUTES), lit(0L)).cast(LongType).as(LATE_MINUTES))
        .withColumn(DAY_NUMBER, row_number().over(byDate))
        .withColumn(WEEK_NUMBER, dense_rank().over(enrolmentWindow().orderBy(WEEK_START)));
  }

  /**
   * {@code reportable_16h} (meldplichtig verzuim, Leerplichtwet art. 21 and 21a): at least
   * {@code reportableMinutes} (960 = 16 clock hours) unauthorised minutes within {@code
   * reportableWeeks} (4) consecutive school weeks. A day meets it when the unauthorised minutes
   * from the start of the school week {@code reportableWeeks - 1} weeks before its own, up to and
   * including that day, reach the threshold: the first such day is when the window filled up. At
   * the start of the year the window holds the school weeks there are.
   */
  static Dataset<Row> reportable16h(Dataset<Row> days, FlagRule rule) {
    int weeks = rule.reportableWeeks();
    return days
        .withColumn(WINDOW_MINUTES, sumOverSchoolWeeksUpToThisDay(UNAUTHORISED, weeks))
        .withColumn(WINDOW_START, mondayOfTheWindow(weeks))
        .where(coalesce(col(WINDOW_MINUTES).geq((long) rule.reportableMinutes()), lit(false)))
        .select(met(REPORTABLE_16H, col(DATE), col(WINDOW_START), date_add(col(WEEK_START), 6),
            col(WINDOW_MINUTES), lit(null)));
  }

  /**
   * {@code late_pattern} (DOMAIN.md section 5; seed 000: "die leerling die misschien altijd te laat
   * is, die 10 minuten per dag, die mist eigenlijk een half jaar onderwijs"): at least {@code
   * lateCount} (10) late arrivals, or at least {@code lateMinutes} (200) minutes late, within
   * {@code lateWeeks} (4) consecutive school weeks. The window is that of the 16-hour rule: the
   * day's school week and the ones before it, up to and including the day. Two thresholds, because
   * not every system records how late a pupil was (unknown minutes count as 0).
   */
  static Dataset<Row> latePattern(Dataset<Row> days, FlagRule rule) {
    int weeks = rule.lateWeeks();
    Column isPattern =
        col(WINDOW_COUNT).geq((long) rule.lateCount()).or(col(WINDOW_MINUTES).geq((long) rule.lateMinutes()));
    return days
        .withColumn(WINDOW_COUNT, sumOverSchoolWeeksUpToThisDay(LATE_COUNT, weeks))
        .withColumn(WINDOW_MINUTES, sumOverSchoolWeeksUpToThisDay(LATE_MINUTES, weeks))
        .withColumn(WINDOW_START, mondayOfTheWindow(weeks))
        .where(coalesce(isPattern, lit(false)))
        .select(met(LATE_PATTERN, col(DATE), col(WINDOW_START), date_add(col(WEEK_START), 6),
            col(WINDOW_MINUTES), col(WINDOW_COUNT)));
  }

  /**
   * {@code holiday_adjacent_absence} (DOMAIN.md section 5, a luxe-verzuim signal; DOMAIN.md
   * section 9 and seed 001: "iedere eerste maandag na een schoolvakantie"). A school day of the
   * pupil counts when, on the last school day before a holiday or the first after one
   * ({@link HolidayNeighbours}), at least {@code holidayAdjacentMinutes} (1) minutes were missed
   * without authorisation; on a Monday that is the first school day after a holiday, absence of any
   * category counts (a sick note after a holiday is the classic cover). Met on the {@code
   * holidayAdjacentDays}-th (1st) such day of the school year.
   */
  static Dataset<Row> holidayAdjacentAbsence(Dataset<Row> days, Dataset<Row> holidayNeighbours, FlagRule rule) {
    Column after = col(HolidayNeighbours.AFTER_HOLIDAY);
    Column before = col(HolidayNeighbours.BEFORE_HOLIDAY);
    Column mondayAfter = after.and(dayofweek(col(DATE)).equalTo(HolidayNeighbours.MONDAY));
    Column signalMinutes = when(mondayAfter, col(MISSED))
        .when(after.or(before), col(UNAUTHORISED))
        .otherwise(lit(0L));
    WindowSpec upToThisDay = enrolmentWindow().orderBy(DATE)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    return days
        .join(holidayNeighbours, new String[] {BRIN_VESTIGING, DATE}, "left")
        .withColumn(SIGNAL_MINUTES, coalesce(signalMinutes, lit(0L)))
        .where(col(SIGNAL_MINUTES).geq((long) rule.holidayAdjacentMinutes()))
        .withColumn(WINDOW_COUNT, count(lit(1)).over(upToThisDay))
        .withColumn(WINDOW_MINUTES, sum(col(SIGNAL_MINUTES)).over(upToThisDay))
        .withColumn(WINDOW_START, min(col(DATE)).over(upToThisDay))
        .where(col(WINDOW_COUNT).equalTo((long) rule.holidayAdjacentDays()))
        .select(met(HOLIDAY_ADJACENT_ABSENCE, col(DATE), col(WINDOW_START), col(DATE), col(WINDOW_MINUTES),
            col(WINDOW_COUNT)));
  }

  /**
   * The sum of {@code column} from the Monday of the school week {@code weeks - 1} school weeks
   * before the day's own, up to and including the day: a window of {@code weeks} consecutive
   * school weeks that ends on this day. At the start of the year it holds the school weeks there are.
   */
  private static Column sumOverSchoolWeeksUpToThisDay(String column, int weeks) {
    WindowSpec upToThisDay = enrolmentWindow().orderBy(DATE)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    WindowSpec beforeTheWindow = enrolmentWindow().orderBy(WEEK_NUMBER)
        .rangeBetween(Window.unboundedPreceding(), -weeks);
    Column beforeTheWindowSum = coalesce(sum(col(column)).over(beforeTheWindow), lit(0L));
    return sum(col(column)).over(upToThisDay).minus(beforeTheWindowSum);
  }

  /** The Monday of the first school week of the window of {@code weeks} school weeks ending with the day's. */
  private static Column mondayOfTheWindow(int weeks) {
    return min(col(WEEK_START)).over(enrolmentWindow().orderBy(WEEK_NUMBER).rangeBetween(-(weeks - 1), 0));
  }

  /**
   * {@code mazl} by one long episode (M@ZL, Meer Aandacht voor Ziekgemelde Leerlingen): met on
   * the {@code mazlEpisodeDays}-th (7th) consecutive school day with sick minutes.
   */
  static Dataset<Row> mazlLongEpisode(Dataset<Row> sickEpisodes, FlagRule rule) {
    return sickEpisodes
        .where(col(RUN_DAY).equalTo(rule.mazlEpisodeDays()))
        .select(met(MAZL, col(DATE), col(RUN_START), col(RUN_END), lit(null), col(RUN_LENGTH)));
  }

  /**
   * {@code mazl} by frequent sickness (M@ZL): the {@code mazlEpisodes}-th (4th) episode starting
   * within {@code mazlWeeks} (12) consecutive school weeks of the first, i.e. its start is fewer
   * than 12 school weeks after the start week of the episode three before it. Met on that start.
   */
  static Dataset<Row> mazlEpisodesInWeeks(Dataset<Row> sickEpisodes, FlagRule rule) {
    int back = rule.mazlEpisodes() - 1;
    WindowSpec byStart = enrolmentWindow().orderBy(DATE);
    Column firstCountedStart = lag(col(DATE), back).over(byStart);
    Column firstCountedWeek = lag(col(WEEK_NUMBER), back).over(byStart);
    return sickEpisodes
        .where(col(RUN_DAY).equalTo(1))
        .withColumn(WINDOW_START, firstCountedStart)
        .withColumn(FIRST_COUNTED_WEEK, firstCountedWeek)
        .where(coalesce(col(WEEK_NUMBER).minus(col(FIRST_COUNTED_WEEK)).lt(rule.mazlWeeks()), lit(false)))
        .select(met(MAZL, col(DATE), col(WINDOW_START), col(DATE), lit(null), lit(rule.mazlEpisodes())));
  }

  /**
   * {@code long_absence} (langdurig relatief verzuim, thuiszitter candidate; Thuiszitterspact):
   * {@code longAbsenceDays} (20, four school weeks) consecutive school days on which all scheduled
   * time is missed, all of it unauthorised. Met on the 20th such day.
   */
  static Dataset<Row> longAbsence(Dataset<Row> days, FlagRule rule) {
    Column scheduled = col(SCHEDULED);
    Column wholeDayUnauthorised = scheduled.gt(0L)
        .and(col(MISSED).equalTo(scheduled))
        .and(col(UNAUTHORISED).equalTo(scheduled));
    return consecutiveRuns(days, wholeDayUnauthorised)
        .where(col(RUN_DAY).equalTo(rule.longAbsenceDays()))
        .select(met(LONG_ABSENCE, col(DATE), col(RUN_START), col(RUN_END), lit(null), col(RUN_LENGTH)));
  }

  /**
   * The days that satisfy {@code predicate} (null = false), grouped into maximal runs of
   * consecutive school days of the enrolment (gaps and islands: within a run the day number and
   * the rank among the matching days rise together). Each day carries its place in the run and
   * the run's first day, last day and length.
   */
  static Dataset<Row> consecutiveRuns(Dataset<Row> days, Column predicate) {
    WindowSpec run = Window.partitionBy(col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY), col(PUPIL_KEY), col(RUN_KEY));
    return days
        .where(coalesce(predicate, lit(false)))
        .withColumn(RUN_KEY, col(DAY_NUMBER).minus(row_number().over(enrolmentWindow().orderBy(DATE))))
        .withColumn(RUN_DAY, row_number().over(run.orderBy(DATE)))
        .withColumn(RUN_START, min(col(DATE)).over(run))
        .withColumn(RUN_END, max(col(DATE)).over(run))
        .withColumn(RUN_LENGTH, count(lit(1)).over(run));
  }

  /** Per enrolment and flag, the day it was first met with that day's evidence. */
  private static Dataset<Row> firstOccurrence(Dataset<Row> met) {
    // Structs compare field by field: the minimum is the earliest day, then the earliest window.
    Column candidate = struct(col(FIRST_MET), col(WINDOW_START), col(WINDOW_END), col(EVIDENCE_MINUTES),
        col(EVIDENCE_COUNT));
    return met
        .groupBy(BRIN_VESTIGING, SCHOOL_PUPIL_KEY, PUPIL_KEY, FLAG)
        .agg(min(candidate).as(FIRST))
        .select(col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY), col(PUPIL_KEY), col(FLAG),
            col(FIRST).getField(FIRST_MET).as(FIRST_MET), col(FIRST).getField(WINDOW_START).as(WINDOW_START),
            col(FIRST).getField(WINDOW_END).as(WINDOW_END), col(FIRST).getField(EVIDENCE_MINUTES).as(EVIDENCE_MINUTES),
            col(FIRST).getField(EVIDENCE_COUNT).as(EVIDENCE_COUNT));
  }

  /**
   * Per enrolment: the birth date of its latest period starting up to the reference date that
   * has one (periods of one enrolment should agree; the latest list is the best informed).
   */
  private static Dataset<Row> birthDates(Dataset<Row> enrolments, LocalDate referenceDate) {
    return enrolments
        .where(col(BIRTH_DATE).isNotNull()
            .and(coalesce(col(Enrolments.ENROLMENT_START).leq(lit(referenceDate)), lit(false))))
        .groupBy(Enrolments.BRIN_VESTIGING, Enrolments.SCHOOL_PUPIL_KEY)
        .agg(max(struct(col(Enrolments.ENROLMENT_START), col(BIRTH_DATE))).getField(BIRTH_DATE).as(BIRTH_DATE));
  }

  /**
   * Age in whole years on {@code first_met}: one more on the birthday itself (a 29 February
   * birthday falls on 1 March in other years, as {@code java.time.Period} counts).
   */
  private static Dataset<Row> withAge(Dataset<Row> flags, Dataset<Row> birthDates) {
    Column day = col(FIRST_MET);
    Column born = col(BIRTH_DATE);
    Column beforeBirthdayThisYear = month(day).multiply(100).plus(dayofmonth(day))
        .lt(month(born).multiply(100).plus(dayofmonth(born)));
    Column age = year(day).minus(year(born)).minus(when(beforeBirthdayThisYear, lit(1)).otherwise(lit(0)));
    return flags
        .join(birthDates, new String[] {BRIN_VESTIGING, SCHOOL_PUPIL_KEY}, "left")
        .withColumn(AGE_ON_FIRST_MET, when(born.isNotNull(), age));
  }

  /**
   * Leerplichtwet art. 21a: unauthorised absence is reported for every pupil under 23 without a
   * startkwalificatie, as V3 under 18 (leerplicht, kwalificatieplicht) and as V4 from 18 (for the
   * RMC). Null for the other flags, from 23, and when the age is unknown. Whether the pupil has
   * a startkwalificatie is not in the data: the leerplichtambtenaar checks it.
   */
  private static Column reportType(Column flag, Column age) {
    return when(flag.equalTo(REPORTABLE_16H).and(age.lt(ADULT_AGE)), lit(REPORT_V3))
        .when(flag.equalTo(REPORTABLE_16H).and(age.lt(RMC_AGE_LIMIT)), lit(REPORT_V4))
        .otherwise(lit(null).cast(StringType));
  }

  /** A day on which a flag is met, with its evidence, in the shape every rule returns. */
  private static Column[] met(String flag, Column day, Column windowStart, Column windowEnd, Column minutes,
      Column count) {
    return new Column[] {
        col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY), col(PUPIL_KEY), lit(flag).as(FLAG), day.as(FIRST_MET),
        windowStart.as(WINDOW_START), windowEnd.as(WINDOW_END), minutes.cast(LongType).as(EVIDENCE_MINUTES),
        count.cast(IntegerType).as(EVIDENCE_COUNT)};
  }

  private static WindowSpec enrolmentWindow() {
    return Window.partitionBy(ENROLMENT[0], ENROLMENT[1], ENROLMENT[2]);
  }
}
