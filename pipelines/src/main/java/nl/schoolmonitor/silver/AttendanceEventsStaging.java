package nl.schoolmonitor.silver;

import static nl.schoolmonitor.common.RowRules.text;
import static nl.schoolmonitor.silver.SourceFields.bySystem;
import static nl.schoolmonitor.silver.SourceFields.columns;
import static nl.schoolmonitor.silver.SourceFields.src;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lpad;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.weekday;
import static org.apache.spark.sql.functions.when;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.common.Pseudonymizer;
import nl.schoolmonitor.common.RowRules;
import nl.schoolmonitor.common.Schemas;
import nl.schoolmonitor.common.TextParsing;
import nl.schoolmonitor.config.Profile;
import nl.schoolmonitor.config.Profile.Field;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.SystemConfig;
import nl.schoolmonitor.config.SystemConfig.AbsenceFormat;
import nl.schoolmonitor.silver.Quarantine.Rule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * One row per pupil per school day per time slot per registration ({@link AttendanceEvents}),
 * staged from the bronze rows of every school's absence exports. Each export format is turned
 * into slots of the school's timetable (CONTRACT.md section 5):
 * <ul>
 *   <li>half days (ParnasSys): {@code Ochtend}/{@code Middag} is that slot, {@code Hele dag} every
 *       slot of the weekday; a slot of 0 minutes (PO Wednesday afternoon) is kept with 0 minutes;
 *       a late arrival misses nothing and keeps {@code Minuten} as late minutes;</li>
 *   <li>lesson hours (Magister): slot {@code L<Lesuur>}, minutes {@code Eind - Start}, or the
 *       slot's minutes when a time is empty;</li>
 *   <li>spanning reports (SOMtoday): every school day from the begin date to the end date (an
 *       open report runs to the reference date; days outside the enrolment are left out), on the
 *       first day lessons {@code beginLesuur}..last, on the last day 1..{@code eindLesuur}, all
 *       lessons between; lessons beyond the timetable are outside it and skipped; a late report
 *       ({@code Telaat}) is one late event at its begin lesson, its length the late minutes;</li>
 *   <li>observations (EduArte): slot {@code T<beginTijd>} of {@code eindTijd - beginTijd}
 *       minutes; P, A and D schedule that time (A misses all of it, D half), N does not.</li>
 * </ul>
 * Missed minutes are the slot's minutes for categories that count as missed time
 * ({@link Category.Counts#MISSED}), 0 for late, exempt, not_absence and present.
 *
 * <p>A record is accepted when it yields at least one event; otherwise it is quarantined with the
 * first rule it fails, in this order: {@code malformed_row}; {@code missing_value} (pupil number,
 * and what the format needs: date, part of day, lesson, begin date-time, times, observation
 * type); {@code unparseable_date}, {@code unparseable_time}, {@code unparseable_number} (with the
 * value and the expected format); {@code end_before_begin}; {@code value_out_of_range} (a part of
 * day, yes/no or observation type the system does not write, a lesson below 1, minutes below 0
 * or above {@value #MAX_MINUTES}); {@code unknown_code} (no code table and no fallback rule
 * gives a category); {@code unknown_pupil} (pupil number not among the school's accepted
 * enrolments); {@code date_outside_school_year} (outside the first..last day of the school's
 * calendar); {@code not_a_school_day} (no school day in the registration); {@code
 * outside_enrolment} (its school days all fall outside the pupil's enrolments);
 * {@code value_out_of_range} (no slot of the timetable matches, e.g. lesson 7 of a 6-lesson day);
 * {@code superseded} (every school day it touches is covered by a later export of the same
 * school, which replaces it); {@code duplicate_row} (every event it yields is registered again -
 * same pupil, date, slot, category and code - in a later file or later line, which wins).
 *
 * <p>Corrections: schools export again and correct what they registered ("ziek" becomes
 * "medisch", a registration is deleted). An absence export covers the dates from its first to
 * its last registration (a report: its begin date to its end date, an open report its begin
 * date). For every date a later export of the same school covers, the events of earlier exports
 * are dropped, so the later export alone says what happened then. "Later" is the order of
 * arrival: {@code received_at} (the file's modification time in the landing zone), then the
 * file path; it does not depend on which run loaded a file, so loading week by week and a full
 * rebuild from the landing zone give the same rows.
 *
 * <p>An open report (no end) yields events up to the last day of the school's calendar, so the
 * events do not depend on the reference date; gold counts only the days up to it.
 */
public final class AttendanceEventsStaging {

  /**
   * Longest registration accepted, in minutes: a school day holds no more than 10 hours of
   * lessons; more is a typing error in a time or a number.
   */
  public static final int MAX_MINUTES = 600;

  private static final List<String> FIELDS = List.of(
      Field.PUPIL_NUMBER, Field.DATE, Field.PART_OF_DAY, Field.MINUTES, Field.LESSON, Field.BEGIN_LESSON,
      Field.END_LESSON, Field.START_TIME, Field.END_TIME, Field.BEGIN_DATETIME, Field.END_DATETIME,
      Field.SYSTEM_TYPE, Field.CODE, Field.DESCRIPTION, Field.AUTHORISED, Field.HANDLED, Field.CLASS_CODE);

  /** What a format cannot do without. */
  private static final Map<AbsenceFormat, List<String>> REQUIRED = new EnumMap<>(Map.of(
      AbsenceFormat.HALF_DAYS, List.of(Field.PUPIL_NUMBER, Field.DATE, Field.PART_OF_DAY),
      AbsenceFormat.LESSON_HOURS, List.of(Field.PUPIL_NUMBER, Field.DATE, Field.LESSON),
      AbsenceFormat.SPANNING_REPORTS, List.of(Field.PUPIL_NUMBER, Field.BEGIN_DATETIME),
      AbsenceFormat.OBSERVATIONS, List.of(Field.PUPIL_NUMBER, Field.DATE, Field.START_TIME, Field.END_TIME,
          Field.SYSTEM_TYPE)));

  /** The waarnemingSoort values of EduArte (CONTRACT.md section 2). */
  private static final String PRESENT = "P";
  private static final String ABSENT = "A";
  private static final String PARTLY_ABSENT = "D";
  private static final String NOT_SCHEDULED = "N";

  /** {@code Hele dag}: every slot of the weekday. */
  private static final String WHOLE_DAY = "day";

  private static final String RULE = "rule";
  private static final String DETAIL = "detail";
  private static final String FORMAT = "absence_format";
  private static final String FIRST_DATE = "first_date";
  private static final String LAST_DATE = "last_date";
  private static final String REPORT_END_DATE = "report_end_date";
  private static final String REPORT_BEGIN_MINUTE = "report_begin_minute";
  private static final String REPORT_END_MINUTE = "report_end_minute";
  private static final String REPORT_MINUTES = "report_minutes";
  private static final String PART = "part";
  private static final String MINUTES = "minutes";
  private static final String LESSON = "lesson";
  private static final String BEGIN_LESSON = "begin_lesson";
  private static final String END_LESSON = "end_lesson";
  private static final String START_MINUTE = "start_minute";
  private static final String END_MINUTE = "end_minute";
  private static final String DURATION = "duration";
  private static final String OBSERVATION = "observation";
  private static final String SECTOR = "school_sector";
  private static final String PERIODS = "enrolment_periods";
  private static final String CALENDAR_FIRST = "calendar_first";
  private static final String CALENDAR_LAST = "calendar_last";
  private static final String SPAN_FIRST = "span_first";
  private static final String SPAN_LAST = "span_last";
  private static final String SPAN_TEXT = "span_text";
  private static final String SCHOOL_DAY = "school_day";
  private static final String DAY_WEEKDAY = "day_weekday";
  private static final String IN_ENROLMENT = "in_enrolment";
  private static final String RANK = "duplicate_rank";
  private static final String KEPT = "kept";
  private static final String RECORD_ROW = "record_row";
  private static final String ANY_SCHOOL_DAY = "any_school_day";
  private static final String ANY_ENROLLED_DAY = "any_enrolled_day";
  private static final String ANY_SLOT = "any_slot";
  private static final String ANY_KEPT = "any_kept";
  private static final String WINNER_FILE = "winner_file";
  private static final String WINNER_LINE = "winner_line";
  private static final String COVERAGE = "later_exports";
  private static final String SUPERSEDED_BY = "superseded_by";
  private static final String ANY_CURRENT = "any_current";
  private static final String SUPERSEDING_FILE = "superseding_file";

  private static final String[] RECORD = {ExportRows.LOAD_ID, ExportRows.SOURCE_FILE, ExportRows.LINE_NUMBER};

  /**
   * What a record carries past the record rules: into the events, the quarantine and the
   * explanations of records without events. The source texts, the steps of parsing and the join
   * keys were only needed to check it; the cache and the sorts after it would carry them all.
   */
  private static final List<String> CARRIED = List.of(
      ExportRows.LOAD_ID, ExportRows.SOURCE_FILE, ExportRows.LINE_NUMBER, ExportRows.BRIN_VESTIGING,
      ExportRows.PROFILE, ExportRows.RECEIVED_AT, RULE, DETAIL, SourceFields.RAW,
      AttendanceEvents.SCHOOL_PUPIL_KEY, AttendanceEvents.CATEGORY, AttendanceEvents.CATEGORY_SOURCE,
      AttendanceEvents.SOURCE_CODE, AttendanceEvents.SOURCE_DESCRIPTION, AttendanceEvents.SOURCE_AUTHORISED,
      FORMAT, FIRST_DATE, LAST_DATE, SPAN_FIRST, SPAN_LAST, SPAN_TEXT, CALENDAR_LAST, SECTOR, PERIODS,
      PART, src(Field.PART_OF_DAY), MINUTES, LESSON, BEGIN_LESSON, END_LESSON, START_MINUTE, DURATION,
      OBSERVATION, REPORT_MINUTES);

  private AttendanceEventsStaging() {}

  /**
   * @param bronzeAbsenceRows bronze rows ({@link ExportRows#SCHEMA}) of absence profiles, any schools
   * @param enrolments        accepted enrolments ({@link Enrolments#SCHEMA})
   * @param schoolDays        the school calendar ({@link SchoolDays#SCHEMA}); its first and last day
   *                          per school bound the dates a registration may have
   * @param schools           the region's schools ({@link Schools#SCHEMA}), for each school's sector
   */
  public static Staged stage(Dataset<Row> bronzeAbsenceRows, Dataset<Row> enrolments, Dataset<Row> schoolDays,
      Dataset<Row> schools, RegionConfig config, Pseudonymizer pseudonymizer) {
    List<Profile> profiles = SourceFields.profilesInUse(bronzeAbsenceRows, config, Profile.Kind.ABSENCES);
    checkProfiles(config, profiles);
    Set<String> systems = SourceFields.systemsOf(config, profiles);

    Dataset<Row> fields = SourceFields.withSourceFields(bronzeAbsenceRows, profiles, FIELDS);
    Dataset<Row> parsed = withParsedValues(fields, config, systems);
    CategoryLookup lookup = categoryLookup(config, systems);
    Dataset<Row> categorised = parsed.withColumns(columns(
        AttendanceEvents.CATEGORY, lookup.category(),
        AttendanceEvents.CATEGORY_SOURCE, lookup.source()));
    Dataset<Row> located = withPupilAndCalendar(categorised, enrolments, schoolDays, schools, pseudonymizer);
    // Both the events and the quarantined records come from these rows: parsing, pseudonymising
    // and checking every record is the costliest part of staging, so it is computed once.
    Dataset<Row> checked = withRuleFailed(located, config, systems, lookup)
        .select(CARRIED.stream().map(c -> col(c)).toArray(Column[]::new))
        .persist(StorageLevel.MEMORY_AND_DISK());

    // Both the events and the records without events come from these rows: computed once.
    Dataset<Row> slotted = perSlot(checked.filter(col(RULE).isNull()), coverage(checked), schoolDays, config, schools)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> events = Schemas.conform(slotted.filter(col(KEPT)), AttendanceEvents.SCHEMA, AttendanceEvents.TABLE);
    Dataset<Row> quarantined = EnrolmentsStaging.quarantine(checked.filter(col(RULE).isNotNull()))
        .unionByName(EnrolmentsStaging.quarantine(withoutEvents(slotted, config)));
    return new Staged(events, quarantined, List.of(checked, slotted));
  }

  /**
   * The records that produced events: one row per (source_file, line_number), so a job can check
   * per file that records read = accepted records + quarantined records.
   */
  public static Dataset<Row> acceptedRecords(Dataset<Row> events) {
    return events.select(AttendanceEvents.SOURCE_FILE, AttendanceEvents.LINE_NUMBER).distinct();
  }

  /** A profile that cannot carry what its system's format needs is a configuration error. */
  private static void checkProfiles(RegionConfig config, List<Profile> profiles) {
    for (Profile p : profiles) {
      SystemConfig s = config.systemOf(p);
      if (s.absenceFormat() == null) {
        throw new IllegalArgumentException("System " + s.system() + " has absence profile " + p.name()
            + " but no absence_format; valid: half_days, lesson_hours, spanning_reports, observations");
      }
      List<String> missing = REQUIRED.get(s.absenceFormat()).stream().filter(f -> p.source(f) == null).toList();
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException("Profile " + p.name() + " (absence_format "
            + s.absenceFormat().name().toLowerCase() + ") maps no column to " + missing);
      }
      if (s.absenceFormat() == AbsenceFormat.SPANNING_REPORTS && s.dateTimeFormat() == null) {
        throw new IllegalArgumentException("System " + s.system() + " has spanning reports but no date_time_format");
      }
      if (s.absenceFormat() == AbsenceFormat.HALF_DAYS && s.partOfDayValues().isEmpty()) {
        throw new IllegalArgumentException("System " + s.system() + " registers half days but has no part_of_day_values");
      }
    }
  }

  /** Typed values next to the source text; null where the text is empty or unreadable. */
  private static Dataset<Row> withParsedValues(Dataset<Row> df, RegionConfig config, Set<String> systems) {
    Dataset<Row> typed = df.withColumns(columns(
        FORMAT, bySystem(config, systems, s -> lit(s.absenceFormat().name())).cast("string"),
        FIRST_DATE, bySystem(config, systems, s -> spanning(s)
            ? TextParsing.dateOfDateTime(col(src(Field.BEGIN_DATETIME)), s.dateTimeFormat())
            : TextParsing.date(col(src(Field.DATE)), s.dateFormat())).cast("date"),
        REPORT_BEGIN_MINUTE, bySystem(config, systems, s -> spanning(s)
            ? TextParsing.minuteOfDateTime(col(src(Field.BEGIN_DATETIME)), s.dateTimeFormat()) : null).cast("int"),
        REPORT_END_DATE, bySystem(config, systems, s -> spanning(s)
            ? TextParsing.dateOfDateTime(col(src(Field.END_DATETIME)), s.dateTimeFormat()) : null).cast("date"),
        REPORT_END_MINUTE, bySystem(config, systems, s -> spanning(s)
            ? TextParsing.minuteOfDateTime(col(src(Field.END_DATETIME)), s.dateTimeFormat()) : null).cast("int"),
        PART, bySystem(config, systems, s -> s.absenceFormat() == AbsenceFormat.HALF_DAYS
            ? TextParsing.mapped(col(src(Field.PART_OF_DAY)), s.partOfDayValues()) : null).cast("string"),
        MINUTES, TextParsing.integer(col(src(Field.MINUTES))),
        LESSON, TextParsing.integer(col(src(Field.LESSON))),
        BEGIN_LESSON, TextParsing.integer(col(src(Field.BEGIN_LESSON))),
        END_LESSON, TextParsing.integer(col(src(Field.END_LESSON))),
        START_MINUTE, TextParsing.minuteOfDay(col(src(Field.START_TIME))),
        END_MINUTE, TextParsing.minuteOfDay(col(src(Field.END_TIME))),
        AttendanceEvents.SOURCE_AUTHORISED, bool(config, systems, Field.AUTHORISED),
        AttendanceEvents.SOURCE_CODE, col(src(Field.CODE)),
        AttendanceEvents.SOURCE_DESCRIPTION, col(src(Field.DESCRIPTION))));
    return typed.withColumns(columns(
        REPORT_MINUTES, datediff(col(REPORT_END_DATE), col(FIRST_DATE)).multiply(24 * 60)
            .plus(col(REPORT_END_MINUTE)).minus(col(REPORT_BEGIN_MINUTE)),
        DURATION, col(END_MINUTE).minus(col(START_MINUTE)),
        OBSERVATION, when(isFormat(AbsenceFormat.OBSERVATIONS), col(src(Field.SYSTEM_TYPE)))));
  }

  /**
   * Codes of an MBO observation are only looked up for A and D: P and N carry no absence code
   * (the system file's comment: "afkorting of an absent (A) or partly absent (D) observation").
   */
  private static CategoryLookup categoryLookup(RegionConfig config, Set<String> systems) {
    Column codeApplies = isFormat(AbsenceFormat.OBSERVATIONS).unary_$bang()
        .or(col(OBSERVATION).isin(ABSENT, PARTLY_ABSENT));
    return new CategoryLookup(config, systems, col(AttendanceEvents.SOURCE_CODE), coalesce(codeApplies, lit(false)),
        field -> switch (field) {
          case Field.AUTHORISED -> col(AttendanceEvents.SOURCE_AUTHORISED).cast("string");
          case Field.HANDLED -> bool(config, systems, Field.HANDLED).cast("string");
          default -> {
            if (!FIELDS.contains(field)) {
              throw new IllegalArgumentException("A fallback rule refers to field '" + field
                  + "', which absence exports do not carry; usable fields: " + FIELDS);
            }
            yield col(src(field));
          }
        });
  }

  /**
   * The first rule the record fails: first what the record says by itself, then how it relates to
   * the pupil list and the calendar.
   */
  private static Dataset<Row> withRuleFailed(Dataset<Row> df, RegionConfig config, Set<String> systems,
      CategoryLookup lookup) {
    Column dateFormat = bySystem(config, systems, s -> lit(s.dateFormat()));
    Column dateTimeFormat = bySystem(config, systems, s -> lit(String.valueOf(s.dateTimeFormat())));
    Column spanning = isFormat(AbsenceFormat.SPANNING_REPORTS);
    Column clockTimes = isFormat(AbsenceFormat.LESSON_HOURS).or(isFormat(AbsenceFormat.OBSERVATIONS));
    Column late = col(AttendanceEvents.CATEGORY).equalTo(lit(Category.LATE.code()));

    RowRules rules = RowRules.inOrder()
        .check(Rule.MALFORMED_ROW, col(ExportRows.MALFORMED).isNotNull(),
            text("the record could not be split into the header's columns: ", col(ExportRows.MALFORMED)));
    for (Map.Entry<String, Column> required : requiredFields().entrySet()) {
      rules.check(Rule.MISSING_VALUE, required.getValue().and(col(src(required.getKey())).isNull()),
          text(required.getKey() + " is empty"));
    }
    rules
        .check(Rule.UNPARSEABLE_DATE, spanning.unary_$bang().and(unreadable(Field.DATE, FIRST_DATE)),
            text("date '", col(src(Field.DATE)), "' is not a date in format ", dateFormat))
        .check(Rule.UNPARSEABLE_DATE, spanning.and(unreadable(Field.BEGIN_DATETIME, FIRST_DATE)),
            text("begin_datetime '", col(src(Field.BEGIN_DATETIME)), "' is not a date-time in format ", dateTimeFormat))
        .check(Rule.UNPARSEABLE_DATE, spanning.and(unreadable(Field.END_DATETIME, REPORT_END_DATE)),
            text("end_datetime '", col(src(Field.END_DATETIME)), "' is not a date-time in format ", dateTimeFormat))
        .check(Rule.UNPARSEABLE_TIME, clockTimes.and(unreadable(Field.START_TIME, START_MINUTE)),
            text("start_time '", col(src(Field.START_TIME)), "' is not a time in format HH:mm"))
        .check(Rule.UNPARSEABLE_TIME, clockTimes.and(unreadable(Field.END_TIME, END_MINUTE)),
            text("end_time '", col(src(Field.END_TIME)), "' is not a time in format HH:mm"))
        .check(Rule.UNPARSEABLE_NUMBER, isFormat(AbsenceFormat.HALF_DAYS).and(unreadable(Field.MINUTES, MINUTES)),
            text("minutes '", col(src(Field.MINUTES)), "' is not a whole number"))
        .check(Rule.UNPARSEABLE_NUMBER, isFormat(AbsenceFormat.LESSON_HOURS).and(unreadable(Field.LESSON, LESSON)),
            text("lesson '", col(src(Field.LESSON)), "' is not a whole number"))
        .check(Rule.UNPARSEABLE_NUMBER, spanning.and(unreadable(Field.BEGIN_LESSON, BEGIN_LESSON)),
            text("begin_lesson '", col(src(Field.BEGIN_LESSON)), "' is not a whole number"))
        .check(Rule.UNPARSEABLE_NUMBER, spanning.and(unreadable(Field.END_LESSON, END_LESSON)),
            text("end_lesson '", col(src(Field.END_LESSON)), "' is not a whole number"))
        .check(Rule.END_BEFORE_BEGIN, clockTimes.and(col(END_MINUTE).lt(col(START_MINUTE))),
            text("end_time ", col(src(Field.END_TIME)), " is before start_time ", col(src(Field.START_TIME))))
        .check(Rule.END_BEFORE_BEGIN, spanning.and(col(REPORT_MINUTES).lt(0)),
            text("end_datetime ", col(src(Field.END_DATETIME)), " is before begin_datetime ",
                col(src(Field.BEGIN_DATETIME))))
        .check(Rule.END_BEFORE_BEGIN, spanning.and(col(REPORT_END_DATE).equalTo(col(FIRST_DATE)))
                .and(col(END_LESSON).lt(col(BEGIN_LESSON))),
            text("end_lesson ", col(END_LESSON), " is before begin_lesson ", col(BEGIN_LESSON), " on a one-day report"))
        .check(Rule.VALUE_OUT_OF_RANGE, isFormat(AbsenceFormat.HALF_DAYS).and(unreadable(Field.PART_OF_DAY, PART)),
            text("part_of_day '", col(src(Field.PART_OF_DAY)), "' is not one of ",
                bySystem(config, systems, s -> lit(s.partOfDayValues().keySet().toString()))))
        .check(Rule.VALUE_OUT_OF_RANGE, unreadable(Field.AUTHORISED, AttendanceEvents.SOURCE_AUTHORISED),
            text("authorised '", col(src(Field.AUTHORISED)), "' is not one of ", bySystem(config, systems,
                s -> lit(String.join(", ", s.trueValues()) + " / " + String.join(", ", s.falseValues())))))
        .check(Rule.VALUE_OUT_OF_RANGE, isFormat(AbsenceFormat.OBSERVATIONS)
                .and(col(OBSERVATION).isin(PRESENT, ABSENT, PARTLY_ABSENT, NOT_SCHEDULED).unary_$bang()),
            text("system_type '", col(OBSERVATION), "' is not an observation type (P, A, D or N)"))
        .check(Rule.VALUE_OUT_OF_RANGE, isFormat(AbsenceFormat.LESSON_HOURS).and(col(LESSON).lt(1)),
            text("lesson ", col(LESSON), " is not a lesson hour: they start at 1"))
        .check(Rule.VALUE_OUT_OF_RANGE, spanning.and(col(BEGIN_LESSON).lt(1).or(col(END_LESSON).lt(1))),
            text("begin_lesson ", col(BEGIN_LESSON), " / end_lesson ", col(END_LESSON),
                " is not a lesson hour: they start at 1"))
        .check(Rule.VALUE_OUT_OF_RANGE, isFormat(AbsenceFormat.HALF_DAYS)
                .and(col(MINUTES).lt(0).or(col(MINUTES).gt(MAX_MINUTES))),
            text("minutes ", col(MINUTES), " is outside 0.." + MAX_MINUTES))
        .check(Rule.VALUE_OUT_OF_RANGE, clockTimes.and(col(DURATION).gt(MAX_MINUTES)),
            text(col(src(Field.START_TIME)), "-", col(src(Field.END_TIME)), " is ", col(DURATION),
                " minutes, more than " + MAX_MINUTES))
        .check(Rule.VALUE_OUT_OF_RANGE, spanning.and(late).and(col(REPORT_MINUTES).gt(MAX_MINUTES)),
            text("a late report of ", col(REPORT_MINUTES), " minutes, more than " + MAX_MINUTES))
        .check(Rule.UNKNOWN_CODE, col(AttendanceEvents.CATEGORY).isNull(),
            text("code '", col(AttendanceEvents.SOURCE_CODE), "' of system ", col(ExportRows.SYSTEM),
                " is in neither the code table of ", col(ExportRows.BRIN_VESTIGING),
                " nor the system's, and no fallback rule matches ", lookup.fallbackInputs()))
        .check(Rule.UNKNOWN_PUPIL, col(PERIODS).isNull(),
            text("pupil number '", EnrolmentsStaging.masked(col(src(Field.PUPIL_NUMBER))),
                "' is not in the accepted pupil list of ",
                col(ExportRows.BRIN_VESTIGING)))
        .check(Rule.DATE_OUTSIDE_SCHOOL_YEAR, col(CALENDAR_FIRST).isNull(),
            text("school ", col(ExportRows.BRIN_VESTIGING), " has no school days in the calendar (is it in schools.csv?)"))
        .check(Rule.DATE_OUTSIDE_SCHOOL_YEAR, col(SPAN_FIRST).gt(col(SPAN_LAST)),
            text(col(SPAN_TEXT), " is outside the school calendar of ", col(ExportRows.BRIN_VESTIGING), " (",
                col(CALENDAR_FIRST), " .. ", col(CALENDAR_LAST), ")"));
    return rules.applyTo(df, RULE, DETAIL);
  }

  /** Per required field, the formats (as a condition on the row) that need it. */
  private static Map<String, Column> requiredFields() {
    Map<String, Column> byField = new LinkedHashMap<>();
    REQUIRED.forEach((format, fields) -> fields.forEach(f -> byField.merge(f, isFormat(format), Column::or)));
    return byField;
  }

  /**
   * The pupil's key, the school's sector, the pupil's enrolment periods at that school and the
   * first and last day of the school's calendar; then the registration's span of days: one day,
   * or for a report its begin date to its end date (an open report: to the end of the calendar; a
   * late report: its begin date), cut to the calendar.
   */
  private static Dataset<Row> withPupilAndCalendar(Dataset<Row> df, Dataset<Row> enrolments, Dataset<Row> schoolDays,
      Dataset<Row> schools, Pseudonymizer pseudonymizer) {
    Dataset<Row> periods = enrolments
        .groupBy(col(Enrolments.BRIN_VESTIGING).as("e_brin"), col(Enrolments.SCHOOL_PUPIL_KEY).as("e_key"))
        .agg(collect_list(struct(col(Enrolments.ENROLMENT_START).as("start"), col(Enrolments.ENROLMENT_END).as("end")))
            .as(PERIODS));
    Dataset<Row> calendar = schoolDays
        .groupBy(col(SchoolDays.BRIN_VESTIGING).as("c_brin"))
        .agg(min(SchoolDays.DATE).as(CALENDAR_FIRST), max(SchoolDays.DATE).as(CALENDAR_LAST));
    Dataset<Row> sectors = schools.select(col(Schools.BRIN_VESTIGING).as("s_brin"), col(Schools.SECTOR).as(SECTOR));

    Column brin = col(ExportRows.BRIN_VESTIGING);
    Column late = col(AttendanceEvents.CATEGORY).equalTo(lit(Category.LATE.code()));
    Column spanning = isFormat(AbsenceFormat.SPANNING_REPORTS);
    Dataset<Row> located = df
        .withColumn(AttendanceEvents.SCHOOL_PUPIL_KEY, pseudonymizer.schoolPupilKey(brin, col(src(Field.PUPIL_NUMBER))))
        .join(sectors, brin.equalTo(col("s_brin")), "left")
        .join(periods, brin.equalTo(col("e_brin"))
            .and(col(AttendanceEvents.SCHOOL_PUPIL_KEY).equalTo(col("e_key"))), "left")
        .join(calendar, brin.equalTo(col("c_brin")), "left")
        // null = an open report
        .withColumn(LAST_DATE, when(spanning.and(coalesce(late, lit(false)).unary_$bang()), col(REPORT_END_DATE))
            .otherwise(col(FIRST_DATE)));
    return located.withColumns(columns(
        SPAN_FIRST, greatest(col(FIRST_DATE), col(CALENDAR_FIRST)),
        SPAN_LAST, least(coalesce(col(LAST_DATE), col(CALENDAR_LAST)), col(CALENDAR_LAST)),
        SPAN_TEXT, when(spanning, text(col(FIRST_DATE), " .. ",
                coalesce(col(LAST_DATE).cast("string"), lit("open"))))
            .otherwise(text(col(FIRST_DATE)))));
  }

  /**
   * One row per registration per timetable slot it covers, plus one row without a slot for every
   * calendar day of a registration that yields no slot (not a school day, outside the enrolment,
   * no matching slot), so the records without events can be explained from the same rows:
   * <ol>
   *   <li>every calendar day of the registration's span, flagged as a school day of the school
   *       and as covered by an enrolment of the pupil there (days inside a report that are not
   *       school days, a weekend or a holiday, are simply not school time);</li>
   *   <li>the slots of that day: from the timetable (half days, lesson hours, reports) or the
   *       observation itself (MBO);</li>
   *   <li>minutes, and whether the event is a duplicate of a later registration;</li>
   *   <li>per record: did any day, enrolled day, slot or kept event come out of it.</li>
   * </ol>
   */
  private static Dataset<Row> perSlot(Dataset<Row> placed, Dataset<Row> coverage, Dataset<Row> schoolDays,
      RegionConfig config, Dataset<Row> schools) {
    Dataset<Row> days = withSupersedingExport(perCalendarDay(placed, schoolDays), coverage);
    Dataset<Row> slots = withSlot(days, ScheduleSlots.table(schools.sparkSession(), config));
    return withRecordOutcome(withDuplicateRank(withMinutes(slots)));
  }

  /**
   * Per school, the dates each absence export covers: from its first to its last registration
   * date within the school's calendar (a report: begin to end date; an open report: its begin
   * date), over the records that passed the record rules, so a record quarantined for a typing
   * error in its date does not stretch the period.
   */
  private static Dataset<Row> coverage(Dataset<Row> checked) {
    Column lastDate = least(coalesce(col(LAST_DATE), col(FIRST_DATE)), col(CALENDAR_LAST));
    return checked.filter(col(RULE).isNull())
        .groupBy(ExportRows.BRIN_VESTIGING, ExportRows.RECEIVED_AT, ExportRows.SOURCE_FILE)
        .agg(min(SPAN_FIRST).as("from"), max(lastDate).as("to"))
        .groupBy(col(ExportRows.BRIN_VESTIGING).as("v_brin"))
        .agg(collect_list(struct(col(ExportRows.RECEIVED_AT), col(ExportRows.SOURCE_FILE), col("from"), col("to")))
            .as(COVERAGE));
  }

  /**
   * The latest export of the same school that arrived after this row's export and covers its
   * date (null when none does): that export replaces this row (a correction).
   */
  private static Dataset<Row> withSupersedingExport(Dataset<Row> days, Dataset<Row> coverage) {
    Column received = col(ExportRows.RECEIVED_AT);
    Column file = col(ExportRows.SOURCE_FILE);
    Column day = col(AttendanceEvents.DATE);
    return days
        .join(broadcast(coverage), col(ExportRows.BRIN_VESTIGING).equalTo(col("v_brin")), "left")
        .withColumn(SUPERSEDED_BY, array_max(filter(col(COVERAGE), c -> c.getField(ExportRows.RECEIVED_AT).gt(received)
            .or(c.getField(ExportRows.RECEIVED_AT).equalTo(received).and(c.getField(ExportRows.SOURCE_FILE).gt(file)))
            .and(day.between(c.getField("from"), c.getField("to"))))))
        .drop("v_brin", COVERAGE);
  }

  private static Dataset<Row> perCalendarDay(Dataset<Row> placed, Dataset<Row> schoolDays) {
    Dataset<Row> calendar = schoolDays.select(
        col(SchoolDays.BRIN_VESTIGING).as("d_brin"), col(SchoolDays.DATE).as("d_date"),
        col(SchoolDays.WEEKDAY).as(DAY_WEEKDAY));
    Column day = col(AttendanceEvents.DATE);
    return placed
        .withColumn(AttendanceEvents.DATE, explode(sequence(col(SPAN_FIRST), col(SPAN_LAST))))
        .join(calendar, col(ExportRows.BRIN_VESTIGING).equalTo(col("d_brin")).and(day.equalTo(col("d_date"))), "left")
        .withColumns(columns(
            SCHOOL_DAY, col("d_date").isNotNull(),
            IN_ENROLMENT, coalesce(exists(col(PERIODS),
                p -> day.geq(p.getField("start")).and(p.getField("end").isNull().or(day.leq(p.getField("end"))))),
                lit(false))))
        .drop("d_brin", "d_date");
  }

  /**
   * Half days, lesson hours and reports: the timetable slots of the day they cover. MBO
   * observations are their own timetable: slot {@code T<HH:mm>} of the lesson's start.
   */
  private static Dataset<Row> withSlot(Dataset<Row> days, Dataset<Row> timetable) {
    Column slot = col(ScheduleSlots.SLOT);
    Column lesson = col(ScheduleSlots.LESSON);
    Column lastLesson = col(ScheduleSlots.LAST_LESSON);
    Column day = col(AttendanceEvents.DATE);
    Column late = col(AttendanceEvents.CATEGORY).equalTo(lit(Category.LATE.code()));
    Column onEnrolledSchoolDay = col(SCHOOL_DAY).and(col(IN_ENROLMENT));
    Column observed = isFormat(AbsenceFormat.OBSERVATIONS);

    // A late arrival registered for the whole day is one late arrival: at the first slot.
    Column wholeDay = col(PART).equalTo(lit(WHOLE_DAY))
        .and(late.unary_$bang().or(col(ScheduleSlots.POSITION).equalTo(1)));
    Column halfDay = isFormat(AbsenceFormat.HALF_DAYS).and(wholeDay.or(slot.equalTo(col(PART))));
    Column lessonHour = isFormat(AbsenceFormat.LESSON_HOURS).and(lesson.equalTo(col(LESSON)));
    Column lateReport = isFormat(AbsenceFormat.SPANNING_REPORTS).and(late)
        .and(lesson.equalTo(coalesce(col(BEGIN_LESSON), lit(1))));
    Column fromLesson = when(day.equalTo(col(FIRST_DATE)), coalesce(col(BEGIN_LESSON), lit(1))).otherwise(lit(1));
    Column toLesson = when(day.equalTo(col(LAST_DATE)), coalesce(col(END_LESSON), lastLesson)).otherwise(lastLesson);
    Column report = isFormat(AbsenceFormat.SPANNING_REPORTS).and(late.unary_$bang())
        .and(lesson.between(fromLesson, toLesson));

    Column hours = lpad(col(START_MINUTE).divide(60).cast("int").cast("string"), 2, "0");
    Column minutes = lpad(col(START_MINUTE).mod(60).cast("string"), 2, "0");
    return days
        .join(timetable, col(SECTOR).equalTo(col(ScheduleSlots.SECTOR))
            .and(col(DAY_WEEKDAY).equalTo(col(ScheduleSlots.WEEKDAY)))
            .and(onEnrolledSchoolDay)
            .and(halfDay.or(lessonHour).or(lateReport).or(report)), "left")
        .withColumns(columns(
            AttendanceEvents.SLOT, when(observed, when(onEnrolledSchoolDay, concat(lit("T"), hours, lit(":"), minutes)))
                .otherwise(slot),
            AttendanceEvents.SLOT_MINUTES, when(observed, col(DURATION))
                .when(isFormat(AbsenceFormat.LESSON_HOURS).and(col(DURATION).isNotNull()), col(DURATION))
                .otherwise(col(ScheduleSlots.MINUTES))))
        .drop(ScheduleSlots.SCHEMA.fieldNames());
  }

  private static Dataset<Row> withMinutes(Dataset<Row> slotted) {
    Column category = col(AttendanceEvents.CATEGORY);
    Column slotMinutes = col(AttendanceEvents.SLOT_MINUTES);
    Column countsMissed = category.isin(Category.missed().stream().map(Category::code).toArray());
    Column observed = isFormat(AbsenceFormat.OBSERVATIONS);
    // EduArte: A misses the whole lesson, D (partly absent) half of it, in whole minutes.
    Column observedMissed = when(col(OBSERVATION).equalTo(ABSENT), slotMinutes)
        .when(col(OBSERVATION).equalTo(PARTLY_ABSENT), slotMinutes.divide(2).cast("int"))
        .otherwise(lit(0));
    Column late = category.equalTo(lit(Category.LATE.code()));
    return slotted.withColumns(columns(
        AttendanceEvents.MISSED_MINUTES,
        when(countsMissed, when(observed, observedMissed).otherwise(slotMinutes)).otherwise(lit(0)),
        AttendanceEvents.LATE_MINUTES,
        when(late.and(isFormat(AbsenceFormat.HALF_DAYS)), col(MINUTES))
            .when(late.and(isFormat(AbsenceFormat.SPANNING_REPORTS)), col(REPORT_MINUTES))
            .cast("int"),
        AttendanceEvents.SCHEDULES_TIME,
        coalesce(observed.and(col(OBSERVATION).isin(PRESENT, ABSENT, PARTLY_ABSENT)), lit(false))));
  }

  /**
   * The same pupil, date, slot, category and code registered again (a re-upload, or twice in one
   * file): a row no later export replaces comes first, then the latest file (received_at, then
   * source_file), then the later line.
   */
  private static Dataset<Row> withDuplicateRank(Dataset<Row> events) {
    WindowSpec sameRegistration = Window
        .partitionBy(AttendanceEvents.BRIN_VESTIGING, AttendanceEvents.SCHOOL_PUPIL_KEY, AttendanceEvents.DATE,
            AttendanceEvents.SLOT, AttendanceEvents.CATEGORY, AttendanceEvents.SOURCE_CODE)
        .orderBy(col(SUPERSEDED_BY).isNotNull(), col(ExportRows.RECEIVED_AT).desc(), col(ExportRows.SOURCE_FILE).desc(),
            col(ExportRows.LINE_NUMBER).desc());
    Dataset<Row> ranked = events.withColumns(columns(
        RANK, row_number().over(sameRegistration),
        WINNER_FILE, first(ExportRows.SOURCE_FILE).over(sameRegistration),
        WINNER_LINE, first(ExportRows.LINE_NUMBER).over(sameRegistration)));
    return ranked.withColumn(KEPT, coalesce(col(AttendanceEvents.SLOT).isNotNull().and(col(SUPERSEDED_BY).isNull())
        .and(col(RANK).equalTo(1)), lit(false)));
  }

  /** Per record: what came out of it, and one row to stand for it ({@link #RECORD_ROW} 1). */
  private static Dataset<Row> withRecordOutcome(Dataset<Row> ranked) {
    WindowSpec record = Window.partitionBy(RECORD[0], RECORD[1], RECORD[2]);
    Column duplicate = col(AttendanceEvents.SLOT).isNotNull().and(col(RANK).gt(1));
    return ranked.withColumns(columns(
        RECORD_ROW, row_number().over(record.orderBy(col(AttendanceEvents.DATE), col(AttendanceEvents.SLOT))),
        ANY_SCHOOL_DAY, max(col(SCHOOL_DAY)).over(record),
        ANY_ENROLLED_DAY, max(col(SCHOOL_DAY).and(col(IN_ENROLMENT))).over(record),
        ANY_SLOT, max(col(AttendanceEvents.SLOT).isNotNull()).over(record),
        ANY_CURRENT, max(col(AttendanceEvents.SLOT).isNotNull().and(col(SUPERSEDED_BY).isNull())).over(record),
        SUPERSEDING_FILE, max(col(SUPERSEDED_BY).getField(ExportRows.SOURCE_FILE)).over(record),
        ANY_KEPT, max(col(KEPT)).over(record),
        WINNER_FILE, max(when(duplicate, col(WINNER_FILE))).over(record),
        WINNER_LINE, max(when(duplicate, col(WINNER_LINE))).over(record)));
  }

  /**
   * Records that passed every record rule but yield no event, with the reason: no school day in
   * the registration, none within an enrolment, no slot of the timetable, every day covered by a
   * later export, or every event a duplicate of a later registration.
   */
  private static Dataset<Row> withoutEvents(Dataset<Row> slotted, RegionConfig config) {
    Column periods = array_join(transform(col(PERIODS), p -> concat(p.getField("start").cast("string"), lit(" .. "),
        coalesce(p.getField("end").cast("string"), lit("open")))), ", ");
    Column weekdayOfFirstDate = weekday(col(FIRST_DATE)).plus(1);
    Column asked = when(isFormat(AbsenceFormat.HALF_DAYS), text("part_of_day '", col(src(Field.PART_OF_DAY)), "'"))
        .when(isFormat(AbsenceFormat.LESSON_HOURS), text("lesson ", col(LESSON)))
        .otherwise(text("lessons ", coalesce(col(BEGIN_LESSON).cast("string"), lit("1")), "..",
            coalesce(col(END_LESSON).cast("string"), lit("last"))));

    RowRules rules = RowRules.inOrder()
        .check(Rule.NOT_A_SCHOOL_DAY, col(ANY_SCHOOL_DAY).unary_$bang(),
            text(col(SPAN_TEXT), " holds no school day of ", col(ExportRows.BRIN_VESTIGING),
                " (weekend, holiday or study day)"))
        .check(Rule.OUTSIDE_ENROLMENT, col(ANY_ENROLLED_DAY).unary_$bang(),
            text(col(SPAN_TEXT), " is outside the pupil's enrolment at ", col(ExportRows.BRIN_VESTIGING), " (",
                periods, ")"))
        .check(Rule.VALUE_OUT_OF_RANGE, col(ANY_SLOT).unary_$bang(),
            text("no slot of the ", col(SECTOR), " timetable on ", col(FIRST_DATE), " matches ", asked, " (slots: ",
                ScheduleSlots.slotNames(config, col(SECTOR), weekdayOfFirstDate), ")"))
        .check(Rule.SUPERSEDED, col(ANY_CURRENT).unary_$bang(),
            text(col(SPAN_TEXT), " is covered by the later export ", col(SUPERSEDING_FILE), " of ",
                col(ExportRows.BRIN_VESTIGING), ", which replaces it"))
        .check(Rule.DUPLICATE_ROW, lit(true),
            text("the same pupil, date, slot, category and code is registered again in ", col(WINNER_FILE),
                " line ", col(WINNER_LINE), ", which is later and wins"));

    return rules.applyTo(slotted.filter(col(RECORD_ROW).equalTo(1).and(col(ANY_KEPT).unary_$bang())), RULE, DETAIL);
  }

  private static boolean spanning(SystemConfig s) {
    return s.absenceFormat() == AbsenceFormat.SPANNING_REPORTS;
  }

  private static Column isFormat(AbsenceFormat format) {
    return col(FORMAT).equalTo(lit(format.name()));
  }

  /** Text present but the typed value null: the text is unreadable. */
  private static Column unreadable(String field, String typedColumn) {
    return col(src(field)).isNotNull().and(col(typedColumn).isNull());
  }

  private static Column bool(RegionConfig config, Set<String> systems, String field) {
    return bySystem(config, systems,
        s -> TextParsing.bool(col(src(field)), s.trueValues(), s.falseValues())).cast("boolean");
  }
}
