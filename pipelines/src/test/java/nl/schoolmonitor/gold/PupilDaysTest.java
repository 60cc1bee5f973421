package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.enrolment;
import static nl.schoolmonitor.gold.GoldFixtures.event;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.namesAndTypes;
import static nl.schoolmonitor.gold.GoldFixtures.schoolDay;
import static nl.schoolmonitor.gold.GoldFixtures.schoolDays;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.silver.AttendanceEvents;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.SchoolDays;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class PupilDaysTest {

  private static final String VO = "21CD00";
  private static final String PO = "07AB00";
  private static final String MBO = "25GH00";
  private static final LocalDate MONDAY = d("2025-09-01");
  private static final LocalDate REFERENCE = d("2025-10-31");
  private static final boolean REMOVED_FROM_CLASS_UNAUTHORISED = false;

  @Test
  void schemaIsTheDeclaredOne(SparkSession spark) {
    Dataset<Row> days = PupilDays.build(
        frame(spark, Enrolments.SCHEMA, enrolment("p1", VO, d("2025-08-18"), null)),
        frame(spark, SchoolDays.SCHEMA, schoolDay(VO, MONDAY, 300)),
        frame(spark, AttendanceEvents.SCHEMA), REFERENCE, REMOVED_FROM_CLASS_UNAUTHORISED);

    assertThat(namesAndTypes(days.schema())).containsExactlyElementsOf(namesAndTypes(PupilDays.SCHEMA));
    assertThat(days.columns()).containsExactly(
        "brin_vestiging", "school_pupil_key", "pupil_key", "date", "school_year", "week_start", "scheduled_minutes",
        "missed_minutes", "missed_sick", "missed_medical", "missed_leave", "missed_suspended",
        "missed_removed_from_class", "missed_unauthorised", "missed_luxury_leave", "unauthorised_minutes",
        "late_count", "late_minutes");
  }

  @Test
  void overlappingRegistrationsOfASlotCountOnceInTheAuthorisedCategory(SparkSession spark) {
    String p1 = VO + "-p1";
    Dataset<Row> events = frame(spark, AttendanceEvents.SCHEMA,
        // L1: sick beats unauthorised (benefit of the doubt).
        event(VO, p1, MONDAY, "L1", 50, 50, false, "sick", null),
        event(VO, p1, MONDAY, "L1", 50, 50, false, "unauthorised", null),
        // L2: the same report exported twice counts once.
        event(VO, p1, MONDAY, "L2", 50, 50, false, "unauthorised", null),
        event(VO, p1, MONDAY, "L2", 50, 50, false, "unauthorised", null),
        // L3: sick wins with the most minutes any sick row of the slot missed (50, not 20 + 50).
        event(VO, p1, MONDAY, "L3", 50, 20, false, "sick", null),
        event(VO, p1, MONDAY, "L3", 50, 50, false, "sick", null),
        event(VO, p1, MONDAY, "L3", 50, 50, false, "medical", null),
        // L4: present and a forgotten book miss nothing.
        event(VO, p1, MONDAY, "L4", 50, 0, false, "present", null),
        event(VO, p1, MONDAY, "L4", 50, 0, false, "not_absence", null));

    List<Row> days = build(spark, List.of(enrolment("p1", VO, d("2025-08-18"), null)),
        List.of(schoolDay(VO, MONDAY, 300)), events);

    // sick 50 (L1) + 50 (L3) = 100; unauthorised 50 (L2).
    assertThat(days).containsExactlyInAnyOrder(
        day(VO, "p1", "2025-09-01", 300, 150, Map.of(Category.SICK, 100L, Category.UNAUTHORISED, 50L), 50, 0, 0));
  }

  @Test
  void anExemptionTakesTheSlotOffTheScheduleAndBeatsAbsence(SparkSession spark) {
    String p2 = VO + "-p2";
    Dataset<Row> events = frame(spark, AttendanceEvents.SCHEMA,
        event(VO, p2, MONDAY, "L5", 50, 0, false, "exempt", null),
        event(VO, p2, MONDAY, "L5", 50, 50, false, "unauthorised", null),
        event(VO, p2, MONDAY, "L6", 50, 50, false, "unauthorised", null));

    List<Row> days = build(spark, List.of(enrolment("p2", VO, d("2025-08-18"), null)),
        List.of(schoolDay(VO, MONDAY, 300)), events);

    // 300 - 50 exempt = 250 scheduled; only L6 is missed.
    assertThat(days).containsExactlyInAnyOrder(
        day(VO, "p2", "2025-09-01", 250, 50, Map.of(Category.UNAUTHORISED, 50L), 50, 0, 0));
  }

  @Test
  void aDayIsCappedAtItsScheduleByReducingTheLowestPriorityCategoriesFirst(SparkSession spark) {
    String p3 = VO + "-p3";
    LocalDate tuesday = MONDAY.plusDays(1);
    Dataset<Row> events = frame(spark, AttendanceEvents.SCHEMA,
        // Monday, 200 scheduled: leave 100 + unauthorised 100 + luxury leave 50 = 250 raw.
        event(VO, p3, MONDAY, "L1", 50, 50, false, "leave", null),
        event(VO, p3, MONDAY, "L2", 50, 50, false, "leave", null),
        event(VO, p3, MONDAY, "L3", 50, 50, false, "unauthorised", null),
        event(VO, p3, MONDAY, "L4", 50, 50, false, "unauthorised", null),
        event(VO, p3, MONDAY, "L5", 50, 50, false, "luxury_leave", null),
        // Tuesday, 120 scheduled: sick 50 + unauthorised 100 = 150 raw.
        event(VO, p3, tuesday, "L1", 50, 50, false, "sick", null),
        event(VO, p3, tuesday, "L2", 50, 50, false, "unauthorised", null),
        event(VO, p3, tuesday, "L3", 50, 50, false, "unauthorised", null));

    List<Row> days = build(spark, List.of(enrolment("p3", VO, d("2025-08-18"), null)),
        List.of(schoolDay(VO, MONDAY, 200), schoolDay(VO, tuesday, 120)), events);

    // Monday: luxury leave (lowest priority) loses its 50. Tuesday: unauthorised keeps 120 - 50 = 70,
    // the cap never turns unauthorised time into sick time.
    assertThat(days).containsExactlyInAnyOrder(
        day(VO, "p3", "2025-09-01", 200, 200, Map.of(Category.LEAVE, 100L, Category.UNAUTHORISED, 100L), 100, 0, 0),
        day(VO, "p3", "2025-09-02", 120, 120, Map.of(Category.SICK, 50L, Category.UNAUTHORISED, 70L), 70, 0, 0));
  }

  @Test
  void mboScheduleComesFromTheObservations(SparkSession spark) {
    String s1 = MBO + "-s1";
    LocalDate tuesday = MONDAY.plusDays(1);
    LocalDate wednesday = MONDAY.plusDays(2);
    Dataset<Row> events = frame(spark, AttendanceEvents.SCHEMA,
        // Monday: P 60 + A 90 (all missed) + D 60 (half missed) are the timetable; N is not scheduled.
        event(MBO, s1, MONDAY, "T08:30", 60, 0, true, "present", null),
        event(MBO, s1, MONDAY, "T09:30", 90, 90, true, "unauthorised", null),
        event(MBO, s1, MONDAY, "T11:00", 60, 30, true, "unauthorised", null),
        event(MBO, s1, MONDAY, "T13:00", 60, 0, false, "not_absence", null),
        // Wednesday: only an N observation: no scheduled lesson, so no school day of this student.
        event(MBO, s1, wednesday, "T08:30", 60, 0, false, "not_absence", null));

    List<Row> days = build(spark, List.of(enrolment("s1", MBO, d("2025-08-18"), null)),
        List.of(schoolDay(MBO, MONDAY, null), schoolDay(MBO, tuesday, null), schoolDay(MBO, wednesday, null)),
        events);

    // Tuesday (no observation) and Wednesday (nothing scheduled) are not school days of s1.
    assertThat(days).containsExactlyInAnyOrder(
        day(MBO, "s1", "2025-09-01", 210, 120, Map.of(Category.UNAUTHORISED, 120L), 120, 0, 0));
  }

  @Test
  void lateArrivalsAreCountedButNotMissed(SparkSession spark) {
    String p4 = VO + "-p4";
    Dataset<Row> events = frame(spark, AttendanceEvents.SCHEMA,
        event(VO, p4, MONDAY, "L1", 50, 0, false, "late", 10),
        event(VO, p4, MONDAY, "L2", 50, 0, false, "late", null),
        event(VO, p4, MONDAY, "L3", 50, 0, false, "late", 5),
        event(VO, p4, MONDAY, "L3", 50, 50, false, "unauthorised", null));

    List<Row> days = build(spark, List.of(enrolment("p4", VO, d("2025-08-18"), null)),
        List.of(schoolDay(VO, MONDAY, 300)), events);

    // Three late slots, 10 + 0 (unknown) + 5 minutes; only L3's unauthorised registration is missed.
    assertThat(days).containsExactlyInAnyOrder(
        day(VO, "p4", "2025-09-01", 300, 50, Map.of(Category.UNAUTHORISED, 50L), 50, 3, 15));
  }

  @Test
  void onlySchoolDaysWithinTheEnrolmentAndUpToTheReferenceDateCount(SparkSession spark) {
    LocalDate reference = d("2025-09-04");
    List<Row> enrolments = List.of(
        enrolment("joiner", VO, d("2025-09-03"), null),
        enrolment("leaver", VO, d("2025-08-18"), d("2025-09-02")),
        // The same enrolment listed twice with overlapping periods: each day once.
        enrolment("twice", VO, d("2025-08-18"), null),
        enrolment("twice", VO, d("2025-09-04"), null));
    Dataset<Row> events = frame(spark, AttendanceEvents.SCHEMA,
        event(VO, VO + "-joiner", d("2025-09-02"), "L1", 50, 50, false, "unauthorised", null), // before joining
        event(VO, VO + "-joiner", d("2025-09-03"), "L1", 50, 50, false, "sick", null),
        event(VO, VO + "-leaver", d("2025-09-03"), "L1", 50, 50, false, "unauthorised", null), // after leaving
        event(VO, VO + "-twice", d("2025-09-05"), "L1", 50, 50, false, "unauthorised", null), // after the reference date
        event(VO, VO + "-twice", d("2025-09-06"), "L1", 50, 50, false, "unauthorised", null), // Saturday
        event(VO, VO + "-nobody", d("2025-09-03"), "L1", 50, 50, false, "unauthorised", null)); // not enrolled

    List<Row> days = build(spark, enrolments, schoolDays(VO, MONDAY, 5, 300), events, reference);

    assertThat(days).containsExactlyInAnyOrder(
        day(VO, "joiner", "2025-09-03", 300, 50, Map.of(Category.SICK, 50L), 0, 0, 0),
        day(VO, "joiner", "2025-09-04", 300, 0, Map.of(), 0, 0, 0),
        day(VO, "leaver", "2025-09-01", 300, 0, Map.of(), 0, 0, 0),
        day(VO, "leaver", "2025-09-02", 300, 0, Map.of(), 0, 0, 0),
        day(VO, "twice", "2025-09-01", 300, 0, Map.of(), 0, 0, 0),
        day(VO, "twice", "2025-09-02", 300, 0, Map.of(), 0, 0, 0),
        day(VO, "twice", "2025-09-03", 300, 0, Map.of(), 0, 0, 0),
        day(VO, "twice", "2025-09-04", 300, 0, Map.of(), 0, 0, 0));
  }

  @Test
  void removedFromClassIsUnauthorisedUnlessTheRegionAuthorisesIt(SparkSession spark) {
    String p5 = PO + "-p5";
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA, enrolment("p5", PO, d("2025-08-18"), null));
    Dataset<Row> schoolDays = frame(spark, SchoolDays.SCHEMA, schoolDay(PO, MONDAY, 330));
    Dataset<Row> events = frame(spark, AttendanceEvents.SCHEMA,
        event(PO, p5, MONDAY, "afternoon", 120, 120, false, "removed_from_class", null));

    List<Row> unauthorised = PupilDays.build(enrolments, schoolDays, events, REFERENCE, false).collectAsList();
    List<Row> authorised = PupilDays.build(enrolments, schoolDays, events, REFERENCE, true).collectAsList();

    assertThat(unauthorised).containsExactlyInAnyOrder(
        day(PO, "p5", "2025-09-01", 330, 120, Map.of(Category.REMOVED_FROM_CLASS, 120L), 120, 0, 0));
    assertThat(authorised).containsExactlyInAnyOrder(
        day(PO, "p5", "2025-09-01", 330, 120, Map.of(Category.REMOVED_FROM_CLASS, 120L), 0, 0, 0));
  }

  private static List<Row> build(SparkSession spark, List<Row> enrolments, List<Row> schoolDays, Dataset<Row> events) {
    return build(spark, enrolments, schoolDays, events, REFERENCE);
  }

  private static List<Row> build(SparkSession spark, List<Row> enrolments, List<Row> schoolDays, Dataset<Row> events,
      LocalDate reference) {
    return PupilDays.build(frame(spark, Enrolments.SCHEMA, enrolments), frame(spark, SchoolDays.SCHEMA, schoolDays),
        events, reference, REMOVED_FROM_CLASS_UNAUTHORISED).collectAsList();
  }

  /** An expected pupil day; categories not in {@code missed} are 0. */
  private static Row day(String brin, String pupil, String date, long scheduled, long missedTotal,
      Map<Category, Long> missed, long unauthorised, int lateCount, long lateMinutes) {
    LocalDate day = d(date);
    List<Object> values = new ArrayList<>(List.of(brin, brin + "-" + pupil, pupil, sqlDate(date),
        GoldFixtures.SCHOOL_YEAR, sqlDate(day.with(java.time.DayOfWeek.MONDAY).toString()), scheduled, missedTotal));
    Category.missed().forEach(c -> values.add(missed.getOrDefault(c, 0L)));
    values.addAll(List.of(unauthorised, lateCount, lateMinutes));
    return RowFactory.create(values.toArray());
  }
}
