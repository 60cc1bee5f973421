package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.namesAndTypes;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static nl.schoolmonitor.gold.GoldFixtures.schoolDay;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.gold.DataQuality.Thresholds;
import nl.schoolmonitor.silver.AttendanceEvents;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.Quarantine;
import nl.schoolmonitor.silver.SchoolDays;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The three data-quality tables on small inputs worked out by hand.
 *
 * <pre>
 * Calendar of every school: week 1 (Mon 1 Sep), week 2 (Mon 8 Sep), holiday week (15 Sep), week 3
 * (Mon 22 Sep), Monday to Friday; reference date Friday 26 Sep 2025, school year 2025-2026.
 *
 * Weekly fixture, school 07AB00 (and 99ZZ00: a calendar, no pupils):
 * pupil class year  week 1            week 2              week 3
 * p1    1a    1     Mon sick          -                   -
 * p2    1a    1     -                 Tue not_absence     -
 * p3    1b    2     Mon unauthorised  -                   Wed unauthorised
 * p4    1c    3     Mon sick          Mon unauthorised    Wed sick (morning + afternoon)
 * Class 1a (and year group 1) registers no absence in weeks 2 and 3 while 1b and 1c do: silent in
 * week 3 (week 2 only had one quiet week; the holiday week in between is not a school week).
 * Class 1b is quiet in week 2 only: never silent. p2's not_absence is not an absence registration.
 *
 * School fixture: 07AB00 (parnassys), 21CD00 (magister), 99ZZ00 (in the calendar only).
 * pupil_key school pupil  class  period
 * k1        07AB00 A-1    1a     18 Aug -          and again as A-1b from 1 Sep: enrolled twice here
 * k2        07AB00 A-2    1a     18 Aug -
 * k5        07AB00 A-5    2a     15 Sep -          also at 21CD00 since 18 Aug: enrolled elsewhere too
 * k7        07AB00 A-7    2a     18 Aug - 5 Sep    then 21CD00 from 8 Sep: a change of school, no overlap
 * Events: 07AB00 Ziek (code table) 2 Sep and 24 Sep (two half days); 21CD00 a present observation
 * without code 1 Sep, X9 (system fallback) 8 Sep (two lessons, unauthorised), 9 Sep (leave), 10 Sep
 * (unauthorised, described "Extra"); outside the window: 10 Jul (last school year) and 29 Sep.
 * Quarantine: 07AB00 invalid_bsn 1, unknown_pupil 2, superseded 1 (a warning); 21CD00 superseded 1
 * and duplicate_row 1 (bookkeeping of repeated exports: no warning); a leerplicht file without a
 * school location is left out.
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class DataQualityTest {

  private static final String YEAR = "2025-2026";
  private static final LocalDate REFERENCE = d("2025-09-26");
  private static final String A = "07AB00";
  private static final String B = "21CD00";
  private static final String C = "99ZZ00";
  private static final List<LocalDate> WEEK_STARTS = List.of(d("2025-09-01"), d("2025-09-08"), d("2025-09-22"));

  /** The job's ledger and accounting columns that {@link DataQuality#school} reads. */
  private static final StructType LEDGER = new StructType()
      .add("source_file", StringType).add("brin_vestiging", StringType).add("status", StringType)
      .add("file_sha256", StringType);
  private static final StructType ACCOUNTING = new StructType()
      .add("source_file", StringType).add("brin_vestiging", StringType).add("rows_read", LongType)
      .add("rows_accepted", LongType).add("rows_quarantined", LongType);

  // ------------------------------------------------------------------------------------ fixtures

  private static List<Row> calendar(String... schools) {
    List<Row> days = new ArrayList<>();
    for (String school : schools) {
      for (LocalDate monday : WEEK_STARTS) {
        for (int i = 0; i < 5; i++) {
          days.add(schoolDay(school, monday.plusDays(i), 330));
        }
      }
    }
    return days;
  }

  private static Row enrolment(String pupilKey, String schoolPupilKey, String brin, String system, String classCode,
      Integer yearGroup, String start, String end, long line) {
    return rowOf(Enrolments.SCHEMA, Enrolments.PUPIL_KEY, pupilKey, Enrolments.SCHOOL_PUPIL_KEY, schoolPupilKey,
        Enrolments.BRIN_VESTIGING, brin, Enrolments.SYSTEM, system, Enrolments.CLASS_CODE, classCode,
        Enrolments.YEAR_GROUP, yearGroup, Enrolments.ENROLMENT_START, d(start),
        Enrolments.ENROLMENT_END, end == null ? null : d(end),
        Enrolments.SOURCE_FILE, brin + "/pupils.csv", Enrolments.LINE_NUMBER, line);
  }

  private static Row event(String brin, String schoolPupilKey, String date, String slot, String category,
      String categorySource, String code, String description, long line) {
    return rowOf(AttendanceEvents.SCHEMA, AttendanceEvents.BRIN_VESTIGING, brin,
        AttendanceEvents.SCHOOL_PUPIL_KEY, schoolPupilKey, AttendanceEvents.DATE, d(date),
        AttendanceEvents.SLOT, slot, AttendanceEvents.CATEGORY, category,
        AttendanceEvents.CATEGORY_SOURCE, categorySource, AttendanceEvents.SOURCE_CODE, code,
        AttendanceEvents.SOURCE_DESCRIPTION, description,
        AttendanceEvents.SOURCE_FILE, brin + "/absences.csv", AttendanceEvents.LINE_NUMBER, line);
  }

  private static Row coded(String brin, String schoolPupilKey, String date, String category, long line) {
    return event(brin, schoolPupilKey, date, "morning", category, "code_table", category, null, line);
  }

  private static Row quarantined(String brin, String file, String rule, long line) {
    return rowOf(Quarantine.SCHEMA, Quarantine.BRIN_VESTIGING, brin, Quarantine.SOURCE_FILE, file,
        Quarantine.RULE, rule, Quarantine.LINE_NUMBER, line);
  }

  private static Dataset<Row> silentFixtureWeekly(SparkSession spark) {
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("k1", "p1", A, "parnassys", "1a", 1, "2025-08-18", null, 2),
        enrolment("k2", "p2", A, "parnassys", "1a", 1, "2025-08-18", null, 3),
        enrolment("k3", "p3", A, "parnassys", "1b", 2, "2025-08-18", null, 4),
        enrolment("k4", "p4", A, "parnassys", "1c", 3, "2025-08-18", null, 5));
    Dataset<Row> events = frame(spark, AttendanceEvents.SCHEMA,
        coded(A, "p1", "2025-09-01", "sick", 2),
        coded(A, "p3", "2025-09-01", "unauthorised", 3),
        coded(A, "p4", "2025-09-01", "sick", 4),
        coded(A, "p2", "2025-09-09", "not_absence", 5),
        coded(A, "p4", "2025-09-08", "unauthorised", 6),
        coded(A, "p3", "2025-09-24", "unauthorised", 7),
        event(A, "p4", "2025-09-24", "morning", "sick", "code_table", "Ziek", null, 8),
        event(A, "p4", "2025-09-24", "afternoon", "sick", "code_table", "Ziek", null, 8));
    Dataset<Row> days = frame(spark, SchoolDays.SCHEMA, calendar(A, C));
    return DataQuality.weekly(events, enrolments, days, YEAR, REFERENCE, Thresholds.DEFAULT);
  }

  private static Dataset<Row> schoolEnrolments(SparkSession spark) {
    return frame(spark, Enrolments.SCHEMA,
        enrolment("k1", "A-1", A, "parnassys", "1a", 1, "2025-08-18", null, 2),
        enrolment("k1", "A-1b", A, "parnassys", "1a", 1, "2025-09-01", null, 3),
        enrolment("k2", "A-2", A, "parnassys", "1a", 1, "2025-08-18", null, 4),
        enrolment("k5", "A-5", A, "parnassys", "2a", 2, "2025-09-15", null, 5),
        enrolment("k7", "A-7", A, "parnassys", "2a", 2, "2025-08-18", "2025-09-05", 6),
        enrolment("k5", "B-5", B, "magister", "3a", 3, "2025-08-18", null, 2),
        enrolment("k7", "B-7", B, "magister", "3b", 3, "2025-09-08", null, 3));
  }

  private static Dataset<Row> schoolEvents(SparkSession spark) {
    return frame(spark, AttendanceEvents.SCHEMA,
        event(A, "A-1", "2025-09-02", "morning", "sick", "code_table", "Ziek", null, 2),
        event(A, "A-2", "2025-09-24", "morning", "sick", "code_table", "Ziek", null, 3),
        event(A, "A-2", "2025-09-24", "afternoon", "sick", "code_table", "Ziek", null, 3),
        event(B, "B-5", "2025-09-01", "L1", "present", "system_fallback", null, null, 6),
        event(B, "B-5", "2025-09-08", "L1", "unauthorised", "system_fallback", "X9", "Extra les", 7),
        event(B, "B-5", "2025-09-08", "L2", "unauthorised", "system_fallback", "X9", "Extra les", 7),
        event(B, "B-7", "2025-09-09", "L3", "leave", "system_fallback", "X9", "Extra les", 8),
        event(B, "B-7", "2025-09-10", "L1", "unauthorised", "system_fallback", "X9", "Extra", 9),
        event(B, "B-5", "2025-07-10", "L1", "sick", "code_table", "Z", "Ziek", 10),
        event(B, "B-5", "2025-09-29", "L1", "sick", "code_table", "Z", "Ziek", 11));
  }

  private static Dataset<Row> school(SparkSession spark) {
    Dataset<Row> enrolments = schoolEnrolments(spark);
    Dataset<Row> events = schoolEvents(spark);
    Dataset<Row> days = frame(spark, SchoolDays.SCHEMA, calendar(A, B, C));
    Dataset<Row> quarantine = frame(spark, Quarantine.SCHEMA,
        quarantined(A, A + "/pupils.csv", "invalid_bsn", 7),
        quarantined(A, A + "/absences.csv", "unknown_pupil", 4),
        quarantined(A, A + "/absences.csv", "unknown_pupil", 5),
        quarantined(A, A + "/absences.csv", "superseded", 6),
        quarantined(B, B + "/absences.csv", "superseded", 2),
        quarantined(B, B + "/absences.csv", "duplicate_row", 3),
        quarantined(null, "leerplicht/meldingen.csv", "malformed_row", 9));
    Dataset<Row> files = frame(spark, LEDGER,
        RowFactory.create(A + "/pupils.csv", A, "loaded", "a1"),
        RowFactory.create(A + "/absences.csv", A, "loaded", "a2"),
        RowFactory.create(A + "/absences-week36.csv", A, "already_loaded", "a3"),
        RowFactory.create(A + "/absences copy.csv", A, "duplicate", "a2"),
        RowFactory.create(A + "/notes.csv", A, "rejected", "n1"),
        RowFactory.create(B + "/absences.csv", B, "loaded", "b1"),
        // the bytes of B's absences under another name, loaded by an earlier run: a duplicate all the same
        RowFactory.create(B + "/absences (2).csv", B, "already_loaded", "b1"),
        RowFactory.create(B + "/pupils.csv", B, "already_loaded", "b2"),
        RowFactory.create("leerplicht/meldingen.csv", null, "loaded", "l1"));
    Dataset<Row> accounting = frame(spark, ACCOUNTING,
        RowFactory.create(A + "/pupils.csv", A, 6L, 5L, 1L),
        RowFactory.create(A + "/absences.csv", A, 5L, 2L, 3L),
        RowFactory.create(B + "/pupils.csv", B, 2L, 2L, 0L),
        RowFactory.create(B + "/absences.csv", B, 7L, 5L, 2L),
        RowFactory.create("leerplicht/meldingen.csv", null, 10L, 0L, 1L));
    Dataset<Row> weekly = DataQuality.weekly(events, enrolments, days, YEAR, REFERENCE, Thresholds.DEFAULT);
    return DataQuality.school(events, enrolments, days, quarantine, files, accounting, weekly, YEAR, REFERENCE,
        Thresholds.DEFAULT);
  }

  // ------------------------------------------------------------------------------------ expected rows

  private static Row week(String brin, String weekStart, long enrolled, long events, long pupilsWithEvents,
      long pupilDays, long pupilDaysWithEvents, String pct, long silentClasses, String classCodes,
      long silentYearGroups, String yearGroupCodes, String status, String reasons) {
    return RowFactory.create(YEAR, sqlDate(weekStart), brin, 5L, enrolled, events, pupilsWithEvents, pupilDays,
        pupilDaysWithEvents, pct == null ? null : new BigDecimal(pct), silentClasses, classCodes, silentYearGroups,
        yearGroupCodes, status, reasons);
  }

  /** A school row: the quarantined counts given per rule, 0 for the other rules. */
  private static Row schoolRow(String brin, long[] files, long[] rows, Map<String, Long> quarantinedByRule,
      long enrolled, String lastRegistration, Integer daysSince, int schoolDaysSince, long unmappedCodes,
      long unmappedEvents, String unmappedList, long twiceHere, long elsewhereToo, String status, String reasons) {
    List<Object> values = new ArrayList<>(List.of(YEAR, sqlDate("2025-09-26"), brin));
    Arrays.stream(files).forEach(values::add);
    Arrays.stream(rows).forEach(values::add);
    DataQuality.QUARANTINE_RULES.forEach(rule -> values.add(quarantinedByRule.getOrDefault(rule, 0L)));
    values.add(enrolled);
    values.add(lastRegistration == null ? null : sqlDate(lastRegistration));
    values.add(daysSince);
    values.add(schoolDaysSince);
    values.add(unmappedCodes);
    values.add(unmappedEvents);
    values.add(unmappedList);
    values.add(twiceHere);
    values.add(elsewhereToo);
    values.add(status);
    values.add(reasons);
    return RowFactory.create(values.toArray());
  }

  // ------------------------------------------------------------------------------------ tests

  @Test
  void schemasAreTheDeclaredOnes(SparkSession spark) {
    assertThat(namesAndTypes(silentFixtureWeekly(spark).schema()))
        .containsExactlyElementsOf(namesAndTypes(DataQuality.WEEKLY_SCHEMA));
    assertThat(namesAndTypes(school(spark).schema())).containsExactlyElementsOf(namesAndTypes(DataQuality.SCHOOL_SCHEMA));
    assertThat(namesAndTypes(DataQuality.codes(schoolEvents(spark), schoolEnrolments(spark), YEAR, REFERENCE).schema()))
        .containsExactlyElementsOf(namesAndTypes(DataQuality.CODES_SCHEMA));
  }

  @Test
  void aClassSilentForTwoSchoolWeeksIsFlaggedAndAOneWeekGapIsNot(SparkSession spark) {
    assertThat(silentFixtureWeekly(spark).collectAsList()).containsExactlyInAnyOrder(
        week(A, "2025-09-01", 4, 3, 3, 20, 3, "15.0", 0, null, 0, null, "ok", null),
        week(A, "2025-09-08", 4, 2, 2, 20, 2, "10.0", 0, null, 0, null, "ok", null),
        week(A, "2025-09-22", 4, 3, 2, 20, 2, "10.0", 1, "1a", 1, "1", "warning",
            "silent_classes, silent_year_groups"),
        week(C, "2025-09-01", 0, 0, 0, 0, 0, null, 0, null, 0, null, "warning", "no_enrolled_pupils"),
        week(C, "2025-09-08", 0, 0, 0, 0, 0, null, 0, null, 0, null, "warning", "no_enrolled_pupils"),
        week(C, "2025-09-22", 0, 0, 0, 0, 0, null, 0, null, 0, null, "warning", "no_enrolled_pupils"));
  }

  @Test
  void silenceIsCountedOverTheConfiguredNumberOfSchoolWeeks(SparkSession spark) {
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("k1", "p1", A, "parnassys", "1a", 1, "2025-08-18", null, 2),
        enrolment("k3", "p3", A, "parnassys", "1b", 2, "2025-08-18", null, 3));
    Dataset<Row> events = frame(spark, AttendanceEvents.SCHEMA,
        coded(A, "p1", "2025-09-01", "sick", 2),
        coded(A, "p3", "2025-09-10", "late", 3));
    Dataset<Row> days = frame(spark, SchoolDays.SCHEMA, calendar(A));

    // One school week is enough to be silent: 1b in week 1, 1a in week 2 (a late arrival is a registration).
    List<Row> silent = DataQuality.weekly(events, enrolments, days, YEAR, REFERENCE, new Thresholds(1, 5))
        .select(DataQuality.WEEK_START, DataQuality.SILENT_CLASS_CODES).collectAsList();

    assertThat(silent).containsExactlyInAnyOrder(
        RowFactory.create(sqlDate("2025-09-01"), "1b"),
        RowFactory.create(sqlDate("2025-09-08"), "1a"),
        RowFactory.create(sqlDate("2025-09-22"), null));
  }

  @Test
  void filesRecordsQuarantineFreshnessUnmappedCodesAndOverlapsPerSchool(SparkSession spark) {
    assertThat(school(spark).collectAsList()).containsExactlyInAnyOrder(
        schoolRow(A, new long[] {3, 1, 1}, new long[] {11, 7, 4},
            Map.of("invalid_bsn", 1L, "unknown_pupil", 2L, "superseded", 1L),
            4, "2025-09-24", 2, 2, 0, 0, null, 1, 1, "warning",
            "rejected_files, quarantined_records, enrolment_overlaps"),
        schoolRow(B, new long[] {2, 1, 0}, new long[] {9, 7, 2}, Map.of("superseded", 1L, "duplicate_row", 1L),
            2, "2025-09-10", 16, 7, 1, 4, "X9 (4)", 0, 1, "warning",
            "stale_registrations, unmapped_codes, enrolment_overlaps"),
        schoolRow(C, new long[] {0, 0, 0}, new long[] {0, 0, 0}, Map.of(),
            0, null, null, 15, 0, 0, null, 0, 0, "warning", "no_files, stale_registrations"));
  }

  @Test
  void aSchoolIsStaleFromTheConfiguredNumberOfSchoolDaysWithoutRegistration(SparkSession spark) {
    // 21CD00 last registered on Wednesday 10 Sep: 7 school days without (11, 12 Sep and week 3).
    // No ledger is given here, so every school also has no_files.
    List<Row> atSeven = schoolStatus(spark, new Thresholds(2, 7));
    List<Row> atEight = schoolStatus(spark, new Thresholds(2, 8));

    assertThat(atSeven).contains(RowFactory.create(B, "no_files, stale_registrations, unmapped_codes, enrolment_overlaps"));
    assertThat(atEight).contains(RowFactory.create(B, "no_files, unmapped_codes, enrolment_overlaps"));
  }

  private static List<Row> schoolStatus(SparkSession spark, Thresholds thresholds) {
    Dataset<Row> enrolments = schoolEnrolments(spark);
    Dataset<Row> events = schoolEvents(spark);
    Dataset<Row> days = frame(spark, SchoolDays.SCHEMA, calendar(A, B, C));
    Dataset<Row> weekly = DataQuality.weekly(events, enrolments, days, YEAR, REFERENCE, thresholds);
    return DataQuality.school(events, enrolments, days, frame(spark, Quarantine.SCHEMA), frame(spark, LEDGER),
            frame(spark, ACCOUNTING), weekly, YEAR, REFERENCE, thresholds)
        .select(DataQuality.BRIN_VESTIGING, DataQuality.REASONS).collectAsList();
  }

  @Test
  void everyCodeOfTheSchoolYearWithItsMapping(SparkSession spark) {
    Dataset<Row> codes = DataQuality.codes(schoolEvents(spark), schoolEnrolments(spark), YEAR, REFERENCE);

    assertThat(codes.collectAsList()).containsExactlyInAnyOrder(
        code(A, "parnassys", "Ziek", null, "sick", "code_table", false, 3, 2, "2025-09-02", "2025-09-24"),
        code(B, "magister", null, null, "present", "system_fallback", false, 1, 1, "2025-09-01", "2025-09-01"),
        code(B, "magister", "X9", "Extra les", "unauthorised", "system_fallback", true, 3, 2, "2025-09-08",
            "2025-09-10"),
        code(B, "magister", "X9", "Extra les", "leave", "system_fallback", true, 1, 1, "2025-09-09", "2025-09-09"));
  }

  private static Row code(String brin, String system, String sourceCode, String description, String category,
      String categorySource, boolean unmapped, long events, long registrations, String first, String last) {
    return RowFactory.create(YEAR, sqlDate("2025-09-26"), brin, system, sourceCode, description, category,
        categorySource, unmapped, events, registrations, sqlDate(first), sqlDate(last));
  }

  @Test
  void thereIsAQuarantineColumnForEveryRule() throws IllegalAccessException {
    List<String> rules = new ArrayList<>();
    for (Field f : Quarantine.Rule.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        rules.add((String) f.get(null));
      }
    }

    assertThat(DataQuality.QUARANTINE_RULES).containsExactlyInAnyOrderElementsOf(rules);
  }
}
