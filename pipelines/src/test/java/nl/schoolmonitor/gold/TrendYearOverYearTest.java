package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.namesAndTypes;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Weeks matched by ISO week number: Monday 8 September 2025 is ISO week 37, and so is Monday 9
 * September 2024 (the same date a year earlier, 8 September 2024, is a Sunday).
 *
 * <pre>
 * unit            2025-2026                        2024-2025                       2023-2024
 * region twente   w37 7 pupils 8.5% t3 14.3%       w37 6 pupils 6.0% t3 15.0%      w37 (left out: two years back)
 *                 w38 7 pupils 9.0% t3 14.3%       (no week 38)
 * school 21CD00   w37 2 pupils 5.0% t3 50.0%       w37 2 pupils, nothing scheduled (null %), t3 0.0%
 * school 07AB00   -                                w37 (closed since: no current row)
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class TrendYearOverYearTest {

  private static Dataset<Row> yearOverYear(SparkSession spark) {
    Dataset<Row> trend = frame(spark, TrendWeekly.SCHEMA,
        week("2025-2026", "2025-09-08", "region", "twente", 7, "8.5", "14.3"),
        week("2025-2026", "2025-09-15", "region", "twente", 7, "9.0", "14.3"),
        week("2025-2026", "2025-09-08", "school", "21CD00", 2, "5.0", "50.0"),
        week("2024-2025", "2024-09-09", "region", "twente", 6, "6.0", "15.0"),
        week("2024-2025", "2024-09-09", "school", "21CD00", 2, null, "0.0"),
        week("2024-2025", "2024-09-09", "school", "07AB00", 3, "4.0", "0.0"),
        week("2023-2024", "2023-09-11", "region", "twente", 5, "1.0", "1.0"));
    return TrendYearOverYear.build(trend, "2025-2026");
  }

  @Test
  void schemaIsTheDeclaredOne(SparkSession spark) {
    assertThat(namesAndTypes(yearOverYear(spark).schema()))
        .containsExactlyElementsOf(namesAndTypes(TrendYearOverYear.SCHEMA));
  }

  @Test
  void putsTheSameIsoWeekOfThePreviousSchoolYearNextToEachWeek(SparkSession spark) {
    assertThat(yearOverYear(spark).collectAsList()).containsExactlyInAnyOrder(
        row("2025-09-08", 37, "region", "twente", 7, "8.5", "14.3", "2024-09-09", 6L, "6.0", "15.0", "2.5", "-0.7"),
        row("2025-09-15", 38, "region", "twente", 7, "9.0", "14.3", null, null, null, null, null, null),
        row("2025-09-08", 37, "school", "21CD00", 2, "5.0", "50.0", "2024-09-09", 2L, null, "0.0", null, "50.0"));
  }

  private static Row week(String schoolYear, String monday, String level, String code, long pupils,
      String absencePct, String tier3Pct) {
    return rowOf(TrendWeekly.SCHEMA, TrendWeekly.SCHOOL_YEAR, schoolYear, TrendWeekly.WEEK_START, d(monday),
        TrendWeekly.LEVEL, level, TrendWeekly.UNIT_CODE, code, TrendWeekly.UNIT_NAME, code.toUpperCase(),
        TrendWeekly.PUPILS, pupils, TrendWeekly.ABSENCE_PCT, pct(absencePct), TrendWeekly.TIER3_PCT, pct(tier3Pct));
  }

  private static Row row(String monday, int isoWeek, String level, String code, long pupils, String absencePct,
      String tier3Pct, String previousMonday, Long previousPupils, String previousAbsencePct,
      String previousTier3Pct, String absenceChange, String tier3Change) {
    return RowFactory.create("2025-2026", sqlDate(monday), isoWeek, level, code, code.toUpperCase(), pupils,
        pct(absencePct), pct(tier3Pct), "2024-2025", previousMonday == null ? null : sqlDate(previousMonday),
        previousPupils, pct(previousAbsencePct), pct(previousTier3Pct), pct(absenceChange), pct(tier3Change));
  }

  private static BigDecimal pct(String value) {
    return value == null ? null : new BigDecimal(value);
  }
}
