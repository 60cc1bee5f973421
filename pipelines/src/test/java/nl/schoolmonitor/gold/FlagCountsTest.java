package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.enrolment;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.municipality;
import static nl.schoolmonitor.gold.GoldFixtures.namesAndTypes;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static nl.schoolmonitor.gold.GoldFixtures.school;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.Municipalities;
import nl.schoolmonitor.silver.Schools;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Flag counts worked out by hand, at the units of the pyramid.
 *
 * <pre>
 * schools   07AB00 Basisschool De Esch  PO  GM0153 Enschede  (no board, no SWV)
 *           21CD00 Lyceum Hengelo       VO  GM0164 Hengelo   (no board, no SWV)
 * municipalities GM0153 Enschede, GM0164 Hengelo, both RMC region 22.
 *
 * pupil  school  class year residence  enrolment       flags met (first_met)
 * p1     07AB00  5b    5    GM0164     18-08 - 30-09   reportable_16h (12-09), holiday_adjacent_absence (18-08)
 * p1     21CD00  1a    1    GM0164     01-10 -         mazl (20-10)            changed school: once above school level
 * p2     21CD00  1a    1    GM0164     18-08 -         mazl (05-11, after the reference date: not counted),
 *                                                      late_pattern (08-10)
 * p3     07AB00  5a    5    GM0153     18-08 -         long_absence (10-10), holiday_adjacent_absence (27-10)
 *
 * Above school level p1 counts once, at 21CD00 (the latest enrolment), with all their flags.
 * region / RMC 22         p1 p2 p3        3 pupils  16h 1  mazl 1  long 1  late 1  holiday 2
 * region PO (twente:PO)   p3              1         0       0       1       0       1
 * region VO (twente:VO)   p1 p2           2         1       1       0       1       1
 * GM0164 (school, Hengelo)  p1 p2         2         1       1       0       1       1
 * GM0153 (school, Enschede) p3            1         0       0       1       0       1
 * GM0164:VO / GM0153:PO   as the municipalities (one sector each)
 * residence GM0164        p1 p2           2         1       1       0       1       1
 * residence GM0153        p3              1         0       0       1       0       1
 * Every enrolment with its own flags:
 * 07AB00                  p1 p3           2         1       0       1       0       2
 * 21CD00                  p1 p2           2         0       1       0       1       0
 * 07AB00:5 / 21CD00:1     as the schools
 * 07AB00:5a p3; 07AB00:5b p1; 21CD00:1a p1 p2
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class FlagCountsTest {

  private static final LocalDate REFERENCE = d("2025-10-31");
  private static final String PO = "07AB00";
  private static final String VO = "21CD00";

  private static Dataset<Row> flagCounts(SparkSession spark) {
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("p1", PO + "-p1", PO, "5b", 5, "GM0164", d("2025-08-18"), d("2025-09-30")),
        enrolment("p1", VO + "-p1", VO, "1a", 1, "GM0164", d("2025-10-01"), null),
        enrolment("p2", VO + "-p2", VO, "1a", 1, "GM0164", d("2025-08-18"), null),
        enrolment("p3", PO + "-p3", PO, "5a", 5, "GM0153", d("2025-08-18"), null));
    Dataset<Row> windows = frame(spark, PupilWindows.SCHEMA,
        standing(PO, "p1", PupilWindows.SCHOOL_YEAR_TO_DATE, "2025-10-31"),
        standing(VO, "p1", PupilWindows.SCHOOL_YEAR_TO_DATE, "2025-10-31"),
        standing(VO, "p2", PupilWindows.SCHOOL_YEAR_TO_DATE, "2025-10-31"),
        standing(PO, "p3", PupilWindows.SCHOOL_YEAR_TO_DATE, "2025-10-31"),
        // Other windows are not the standing at the reference date and are left out.
        standing(VO, "p2", PupilWindows.SCHOOL_YEAR_TO_DATE, "2025-10-26"),
        standing(PO, "p3", PupilWindows.SCHOOL_WEEK, "2025-10-26"));
    Dataset<Row> flags = frame(spark, PupilFlags.SCHEMA,
        met(PO, "p1", PupilFlags.REPORTABLE_16H, "2025-09-12"),
        met(VO, "p1", PupilFlags.MAZL, "2025-10-20"),
        met(VO, "p2", PupilFlags.MAZL, "2025-11-05"),
        met(PO, "p3", PupilFlags.LONG_ABSENCE, "2025-10-10"),
        met(PO, "p1", PupilFlags.HOLIDAY_ADJACENT_ABSENCE, "2025-08-18"),
        met(VO, "p2", PupilFlags.LATE_PATTERN, "2025-10-08"),
        met(PO, "p3", PupilFlags.HOLIDAY_ADJACENT_ABSENCE, "2025-10-27"));
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school(PO, "Basisschool De Esch", "PO", "GM0153", null, null, null),
        school(VO, "Lyceum Hengelo", "VO", "GM0164", null, null, null));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA,
        municipality("GM0153", "Enschede", "22"), municipality("GM0164", "Hengelo", "22"));
    return FlagCounts.build(windows, flags, enrolments, schools, municipalities, "twente", "Twente", "2025-2026",
        REFERENCE);
  }

  @Test
  void schemaIsExactlyThePublishedOne(SparkSession spark) {
    Dataset<Row> counts = flagCounts(spark);

    assertThat(String.join(",", counts.columns())).isEqualTo(
        "school_year,reference_date,level,unit_code,unit_name,pupils,reportable_16h,mazl,long_absence,late_pattern,"
            + "holiday_adjacent_absence");
    assertThat(namesAndTypes(counts.schema())).containsExactlyElementsOf(namesAndTypes(FlagCounts.SCHEMA));
  }

  @Test
  void countsEveryEnrolmentAtSchoolLevelAndAPupilWhoChangedSchoolOnceAboveWithAllTheirFlags(SparkSession spark) {
    assertThat(flagCounts(spark).collectAsList()).containsExactlyInAnyOrder(
        row("region", "twente", "Twente", 3, 1, 1, 1, 1, 2),
        row("region_sector", "twente:PO", "Twente PO", 1, 0, 0, 1, 0, 1),
        row("region_sector", "twente:VO", "Twente VO", 2, 1, 1, 0, 1, 1),
        row("rmc_region", "22", "RMC-regio 22", 3, 1, 1, 1, 1, 2),
        row("municipality", "GM0164", "Hengelo", 2, 1, 1, 0, 1, 1),
        row("municipality", "GM0153", "Enschede", 1, 0, 0, 1, 0, 1),
        row("municipality_sector", "GM0164:VO", "Hengelo VO", 2, 1, 1, 0, 1, 1),
        row("municipality_sector", "GM0153:PO", "Enschede PO", 1, 0, 0, 1, 0, 1),
        row("residence_municipality", "GM0164", "Hengelo", 2, 1, 1, 0, 1, 1),
        row("residence_municipality", "GM0153", "Enschede", 1, 0, 0, 1, 0, 1),
        row("school", PO, "Basisschool De Esch", 2, 1, 0, 1, 0, 2),
        row("school", VO, "Lyceum Hengelo", 2, 0, 1, 0, 1, 0),
        row("year_group", PO + ":5", "Basisschool De Esch groep 5", 2, 1, 0, 1, 0, 2),
        row("year_group", VO + ":1", "Lyceum Hengelo leerjaar 1", 2, 0, 1, 0, 1, 0),
        row("class", PO + ":5a", "Basisschool De Esch 5a", 1, 0, 0, 1, 0, 1),
        row("class", PO + ":5b", "Basisschool De Esch 5b", 1, 1, 0, 0, 0, 1),
        row("class", VO + ":1a", "Lyceum Hengelo 1a", 2, 0, 1, 0, 1, 0));
  }

  /** A pupil window; only the window and its end matter to the flag counts. */
  private static Row standing(String brin, String pupil, String window, String end) {
    Object[] minutes = PupilDays.MISSED_CATEGORY_COLUMNS.stream().flatMap(c -> Arrays.stream(new Object[] {c, 0L}))
        .toArray();
    Object[] values = {
        PupilWindows.BRIN_VESTIGING, brin, PupilWindows.SCHOOL_PUPIL_KEY, brin + "-" + pupil,
        PupilWindows.PUPIL_KEY, pupil, PupilWindows.WINDOW, window,
        PupilWindows.WINDOW_START, window.equals(PupilWindows.SCHOOL_WEEK) ? d(end).minusDays(6) : d("2025-08-01"),
        PupilWindows.WINDOW_END, d(end), PupilWindows.SCHOOL_DAYS, 40, PupilWindows.SCHEDULED_MINUTES, 12000L,
        PupilWindows.MISSED_MINUTES, 0L, PupilWindows.UNAUTHORISED_MINUTES, 0L, PupilWindows.LATE_COUNT, 0,
        PupilWindows.LATE_MINUTES, 0L, PupilWindows.TIER, 1, PupilWindows.TIER_STATUS, "tier1"};
    Object[] all = Arrays.copyOf(values, values.length + minutes.length);
    System.arraycopy(minutes, 0, all, values.length, minutes.length);
    return rowOf(PupilWindows.SCHEMA, all);
  }

  /** A flag met; only the enrolment, the flag and the day matter to the counts. */
  private static Row met(String brin, String pupil, String flag, String firstMet) {
    return rowOf(PupilFlags.SCHEMA, PupilFlags.BRIN_VESTIGING, brin, PupilFlags.SCHOOL_PUPIL_KEY, brin + "-" + pupil,
        PupilFlags.PUPIL_KEY, pupil, PupilFlags.FLAG, flag, PupilFlags.FIRST_MET, d(firstMet),
        PupilFlags.WINDOW_START, d(firstMet), PupilFlags.WINDOW_END, d(firstMet));
  }

  private static Row row(String level, String code, String name, long pupils, long reportable, long mazl,
      long longAbsence, long latePattern, long holidayAdjacent) {
    return RowFactory.create("2025-2026", sqlDate("2025-10-31"), level, code, name, pupils, reportable, mazl,
        longAbsence, latePattern, holidayAdjacent);
  }
}
