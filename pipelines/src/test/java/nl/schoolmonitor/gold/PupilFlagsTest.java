package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.SCHOOL_YEAR;
import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.namesAndTypes;
import static nl.schoolmonitor.gold.GoldFixtures.pupilDay;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.schoolmonitor.config.FlagRule;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The five flags on both sides of every threshold, with the default {@link FlagRule} (960
 * minutes in 4 school weeks; M@ZL 4 episodes in 12 school weeks or the 7th day; 20 days; 10 late
 * arrivals or 200 minutes late in 4 school weeks; 1 day next to a holiday with 1 minute). Every
 * pupil is at one VO school with 300 scheduled minutes a day; the autumn holiday is the week of
 * 20 October 2025 where a test says so (no school days that week). The school's calendar is the
 * days its pupils have, so the first day of a test's calendar follows a "holiday": tests of other
 * flags that have absence on it compare only their own flag.
 */
@ExtendWith(SharedSpark.class)
class PupilFlagsTest {

  private static final String VO = "21CD00";
  private static final LocalDate REFERENCE = d("2025-11-28");
  private static final FlagRule RULE = FlagRule.DEFAULT;
  private static final long SCHEDULED = 300;
  /** Four weeks from 6 October with the autumn holiday (20-24 October) left out: 5 calendar weeks. */
  private static final String[] AROUND_THE_HOLIDAY = {"2025-10-06", "2025-10-13", "2025-10-27", "2025-11-03"};

  @Test
  void schemaIsTheDeclaredOne(SparkSession spark) {
    Dataset<Row> flags = PupilFlags.build(
        pupilDays(spark, days("p", weeks("2025-09-01"), Map.of(), Map.of())), noEnrolments(spark), RULE, REFERENCE);

    assertThat(namesAndTypes(flags.schema())).containsExactlyElementsOf(namesAndTypes(PupilFlags.SCHEMA));
  }

  /**
   * Leerplichtwet art. 21a: 16 hours (960 minutes) in 4 school weeks. The window is the school
   * week of the day and the 3 school weeks before it; a holiday week is no school week.
   */
  @Test
  void reportableOnExactly960UnauthorisedMinutesInFourSchoolWeeks(SparkSession spark) {
    List<Row> days = new ArrayList<>();
    // Four days of 240 in the fifth school week: met on the fourth; the window starts in week 2.
    days.addAll(days("exactly960", weeksFrom("2025-09-01", 5),
        Map.of(), minutesOn(240, "2025-09-29", "2025-09-30", "2025-10-01", "2025-10-02")));
    days.addAll(days("only959", weeksFrom("2025-09-01", 5),
        Map.of(), merged(minutesOn(240, "2025-09-29", "2025-09-30", "2025-10-01"), minutesOn(239, "2025-10-02"))));
    // 240 on the Monday of 4 school weeks that span 5 calendar weeks: the holiday week is skipped.
    days.addAll(days("acrossHoliday", weeks(AROUND_THE_HOLIDAY),
        Map.of(), minutesOn(240, "2025-10-06", "2025-10-13", "2025-10-27", "2025-11-03")));
    // The same Mondays with a school week in between: no 4 consecutive school weeks hold more than 720.
    days.addAll(days("fiveSchoolWeeks", weeksFrom("2025-10-06", 5),
        Map.of(), minutesOn(240, "2025-10-06", "2025-10-13", "2025-10-27", "2025-11-03")));

    List<Row> flags = PupilFlags.build(pupilDays(spark, days), noEnrolments(spark), RULE, REFERENCE).collectAsList();

    assertThat(flags).containsExactlyInAnyOrder(
        flag("exactly960", PupilFlags.REPORTABLE_16H, "2025-10-02", "2025-09-08", "2025-10-05", 960L, null, null, null),
        flag("acrossHoliday", PupilFlags.REPORTABLE_16H, "2025-11-03", "2025-10-06", "2025-11-09", 960L, null, null,
            null));
  }

