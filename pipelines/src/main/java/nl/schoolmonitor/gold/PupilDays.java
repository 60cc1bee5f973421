package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.silver.AttendanceEvents;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.SchoolDays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per pupil enrolment per school day: the scheduled minutes of that day and the minutes
 * missed in each absence category, after settling overlapping registrations and capping at the
 * schedule (CONTRACT.md section 5; rules in prose in {@code RULES.md} beside this class).
 *
 * <p>An enrolment is a pupil at a school location ({@code brin_vestiging}, {@code
 * school_pupil_key}); two enrolment periods of the same pupil at the same location that overlap
 * give each day once.
 */
public final class PupilDays {
  public static final String TABLE = "gold_pupil_days";

  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String SCHOOL_PUPIL_KEY = "school_pupil_key";
  public static final String PUPIL_KEY = "pupil_key";
  public static final String DATE = "date";
  public static final String SCHOOL_YEAR = "school_year";
  public static final String WEEK_START = "week_start";
  public static final String SCHEDULED_MINUTES = "scheduled_minutes";
  public static final String MISSED_MINUTES = "missed_minutes";
  public static final String MISSED_SICK = missedColumn(Category.SICK);
  public static final String UNAUTHORISED_MINUTES = "unauthorised_minutes";
  public static final String LATE_COUNT = "late_count";
  public static final String LATE_MINUTES = "late_minutes";

  /** {@code missed_<category>} for every category of {@link Category#missed()}, in priority order. */
  public static final List<String> MISSED_CATEGORY_COLUMNS =
      Category.missed().stream().map(PupilDays::missedColumn).toList();

  public static final StructType SCHEMA = schema();

  // Intermediate columns: per slot.
  private static final String CATEGORY_MISSED = "category_missed";
  private static final String CATEGORY_SLOT_MINUTES = "category_slot_minutes";
  private static final String CATEGORY_LATE_MINUTES = "category_late_minutes";
  private static final String SLOT_TIMETABLE_MINUTES = "slot_timetable_minutes";
  private static final String SLOT_EXEMPT = "slot_exempt";
  private static final String SLOT_EXEMPT_MINUTES = "slot_exempt_minutes";
  private static final String SLOT_MISSED_WINNER = "slot_missed_winner";
  private static final String SLOT_WINNING_CATEGORY = "slot_winning_category";
  private static final String SLOT_MISSED = "slot_missed";
  private static final String SLOT_LATE = "slot_late";
  private static final String SLOT_LATE_MINUTES = "slot_late_minutes";
  // Intermediate columns: per day.
  private static final String LAST_COUNTED_DAY = "last_counted_day";
  private static final String SECTOR_TIMETABLE_MINUTES = "sector_timetable_minutes";
  private static final String EXEMPT_MINUTES = "exempt_minutes";
  private static final String OBSERVED_TIMETABLE_MINUTES = "observed_timetable_minutes";
  private static final String HAS_OBSERVED_SLOT = "has_observed_slot";

  private PupilDays() {}

  public static String missedColumn(Category category) {
    return "missed_" + category.code();
  }

