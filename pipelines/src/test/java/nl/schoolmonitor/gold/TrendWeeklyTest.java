package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.enrolment;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.municipality;
import static nl.schoolmonitor.gold.GoldFixtures.namesAndTypes;
import static nl.schoolmonitor.gold.GoldFixtures.pupilDay;
import static nl.schoolmonitor.gold.GoldFixtures.school;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import nl.schoolmonitor.config.TierRule;
import nl.schoolmonitor.config.TierRule.Boundaries;
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
 * A complete small weekly trend worked out by hand, from pupil days through {@link PupilWindows}.
 *
 * <pre>
 * Both schools in GM0153 Enschede (RMC 22), board 41001, no SWV; pupils without class or year
 * group, all living in GM0153. Tier rule 5.0 / 10.0 inclusive, minimum 2 school days.
 *
 * pupil school  week 1 (Mon 1 Sep)                 week 2 (Mon 8 Sep)
 * a     07AB00  Mon 330/0, Tue 330/33 sick          Mon 330/0
 * b     07AB00  Mon 330/66 unauth, Tue 330/0        (left on 5 Sep)
 * c     07AB00  Mon 330/0, Tue 330/0                (left on 5 Sep)
 * c     21CD00  -                                   Mon 300/30 unauth, Tue 300/60 sick (joined 8 Sep)
 *
 * School year to date at the end of the week (missed / scheduled, tier):
 *           week 1                week 2
 * a         33/660 = 5.0% t1      33/990 = 3.3% t1
 * b         66/660 = 10.0% t3     66/660 t3 (leaver keeps counting)
 * c@07AB00  0/660 t1              0/660 t1
 * c@21CD00  -                     90/600 = 15.0% t3
 * Above school level c counts once, by the latest enrolment: 07AB00 in week 1, 21CD00 in week 2.
 *
 * week 1, region / RMC / GM0153 / residence GM0153 / board, and school 07AB00:
 *   minutes a 660 + b 660 + c 660 = 1980; missed 33 + 66 = 99 (5.0%); unauth 66 (3.3%); sick 33 (1.7%)
 *   pupils a, b, c = 3; tier 3: b = 33.3%
 * week 2, the same five levels:
 *   minutes a 330 + c 600 = 930; missed 90 (9.7%); unauth 30 (3.2%); sick 60 (6.5%)
 *   pupils a t1, b t3, c t3 (at 21CD00) = 3; tier 3: 66.7%
 * week 2, school 07AB00: minutes a 330, missed 0; pupils a t1, b t3, c t1 = 3; tier 3: 33.3%
 * week 2, school 21CD00: minutes 600, missed 90 (15.0%), unauth 30 (5.0%), sick 60 (10.0%); pupils c = 1, 100.0%
 * Sector levels (twente:PO, GM0153:PO; twente:VO, GM0153:VO), c counted once as above:
 *   week 1, PO: as the region; no VO row (no VO pupil yet)
 *   week 2, PO: minutes a 330, missed 0; pupils a t1, b t3 = 2; tier 3: 50.0%
 *   week 2, VO: as school 21CD00
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class TrendWeeklyTest {

  private static final LocalDate REFERENCE = d("2025-09-12");
  private static final String PO = "07AB00";
  private static final String VO = "21CD00";
  private static final TierRule TWO_DAYS = new TierRule(new BigDecimal("5.0"), new BigDecimal("10.0"),
      Boundaries.INCLUSIVE, 2);

  private static Dataset<Row> trend(SparkSession spark) {
    Dataset<Row> days = frame(spark, PupilDays.SCHEMA,
        pupilDay(PO, "a", d("2025-09-01"), 330, 0, 0, 0, 0),
        pupilDay(PO, "a", d("2025-09-02"), 330, 33, 0, 0, 0),
        pupilDay(PO, "a", d("2025-09-08"), 330, 0, 0, 0, 0),
        pupilDay(PO, "b", d("2025-09-01"), 330, 0, 66, 0, 0),
        pupilDay(PO, "b", d("2025-09-02"), 330, 0, 0, 0, 0),
        pupilDay(PO, "c", d("2025-09-01"), 330, 0, 0, 0, 0),
        pupilDay(PO, "c", d("2025-09-02"), 330, 0, 0, 0, 0),
        pupilDay(VO, "c", d("2025-09-08"), 300, 0, 30, 0, 0),
        pupilDay(VO, "c", d("2025-09-09"), 300, 60, 0, 0, 0));
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("a", PO + "-a", PO, null, null, "GM0153", d("2025-08-18"), null),
        enrolment("b", PO + "-b", PO, null, null, "GM0153", d("2025-08-18"), d("2025-09-05")),
        enrolment("c", PO + "-c", PO, null, null, "GM0153", d("2025-08-18"), d("2025-09-05")),
        enrolment("c", VO + "-c", VO, null, null, "GM0153", d("2025-09-08"), null));
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school(PO, "Basisschool De Esch", "PO", "GM0153", "41001", "Stichting Onderwijs Enschede", null),
        school(VO, "Het Stedelijk", "VO", "GM0153", "41001", "Stichting Onderwijs Enschede", null));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA, municipality("GM0153", "Enschede", "22"));

    return TrendWeekly.build(PupilWindows.schoolWeeks(days, TWO_DAYS), PupilWindows.schoolYearToDateByWeek(days, TWO_DAYS),
        enrolments, schools, municipalities, "twente", "Twente", "2025-2026", REFERENCE);
  }

  @Test
  void schemaIsExactlyThePublishedOne(SparkSession spark) {
    Dataset<Row> trend = trend(spark);

    assertThat(String.join(",", trend.columns())).isEqualTo(
        "school_year,week_start,level,unit_code,unit_name,pupils,scheduled_minutes,missed_minutes,absence_pct,"
            + "unauthorised_pct,sick_pct,tier3_pct,enrolled_pupils");
    assertThat(namesAndTypes(trend.schema())).containsExactlyElementsOf(namesAndTypes(TrendWeekly.SCHEMA));
  }

  @Test
  void weeklyMinutesAndTheStandingAtTheEndOfEachWeek(SparkSession spark) {
    assertThat(trend(spark).collectAsList()).containsExactlyInAnyOrder(
        row("2025-09-01", "region", "twente", "Twente", 3, 1980, 99, "5.0", "3.3", "1.7", "33.3", 3),
        row("2025-09-01", "region_sector", "twente:PO", "Twente PO", 3, 1980, 99, "5.0", "3.3", "1.7", "33.3", 3),
        row("2025-09-01", "municipality_sector", "GM0153:PO", "Enschede PO", 3, 1980, 99, "5.0", "3.3", "1.7", "33.3", 3),
        row("2025-09-01", "rmc_region", "22", "RMC-regio 22", 3, 1980, 99, "5.0", "3.3", "1.7", "33.3", 3),
        row("2025-09-01", "municipality", "GM0153", "Enschede", 3, 1980, 99, "5.0", "3.3", "1.7", "33.3", 3),
        row("2025-09-01", "residence_municipality", "GM0153", "Enschede", 3, 1980, 99, "5.0", "3.3", "1.7", "33.3", 3),
        row("2025-09-01", "board", "41001", "Stichting Onderwijs Enschede", 3, 1980, 99, "5.0", "3.3", "1.7", "33.3", 3),
        row("2025-09-01", "school", PO, "Basisschool De Esch", 3, 1980, 99, "5.0", "3.3", "1.7", "33.3", 3),
        row("2025-09-08", "region", "twente", "Twente", 3, 930, 90, "9.7", "3.2", "6.5", "66.7", 2),
        row("2025-09-08", "region_sector", "twente:PO", "Twente PO", 2, 330, 0, "0.0", "0.0", "0.0", "50.0", 1),
        row("2025-09-08", "region_sector", "twente:VO", "Twente VO", 1, 600, 90, "15.0", "5.0", "10.0", "100.0", 1),
        row("2025-09-08", "municipality_sector", "GM0153:PO", "Enschede PO", 2, 330, 0, "0.0", "0.0", "0.0", "50.0", 1),
        row("2025-09-08", "municipality_sector", "GM0153:VO", "Enschede VO", 1, 600, 90, "15.0", "5.0", "10.0", "100.0", 1),
        row("2025-09-08", "rmc_region", "22", "RMC-regio 22", 3, 930, 90, "9.7", "3.2", "6.5", "66.7", 2),
        row("2025-09-08", "municipality", "GM0153", "Enschede", 3, 930, 90, "9.7", "3.2", "6.5", "66.7", 2),
        row("2025-09-08", "residence_municipality", "GM0153", "Enschede", 3, 930, 90, "9.7", "3.2", "6.5", "66.7", 2),
        row("2025-09-08", "board", "41001", "Stichting Onderwijs Enschede", 3, 930, 90, "9.7", "3.2", "6.5", "66.7", 2),
        row("2025-09-08", "school", PO, "Basisschool De Esch", 3, 330, 0, "0.0", "0.0", "0.0", "33.3", 1),
        row("2025-09-08", "school", VO, "Het Stedelijk", 1, 600, 90, "15.0", "5.0", "10.0", "100.0", 1));
  }

  private static Row row(String weekStart, String level, String code, String name, long pupils, long scheduled,
      long missed, String absencePct, String unauthorisedPct, String sickPct, String tier3Pct, long enrolled) {
    return RowFactory.create("2025-2026", sqlDate(weekStart), level, code, name, pupils, scheduled, missed,
        new BigDecimal(absencePct), new BigDecimal(unauthorisedPct), new BigDecimal(sickPct), new BigDecimal(tier3Pct),
        enrolled);
  }
}