  /** V3 under 18, V4 from 18 (to the RMC), nothing from 23 (Leerplichtwet art. 21a); unknown birth date: null. */
  @Test
  void reportTypeFollowsTheAgeOnTheDayTheRuleWasMet(SparkSession spark) {
    List<String> pupils = List.of("turns18Tomorrow", "turns18Today", "turns23Today", "birthDateUnknown");
    List<Row> days = new ArrayList<>();
    // Met on Thursday 4 September 2025.
    pupils.forEach(p -> days.addAll(days(p, weeks("2025-09-01"),
        Map.of(), minutesOn(240, "2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04"))));
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        bornOn("turns18Tomorrow", d("2007-09-05")),
        bornOn("turns18Today", d("2007-09-04")),
        bornOn("turns23Today", d("2002-09-04")),
        bornOn("birthDateUnknown", null));

    List<Row> flags = only(PupilFlags.build(pupilDays(spark, days), enrolments, RULE, REFERENCE),
        PupilFlags.REPORTABLE_16H);

    assertThat(flags).containsExactlyInAnyOrder(
        flag("turns18Tomorrow", PupilFlags.REPORTABLE_16H, "2025-09-04", "2025-09-01", "2025-09-07", 960L, null, 17, "V3"),
        flag("turns18Today", PupilFlags.REPORTABLE_16H, "2025-09-04", "2025-09-01", "2025-09-07", 960L, null, 18, "V4"),
        flag("turns23Today", PupilFlags.REPORTABLE_16H, "2025-09-04", "2025-09-01", "2025-09-07", 960L, null, 23, null),
        flag("birthDateUnknown", PupilFlags.REPORTABLE_16H, "2025-09-04", "2025-09-01", "2025-09-07", 960L, null, null,
            null));
  }

  /** M@ZL: 4 sickness episodes starting within 12 school weeks, met on the start of the 4th. */
  @Test
  void mazlByFourEpisodesInTwelveSchoolWeeksAndNotInThirteen(SparkSession spark) {
    List<LocalDate> thirteenWeeks = weeksFrom("2025-09-01", 13);
    List<Row> days = new ArrayList<>();
    // Sick on the Monday of school weeks 1, 4, 8 and 12 (17 November), or 13 (24 November).
    days.addAll(days("weeks1to12", thirteenWeeks,
        minutesOn(SCHEDULED, "2025-09-01", "2025-09-22", "2025-10-20", "2025-11-17"), Map.of()));
    days.addAll(days("weeks1to13", thirteenWeeks,
        minutesOn(SCHEDULED, "2025-09-01", "2025-09-22", "2025-10-20", "2025-11-24"), Map.of()));

    List<Row> flags = only(PupilFlags.build(pupilDays(spark, days), noEnrolments(spark), RULE, REFERENCE),
        PupilFlags.MAZL);

    assertThat(flags).containsExactlyInAnyOrder(
        flag("weeks1to12", PupilFlags.MAZL, "2025-11-17", "2025-09-01", "2025-11-17", null, 4, null, null));
  }

  /**
   * M@ZL: an episode reaching its 7th consecutive school day. Consecutive in school days: Friday
   * and Monday are, and so are the Friday before and the Monday after a holiday week.
   */
  @Test
  void mazlOnTheSeventhConsecutiveSickSchoolDayAcrossWeekendAndHoliday(SparkSession spark) {
    List<Row> days = new ArrayList<>();
    // Thursday 4 September to Monday 15 September: 8 school days, the 7th on Friday 12 September.
    days.addAll(days("acrossWeekend", weeksFrom("2025-09-01", 3),
        minutesOn(SCHEDULED, "2025-09-04", "2025-09-05", "2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11",
            "2025-09-12", "2025-09-15"), Map.of()));
    // Tuesday 14 to Friday 17 October, holiday, Monday 27 to Wednesday 29 October: the 7th is the Wednesday.
    days.addAll(days("acrossHoliday", weeks(AROUND_THE_HOLIDAY),
        minutesOn(SCHEDULED, "2025-10-14", "2025-10-15", "2025-10-16", "2025-10-17", "2025-10-27", "2025-10-28",
            "2025-10-29"), Map.of()));
    // Only 6: Wednesday 15 October to Wednesday 29 October, present on Thursday.
    days.addAll(days("sixDays", weeks(AROUND_THE_HOLIDAY),
        minutesOn(SCHEDULED, "2025-10-15", "2025-10-16", "2025-10-17", "2025-10-27", "2025-10-28", "2025-10-29"),
        Map.of()));

    List<Row> flags = only(PupilFlags.build(pupilDays(spark, days), noEnrolments(spark), RULE, REFERENCE),
        PupilFlags.MAZL);

    assertThat(flags).containsExactlyInAnyOrder(
        flag("acrossWeekend", PupilFlags.MAZL, "2025-09-12", "2025-09-04", "2025-09-15", null, 8, null, null),
        flag("acrossHoliday", PupilFlags.MAZL, "2025-10-29", "2025-10-14", "2025-10-29", null, 7, null, null));
  }

  /**
   * Long absence (thuiszitter candidate): 20 consecutive school days entirely missed, all of it
   * unauthorised; met on the 20th, the run's length counted to its end. Every pupil here also
   * meets the 16-hour rule on the 4th day (tested above), so only long_absence is compared.
   */
  @Test
  void longAbsenceOnTwentyWholeUnauthorisedDaysNotNineteenAndBrokenByAnAuthorisedDay(SparkSession spark) {
    List<LocalDate> fromOctober = Stream.concat(weeks(AROUND_THE_HOLIDAY).stream(), weeksFrom("2025-11-10", 3).stream())
        .toList();
    List<Row> days = new ArrayList<>();
    // 6 October - 11 November: 22 school days (the holiday week is none); the 20th is 7 November.
    days.addAll(days("twentyTwo", fromOctober, Map.of(), minutesOn(SCHEDULED, firstDays(fromOctober, 22))));
    days.addAll(days("nineteen", fromOctober, Map.of(), minutesOn(SCHEDULED, firstDays(fromOctober, 19))));
    // 21 days with the 11th (27 October) sick, so authorised: two runs of 10.
    Map<LocalDate, Long> sickOnThe11th = minutesOn(SCHEDULED, "2025-10-27");
    Map<LocalDate, Long> allButThe11th = new HashMap<>(minutesOn(SCHEDULED, firstDays(fromOctober, 21)));
    allButThe11th.keySet().removeAll(sickOnThe11th.keySet());
    days.addAll(days("brokenBySickDay", fromOctober, sickOnThe11th, allButThe11th));
    // 21 days with the 11th exempt all day (nothing scheduled): skipped, not a break; the 20th is 10 November.
    days.addAll(days("exemptDayInside", fromOctober, Map.of(), minutesOn(SCHEDULED, firstDays(fromOctober, 21))).stream()
        .map(r -> dateOf(r).equals(d("2025-10-27")) ? pupilDay(VO, "exemptDayInside", d("2025-10-27"), 0, 0, 0,
            0, 0) : r)
        .toList());
    // Whole days missed but a part of one authorised: not all of it unauthorised.
    Map<LocalDate, Long> partlyAuthorised = new HashMap<>(minutesOn(SCHEDULED, firstDays(fromOctober, 20)));
    partlyAuthorised.put(d("2025-10-27"), SCHEDULED - 50);
    days.addAll(days("partlyAuthorised", fromOctober, minutesOn(50, "2025-10-27"), partlyAuthorised));

    List<Row> flags = PupilFlags.build(pupilDays(spark, days), noEnrolments(spark), RULE, REFERENCE)
        .where(col(PupilFlags.FLAG).equalTo(PupilFlags.LONG_ABSENCE))
        .collectAsList();

    assertThat(flags).containsExactlyInAnyOrder(
        flag("twentyTwo", PupilFlags.LONG_ABSENCE, "2025-11-07", "2025-10-06", "2025-11-11", null, 22, null, null),
        flag("exemptDayInside", PupilFlags.LONG_ABSENCE, "2025-11-10", "2025-10-06", "2025-11-10", null, 20, null,
            null));
  }

  /**
   * Null minutes count as 0 (STYLE.md: null-safe predicates): a day without a sick value breaks
   * an episode instead of joining it, and null unauthorised minutes neither add nor poison a sum.
   */
  @Test
  void nullMinutesCountAsNothing(SparkSession spark) {
    StructType nullable = PupilDays.SCHEMA.asNullable();
    List<Row> days = new ArrayList<>();
    List<LocalDate> fourWeeks = weeksFrom("2025-09-01", 4);
    Map<LocalDate, Long> sick = minutesOn(SCHEDULED, "2025-09-01", "2025-09-02", "2025-09-03",
        "2025-09-05", "2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11", "2025-09-12", "2025-09-15");
    Map<LocalDate, Long> unauthorised = minutesOn(240, "2025-09-23", "2025-09-24", "2025-09-25", "2025-09-26");
    for (Row r : days("nulls", fourWeeks, sick, unauthorised)) {
      LocalDate date = dateOf(r);
      boolean unknownMinutes = date.equals(d("2025-09-04")) || date.equals(d("2025-09-22"));
      days.add(unknownMinutes ? rowOf(nullable, PupilDays.BRIN_VESTIGING, VO, PupilDays.SCHOOL_PUPIL_KEY, VO + "-nulls",
          PupilDays.PUPIL_KEY, "nulls", PupilDays.DATE, date, PupilDays.SCHOOL_YEAR, SCHOOL_YEAR,
          PupilDays.WEEK_START, date.with(DayOfWeek.MONDAY), PupilDays.SCHEDULED_MINUTES, SCHEDULED) : r);
    }

    List<Row> flags = only(PupilFlags.build(frame(spark, nullable, days), noEnrolments(spark), RULE, REFERENCE),
        PupilFlags.MAZL, PupilFlags.REPORTABLE_16H);

    // Sick 1-3 September, unknown on the 4th, sick 5-15 September: the episode starts on the 5th,
    // so its 7th day is 15 September (not 9 September, as it would be if null were sick).
    assertThat(flags).containsExactlyInAnyOrder(
        flag("nulls", PupilFlags.MAZL, "2025-09-15", "2025-09-05", "2025-09-15", null, 7, null, null),
        flag("nulls", PupilFlags.REPORTABLE_16H, "2025-09-26", "2025-09-01", "2025-09-28", 960L, null, null, null));
  }

  /**
   * Late pattern (seed 000: 10 minutes late a day is half a school year lost): 10 late arrivals or
   * 200 minutes late within 4 consecutive school weeks, met on the day the window reaches either.
   * Late arrivals are counted per slot, so two days with 5 late lessons each are 10.
   */
  @Test
  void latePatternOnTenLateArrivalsOrTwoHundredMinutesInFourSchoolWeeks(SparkSession spark) {
    List<LocalDate> fiveWeeks = weeksFrom("2025-09-01", 5);
    List<Row> days = new ArrayList<>();
    // Late 5 minutes on the 10 school days 8-19 September: the 10th arrival on Friday 19 September.
    days.addAll(lateDays("tenLates", fiveWeeks, lates(1, 5, firstDays(weekdaysFrom("2025-09-08"), 10))));
    days.addAll(lateDays("nineLates", fiveWeeks, lates(1, 5, firstDays(weekdaysFrom("2025-09-08"), 9))));
    // 5 late lessons on each of two days, minutes unknown (0).
    days.addAll(lateDays("fiveLessonsTwice", fiveWeeks, lates(5, 0, "2025-09-01", "2025-09-02")));
    // 50 minutes late on the Monday of school weeks 1 to 4: 200 on 22 September.
    days.addAll(lateDays("twoHundredMinutes", fiveWeeks,
        lates(1, 50, "2025-09-01", "2025-09-08", "2025-09-15", "2025-09-22")));
    Map<LocalDate, long[]> oneNinetyNine = lates(1, 50, "2025-09-01", "2025-09-08", "2025-09-15");
    oneNinetyNine.putAll(lates(1, 49, "2025-09-22"));
    days.addAll(lateDays("oneNinetyNine", fiveWeeks, oneNinetyNine));
    // 100 in school week 1 and 100 in school week 5: never within 4 consecutive school weeks.
    days.addAll(lateDays("weeksOneAndFive", fiveWeeks, lates(1, 100, "2025-09-01", "2025-09-29")));

    List<Row> flags = PupilFlags.build(pupilDays(spark, days), noEnrolments(spark), RULE, REFERENCE).collectAsList();

    assertThat(flags).containsExactlyInAnyOrder(
        flag("tenLates", PupilFlags.LATE_PATTERN, "2025-09-19", "2025-09-01", "2025-09-21", 50L, 10, null, null),
        flag("fiveLessonsTwice", PupilFlags.LATE_PATTERN, "2025-09-02", "2025-09-01", "2025-09-07", 0L, 10, null,
            null),
        flag("twoHundredMinutes", PupilFlags.LATE_PATTERN, "2025-09-22", "2025-09-01", "2025-09-28", 200L, 4, null,
            null));
  }

  /**
   * Holiday-adjacent absence (luxe-verzuim signal, DOMAIN.md section 5), with the default rule (1
   * day with 1 minute). The school has school days 29 September - 7 November except Wednesday 8
   * October (a study day) and the autumn holiday 20-24 October; the reference date is 7 November,
   * so whether Friday 7 November comes before a holiday is not known yet.
   */
  @Test
  void holidayAdjacentAbsenceOnTheDaysNextToAHolidayAndAnyAbsenceOnTheMondayAfter(SparkSession spark) {
    List<Row> days = new ArrayList<>();
    days.addAll(absences("fridayBefore", Map.of(), minutesOn(50, "2025-10-17")));
    days.addAll(absences("oneMinuteFridayBefore", Map.of(), minutesOn(1, "2025-10-17")));
    days.addAll(absences("sickFridayBefore", minutesOn(SCHEDULED, "2025-10-17"), Map.of()));
    days.addAll(absences("thursdayBefore", Map.of(), minutesOn(SCHEDULED, "2025-10-16")));
    days.addAll(absences("sickMondayAfter", minutesOn(SCHEDULED, "2025-10-27"), Map.of()));
    days.addAll(absences("sickTuesdayAfter", minutesOn(SCHEDULED, "2025-10-28"), Map.of()));
    days.addAll(absences("tuesdayBeforeStudyDay", Map.of(), minutesOn(100, "2025-10-07")));
    days.addAll(absences("thursdayAfterStudyDay", Map.of(), minutesOn(100, "2025-10-09")));
    days.addAll(absences("mondayAfterAWeekend", minutesOn(SCHEDULED, "2025-10-13"), minutesOn(0, "2025-10-13")));
    days.addAll(absences("lastDayCounted", Map.of(), minutesOn(SCHEDULED, "2025-11-07")));

    List<Row> flags = PupilFlags.build(pupilDays(spark, days), noEnrolments(spark), RULE, d("2025-11-07"))
        .collectAsList();

    assertThat(flags).containsExactlyInAnyOrder(
        holidayFlag("fridayBefore", "2025-10-17", "2025-10-17", 50L, 1),
        holidayFlag("oneMinuteFridayBefore", "2025-10-17", "2025-10-17", 1L, 1),
        holidayFlag("sickMondayAfter", "2025-10-27", "2025-10-27", 300L, 1),
        holidayFlag("tuesdayBeforeStudyDay", "2025-10-07", "2025-10-07", 100L, 1),
        holidayFlag("thursdayAfterStudyDay", "2025-10-09", "2025-10-09", 100L, 1));
  }

  /** With 60 minutes and 2 days: met on the second day that counts, the evidence summed over both. */
  @Test
  void holidayAdjacentAbsenceCountsDaysUpToTheConfiguredNumber(SparkSession spark) {
    FlagRule twoDaysOfAnHour = new FlagRule(960, 4, 4, 12, 7, 20, 10, 200, 4, 60, 2);
    List<Row> days = new ArrayList<>();
    days.addAll(absences("twoDays", minutesOn(SCHEDULED, "2025-10-27"), minutesOn(60, "2025-10-17")));
    days.addAll(absences("fiftyNineAndADay", minutesOn(SCHEDULED, "2025-10-27"), minutesOn(59, "2025-10-17")));
    days.addAll(absences("oneDay", Map.of(), minutesOn(60, "2025-10-17")));

    List<Row> flags = PupilFlags.build(pupilDays(spark, days), noEnrolments(spark), twoDaysOfAnHour, d("2025-11-07"))
        .collectAsList();

    assertThat(flags).containsExactlyInAnyOrder(holidayFlag("twoDays", "2025-10-27", "2025-10-17", 360L, 2));
  }

  /** The date of a fixture row of {@link PupilDays#SCHEMA} (fixtures hold java.time dates). */
  private static LocalDate dateOf(Row pupilDay) {
    return (LocalDate) pupilDay.get(PupilDays.SCHEMA.fieldIndex(PupilDays.DATE));
  }

  private static Dataset<Row> pupilDays(SparkSession spark, List<Row> days) {
    return frame(spark, PupilDays.SCHEMA, days);
  }

  private static List<Row> only(Dataset<Row> flags, String... flagNames) {
    return flags.where(col(PupilFlags.FLAG).isin((Object[]) flagNames)).collectAsList();
  }

  /**
   * The pupil's days in the school calendar of the holiday tests: 29 September - 7 November without
   * the study day 8 October and the autumn holiday week of 20 October.
   */
  private static List<Row> absences(String pupil, Map<LocalDate, Long> sick, Map<LocalDate, Long> unauthorised) {
    List<LocalDate> calendar = weeks("2025-09-29", "2025-10-06", "2025-10-13", "2025-10-27", "2025-11-03").stream()
        .filter(day -> !day.equals(d("2025-10-08")))
        .toList();
    return days(pupil, calendar, sick, unauthorised);
  }

  /** The pupil's school days at {@link #VO} with late arrivals: per day {count, minutes}, nothing missed. */
  private static List<Row> lateDays(String pupil, List<LocalDate> schoolDays, Map<LocalDate, long[]> late) {
    return schoolDays.stream()
        .map(day -> {
          long[] countAndMinutes = late.getOrDefault(day, new long[] {0, 0});
          return pupilDay(VO, pupil, day, SCHEDULED, 0, 0, (int) countAndMinutes[0], countAndMinutes[1]);
        })
        .toList();
  }

  private static Map<LocalDate, long[]> lates(long count, long minutes, String... dates) {
    Map<LocalDate, long[]> byDay = new HashMap<>();
    Arrays.stream(dates).forEach(date -> byDay.put(d(date), new long[] {count, minutes}));
    return byDay;
  }

  private static List<LocalDate> weekdaysFrom(String monday) {
    return GoldFixtures.weekdays(d(monday), 20);
  }

  private static Dataset<Row> noEnrolments(SparkSession spark) {
    return frame(spark, Enrolments.SCHEMA, List.of());
  }

  /** The pupil's school days at {@link #VO}, 300 minutes each, sick and unauthorised minutes as given. */
  private static List<Row> days(String pupil, List<LocalDate> schoolDays, Map<LocalDate, Long> sick,
      Map<LocalDate, Long> unauthorised) {
    return schoolDays.stream()
        .map(day -> pupilDay(VO, pupil, day, SCHEDULED, sick.getOrDefault(day, 0L), unauthorised.getOrDefault(day, 0L),
            0, 0))
        .toList();
  }

  /** Monday to Friday of each week starting on the given Mondays. */
  private static List<LocalDate> weeks(String... mondays) {
    return Arrays.stream(mondays).flatMap(m -> GoldFixtures.weekdays(d(m), 5).stream()).toList();
  }

  /** Monday to Friday of {@code count} weeks in a row from the given Monday. */
  private static List<LocalDate> weeksFrom(String monday, int count) {
    return GoldFixtures.weekdays(d(monday), 5 * count);
  }

  private static String[] firstDays(List<LocalDate> days, int count) {
    return days.stream().limit(count).map(LocalDate::toString).toArray(String[]::new);
  }

  private static Map<LocalDate, Long> minutesOn(long minutes, String... dates) {
    Map<LocalDate, Long> byDay = new HashMap<>();
    Arrays.stream(dates).forEach(date -> byDay.put(d(date), minutes));
    return byDay;
  }

  private static Map<LocalDate, Long> merged(Map<LocalDate, Long> first, Map<LocalDate, Long> second) {
    Map<LocalDate, Long> both = new HashMap<>(first);
    both.putAll(second);
    return both;
  }

  private static Row bornOn(String pupil, LocalDate birthDate) {
    return rowOf(Enrolments.SCHEMA, Enrolments.PUPIL_KEY, pupil, Enrolments.SCHOOL_PUPIL_KEY, VO + "-" + pupil,
        Enrolments.BRIN_VESTIGING, VO, Enrolments.SYSTEM, "magister", Enrolments.BIRTH_DATE, birthDate,
        Enrolments.ENROLMENT_START, d("2025-08-18"));
  }

  private static Row holidayFlag(String pupil, String firstMet, String windowStart, Long minutes, Integer count) {
    return flag(pupil, PupilFlags.HOLIDAY_ADJACENT_ABSENCE, firstMet, windowStart, firstMet, minutes, count, null, null);
  }

  private static Row flag(String pupil, String flag, String firstMet, String windowStart, String windowEnd,
      Long minutes, Integer count, Integer age, String reportType) {
    return RowFactory.create(VO, VO + "-" + pupil, pupil, flag, sqlDate(firstMet), sqlDate(windowStart),
        sqlDate(windowEnd), minutes, count, age, reportType);
  }
}
