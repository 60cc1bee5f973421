package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.PCT;
import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.count_if;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.mode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.silver.AttendanceEvents;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.Quarantine;
import nl.schoolmonitor.silver.Quarantine.Rule;
import nl.schoolmonitor.silver.SchoolDays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Data quality per school location: can the school's figures be trusted, and what should the
 * school look at? Three tables (rules in prose: {@code RULES.md}, section "Data quality"):
 * <ul>
 *   <li>{@link #WEEKLY_TABLE}: one row per school location per school week of the school year up
 *       to the reference date: pupils, registrations, the share of pupil days with a registration
 *       and the classes and year groups that registered no absence at all for two school weeks
 *       while the rest of the school did (seed 000, lines 1186-1199: a teacher may leave absence
 *       unregistered because "ik wil die leerling een beetje helpen").</li>
 *   <li>{@link #SCHOOL_TABLE}: one row per school location at the reference date: files received
 *       by status, records read, accepted and quarantined (per rule), freshness, unmapped codes and
 *       overlapping enrolments.</li>
 *   <li>{@link #CODES_TABLE}: one row per school location, system, source code, category and
 *       category source: every code the school used in the school year and how it was mapped.</li>
 * </ul>
 * Nothing identifies a pupil: the tables hold codes, counts and class codes only.
 */
public final class DataQuality {
  public static final String WEEKLY_TABLE = "gold_data_quality_weekly";
  public static final String SCHOOL_TABLE = "gold_data_quality_school";
  public static final String CODES_TABLE = "gold_data_quality_codes";

  // Columns shared by the three tables.
  public static final String SCHOOL_YEAR = "school_year";
  public static final String REFERENCE_DATE = "reference_date";
  public static final String WEEK_START = "week_start";
  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String STATUS = "status";
  public static final String REASONS = "reasons";

  // gold_data_quality_weekly
  public static final String SCHOOL_DAYS = "school_days";
  public static final String ENROLLED_PUPILS = "enrolled_pupils";
  public static final String EVENTS = "events";
  public static final String PUPILS_WITH_EVENTS = "pupils_with_events";
  public static final String PUPIL_DAYS = "pupil_days";
  public static final String PUPIL_DAYS_WITH_EVENTS = "pupil_days_with_events";
  public static final String PUPIL_DAYS_WITH_EVENTS_PCT = "pupil_days_with_events_pct";
  public static final String SILENT_CLASSES = "silent_classes";
  public static final String SILENT_CLASS_CODES = "silent_class_codes";
  public static final String SILENT_YEAR_GROUPS = "silent_year_groups";
  public static final String SILENT_YEAR_GROUP_CODES = "silent_year_group_codes";

  // gold_data_quality_school
  public static final String FILES_IN_BRONZE = "files_in_bronze";
  public static final String FILES_DUPLICATE = "files_duplicate";
  public static final String FILES_REJECTED = "files_rejected";
  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_ACCEPTED = "rows_accepted";
  public static final String ROWS_QUARANTINED = "rows_quarantined";
  public static final String LAST_REGISTRATION_DATE = "last_registration_date";
  public static final String DAYS_SINCE_LAST_REGISTRATION = "days_since_last_registration";
  public static final String SCHOOL_DAYS_SINCE_LAST_REGISTRATION = "school_days_since_last_registration";
  public static final String UNMAPPED_CODES = "unmapped_codes";
  public static final String UNMAPPED_CODE_EVENTS = "unmapped_code_events";
  public static final String UNMAPPED_CODE_LIST = "unmapped_code_list";
  public static final String PUPILS_ENROLLED_TWICE_HERE = "pupils_enrolled_twice_here";
  public static final String PUPILS_ENROLLED_ELSEWHERE_TOO = "pupils_enrolled_elsewhere_too";

  // gold_data_quality_codes
  public static final String SYSTEM = "system";
  public static final String SOURCE_CODE = "source_code";
  public static final String SOURCE_DESCRIPTION = "source_description";
  public static final String CATEGORY = "category";
  public static final String CATEGORY_SOURCE = "category_source";
  public static final String UNMAPPED = "unmapped";
  public static final String REGISTRATIONS = "registrations";
  public static final String FIRST_DATE = "first_date";
  public static final String LAST_DATE = "last_date";

  /** Values of {@link #STATUS}. */
  public static final String OK = "ok";
  public static final String WARNING = "warning";

  /** Stable names of the reasons a row is a {@link #WARNING}, listed in {@link #REASONS}. */
  public static final class Reason {
    public static final String NO_ENROLLED_PUPILS = "no_enrolled_pupils";
    public static final String NO_EVENTS = "no_events";
    public static final String SILENT_CLASSES = "silent_classes";
    public static final String SILENT_YEAR_GROUPS = "silent_year_groups";
    public static final String NO_FILES = "no_files";
    public static final String REJECTED_FILES = "rejected_files";
    public static final String QUARANTINED_RECORDS = "quarantined_records";
    public static final String STALE_REGISTRATIONS = "stale_registrations";
    public static final String UNMAPPED_CODES = "unmapped_codes";
    public static final String ENROLMENT_OVERLAPS = "enrolment_overlaps";
    public static final String SILENT_REGISTRATION = "silent_registration";

    private Reason() {}
  }

  /** The file ledger's statuses (the job's {@code FileLedger}: loaded, already_loaded, duplicate, rejected). */
  public static final String LOADED = "loaded";
  public static final String ALREADY_LOADED = "already_loaded";
  public static final String DUPLICATE = "duplicate";
  public static final String REJECTED = "rejected";

  /**
   * The file ledger's status column (the job's {@code FileLedger.SCHEMA}); its other column read is
   * {@link #BRIN_VESTIGING}, and the accounting's are {@link #BRIN_VESTIGING}, {@link #ROWS_READ},
   * {@link #ROWS_ACCEPTED} and {@link #ROWS_QUARANTINED} (the job's {@code FileAccounting.SCHEMA}).
   */
  public static final String FILE_STATUS = "status";
  public static final String FILE_SHA256 = "file_sha256";

  /**
   * Every {@link Quarantine.Rule}, in its declared order: one {@code quarantined_<rule>} column each.
   * A test compares this list with the constants of {@code Quarantine.Rule}, so a new rule cannot be
   * left out unseen.
   */
  public static final List<String> QUARANTINE_RULES = List.of(Rule.MALFORMED_ROW, Rule.MISSING_VALUE,
      Rule.UNPARSEABLE_DATE, Rule.UNPARSEABLE_TIME, Rule.UNPARSEABLE_NUMBER, Rule.DATE_OUTSIDE_SCHOOL_YEAR,
      Rule.END_BEFORE_BEGIN, Rule.VALUE_OUT_OF_RANGE, Rule.UNKNOWN_PUPIL, Rule.UNKNOWN_CODE, Rule.INVALID_BSN,
      Rule.MISSING_IDENTIFIER, Rule.NOT_A_SCHOOL_DAY, Rule.OUTSIDE_ENROLMENT, Rule.DUPLICATE_ROW, Rule.SUPERSEDED);

  /**
   * Quarantine rules that are bookkeeping, not a problem of the school's data: an older pupil list
   * replaced by a newer one, and a registration repeated in a later export of an overlapping
   * period (CONTRACT.md section 1: files arrive again and again, "a newer export ... replaces the
   * older one"). They are counted, but do not make a school a warning.
   */
  private static final List<String> NOT_A_PROBLEM = List.of(Rule.SUPERSEDED, Rule.DUPLICATE_ROW);

  /** Column of {@link #SCHOOL_TABLE} counting the records quarantined under {@code rule}. */
  public static String quarantinedColumn(String rule) {
    return "quarantined_" + rule;
  }

  /**
   * When a school week or a school is a {@link #WARNING} (named configuration; the region file does
   * not carry these yet, so the job passes {@link #DEFAULT}).
   *
   * @param silentWeeks     consecutive school weeks without a single absence registration in a
   *                        class or year group, while the rest of the school registered absence,
   *                        before it is reported as silent (default 2: one quiet week happens)
   * @param staleSchoolDays school days of the school after its last registration, up to the
   *                        reference date, from which the registrations are stale (default 5: a
   *                        school week; counted in school days so a holiday does not make a
   *                        school stale)
   */
  public record Thresholds(int silentWeeks, int staleSchoolDays) {
    public static final Thresholds DEFAULT = new Thresholds(2, 5);

    public Thresholds {
      if (silentWeeks < 1) {
        throw new IllegalArgumentException("silentWeeks must be at least 1 school week, got " + silentWeeks);
      }
      if (staleSchoolDays < 1) {
        throw new IllegalArgumentException("staleSchoolDays must be at least 1 school day, got " + staleSchoolDays);
      }
    }
  }

  public static final StructType WEEKLY_SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026"),
      field(WEEK_START, DateType, false, "Monday of the school week"),
      field(BRIN_VESTIGING, StringType, false, "School location"),
      field(SCHOOL_DAYS, LongType, false, "School days of the school in the week, up to the reference date"),
      field(ENROLLED_PUPILS, LongType, false, "Pupils enrolled on at least one of those days"),
      field(EVENTS, LongType, false, "Rows of silver_attendance_events on those days (one per registration per slot)"),
      field(PUPILS_WITH_EVENTS, LongType, false, "Pupils with at least one of those events"),
      field(PUPIL_DAYS, LongType, false, "Enrolled pupil x school day: the days that could carry a registration"),
      field(PUPIL_DAYS_WITH_EVENTS, LongType, false, "Pupil days with at least one event"),
      field(PUPIL_DAYS_WITH_EVENTS_PCT, PCT, true, "100 * pupil_days_with_events / pupil_days; null when 0 pupil days"),
      field(SILENT_CLASSES, LongType, false, "Classes without any absence registration in this and the previous school week(s)"),
      field(SILENT_CLASS_CODES, StringType, true, "Their class codes, sorted, separated by ';'; null when none"),
      field(SILENT_YEAR_GROUPS, LongType, false, "Year groups without any absence registration in the same span"),
      field(SILENT_YEAR_GROUP_CODES, StringType, true, "Their year groups, ascending, separated by ';'; null when none"),
      field(STATUS, StringType, false, "ok or warning"),
      field(REASONS, StringType, true, "Reason names of a warning, separated by ', '; null when ok"),
  });

  public static final StructType SCHOOL_SCHEMA = schoolSchema();

  public static final StructType CODES_SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026"),
      field(REFERENCE_DATE, DateType, false, "Last day counted"),
      field(BRIN_VESTIGING, StringType, false, "School location"),
      field(SYSTEM, StringType, true, "Student information system of the pupils' enrolment; null when not enrolled"),
      field(SOURCE_CODE, StringType, true, "The code as the school registered it; null when the record had none"),
      field(SOURCE_DESCRIPTION, StringType, true, "The system's description of the code, the most frequent one"),
      field(CATEGORY, StringType, false, "Canonical category it was mapped to"),
      field(CATEGORY_SOURCE, StringType, false, "code_table, school_code_table or system_fallback"),
      field(UNMAPPED, BooleanType, false, "True for a code in neither code table: the system's own type decided"),
      field(EVENTS, LongType, false, "Rows of silver_attendance_events (one per registration per slot)"),
      field(REGISTRATIONS, LongType, false, "Source records (export lines) behind those events"),
      field(FIRST_DATE, DateType, false, "First school day with the code in the school year"),
      field(LAST_DATE, DateType, false, "Last school day with the code, up to the reference date"),
  });

  // Intermediate columns.
  private static final String SCHOOL_PUPIL_KEY = "school_pupil_key";
  private static final String DATE = "date";
  private static final String CLASS_CODE = "class_code";
  private static final String YEAR_GROUP = "year_group";
  private static final String WEEK_NUMBER = "week_number";
  private static final String DAY_EVENTS = "day_events";
  private static final String DAY_ABSENCES = "day_absences";
  private static final String UNIT = "unit";
  private static final String UNIT_ABSENCES = "unit_absences";
  private static final String WEEKS_PRESENT = "weeks_present";
  private static final String ABSENCES_IN_SPAN = "absences_in_span";
  private static final String SCHOOL_ABSENCES = "school_absences";
  private static final String SCHOOL_ABSENCES_IN_SPAN = "school_absences_in_span";
  private static final String SILENT_COUNT = "silent_count";
  private static final String SILENT_CODES = "silent_codes";
  private static final String LAST_WEEK_SILENT = "last_week_silent";

  /** Categories a teacher registers when a pupil is not (on time) in class: absence and late arrival. */
  private static final List<String> ABSENCE_CATEGORIES = Arrays.stream(Category.values())
      .filter(c -> c.counts() == Category.Counts.MISSED || c.counts() == Category.Counts.LATE)
      .map(Category::code).toList();

  private static final String SYSTEM_FALLBACK = "system_fallback";

  private DataQuality() {}

  /**
   * One row per school location per school week (a calendar week with at least one school day of
   * that school) of the school year up to the reference date.
   *
   * @param events        rows of {@link AttendanceEvents#SCHEMA}, all of silver (only the school year up
   *                      to the reference date is used)
   * @param enrolments    rows of {@link Enrolments#SCHEMA}
   * @param schoolDays    rows of {@link SchoolDays#SCHEMA}; only those of {@code schoolYear} up to the
   *                      reference date are used
   * @param schoolYear    label of the reference date's school year, e.g. {@code 2025-2026}
   * @param referenceDate the last day counted
   */
  public static Dataset<Row> weekly(Dataset<Row> events, Dataset<Row> enrolments, Dataset<Row> schoolDays,
      String schoolYear, LocalDate referenceDate, Thresholds thresholds) {
    Dataset<Row> days = schoolDaysToDate(schoolDays, schoolYear, referenceDate);
    Dataset<Row> weeks = numberedSchoolWeeks(days);
    Dataset<Row> weekEvents = eventsOnSchoolDays(events, days);
    Dataset<Row> registeredDays = withEventsOfTheDay(pupilDays(enrolments, days), weekEvents);
    Dataset<Row> pupilsAndDays = registeredDays.groupBy(BRIN_VESTIGING, WEEK_START).agg(
        count_distinct(col(SCHOOL_PUPIL_KEY)).as(ENROLLED_PUPILS),
        count(lit(1)).as(PUPIL_DAYS),
        count_if(col(DAY_EVENTS).gt(0)).as(PUPIL_DAYS_WITH_EVENTS));
    Dataset<Row> eventsOfTheWeek = weekEvents.groupBy(BRIN_VESTIGING, WEEK_START).agg(
        count(lit(1)).as(EVENTS),
        count_distinct(col(AttendanceEvents.SCHOOL_PUPIL_KEY)).as(PUPILS_WITH_EVENTS));
    Dataset<Row> silentClasses = silentUnits(registeredDays, weeks, col(CLASS_CODE), thresholds.silentWeeks())
        .withColumnsRenamed(Map.of(SILENT_COUNT, SILENT_CLASSES, SILENT_CODES, SILENT_CLASS_CODES));
    Dataset<Row> silentYearGroups = silentUnits(registeredDays, weeks, col(YEAR_GROUP), thresholds.silentWeeks())
        .withColumnsRenamed(Map.of(SILENT_COUNT, SILENT_YEAR_GROUPS, SILENT_CODES, SILENT_YEAR_GROUP_CODES));

    Dataset<Row> joined = weeks
        .join(pupilsAndDays, keys(BRIN_VESTIGING, WEEK_START), "left")
        .join(eventsOfTheWeek, keys(BRIN_VESTIGING, WEEK_START), "left")
        .join(silentClasses, keys(BRIN_VESTIGING, WEEK_START), "left")
        .join(silentYearGroups, keys(BRIN_VESTIGING, WEEK_START), "left")
        .na().fill(0L, new String[] {ENROLLED_PUPILS, PUPIL_DAYS, PUPIL_DAYS_WITH_EVENTS, EVENTS, PUPILS_WITH_EVENTS,
            SILENT_CLASSES, SILENT_YEAR_GROUPS});
    Column reasons = reasons(
        col(ENROLLED_PUPILS).equalTo(0), Reason.NO_ENROLLED_PUPILS,
        col(ENROLLED_PUPILS).gt(0).and(col(EVENTS).equalTo(0)), Reason.NO_EVENTS,
        col(SILENT_CLASSES).gt(0), Reason.SILENT_CLASSES,
        col(SILENT_YEAR_GROUPS).gt(0), Reason.SILENT_YEAR_GROUPS);
    return joined.withColumn(REASONS, reasons).select(
        lit(schoolYear).as(SCHOOL_YEAR),
        col(WEEK_START),
        col(BRIN_VESTIGING),
        col(SCHOOL_DAYS),
        col(ENROLLED_PUPILS),
        col(EVENTS),
        col(PUPILS_WITH_EVENTS),
        col(PUPIL_DAYS),
        col(PUPIL_DAYS_WITH_EVENTS),
        Percentages.oneDecimal(col(PUPIL_DAYS_WITH_EVENTS), col(PUPIL_DAYS)).as(PUPIL_DAYS_WITH_EVENTS_PCT),
        col(SILENT_CLASSES),
        col(SILENT_CLASS_CODES),
        col(SILENT_YEAR_GROUPS),
        col(SILENT_YEAR_GROUP_CODES),
        status(col(REASONS)).as(STATUS),
        joinedReasons(col(REASONS)).as(REASONS));
  }

  /**
   * One row per school location at the reference date: every location in the school calendar, the
   * enrolments, the file ledger, the file accounting or the quarantine (registration files of the
   * municipality have no location and are left out).
   *
   * @param events        rows of {@link AttendanceEvents#SCHEMA}, all of silver
   * @param enrolments    rows of {@link Enrolments#SCHEMA}
   * @param schoolDays    rows of {@link SchoolDays#SCHEMA}
   * @param quarantine    rows of {@link Quarantine#SCHEMA}: the whole table, as rebuilt by the run
   * @param files         the file ledger rows of this run only (every landing file the run saw);
   *                      reads {@code brin_vestiging}, {@code status} (loaded, already_loaded,
   *                      duplicate, rejected) and {@code file_sha256}, names as in the job's
   *                      {@code FileLedger.SCHEMA}
   * @param accounting    the file accounting of the run (every file in bronze); reads
   *                      {@code brin_vestiging}, {@code rows_read}, {@code rows_accepted} and
   *                      {@code rows_quarantined}, names as in the job's {@code FileAccounting.SCHEMA}
   * @param weekly        rows of {@link #weekly} for the same school year and reference date: the
   *                      latest school week says whether registration is silent now
   * @param schoolYear    label of the reference date's school year
   * @param referenceDate the last day counted
   */
  public static Dataset<Row> school(Dataset<Row> events, Dataset<Row> enrolments, Dataset<Row> schoolDays,
      Dataset<Row> quarantine, Dataset<Row> files, Dataset<Row> accounting, Dataset<Row> weekly, String schoolYear,
      LocalDate referenceDate, Thresholds thresholds) {
    Dataset<Row> days = schoolDaysToDate(schoolDays, schoolYear, referenceDate);
    Dataset<Row> yearEvents = eventsToDate(events, schoolYear, referenceDate);
    Dataset<Row> schools = days.select(BRIN_VESTIGING)
        .union(enrolments.select(Enrolments.BRIN_VESTIGING))
        .union(files.select(BRIN_VESTIGING))
        .union(accounting.select(BRIN_VESTIGING))
        .union(quarantine.select(Quarantine.BRIN_VESTIGING))
        .filter(col(BRIN_VESTIGING).isNotNull())
        .distinct();

    List<String> counts = new ArrayList<>(List.of(FILES_IN_BRONZE, FILES_DUPLICATE, FILES_REJECTED,
        ROWS_READ, ROWS_ACCEPTED, ROWS_QUARANTINED));
    QUARANTINE_RULES.forEach(rule -> counts.add(quarantinedColumn(rule)));
    counts.addAll(List.of(ENROLLED_PUPILS, UNMAPPED_CODES, UNMAPPED_CODE_EVENTS, PUPILS_ENROLLED_TWICE_HERE,
        PUPILS_ENROLLED_ELSEWHERE_TOO));
    Dataset<Row> joined = schools
        .join(filesByStatus(files), BRIN_VESTIGING, "left")
        .join(recordsAccounted(accounting), BRIN_VESTIGING, "left")
        .join(quarantinedByRule(quarantine), BRIN_VESTIGING, "left")
        .join(enrolledAt(enrolments, referenceDate), BRIN_VESTIGING, "left")
        .join(freshness(yearEvents, days, referenceDate), BRIN_VESTIGING, "left")
        .join(unmappedCodes(yearEvents), BRIN_VESTIGING, "left")
        .join(enrolmentOverlaps(enrolments, schoolYear, referenceDate), BRIN_VESTIGING, "left")
        .join(silentInLatestWeek(weekly), BRIN_VESTIGING, "left")
        .na().fill(0L, counts.toArray(String[]::new));

    Column problemRecords = lit(0L);
    for (String rule : QUARANTINE_RULES) {
      if (!NOT_A_PROBLEM.contains(rule)) {
        problemRecords = problemRecords.plus(col(quarantinedColumn(rule)));
      }
    }
    Column reasons = reasons(
        col(FILES_IN_BRONZE).equalTo(0), Reason.NO_FILES,
        col(FILES_REJECTED).gt(0), Reason.REJECTED_FILES,
        problemRecords.gt(0), Reason.QUARANTINED_RECORDS,
        col(SCHOOL_DAYS_SINCE_LAST_REGISTRATION).geq(thresholds.staleSchoolDays()), Reason.STALE_REGISTRATIONS,
        col(UNMAPPED_CODES).gt(0), Reason.UNMAPPED_CODES,
        col(PUPILS_ENROLLED_TWICE_HERE).plus(col(PUPILS_ENROLLED_ELSEWHERE_TOO)).gt(0), Reason.ENROLMENT_OVERLAPS,
        col(LAST_WEEK_SILENT), Reason.SILENT_REGISTRATION);

    List<Column> published = new ArrayList<>(List.of(
        lit(schoolYear).as(SCHOOL_YEAR),
        lit(Date.valueOf(referenceDate)).as(REFERENCE_DATE),
        col(BRIN_VESTIGING),
        col(FILES_IN_BRONZE), col(FILES_DUPLICATE), col(FILES_REJECTED),
        col(ROWS_READ), col(ROWS_ACCEPTED), col(ROWS_QUARANTINED)));
    QUARANTINE_RULES.forEach(rule -> published.add(col(quarantinedColumn(rule))));
    published.addAll(List.of(
        col(ENROLLED_PUPILS),
        col(LAST_REGISTRATION_DATE),
        col(DAYS_SINCE_LAST_REGISTRATION),
        col(SCHOOL_DAYS_SINCE_LAST_REGISTRATION),
        col(UNMAPPED_CODES), col(UNMAPPED_CODE_EVENTS), col(UNMAPPED_CODE_LIST),
        col(PUPILS_ENROLLED_TWICE_HERE), col(PUPILS_ENROLLED_ELSEWHERE_TOO),
        status(col(REASONS)).as(STATUS),
        joinedReasons(col(REASONS)).as(REASONS)));
    return joined.withColumn(REASONS, reasons).select(published.toArray(Column[]::new));
  }

  /**
   * One row per school location, system, source code, canonical category and category source:
   * every code the school registered in the school year up to the reference date, and how it was
   * mapped. A code mapped to two categories (a system fallback on the geoorloofd flag) has a row
   * for each.
   *
   * @param events     rows of {@link AttendanceEvents#SCHEMA}, all of silver
   * @param enrolments rows of {@link Enrolments#SCHEMA}: the system of the pupil's enrolment
   */
  public static Dataset<Row> codes(Dataset<Row> events, Dataset<Row> enrolments, String schoolYear,
      LocalDate referenceDate) {
    // The system of a pupil's latest enrolment period at the school (a school has one LVS; the
    // events do not carry it).
    Dataset<Row> systems = enrolments
        .groupBy(col(Enrolments.BRIN_VESTIGING).as("s_brin"), col(Enrolments.SCHOOL_PUPIL_KEY).as("s_key"))
        .agg(max(struct(col(Enrolments.ENROLMENT_START), col(Enrolments.SYSTEM))).getField(Enrolments.SYSTEM).as(SYSTEM));
    Dataset<Row> yearEvents = eventsToDate(events, schoolYear, referenceDate);
    return yearEvents
        .join(systems, col(AttendanceEvents.BRIN_VESTIGING).equalTo(col("s_brin"))
            .and(col(AttendanceEvents.SCHOOL_PUPIL_KEY).equalTo(col("s_key"))), "left")
        .groupBy(col(AttendanceEvents.BRIN_VESTIGING), col(SYSTEM), col(AttendanceEvents.SOURCE_CODE),
            col(AttendanceEvents.CATEGORY), col(AttendanceEvents.CATEGORY_SOURCE))
        .agg(
            mode(col(AttendanceEvents.SOURCE_DESCRIPTION), true).as(SOURCE_DESCRIPTION),
            count(lit(1)).as(EVENTS),
            count_distinct(col(AttendanceEvents.SOURCE_FILE), col(AttendanceEvents.LINE_NUMBER)).as(REGISTRATIONS),
            min(AttendanceEvents.DATE).as(FIRST_DATE),
            max(AttendanceEvents.DATE).as(LAST_DATE))
        .select(
            lit(schoolYear).as(SCHOOL_YEAR),
            lit(Date.valueOf(referenceDate)).as(REFERENCE_DATE),
            col(AttendanceEvents.BRIN_VESTIGING).as(BRIN_VESTIGING),
            col(SYSTEM),
            col(AttendanceEvents.SOURCE_CODE).as(SOURCE_CODE),
            col(SOURCE_DESCRIPTION),
            col(AttendanceEvents.CATEGORY).as(CATEGORY),
            col(AttendanceEvents.CATEGORY_SOURCE).as(CATEGORY_SOURCE),
            isUnmapped().as(UNMAPPED),
            col(EVENTS),
            col(REGISTRATIONS),
            col(FIRST_DATE),
            col(LAST_DATE));
  }

  // ---------------------------------------------------------------- steps of the weekly table

  /** School days of the school year up to the reference date: brin_vestiging, date, week_start. */
  private static Dataset<Row> schoolDaysToDate(Dataset<Row> schoolDays, String schoolYear, LocalDate referenceDate) {
    return schoolDays
        .filter(col(SchoolDays.SCHOOL_YEAR).equalTo(lit(schoolYear))
            .and(col(SchoolDays.DATE).leq(lit(Date.valueOf(referenceDate)))))
        .select(col(SchoolDays.BRIN_VESTIGING).as(BRIN_VESTIGING), col(SchoolDays.DATE).as(DATE),
            col(SchoolDays.WEEK_START).as(WEEK_START));
  }

  /** Per school and school week: its school days and its number among the school's weeks (holiday weeks skipped). */
  private static Dataset<Row> numberedSchoolWeeks(Dataset<Row> days) {
    return days.groupBy(BRIN_VESTIGING, WEEK_START)
        .agg(count(lit(1)).as(SCHOOL_DAYS))
        .withColumn(WEEK_NUMBER, row_number().over(Window.partitionBy(BRIN_VESTIGING).orderBy(WEEK_START)));
  }

  /** Events from 1 August of the school year up to the reference date. */
  private static Dataset<Row> eventsToDate(Dataset<Row> events, String schoolYear, LocalDate referenceDate) {
    LocalDate first = SchoolYear.parse(schoolYear, "schoolYear").firstDay();
    return events.filter(col(AttendanceEvents.DATE).between(lit(Date.valueOf(first)), lit(Date.valueOf(referenceDate))));
  }

  /** Events on a school day of their school up to the reference date, with the day's week_start. */
  private static Dataset<Row> eventsOnSchoolDays(Dataset<Row> events, Dataset<Row> days) {
    return events.join(days.withColumnRenamed(BRIN_VESTIGING, "d_brin").withColumnRenamed(DATE, "d_date"),
            col(AttendanceEvents.BRIN_VESTIGING).equalTo(col("d_brin"))
                .and(col(AttendanceEvents.DATE).equalTo(col("d_date"))))
        .drop("d_brin", "d_date");
  }

  /**
   * One row per enrolled pupil per school day of the school up to the reference date, with the
   * class and year group of the latest enrolment period that covers the day (two overlapping
   * periods give the day once).
   */
  private static Dataset<Row> pupilDays(Dataset<Row> enrolments, Dataset<Row> days) {
    Column latestPeriod = max(struct(col(Enrolments.ENROLMENT_START), col(Enrolments.CLASS_CODE),
        col(Enrolments.YEAR_GROUP)));
    return enrolments
        .join(days.withColumnRenamed(BRIN_VESTIGING, "d_brin"),
            col(Enrolments.BRIN_VESTIGING).equalTo(col("d_brin"))
                .and(col(DATE).geq(col(Enrolments.ENROLMENT_START)))
                .and(col(Enrolments.ENROLMENT_END).isNull().or(col(DATE).leq(col(Enrolments.ENROLMENT_END)))))
        .groupBy(col("d_brin").as(BRIN_VESTIGING), col(Enrolments.SCHOOL_PUPIL_KEY).as(SCHOOL_PUPIL_KEY), col(DATE),
            col(WEEK_START))
        .agg(latestPeriod.as("period"))
        .select(col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY), col(DATE), col(WEEK_START),
            col("period").getField(Enrolments.CLASS_CODE).as(CLASS_CODE),
            col("period").getField(Enrolments.YEAR_GROUP).as(YEAR_GROUP));
  }

  /** Adds the day's number of events and of absence registrations (absence or late arrival) to each pupil day. */
  private static Dataset<Row> withEventsOfTheDay(Dataset<Row> pupilDays, Dataset<Row> events) {
    Dataset<Row> perDay = events
        .groupBy(col(AttendanceEvents.BRIN_VESTIGING).as("e_brin"), col(AttendanceEvents.SCHOOL_PUPIL_KEY).as("e_key"),
            col(AttendanceEvents.DATE).as("e_date"))
        .agg(count(lit(1)).as(DAY_EVENTS),
            count_if(coalesce(col(AttendanceEvents.CATEGORY).isin(ABSENCE_CATEGORIES.toArray()), lit(false)))
                .as(DAY_ABSENCES));
    return pupilDays
        .join(perDay, col(BRIN_VESTIGING).equalTo(col("e_brin")).and(col(SCHOOL_PUPIL_KEY).equalTo(col("e_key")))
            .and(col(DATE).equalTo(col("e_date"))), "left")
        .drop("e_brin", "e_key", "e_date")
        .na().fill(0L, new String[] {DAY_EVENTS, DAY_ABSENCES});
  }

  /**
   * Per school and week: the units (classes or year groups) that had pupils in each of the last
   * {@code span} school weeks of the school up to this one and not one absence registration in
   * them, while the school as a whole registered absence in those weeks. Returns brin_vestiging,
   * week_start, {@link #SILENT_COUNT} and {@link #SILENT_CODES} (sorted, ';'-separated).
   */
  private static Dataset<Row> silentUnits(Dataset<Row> registeredDays, Dataset<Row> weeks, Column unit, int span) {
    Dataset<Row> numbered = weeks.select(BRIN_VESTIGING, WEEK_START, WEEK_NUMBER);
    Column blank = trim(unit.cast(StringType)).equalTo("");
    Dataset<Row> perUnitWeek = registeredDays
        .filter(unit.isNotNull().and(blank.unary_$bang()))
        .groupBy(col(BRIN_VESTIGING), col(WEEK_START), unit.as(UNIT))
        .agg(sum(DAY_ABSENCES).as(UNIT_ABSENCES))
        .join(numbered, keys(BRIN_VESTIGING, WEEK_START));
    WindowSpec unitSpan = Window.partitionBy(BRIN_VESTIGING, UNIT).orderBy(WEEK_NUMBER).rangeBetween(1 - span, 0);
    WindowSpec schoolSpan = Window.partitionBy(BRIN_VESTIGING).orderBy(WEEK_NUMBER).rangeBetween(1 - span, 0);
    Dataset<Row> schoolAbsences = numbered
        .join(registeredDays.groupBy(BRIN_VESTIGING, WEEK_START).agg(sum(DAY_ABSENCES).as(SCHOOL_ABSENCES)),
            keys(BRIN_VESTIGING, WEEK_START), "left")
        .withColumn(SCHOOL_ABSENCES_IN_SPAN, sum(coalesce(col(SCHOOL_ABSENCES), lit(0L))).over(schoolSpan))
        .select(BRIN_VESTIGING, WEEK_START, SCHOOL_ABSENCES_IN_SPAN);
    return perUnitWeek
        .withColumn(WEEKS_PRESENT, count(lit(1)).over(unitSpan))
        .withColumn(ABSENCES_IN_SPAN, sum(UNIT_ABSENCES).over(unitSpan))
        .join(schoolAbsences, keys(BRIN_VESTIGING, WEEK_START))
        .filter(col(WEEKS_PRESENT).equalTo(span).and(col(ABSENCES_IN_SPAN).equalTo(0))
            .and(col(SCHOOL_ABSENCES_IN_SPAN).gt(0)))
        .groupBy(BRIN_VESTIGING, WEEK_START)
        .agg(count(lit(1)).as(SILENT_COUNT),
            array_join(transform(array_sort(collect_list(col(UNIT))), u -> u.cast(StringType)), ";").as(SILENT_CODES));
  }

  // ---------------------------------------------------------------- steps of the school table

  /**
   * Counted by content, not by which run saw a file first: distinct bytes in bronze, and the files
   * whose bytes another file already has (a copy is "already loaded" in a later run and
   * "duplicate" when both arrive together; here it is a duplicate either way).
   */
  private static Dataset<Row> filesByStatus(Dataset<Row> files) {
    Column status = col(FILE_STATUS);
    Column accepted = status.isin(LOADED, ALREADY_LOADED, DUPLICATE);
    return files.filter(col(BRIN_VESTIGING).isNotNull()).groupBy(BRIN_VESTIGING).agg(
            count_distinct(when(accepted, col(FILE_SHA256))).as(FILES_IN_BRONZE),
            count_if(accepted).as("accepted_files"),
            count_if(status.equalTo(REJECTED)).as(FILES_REJECTED))
        .withColumn(FILES_DUPLICATE, col("accepted_files").minus(col(FILES_IN_BRONZE)))
        .drop("accepted_files");
  }

  private static Dataset<Row> recordsAccounted(Dataset<Row> accounting) {
    return accounting.filter(col(BRIN_VESTIGING).isNotNull()).groupBy(BRIN_VESTIGING).agg(
        sum(ROWS_READ).cast(LongType).as(ROWS_READ),
        sum(ROWS_ACCEPTED).cast(LongType).as(ROWS_ACCEPTED),
        sum(ROWS_QUARANTINED).cast(LongType).as(ROWS_QUARANTINED));
  }

  private static Dataset<Row> quarantinedByRule(Dataset<Row> quarantine) {
    Column rule = col(Quarantine.RULE);
    Column[] perRule = QUARANTINE_RULES.stream()
        .map(r -> count_if(rule.equalTo(r)).as(quarantinedColumn(r))).toArray(Column[]::new);
    return quarantine.filter(col(Quarantine.BRIN_VESTIGING).isNotNull())
        .groupBy(col(Quarantine.BRIN_VESTIGING).as(BRIN_VESTIGING))
        .agg(perRule[0], Arrays.copyOfRange(perRule, 1, perRule.length));
  }

  /** Pupils with an enrolment period that holds the reference date. */
  private static Dataset<Row> enrolledAt(Dataset<Row> enrolments, LocalDate referenceDate) {
    Column reference = lit(Date.valueOf(referenceDate));
    return enrolments
        .filter(col(Enrolments.ENROLMENT_START).leq(reference)
            .and(col(Enrolments.ENROLMENT_END).isNull().or(col(Enrolments.ENROLMENT_END).geq(reference))))
        .groupBy(col(Enrolments.BRIN_VESTIGING).as(BRIN_VESTIGING))
        .agg(count_distinct(col(Enrolments.SCHOOL_PUPIL_KEY)).as(ENROLLED_PUPILS));
  }

  /**
   * The last day with a registration (any event) in the school year up to the reference date, the
   * calendar days from it to the reference date, and the school's school days after it up to the
   * reference date (all of them when nothing was registered this school year).
   */
  private static Dataset<Row> freshness(Dataset<Row> yearEvents, Dataset<Row> days, LocalDate referenceDate) {
    Dataset<Row> last = yearEvents.groupBy(col(AttendanceEvents.BRIN_VESTIGING).as("l_brin"))
        .agg(max(AttendanceEvents.DATE).as(LAST_REGISTRATION_DATE));
    Dataset<Row> schoolDaysAfter = days
        .join(last, col(BRIN_VESTIGING).equalTo(col("l_brin")), "left")
        .groupBy(BRIN_VESTIGING)
        .agg(count_if(col(LAST_REGISTRATION_DATE).isNull().or(col(DATE).gt(col(LAST_REGISTRATION_DATE))))
            .cast(IntegerType).as(SCHOOL_DAYS_SINCE_LAST_REGISTRATION));
    Dataset<Row> lastByName = last.withColumnRenamed("l_brin", BRIN_VESTIGING);
    return lastByName.join(schoolDaysAfter, BRIN_VESTIGING, "full")
        .withColumn(DAYS_SINCE_LAST_REGISTRATION,
            datediff(lit(Date.valueOf(referenceDate)), col(LAST_REGISTRATION_DATE)));
  }

  /** A code in neither code table, so the system's own type decided (DOMAIN.md section 4: {@code unmapped_code}). */
  private static Column isUnmapped() {
    return coalesce(col(AttendanceEvents.CATEGORY_SOURCE).equalTo(SYSTEM_FALLBACK)
        .and(col(AttendanceEvents.SOURCE_CODE).isNotNull()), lit(false));
  }

  /** Distinct unmapped codes, their events and a list {@code code (events)} sorted by code. */
  private static Dataset<Row> unmappedCodes(Dataset<Row> yearEvents) {
    return yearEvents.filter(isUnmapped())
        .groupBy(col(AttendanceEvents.BRIN_VESTIGING).as(BRIN_VESTIGING), col(AttendanceEvents.SOURCE_CODE))
        .agg(count(lit(1)).as(EVENTS))
        .groupBy(BRIN_VESTIGING)
        .agg(count(lit(1)).as(UNMAPPED_CODES), sum(EVENTS).cast(LongType).as(UNMAPPED_CODE_EVENTS),
            array_join(array_sort(collect_list(
                concat(col(AttendanceEvents.SOURCE_CODE), lit(" ("), col(EVENTS).cast(StringType), lit(")")))), "; ")
                .as(UNMAPPED_CODE_LIST));
  }

  /**
   * Pupils ({@code pupil_key}) of the school with two enrolment periods that share a day of the
   * school year up to the reference date: two periods at this school, or one here and one at
   * another school of the region. An enrolment row is told apart by its source file and line.
   */
  private static Dataset<Row> enrolmentOverlaps(Dataset<Row> enrolments, String schoolYear, LocalDate referenceDate) {
    Column first = lit(Date.valueOf(SchoolYear.parse(schoolYear, "schoolYear").firstDay()));
    Column reference = lit(Date.valueOf(referenceDate));
    Dataset<Row> periods = enrolments.select(
        col(Enrolments.PUPIL_KEY).as("key"), col(Enrolments.BRIN_VESTIGING).as("brin"),
        greatest(col(Enrolments.ENROLMENT_START), first).as("start"),
        least(coalesce(col(Enrolments.ENROLMENT_END), reference), reference).as("end"),
        col(Enrolments.SOURCE_FILE).as("file"), col(Enrolments.LINE_NUMBER).as("line"))
        .filter(col("start").leq(col("end")));
    Dataset<Row> a = periods.alias("a");
    Dataset<Row> b = periods.alias("b");
    Dataset<Row> pairs = a.join(b, col("a.key").equalTo(col("b.key"))
        .and(col("a.file").notEqual(col("b.file")).or(col("a.line").notEqual(col("b.line"))))
        .and(greatest(col("a.start"), col("b.start")).leq(least(col("a.end"), col("b.end")))));
    return pairs.groupBy(col("a.brin").as(BRIN_VESTIGING)).agg(
        count_distinct(when(col("a.brin").equalTo(col("b.brin")), col("a.key"))).as(PUPILS_ENROLLED_TWICE_HERE),
        count_distinct(when(col("a.brin").notEqual(col("b.brin")), col("a.key"))).as(PUPILS_ENROLLED_ELSEWHERE_TOO));
  }

  /** Per school: true when its latest school week in {@code weekly} has a silent class or year group. */
  private static Dataset<Row> silentInLatestWeek(Dataset<Row> weekly) {
    Column silent = col(SILENT_CLASSES).plus(col(SILENT_YEAR_GROUPS)).gt(0);
    return weekly.groupBy(BRIN_VESTIGING)
        .agg(max(struct(col(WEEK_START), silent.as(LAST_WEEK_SILENT))).getField(LAST_WEEK_SILENT).as(LAST_WEEK_SILENT));
  }

  // ---------------------------------------------------------------- shared

  /** The reason names whose condition holds, in the order given; conditions are null-safe (null = not met). */
  private static Column reasons(Object... conditionsAndNames) {
    List<Column> named = new ArrayList<>();
    for (int i = 0; i < conditionsAndNames.length; i += 2) {
      Column condition = (Column) conditionsAndNames[i];
      named.add(when(coalesce(condition, lit(false)), lit((String) conditionsAndNames[i + 1])));
    }
    return array_compact(array(named.toArray(Column[]::new)));
  }

  private static Column status(Column reasons) {
    return when(size(reasons).gt(0), lit(WARNING)).otherwise(lit(OK));
  }

  private static Column joinedReasons(Column reasons) {
    return when(size(reasons).gt(0), array_join(reasons, ", "));
  }

  private static String[] keys(String... names) {
    return names;
  }

  private static StructType schoolSchema() {
    List<StructField> fields = new ArrayList<>(List.of(
        field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026"),
        field(REFERENCE_DATE, DateType, false, "Last day counted"),
        field(BRIN_VESTIGING, StringType, false, "School location"),
        field(FILES_IN_BRONZE, LongType, false, "Landing files of the school whose bytes are in bronze (loaded by "
            + "this or an earlier run)"),
        field(FILES_DUPLICATE, LongType, false, "Landing files with the same bytes as another file of this run"),
        field(FILES_REJECTED, LongType, false, "Landing files rejected whole (no profile matches, unreadable)"),
        field(ROWS_READ, LongType, false, "Records of the school's files in bronze"),
        field(ROWS_ACCEPTED, LongType, false, "Records that became silver rows"),
        field(ROWS_QUARANTINED, LongType, false, "Records in the quarantine")));
    QUARANTINE_RULES.forEach(rule -> fields.add(
        field(quarantinedColumn(rule), LongType, false, "Records quarantined under rule " + rule)));
    fields.addAll(List.of(
        field(ENROLLED_PUPILS, LongType, false, "Pupils enrolled on the reference date"),
        field(LAST_REGISTRATION_DATE, DateType, true, "Last day with an event in the school year; null when none"),
        field(DAYS_SINCE_LAST_REGISTRATION, IntegerType, true, "Calendar days from it to the reference date"),
        field(SCHOOL_DAYS_SINCE_LAST_REGISTRATION, IntegerType, true,
            "School days after it up to the reference date (all of them when none); null without a calendar"),
        field(UNMAPPED_CODES, LongType, false, "Distinct source codes in neither code table (unmapped_code)"),
        field(UNMAPPED_CODE_EVENTS, LongType, false, "Events with such a code"),
        field(UNMAPPED_CODE_LIST, StringType, true, "'code (events)' per unmapped code, sorted, '; '-separated"),
        field(PUPILS_ENROLLED_TWICE_HERE, LongType, false, "Pupils with two overlapping enrolment periods at this school"),
        field(PUPILS_ENROLLED_ELSEWHERE_TOO, LongType, false,
            "Pupils of this school enrolled at another school of the region on the same day"),
        field(STATUS, StringType, false, "ok or warning"),
        field(REASONS, StringType, true, "Reason names of a warning, separated by ', '; null when ok")));
    return new StructType(fields.toArray(StructField[]::new));
  }
}