  /**
   * @param enrolments rows of {@link Enrolments#SCHEMA}
   * @param schoolDays rows of {@link SchoolDays#SCHEMA}
   * @param events rows of {@link AttendanceEvents#SCHEMA}; an event outside the pupil's school
   *     days or enrolment is not used
   * @param referenceDate last day counted
   * @param removedFromClassAuthorised region setting: {@code removed_from_class} counts as
   *     authorised (DOMAIN.md section 4, default unauthorised)
   */
  public static Dataset<Row> build(Dataset<Row> enrolments, Dataset<Row> schoolDays, Dataset<Row> events,
      LocalDate referenceDate, boolean removedFromClassAuthorised) {
    Dataset<Row> days = enrolledSchoolDays(enrolments, schoolDays, referenceDate);
    Dataset<Row> dayTotals = perDay(settledSlots(events));
    Dataset<Row> scheduled = withScheduledMinutes(days, dayTotals);
    Dataset<Row> missed = withCappedMissedMinutes(scheduled, removedFromClassAuthorised);

    List<Column> published = new ArrayList<>(List.of(
        col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY), col(PUPIL_KEY), col(DATE), col(SCHOOL_YEAR), col(WEEK_START),
        col(SCHEDULED_MINUTES).cast(LongType).as(SCHEDULED_MINUTES),
        col(MISSED_MINUTES).cast(LongType).as(MISSED_MINUTES)));
    MISSED_CATEGORY_COLUMNS.forEach(c -> published.add(col(c).cast(LongType).as(c)));
    published.add(col(UNAUTHORISED_MINUTES).cast(LongType).as(UNAUTHORISED_MINUTES));
    published.add(coalesce(col(LATE_COUNT), lit(0)).cast(IntegerType).as(LATE_COUNT));
    published.add(coalesce(col(LATE_MINUTES), lit(0L)).cast(LongType).as(LATE_MINUTES));
    return missed.select(published.toArray(Column[]::new));
  }

  /**
   * Enrolment x school days of its school, from the first day of the enrolment up to its last
   * day or the reference date, whichever comes first (CONTRACT.md section 5: `Datum in`..`Datum
   * uit` inclusive, empty end = still enrolled).
   */
  static Dataset<Row> enrolledSchoolDays(Dataset<Row> enrolments, Dataset<Row> schoolDays, LocalDate referenceDate) {
    Column lastCountedDay = least(coalesce(col(Enrolments.ENROLMENT_END), lit(referenceDate)), lit(referenceDate));
    return enrolments
        .select(col(Enrolments.BRIN_VESTIGING), col(Enrolments.SCHOOL_PUPIL_KEY), col(Enrolments.PUPIL_KEY),
            col(Enrolments.ENROLMENT_START), lastCountedDay.as(LAST_COUNTED_DAY))
        .join(schoolDays, SchoolDays.BRIN_VESTIGING)
        .where(coalesce(col(SchoolDays.DATE).between(col(Enrolments.ENROLMENT_START), col(LAST_COUNTED_DAY)), lit(false)))
        // Overlapping enrolment periods at one location must not count a day twice.
        .dropDuplicates(BRIN_VESTIGING, SCHOOL_PUPIL_KEY, DATE)
        .select(col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY), col(PUPIL_KEY), col(DATE), col(SCHOOL_YEAR), col(WEEK_START),
            col(SchoolDays.SCHEDULED_MINUTES).as(SECTOR_TIMETABLE_MINUTES));
  }

  /**
   * One row per pupil per school day per slot: the registration that wins the slot. Two
   * registrations of the same time count once (DOMAIN.md section 3): an exemption takes the slot
   * off the schedule; otherwise the missed category with the lowest {@link Category#priority()}
   * wins, authorised before unauthorised and sick first ("benefit of the doubt", CONTRACT.md
   * section 5), with the most minutes any of its registrations missed.
   */
  static Dataset<Row> settledSlots(Dataset<Row> events) {
    Column category = col(AttendanceEvents.CATEGORY);
    Column isExempt = coalesce(category.equalTo(Category.EXEMPT.code()), lit(false));
    Column isLate = coalesce(category.equalTo(Category.LATE.code()), lit(false));
    Column isMissed = coalesce(category.isin(Category.missed().stream().map(Category::code).toArray()), lit(false));

    Dataset<Row> perSlotCategory = events
        .groupBy(AttendanceEvents.BRIN_VESTIGING, AttendanceEvents.SCHOOL_PUPIL_KEY, AttendanceEvents.DATE,
            AttendanceEvents.SLOT, AttendanceEvents.CATEGORY)
        .agg(
            max(AttendanceEvents.MISSED_MINUTES).as(CATEGORY_MISSED),
            max(AttendanceEvents.SLOT_MINUTES).as(CATEGORY_SLOT_MINUTES),
            // MBO: the observations are the timetable (CONTRACT.md section 5).
            max(when(coalesce(col(AttendanceEvents.SCHEDULES_TIME), lit(false)), col(AttendanceEvents.SLOT_MINUTES)))
                .as(SLOT_TIMETABLE_MINUTES),
            max(coalesce(col(AttendanceEvents.LATE_MINUTES), lit(0))).as(CATEGORY_LATE_MINUTES));

    // Structs compare field by field: the minimum is the missed category with the lowest priority.
    Column missedCandidate = when(isMissed,
        struct(priorityOf(category).as("priority"), category.as("category"), col(CATEGORY_MISSED).as("minutes")));
    Column winner = col(SLOT_MISSED_WINNER);
    return perSlotCategory
        .groupBy(AttendanceEvents.BRIN_VESTIGING, AttendanceEvents.SCHOOL_PUPIL_KEY, AttendanceEvents.DATE,
            AttendanceEvents.SLOT)
        .agg(
            bool_or(isExempt).as(SLOT_EXEMPT),
            max(when(isExempt, col(CATEGORY_SLOT_MINUTES))).as(SLOT_EXEMPT_MINUTES),
            min(missedCandidate).as(SLOT_MISSED_WINNER),
            max(SLOT_TIMETABLE_MINUTES).as(SLOT_TIMETABLE_MINUTES),
            bool_or(isLate).as(SLOT_LATE),
            max(when(isLate, col(CATEGORY_LATE_MINUTES))).as(SLOT_LATE_MINUTES))
        .withColumn(SLOT_WINNING_CATEGORY,
            when(col(SLOT_EXEMPT), lit(Category.EXEMPT.code())).otherwise(winner.getField("category")))
        .withColumn(SLOT_MISSED,
            when(col(SLOT_EXEMPT), lit(0)).otherwise(coalesce(winner.getField("minutes"), lit(0))));
  }

  /** One row per pupil per school day with events: exempt, observed and raw missed minutes, lates. */
  static Dataset<Row> perDay(Dataset<Row> slots) {
    Column exempt = col(SLOT_EXEMPT);
    List<Column> totals = new ArrayList<>(List.of(
        sum(when(exempt, coalesce(col(SLOT_EXEMPT_MINUTES), lit(0))).otherwise(lit(0))).as(EXEMPT_MINUTES),
        sum(when(not(exempt), col(SLOT_TIMETABLE_MINUTES))).as(OBSERVED_TIMETABLE_MINUTES),
        bool_or(col(SLOT_TIMETABLE_MINUTES).isNotNull()).as(HAS_OBSERVED_SLOT),
        // A late arrival is counted and its minutes kept apart, never missed time (DOMAIN.md section 4).
        sum(when(col(SLOT_LATE), lit(1)).otherwise(lit(0))).as(LATE_COUNT),
        sum(when(col(SLOT_LATE), coalesce(col(SLOT_LATE_MINUTES), lit(0))).otherwise(lit(0))).as(LATE_MINUTES)));
    for (Category c : Category.missed()) {
      totals.add(sum(when(coalesce(col(SLOT_WINNING_CATEGORY).equalTo(c.code()), lit(false)), col(SLOT_MISSED))
          .otherwise(lit(0))).as(rawMissedColumn(c)));
    }
    return slots
        .groupBy(AttendanceEvents.BRIN_VESTIGING, AttendanceEvents.SCHOOL_PUPIL_KEY, AttendanceEvents.DATE)
        .agg(totals.get(0), totals.stream().skip(1).toArray(Column[]::new));
  }

  /**
   * The day's scheduled minutes: the sector timetable minus exempt slots or, where the school
   * has no timetable (MBO), the scheduled observations that are not exempt. An MBO day without a
   * scheduled observation is no school day of that pupil (CONTRACT.md section 5).
   */
  static Dataset<Row> withScheduledMinutes(Dataset<Row> days, Dataset<Row> dayTotals) {
    Column sectorTimetable = col(SECTOR_TIMETABLE_MINUTES);
    Column fromSectorTimetable =
        greatest(lit(0L), sectorTimetable.cast(LongType).minus(coalesce(col(EXEMPT_MINUTES), lit(0L))));
    Column fromObservations = coalesce(col(OBSERVED_TIMETABLE_MINUTES), lit(0L)).cast(LongType);
    return days
        .join(dayTotals, new String[] {BRIN_VESTIGING, SCHOOL_PUPIL_KEY, DATE}, "left")
        .where(sectorTimetable.isNotNull().or(coalesce(col(HAS_OBSERVED_SLOT), lit(false))))
        .withColumn(SCHEDULED_MINUTES, when(sectorTimetable.isNotNull(), fromSectorTimetable).otherwise(fromObservations));
  }

  /**
   * Caps the day's missed minutes at its scheduled minutes (DOMAIN.md section 3) by reducing the
   * lowest-priority categories first, so the cap never moves time from an unauthorised into an
   * authorised category: category i keeps min(raw_i, scheduled - raw of the categories before it).
   */
  static Dataset<Row> withCappedMissedMinutes(Dataset<Row> days, boolean removedFromClassAuthorised) {
    Dataset<Row> result = days;
    Column missedBefore = lit(0L);
    Column missedTotal = lit(0L);
    Column unauthorisedTotal = lit(0L);
    for (Category c : Category.missed()) {
      Column raw = coalesce(col(rawMissedColumn(c)), lit(0L)).cast(LongType);
      Column capped = greatest(lit(0L), least(raw, col(SCHEDULED_MINUTES).minus(missedBefore)));
      result = result.withColumn(missedColumn(c), capped);
      missedBefore = missedBefore.plus(raw);
      missedTotal = missedTotal.plus(col(missedColumn(c)));
      if (!isAuthorised(c, removedFromClassAuthorised)) {
        unauthorisedTotal = unauthorisedTotal.plus(col(missedColumn(c)));
      }
    }
    return result
        .withColumn(MISSED_MINUTES, missedTotal)
        .withColumn(UNAUTHORISED_MINUTES, unauthorisedTotal);
  }

  /** Authorised per {@link Category#authorised()}, with the region's choice for removed_from_class. */
  static boolean isAuthorised(Category category, boolean removedFromClassAuthorised) {
    return category == Category.REMOVED_FROM_CLASS ? removedFromClassAuthorised : category.authorised();
  }

  private static Column priorityOf(Column category) {
    Column priority = lit(null).cast(IntegerType);
    for (Category c : Category.missed()) {
      priority = when(category.equalTo(c.code()), lit(c.priority())).otherwise(priority);
    }
    return priority;
  }

  private static String rawMissedColumn(Category category) {
    return "raw_" + missedColumn(category);
  }

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>(List.of(
        field(BRIN_VESTIGING, StringType, false, "School location"),
        field(SCHOOL_PUPIL_KEY, StringType, false, "Pseudonym of the school's pupil number"),
        field(PUPIL_KEY, StringType, false, "Pseudonym of the PGN: the same pupil at every school"),
        field(DATE, DateType, false, "School day within the enrolment, up to the reference date"),
        field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026"),
        field(WEEK_START, DateType, false, "Monday of the calendar week"),
        field(SCHEDULED_MINUTES, LongType, false, "Timetable minutes minus exempt slots (MBO: scheduled observations)"),
        field(MISSED_MINUTES, LongType, false, "Missed minutes of all categories, capped at scheduled_minutes")));
    for (Category c : Category.missed()) {
      fields.add(field(missedColumn(c), LongType, false, "Missed minutes settled in category " + c.code() + ", after the cap"));
    }
    fields.add(field(UNAUTHORISED_MINUTES, LongType, false,
        "Missed minutes in unauthorised categories (removed_from_class unless the region authorises it)"));
    fields.add(field(LATE_COUNT, IntegerType, false, "Slots with a late arrival (not missed time)"));
    fields.add(field(LATE_MINUTES, LongType, false, "Minutes late in those slots (unknown = 0)"));
    return new StructType(fields.toArray(StructField[]::new));
  }
}
