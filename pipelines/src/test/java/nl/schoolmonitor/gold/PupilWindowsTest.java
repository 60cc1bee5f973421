package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.namesAndTypes;
import static nl.schoolmonitor.gold.GoldFixtures.pupilDay;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.config.TierRule;
import nl.schoolmonitor.config.TierRule.Boundaries;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class PupilWindowsTest {

  private static final String VO = "21CD00";
  private static final LocalDate FIRST_DAY = d("2025-09-01");
  private static final LocalDate REFERENCE = d("2025-10-31");
  private static final String SYTD = PupilWindows.SCHOOL_YEAR_TO_DATE;
  private static final TierRule INCLUSIVE = TierRule.DEFAULT;
  private static final TierRule STRICT = new TierRule(new BigDecimal("5.0"), new BigDecimal("10.0"), Boundaries.STRICT, 20);

  /**
   * Twenty school days each (the default minimum), missed minutes on the first days: 5 and 10 of
   * 100 sit exactly on the boundaries; 49, 51, 99 and 101 of 1000 just beside them.
   */
  private static Dataset<Row> boundaryPupils(SparkSession spark) {
    List<Row> days = new ArrayList<>();
    days.addAll(withMissedOnFirstDays(VO, "at5", 20, 5, 5));                    // 5 of 100
    days.addAll(withMissedOnFirstDays(VO, "at10", 20, 5, 10));                  // 10 of 100
    days.addAll(withMissedOnFirstDays(VO, "at4.9", 20, 50, 49));                // 49 of 1000
    days.addAll(withMissedOnFirstDays(VO, "at5.1", 20, 50, 51));                // 51 of 1000
    days.addAll(withMissedOnFirstDays(VO, "at9.9", 20, 50, 99));                // 99 of 1000
    days.addAll(withMissedOnFirstDays(VO, "at10.1", 20, 50, 101));              // 101 of 1000
    days.addAll(withMissedOnFirstDays(VO, "days19", 19, 50, 0));                // one day short
    days.addAll(withMissedOnFirstDays(VO, "nothingScheduled", 20, 0, 0));       // fully exempt
    return frame(spark, PupilDays.SCHEMA, days);
  }

  @Test
  void schemaIsTheDeclaredOne(SparkSession spark) {
    Dataset<Row> windows = PupilWindows.schoolYearToDate(boundaryPupils(spark), INCLUSIVE, REFERENCE);

    assertThat(namesAndTypes(windows.schema())).containsExactlyElementsOf(namesAndTypes(PupilWindows.SCHEMA));
    assertThat(namesAndTypes(PupilWindows.schoolWeeks(boundaryPupils(spark), INCLUSIVE).schema()))
        .containsExactlyElementsOf(namesAndTypes(PupilWindows.SCHEMA));
    assertThat(namesAndTypes(PupilWindows.schoolYearToDateByWeek(boundaryPupils(spark), INCLUSIVE).schema()))
        .containsExactlyElementsOf(namesAndTypes(PupilWindows.SCHEMA));
    assertThat(namesAndTypes(PupilWindows.rollingWeeks(boundaryPupils(spark), INCLUSIVE, REFERENCE, 4).schema()))
        .containsExactlyElementsOf(namesAndTypes(PupilWindows.SCHEMA));
  }

  @Test
  void inclusiveBoundariesPutExactly5PercentInTier1AndExactly10PercentInTier3(SparkSession spark) {
    List<Row> windows = PupilWindows.schoolYearToDate(boundaryPupils(spark), INCLUSIVE, REFERENCE).collectAsList();

    assertThat(windows).containsExactlyInAnyOrder(
        sytd("at5", 20, 100, 5, 5.0, 1),
        sytd("at10", 20, 100, 10, 10.0, 3),
        sytd("at4.9", 20, 1000, 49, 4.9, 1),
        sytd("at5.1", 20, 1000, 51, 5.1, 2),
        sytd("at9.9", 20, 1000, 99, 9.9, 2),
        sytd("at10.1", 20, 1000, 101, 10.1, 3),
        sytd("days19", 19, 950, 0, 0.0, null),
        sytd("nothingScheduled", 20, 0, 0, null, null));
  }

  @Test
  void strictBoundariesPutExactly5And10PercentInTier2(SparkSession spark) {
    List<Row> windows = PupilWindows.schoolYearToDate(boundaryPupils(spark), STRICT, REFERENCE).collectAsList();

    assertThat(windows).containsExactlyInAnyOrder(
        sytd("at5", 20, 100, 5, 5.0, 2),
        sytd("at10", 20, 100, 10, 10.0, 2),
        sytd("at4.9", 20, 1000, 49, 4.9, 1),
        sytd("at5.1", 20, 1000, 51, 5.1, 2),
        sytd("at9.9", 20, 1000, 99, 9.9, 2),
        sytd("at10.1", 20, 1000, 101, 10.1, 3),
        sytd("days19", 19, 950, 0, 0.0, null),
        sytd("nothingScheduled", 20, 0, 0, null, null));
  }

  @Test
  void schoolYearToDateCountsOnlyThisSchoolYearUpToTheReferenceDate(SparkSession spark) {
    TierRule oneDay = new TierRule(new BigDecimal("5.0"), new BigDecimal("10.0"), Boundaries.INCLUSIVE, 1);
    Dataset<Row> days = frame(spark, PupilDays.SCHEMA,
        pupilDay(VO, "p1", d("2025-07-15"), 300, 0, 300, 0, 0),  // previous school year
        pupilDay(VO, "p1", d("2025-10-30"), 300, 30, 0, 1, 10),
        pupilDay(VO, "p1", d("2025-10-31"), 300, 0, 0, 0, 0),    // the reference date itself
        pupilDay(VO, "p1", d("2025-11-03"), 300, 0, 300, 0, 0)); // after it

    List<Row> windows = PupilWindows.schoolYearToDate(days, oneDay, REFERENCE).collectAsList();

    assertThat(windows).containsExactlyInAnyOrder(
        window("p1", SYTD, "2025-08-01", "2025-10-31", 2, 600, 30, 0, 1, 10, 5.0, 1));
  }

  @Test
  void schoolWeeksRunMondayToSundayOverTheDaysOfThatWeek(SparkSession spark) {
    Dataset<Row> days = frame(spark, PupilDays.SCHEMA,
        pupilDay(VO, "p1", d("2025-09-01"), 300, 0, 50, 0, 0),
        pupilDay(VO, "p1", d("2025-09-02"), 300, 0, 0, 2, 15),
        pupilDay(VO, "p1", d("2025-09-03"), 300, 100, 0, 0, 0),
        pupilDay(VO, "p1", d("2025-09-08"), 300, 0, 0, 0, 0));

    List<Row> windows = PupilWindows.schoolWeeks(days, INCLUSIVE).collectAsList();

    // A week never has the 20 school days of the default rule: its minutes are for the trend.
    assertThat(windows).containsExactlyInAnyOrder(
        window("p1", PupilWindows.SCHOOL_WEEK, "2025-09-01", "2025-09-07", 3, 900, 100, 50, 2, 15, 150 * 100.0 / 900, null),
        window("p1", PupilWindows.SCHOOL_WEEK, "2025-09-08", "2025-09-14", 1, 300, 0, 0, 0, 0, 0.0, null));
  }

  @Test
  void schoolYearToDateByWeekKeepsLeaversAndStartsJoinersAtTheirFirstWeek(SparkSession spark) {
    TierRule twoDays = new TierRule(new BigDecimal("5.0"), new BigDecimal("10.0"), Boundaries.INCLUSIVE, 2);
    // School weeks of 21CD00: 1 and 8 September, then a holiday week (15 September), then 22 September.
    Dataset<Row> days = frame(spark, PupilDays.SCHEMA,
        pupilDay(VO, "stays", d("2025-09-01"), 300, 0, 0, 0, 0),
        pupilDay(VO, "stays", d("2025-09-08"), 300, 0, 60, 0, 0),
        pupilDay(VO, "stays", d("2025-09-22"), 300, 0, 0, 0, 0),
        pupilDay(VO, "leaves", d("2025-09-01"), 300, 30, 0, 0, 0),
        pupilDay(VO, "leaves", d("2025-09-02"), 300, 0, 0, 0, 0),
        pupilDay(VO, "joins", d("2025-09-22"), 300, 0, 0, 0, 0),
        pupilDay(VO, "joins", d("2025-09-23"), 300, 0, 0, 0, 0));

    List<Row> windows = PupilWindows.schoolYearToDateByWeek(days, twoDays).collectAsList();

    assertThat(windows).containsExactlyInAnyOrder(
        // stays: 1 day (too few), then 60 of 600 = 10.0% (tier 3), then 60 of 900 = 6.7% (tier 2).
        window("stays", SYTD, "2025-08-01", "2025-09-07", 1, 300, 0, 0, 0, 0, 0.0, null),
        window("stays", SYTD, "2025-08-01", "2025-09-14", 2, 600, 0, 60, 0, 0, 10.0, 3),
        window("stays", SYTD, "2025-08-01", "2025-09-28", 3, 900, 0, 60, 0, 0, 6000.0 / 900, 2),
        // leaves: 30 of 600 = 5.0% (tier 1), kept in every later school week with the same days.
        window("leaves", SYTD, "2025-08-01", "2025-09-07", 2, 600, 30, 0, 0, 0, 5.0, 1),
        window("leaves", SYTD, "2025-08-01", "2025-09-14", 2, 600, 30, 0, 0, 0, 5.0, 1),
        window("leaves", SYTD, "2025-08-01", "2025-09-28", 2, 600, 30, 0, 0, 0, 5.0, 1),
        // joins: only from the week of the first school day.
        window("joins", SYTD, "2025-08-01", "2025-09-28", 2, 600, 0, 0, 0, 0, 0.0, 1));
  }

  /**
   * Rolling windows at Thursday 30 October 2025, school 21CD00, 300 minutes a day. The school's
   * weeks up to that day: 22 Sep, 29 Sep (Monday a study day: first school day Tuesday 30 Sep),
   * 6 Oct, (13 Oct autumn holiday: no school day), 20 Oct, 27 Oct. Tier rule 5.0 / 10.0 inclusive,
   * minimum 3 school days.
   *
   * <pre>
   * pupil       days (missed)                                          rolling 4 weeks          rolling 12 weeks
   * stays       14 Jul (300 u, last school year), 22 Sep (300 u),      30 Sep..30 Oct: 5 days   22 Sep..: 6 days
   *             30 Sep (30 sick), 6 Oct, 20 Oct, 27 Oct (60 u),        90 / 1500 = 6.0% t2      390 / 1800 = 21.7% t3
   *             30 Oct, 31 Oct (300 u, after the reference date)
   * leaves      30 Sep, 1 Oct (15 u), 6 Oct; then left                 3 days = the minimum:    the same days
   *                                                                    15 / 900 = 1.7% t1
   * joins       20 Oct, 27 Oct (30 sick)                               2 days: insufficient     the same
   * leftBefore  22 Sep; then left                                      no row (no day in it)    1 day: insufficient
   * </pre>
   * The 4 weeks skip the holiday week and reach back to the week of 29 September: without the
   * skip they would start on 6 October and miss stays' 30 sick minutes. The 12 weeks hold the 5
   * school weeks there are in this school year, not the July day of the year before.
   */
  private static Dataset<Row> rollingPupils(SparkSession spark) {
    return frame(spark, PupilDays.SCHEMA,
        pupilDay(VO, "stays", d("2025-07-14"), 300, 0, 300, 0, 0),
        pupilDay(VO, "stays", d("2025-09-22"), 300, 0, 300, 0, 0),
        pupilDay(VO, "stays", d("2025-09-30"), 300, 30, 0, 0, 0),
        pupilDay(VO, "stays", d("2025-10-06"), 300, 0, 0, 0, 0),
        pupilDay(VO, "stays", d("2025-10-20"), 300, 0, 0, 0, 0),
        pupilDay(VO, "stays", d("2025-10-27"), 300, 0, 60, 0, 0),
        pupilDay(VO, "stays", d("2025-10-30"), 300, 0, 0, 0, 0),
        pupilDay(VO, "stays", d("2025-10-31"), 300, 0, 300, 0, 0),
        pupilDay(VO, "leaves", d("2025-09-30"), 300, 0, 0, 0, 0),
        pupilDay(VO, "leaves", d("2025-10-01"), 300, 0, 15, 0, 0),
        pupilDay(VO, "leaves", d("2025-10-06"), 300, 0, 0, 0, 0),
        pupilDay(VO, "joins", d("2025-10-20"), 300, 0, 0, 0, 0),
        pupilDay(VO, "joins", d("2025-10-27"), 300, 30, 0, 0, 0),
        pupilDay(VO, "leftBefore", d("2025-09-22"), 300, 0, 0, 0, 0));
  }

  private static final LocalDate ROLLING_REFERENCE = d("2025-10-30");
  private static final TierRule THREE_DAYS = new TierRule(new BigDecimal("5.0"), new BigDecimal("10.0"),
      Boundaries.INCLUSIVE, 3);

  @Test
  void rollingFourWeeksSkipAHolidayWeekAndCountJoinersAndLeaversForTheirOwnDays(SparkSession spark) {
    List<Row> windows = PupilWindows.rollingWeeks(rollingPupils(spark), THREE_DAYS, ROLLING_REFERENCE, 4)
        .collectAsList();

    String rolling4 = PupilWindows.ROLLING_4_WEEKS;
    assertThat(windows).containsExactlyInAnyOrder(
        window("stays", rolling4, "2025-09-30", "2025-10-30", 5, 1500, 30, 60, 0, 0, 6.0, 2),
        window("leaves", rolling4, "2025-09-30", "2025-10-30", 3, 900, 0, 15, 0, 0, 15 * 100.0 / 900, 1),
        window("joins", rolling4, "2025-09-30", "2025-10-30", 2, 600, 30, 0, 0, 0, 5.0, null));
  }

  @Test
  void rollingTwelveWeeksEarlyInTheYearHoldTheSchoolWeeksThereAre(SparkSession spark) {
    List<Row> windows = PupilWindows.rollingWeeks(rollingPupils(spark), THREE_DAYS, ROLLING_REFERENCE, 12)
        .collectAsList();

    String rolling12 = PupilWindows.ROLLING_12_WEEKS;
    assertThat(windows).containsExactlyInAnyOrder(
        window("stays", rolling12, "2025-09-22", "2025-10-30", 6, 1800, 30, 360, 0, 0, 390 * 100.0 / 1800, 3),
        window("leaves", rolling12, "2025-09-22", "2025-10-30", 3, 900, 0, 15, 0, 0, 15 * 100.0 / 900, 1),
        window("joins", rolling12, "2025-09-22", "2025-10-30", 2, 600, 30, 0, 0, 0, 5.0, null),
        window("leftBefore", rolling12, "2025-09-22", "2025-10-30", 1, 300, 0, 0, 0, 0, 0.0, null));
  }

  @Test
  void aRollingWindowNeedsAtLeastOneWeek(SparkSession spark) {
    assertThatThrownBy(() -> PupilWindows.rollingWeeks(rollingPupils(spark), THREE_DAYS, ROLLING_REFERENCE, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A rolling window needs at least 1 school week, got 0");
  }

  /** {@code count} days of {@code perDay} scheduled minutes, {@code missed} unauthorised minutes spread from the first day. */
  private static List<Row> withMissedOnFirstDays(String brin, String pupil, int count, long perDay, long missed) {
    List<Row> days = new ArrayList<>();
    long left = missed;
    for (LocalDate day : GoldFixtures.weekdays(FIRST_DAY, count)) {
      long today = Math.min(left, perDay);
      days.add(pupilDay(brin, pupil, day, perDay, 0, today, 0, 0));
      left -= today;
    }
    return days;
  }

  /** An expected school-year-to-date window at the reference date with unauthorised minutes only. */
  private static Row sytd(String pupil, int schoolDays, long scheduled, long unauthorised, Double pct, Integer tier) {
    return window(pupil, SYTD, "2025-08-01", "2025-10-31", schoolDays, scheduled, 0, unauthorised, 0, 0, pct, tier);
  }

  private static Row window(String pupil, String window, String start, String end, int schoolDays, long scheduled,
      long sick, long unauthorised, int lateCount, long lateMinutes, Double pct, Integer tier) {
    List<Object> values = new ArrayList<>(List.of(VO, VO + "-" + pupil, pupil, window, sqlDate(start), sqlDate(end),
        schoolDays, scheduled, sick + unauthorised));
    for (Category c : Category.missed()) {
      values.add(c == Category.SICK ? sick : c == Category.UNAUTHORISED ? unauthorised : 0L);
    }
    values.addAll(List.of(unauthorised, lateCount, lateMinutes));
    values.add(pct);
    values.add(tier);
    values.add(tier == null ? "insufficient_days" : "tier" + tier);
    return RowFactory.create(values.toArray());
  }
}
