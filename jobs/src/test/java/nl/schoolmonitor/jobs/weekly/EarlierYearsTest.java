package nl.schoolmonitor.jobs.weekly;

import static nl.schoolmonitor.gold.GoldFixtures.enrolment;
import static nl.schoolmonitor.gold.GoldFixtures.event;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static nl.schoolmonitor.gold.GoldFixtures.weekdays;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import nl.schoolmonitor.gold.PupilWindows;
import nl.schoolmonitor.silver.AttendanceEvents;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.SchoolDays;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedSpark.class)
class EarlierYearsTest {

  private static final RegionConfig TWENTE = RegionConfigLoader.load(Path.of("../conf/twente"));
  private static final SchoolYear LAST_YEAR = SchoolYear.parse("2024-2025", "test");
  private static final SchoolYear THIS_YEAR = SchoolYear.parse("2025-2026", "test");
  private static final int MINUTES = 300;

  @TempDir
  Path warehouse;

  private static List<Row> schoolDays(String brin, LocalDate first, SchoolYear year) {
    List<Row> rows = new ArrayList<>();
    for (LocalDate day : weekdays(first, 25)) {
      rows.add(rowOf(SchoolDays.SCHEMA, SchoolDays.BRIN_VESTIGING, brin, SchoolDays.DATE, day,
          SchoolDays.SCHOOL_YEAR, year.label(), SchoolDays.WEEK_START, day.with(DayOfWeek.MONDAY),
          SchoolDays.WEEKDAY, day.getDayOfWeek().getValue(), SchoolDays.SCHEDULED_MINUTES, MINUTES));
    }
    return rows;
  }

  /**
   * p1 missed 5 of 25 school days without authorisation at 07AB00 in 2024-2025 (20%: tier 3);
   * p2 was enrolled at 21CD00 then, but 21CD00 registered attendance only from 2025-2026.
   */
  private Tables twoYearSilver(SparkSession spark) {
    Tables tables = new Tables(spark, new Warehouse(warehouse.toString()));
    List<Row> days = new ArrayList<>();
    for (String brin : List.of("07AB00", "21CD00")) {
      days.addAll(schoolDays(brin, LocalDate.of(2025, 5, 5), LAST_YEAR));
      days.addAll(schoolDays(brin, LocalDate.of(2025, 9, 1), THIS_YEAR));
    }
    tables.overwrite(spark.createDataFrame(days, SchoolDays.SCHEMA), SchoolDays.TABLE);
    tables.overwrite(spark.createDataFrame(List.of(
        enrolment("p1", "07AB00", LocalDate.of(2020, 8, 1), null),
        enrolment("p2", "21CD00", LocalDate.of(2020, 8, 1), null)), Enrolments.SCHEMA), Enrolments.TABLE);
    List<Row> events = new ArrayList<>();
    for (LocalDate day : weekdays(LocalDate.of(2025, 5, 5), 5)) {
      events.add(event("07AB00", "07AB00-p1", day, "L1", MINUTES, MINUTES, false, "unauthorised", null));
    }
    events.add(event("21CD00", "21CD00-p2", LocalDate.of(2025, 9, 2), "L1", MINUTES, MINUTES, false, "sick", null));
    tables.overwrite(spark.createDataFrame(events, AttendanceEvents.SCHEMA), AttendanceEvents.TABLE);
    return tables;
  }

  @Test
  void theEarlierYearsStandingIsKeptOnceForTheSchoolsThatRegisteredThen(SparkSession spark) {
    Tables tables = twoYearSilver(spark);

    assertThat(EarlierYears.update(tables, TWENTE, THIS_YEAR, true)).containsExactly("2024-2025");

    List<Row> windows = EarlierYears.windows(tables, THIS_YEAR).collectAsList();
    // Only p1: 21CD00's enrolled days of 2024-2025 without registrations would read as perfect attendance.
    assertThat(windows).hasSize(1);
    Row p1 = windows.get(0);
    assertThat(List.of(p1.<String>getAs(PupilWindows.PUPIL_KEY), p1.<String>getAs(PupilWindows.WINDOW),
        p1.getAs(PupilWindows.WINDOW_END).toString(), p1.<Integer>getAs(PupilWindows.SCHOOL_DAYS),
        p1.<Long>getAs(PupilWindows.SCHEDULED_MINUTES), p1.<Long>getAs(PupilWindows.MISSED_MINUTES),
        p1.<Integer>getAs(PupilWindows.TIER)))
        .containsExactly("p1", PupilWindows.SCHOOL_YEAR_TO_DATE, "2025-07-31", 25, 25L * MINUTES, 5L * MINUTES, 3);
    // The columns of gold_pupil_windows, so the years union with the current one.
    assertThat(EarlierYears.windows(tables, THIS_YEAR).columns()).containsExactly(PupilWindows.SCHEMA.fieldNames());
    assertThat(EarlierYears.flags(tables, THIS_YEAR).collectAsList())
        .allSatisfy(f -> assertThat(f.<String>getAs("pupil_key")).isEqualTo("p1"))
        .extracting(f -> f.<String>getAs("flag")).contains("reportable_16h");
    // Only years before the one asked for.
    assertThat(EarlierYears.windows(tables, LAST_YEAR).count()).isZero();

    // An incremental run finds the year stored and leaves it.
    assertThat(EarlierYears.update(tables, TWENTE, THIS_YEAR, false)).isEmpty();
    assertThat(EarlierYears.windows(tables, THIS_YEAR).count()).isEqualTo(1);
  }

  @Test
  void aWarehouseWithOneSchoolYearGetsEmptyTables(SparkSession spark) {
    Tables tables = twoYearSilver(spark);
    tables.overwrite(tables.read(SchoolDays.TABLE).where("school_year = '2025-2026'"), SchoolDays.TABLE);

    assertThat(EarlierYears.update(tables, TWENTE, THIS_YEAR, true)).isEmpty();
    assertThat(EarlierYears.windows(tables, THIS_YEAR).count()).isZero();
    assertThat(EarlierYears.flags(tables, THIS_YEAR).count()).isZero();
  }

  @Test
  void anEarlierCalendarYearWithoutRegistrationsIsNotComputedEveryRun(SparkSession spark) {
    // The calendar starts in 2024-2025 (holidays.csv does), the exports only in 2025-2026.
    Tables tables = twoYearSilver(spark);
    tables.overwrite(tables.read(AttendanceEvents.TABLE).where("date >= DATE'2025-08-01'"), AttendanceEvents.TABLE);

    assertThat(EarlierYears.update(tables, TWENTE, THIS_YEAR, true)).isEmpty();
    assertThat(EarlierYears.update(tables, TWENTE, THIS_YEAR, false)).isEmpty();
    assertThat(EarlierYears.windows(tables, THIS_YEAR).count()).isZero();
  }
}
