package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.enrolment;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.municipality;
import static nl.schoolmonitor.gold.GoldFixtures.namesAndTypes;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static nl.schoolmonitor.gold.GoldFixtures.school;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import nl.schoolmonitor.config.Norm;
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
 * A complete small pyramid worked out by hand.
 *
 * <pre>
 * schools   07AB00 Basisschool De Esch  PO  GM0153 Enschede  board 41001  SWV 23-01
 *           21CD00 Lyceum Hengelo       VO  GM0164 Hengelo   board 42002  SWV 23-02
 *           25GH00 ROC Twente Enschede  MBO GM0153 Enschede  board 43004  no SWV
 * municipalities GM0153 Enschede, GM0164 Hengelo, both RMC region 22; GM0141 is not in the file.
 *
 * pupil  school  class year residence  enrolment                tier (school year to date)
 * p1     07AB00  5a    5    GM0153     18-08 -                  1
 * p2     07AB00  5a    5    (null)     18-08 -                  2
 * p3     07AB00  -     -    GM0164     18-08 -                  3   null class and year group
 * p4     07AB00  5b    5    GM0164     18-08 - 30-09            3   changed school:
 * p4     21CD00  1a    1    GM0164     01-10 -                  1   counts once above school level, here
 * p5     21CD00  1a    1    GM0153     20-10 -                  insufficient days
 * p6     25GH00  ICT1  -    GM0141     18-08 -                  2   MBO: no SWV, no year group
 * p7     21CD00  1a    1    GM0164     18-08 -                  3
 *
 * Above school level (one row per pupil): p1 t1, p2 t2, p3 t3, p4 t1 (21CD00), p5 -, p6 t2, p7 t3.
 * region / RMC 22     t1 p1 p4, t2 p2 p6, t3 p3 p7, insufficient p5      6 pupils 33.3/33.3/33.3
 * twente:PO           t1 p1, t2 p2, t3 p3 (p4 counts at VO)              3 pupils 33.3/33.3/33.3
 * twente:VO           t1 p4, t3 p7, insufficient p5                      2 pupils 50.0/0.0/50.0
 * twente:MBO          t2 p6                                              1 pupil 0.0/100.0/0.0
 * GM0153:PO, GM0153:MBO, GM0164:VO: as twente:PO, twente:MBO, twente:VO
 * GM0153 (school)     07AB00 + 25GH00: t1 p1, t2 p2 p6, t3 p3            4 pupils 25.0/50.0/25.0
 * GM0164 (school)     21CD00: t1 p4, t3 p7, insufficient p5              2 pupils 50.0/0.0/50.0
 * residence GM0153    t1 p1, insufficient p5                             1 pupil 100.0/0.0/0.0
 * residence unknown   t2 p2                                              1 pupil 0.0/100.0/0.0
 * residence GM0164    t1 p4, t3 p3 p7                                    3 pupils 33.3/0.0/66.7
 * residence GM0141    t2 p6 (name unknown)                               1 pupil 0.0/100.0/0.0
 * SWV 23-01 = 41001   t1 p1, t2 p2, t3 p3                                3 pupils 33.3/33.3/33.3
 * SWV 23-02 = 42002   t1 p4, t3 p7, insufficient p5                      2 pupils 50.0/0.0/50.0
 * board 43004         t2 p6                                              1 pupil 0.0/100.0/0.0
 * Every enrolment at school level and below:
 * 07AB00              t1 p1, t2 p2, t3 p3 p4                             4 pupils 25.0/25.0/50.0
 * 21CD00              t1 p4, t3 p7, insufficient p5                      2 pupils 50.0/0.0/50.0
 * 25GH00              t2 p6                                              1 pupil 0.0/100.0/0.0
 * 07AB00:5 (groep)    t1 p1, t2 p2, t3 p4 (p3 has no year group)         3 pupils 33.3/33.3/33.3
 * 21CD00:1 (leerjaar) t1 p4, t3 p7, insufficient p5                      2 pupils 50.0/0.0/50.0
 * 07AB00:5a           t1 p1, t2 p2                                       2 pupils 50.0/50.0/0.0
 * 07AB00:5b           t3 p4                                              1 pupil 0.0/0.0/100.0
 * 21CD00:1a           t1 p4, t3 p7, insufficient p5                      2 pupils 50.0/0.0/50.0
 * 25GH00:ICT1         t2 p6                                              1 pupil 0.0/100.0/0.0
 * Every row: diff_tierN_pp = tierN_pct - norm (80.0 / 15.0 / 5.0), e.g. 33.3 - 80.0 = -46.7.
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class PyramidTest {

  private static final LocalDate REFERENCE = d("2025-10-31");
  private static final String PO = "07AB00";
  private static final String VO = "21CD00";
  private static final String MBO = "25GH00";

  private static Dataset<Row> pyramid(SparkSession spark) {
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("p1", PO + "-p1", PO, "5a", 5, "GM0153", d("2025-08-18"), null),
        enrolment("p2", PO + "-p2", PO, "5a", 5, null, d("2025-08-18"), null),
        enrolment("p3", PO + "-p3", PO, null, null, "GM0164", d("2025-08-18"), null),
        enrolment("p4", PO + "-p4", PO, "5b", 5, "GM0164", d("2025-08-18"), d("2025-09-30")),
        enrolment("p4", VO + "-p4", VO, "1a", 1, "GM0164", d("2025-10-01"), null),
        enrolment("p5", VO + "-p5", VO, "1a", 1, "GM0153", d("2025-10-20"), null),
        enrolment("p6", MBO + "-p6", MBO, "ICT1", null, "GM0141", d("2025-08-18"), null),
        enrolment("p7", VO + "-p7", VO, "1a", 1, "GM0164", d("2025-08-18"), null));
    Dataset<Row> windows = frame(spark, PupilWindows.SCHEMA,
        standing(PO, "p1", 1), standing(PO, "p2", 2), standing(PO, "p3", 3), standing(PO, "p4", 3),
        standing(VO, "p4", 1), standing(VO, "p5", null), standing(MBO, "p6", 2), standing(VO, "p7", 3));
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school(PO, "Basisschool De Esch", "PO", "GM0153", "41001", "Stichting Primair Enschede", "SWV 23-01"),
        school(VO, "Lyceum Hengelo", "VO", "GM0164", "42002", "Stichting VO Hengelo", "SWV 23-02"),
        school(MBO, "ROC Twente Enschede", "MBO", "GM0153", "43004", "ROC Twente", null));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA,
        municipality("GM0153", "Enschede", "22"), municipality("GM0164", "Hengelo", "22"));
    return Pyramid.build(windows, enrolments, schools, municipalities, "twente", "Twente", Norm.DEFAULT,
        "2025-2026", REFERENCE);
  }

  @Test
  void schemaIsExactlyThePublishedOne(SparkSession spark) {
    Dataset<Row> pyramid = pyramid(spark);

    assertThat(String.join(",", pyramid.columns())).isEqualTo(
        "school_year,reference_date,window,level,unit_code,unit_name,pupils,insufficient_days,tier1,tier2,tier3,"
            + "tier1_pct,tier2_pct,tier3_pct,norm_tier1_pct,norm_tier2_pct,norm_tier3_pct,"
            + "diff_tier1_pp,diff_tier2_pp,diff_tier3_pp");
    assertThat(namesAndTypes(pyramid.schema())).containsExactlyElementsOf(namesAndTypes(Pyramid.SCHEMA));
  }

  @Test
  void countsEveryEnrolmentAtSchoolLevelAndEveryPupilOnceAbove(SparkSession spark) {
    assertThat(pyramid(spark).collectAsList()).containsExactlyInAnyOrder(
        row("region", "twente", "Twente", 6, 1, 2, 2, 2, "33.3", "33.3", "33.3"),
        row("region_sector", "twente:PO", "Twente PO", 3, 0, 1, 1, 1, "33.3", "33.3", "33.3"),
        row("region_sector", "twente:VO", "Twente VO", 2, 1, 1, 0, 1, "50.0", "0.0", "50.0"),
        row("region_sector", "twente:MBO", "Twente MBO", 1, 0, 0, 1, 0, "0.0", "100.0", "0.0"),
        row("rmc_region", "22", "RMC-regio 22", 6, 1, 2, 2, 2, "33.3", "33.3", "33.3"),
        row("municipality", "GM0153", "Enschede", 4, 0, 1, 2, 1, "25.0", "50.0", "25.0"),
        row("municipality", "GM0164", "Hengelo", 2, 1, 1, 0, 1, "50.0", "0.0", "50.0"),
        row("municipality_sector", "GM0153:PO", "Enschede PO", 3, 0, 1, 1, 1, "33.3", "33.3", "33.3"),
        row("municipality_sector", "GM0153:MBO", "Enschede MBO", 1, 0, 0, 1, 0, "0.0", "100.0", "0.0"),
        row("municipality_sector", "GM0164:VO", "Hengelo VO", 2, 1, 1, 0, 1, "50.0", "0.0", "50.0"),
        row("residence_municipality", "GM0153", "Enschede", 1, 1, 1, 0, 0, "100.0", "0.0", "0.0"),
        row("residence_municipality", "unknown", "onbekend", 1, 0, 0, 1, 0, "0.0", "100.0", "0.0"),
        row("residence_municipality", "GM0164", "Hengelo", 3, 0, 1, 0, 2, "33.3", "0.0", "66.7"),
        row("residence_municipality", "GM0141", null, 1, 0, 0, 1, 0, "0.0", "100.0", "0.0"),
        row("swv", "SWV 23-01", "SWV 23-01", 3, 0, 1, 1, 1, "33.3", "33.3", "33.3"),
        row("swv", "SWV 23-02", "SWV 23-02", 2, 1, 1, 0, 1, "50.0", "0.0", "50.0"),
        row("board", "41001", "Stichting Primair Enschede", 3, 0, 1, 1, 1, "33.3", "33.3", "33.3"),
        row("board", "42002", "Stichting VO Hengelo", 2, 1, 1, 0, 1, "50.0", "0.0", "50.0"),
        row("board", "43004", "ROC Twente", 1, 0, 0, 1, 0, "0.0", "100.0", "0.0"),
        row("school", PO, "Basisschool De Esch", 4, 0, 1, 1, 2, "25.0", "25.0", "50.0"),
        row("school", VO, "Lyceum Hengelo", 2, 1, 1, 0, 1, "50.0", "0.0", "50.0"),
        row("school", MBO, "ROC Twente Enschede", 1, 0, 0, 1, 0, "0.0", "100.0", "0.0"),
        row("year_group", PO + ":5", "Basisschool De Esch groep 5", 3, 0, 1, 1, 1, "33.3", "33.3", "33.3"),
        row("year_group", VO + ":1", "Lyceum Hengelo leerjaar 1", 2, 1, 1, 0, 1, "50.0", "0.0", "50.0"),
        row("class", PO + ":5a", "Basisschool De Esch 5a", 2, 0, 1, 1, 0, "50.0", "50.0", "0.0"),
        row("class", PO + ":5b", "Basisschool De Esch 5b", 1, 0, 0, 0, 1, "0.0", "0.0", "100.0"),
        row("class", VO + ":1a", "Lyceum Hengelo 1a", 2, 1, 1, 0, 1, "50.0", "0.0", "50.0"),
        row("class", MBO + ":ICT1", "ROC Twente Enschede ICT1", 1, 0, 0, 1, 0, "0.0", "100.0", "0.0"));
  }

  @Test
  void aUnitWithoutTieredPupilsHasNoPercentages(SparkSession spark) {
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("p5", VO + "-p5", VO, null, null, "GM0164", d("2025-10-20"), null));
    Dataset<Row> windows = frame(spark, PupilWindows.SCHEMA, standing(VO, "p5", null));
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school(VO, "Lyceum Hengelo", "VO", "GM0164", null, null, " "));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA, municipality("GM0164", "Hengelo", "22"));

    Dataset<Row> pyramid = Pyramid.build(windows, enrolments, schools, municipalities, "twente", "Twente",
        Norm.DEFAULT, "2025-2026", REFERENCE);

    // No board and a blank SWV code: neither is a unit. No percentage, so no difference from the norm.
    assertThat(pyramid.collectAsList()).containsExactlyInAnyOrder(
        row("region", "twente", "Twente", 0, 1, 0, 0, 0, null, null, null),
        row("region_sector", "twente:VO", "Twente VO", 0, 1, 0, 0, 0, null, null, null),
        row("rmc_region", "22", "RMC-regio 22", 0, 1, 0, 0, 0, null, null, null),
        row("municipality", "GM0164", "Hengelo", 0, 1, 0, 0, 0, null, null, null),
        row("municipality_sector", "GM0164:VO", "Hengelo VO", 0, 1, 0, 0, 0, null, null, null),
        row("residence_municipality", "GM0164", "Hengelo", 0, 1, 0, 0, 0, null, null, null),
        row("school", VO, "Lyceum Hengelo", 0, 1, 0, 0, 0, null, null, null));
  }

  /**
   * Three windows at the reference date in one input, region rows only (the units are those of the
   * test above). q4 moved from 07AB00 to 21CD00 on 13 October; the rolling windows start on a
   * different day at the two schools (their calendars differ), and q4 is still one pupil, at 21CD00.
   *
   * <pre>
   * window              q1  q2            q3  q4 (07AB00 / 21CD00)  pupils  tier %            - norm (pp)
   * school_year_to_date t1  t1            t3  t3 / t1               4       75.0/0.0/25.0     -5.0/-15.0/20.0
   * rolling_4_weeks     t2  insufficient  t3  t3 / t1               3 (+1)  33.3/33.3/33.3    -46.7/18.3/28.3
   * rolling_12_weeks    t1  t1            t1  t3 / t1               4       100.0/0.0/0.0     20.0/-15.0/-5.0
   * A school year to date ending 26 October (q1 tier 3) is not at the reference date: left out.
   * </pre>
   */
  @Test
  void onePyramidPerWindowWithTheDifferenceFromTheNorm(SparkSession spark) {
    String sytd = PupilWindows.SCHOOL_YEAR_TO_DATE;
    String rolling4 = PupilWindows.ROLLING_4_WEEKS;
    String rolling12 = PupilWindows.ROLLING_12_WEEKS;
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("q1", VO + "-q1", VO, null, null, "GM0164", d("2025-08-18"), null),
        enrolment("q2", VO + "-q2", VO, null, null, "GM0164", d("2025-08-18"), null),
        enrolment("q3", VO + "-q3", VO, null, null, "GM0164", d("2025-08-18"), null),
        enrolment("q4", PO + "-q4", PO, null, null, "GM0164", d("2025-08-18"), d("2025-10-10")),
        enrolment("q4", VO + "-q4", VO, null, null, "GM0164", d("2025-10-13"), null));
    Dataset<Row> windows = frame(spark, PupilWindows.SCHEMA,
        standing(VO, "q1", 1), standing(VO, "q2", 1), standing(VO, "q3", 3),
        standing(PO, "q4", 3), standing(VO, "q4", 1),
        windowRow(VO, "q1", sytd, "2025-08-01", "2025-10-26", 3),
        windowRow(VO, "q1", rolling4, "2025-10-07", "2025-10-31", 2),
        windowRow(VO, "q2", rolling4, "2025-10-07", "2025-10-31", null),
        windowRow(VO, "q3", rolling4, "2025-10-07", "2025-10-31", 3),
        windowRow(PO, "q4", rolling4, "2025-10-06", "2025-10-31", 3),
        windowRow(VO, "q4", rolling4, "2025-10-07", "2025-10-31", 1),
        windowRow(VO, "q1", rolling12, "2025-08-26", "2025-10-31", 1),
        windowRow(VO, "q2", rolling12, "2025-08-26", "2025-10-31", 1),
        windowRow(VO, "q3", rolling12, "2025-08-26", "2025-10-31", 1),
        windowRow(PO, "q4", rolling12, "2025-08-25", "2025-10-31", 3),
        windowRow(VO, "q4", rolling12, "2025-08-26", "2025-10-31", 1));
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school(PO, "Basisschool De Esch", "PO", "GM0153", null, null, null),
        school(VO, "Lyceum Hengelo", "VO", "GM0164", null, null, null));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA,
        municipality("GM0153", "Enschede", "22"), municipality("GM0164", "Hengelo", "22"));

    Dataset<Row> pyramid = Pyramid.build(windows, enrolments, schools, municipalities, "twente", "Twente",
        Norm.DEFAULT, "2025-2026", REFERENCE);

    assertThat(pyramid.where(col(Pyramid.LEVEL).equalTo(Units.REGION)).collectAsList()).containsExactlyInAnyOrder(
        row(sytd, "region", "twente", "Twente", 4, 0, 3, 0, 1, "75.0", "0.0", "25.0", "-5.0", "-15.0", "20.0"),
        row(rolling4, "region", "twente", "Twente", 3, 1, 1, 1, 1, "33.3", "33.3", "33.3", "-46.7", "18.3", "28.3"),
        row(rolling12, "region", "twente", "Twente", 4, 0, 4, 0, 0, "100.0", "0.0", "0.0", "20.0", "-15.0", "-5.0"));
  }

  /**
   * The sector levels and the counting once above school level, for a pupil who changed school and
   * for pupils who left mid-year.
   *
   * <pre>
   * schools 07AB00 PO GM0153 Enschede; 21CD00 VO GM0164 Hengelo; 23EF01 VO GM0153 Enschede (RMC 22)
   * pupil  school  enrolment       tier
   * r1     07AB00  18-08 - 30-09   3    changed school: counts at 21CD00 above school level
   * r1     21CD00  01-10 -         1
   * r2     07AB00  18-08 - 10-10   2    left mid-year, not enrolled elsewhere: counts at 07AB00
   * r3     07AB00  18-08 - 05-09   1    changed school, then left mid-year: counts at 23EF01,
   * r3     23EF01  08-09 - 03-10   3      its latest enrolment, though it ended
   *
   * region / RMC 22 / residence GM0153   r1 t1, r2 t2, r3 t3   3 pupils  33.3/33.3/33.3
   * twente:PO  r2 t2   0.0/100.0/0.0      twente:VO  r1 t1, r3 t3   50.0/0.0/50.0
   * GM0153     r2 t2, r3 t3   0.0/50.0/50.0     GM0164   r1 t1   100.0/0.0/0.0
   * GM0153:PO  r2 t2   Enschede PO              GM0153:VO  r3 t3   Enschede VO   GM0164:VO  r1 t1   Hengelo VO
   * school 07AB00: every enrolment, r1 t3, r2 t2, r3 t1; 21CD00 r1 t1; 23EF01 r3 t3
   * </pre>
   */
  @Test
  void sectorLevelsCountAPupilOnceByTheLatestEnrolment(SparkSession spark) {
    String vo2 = "23EF01";
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("r1", PO + "-r1", PO, null, null, "GM0153", d("2025-08-18"), d("2025-09-30")),
        enrolment("r1", VO + "-r1", VO, null, null, "GM0153", d("2025-10-01"), null),
        enrolment("r2", PO + "-r2", PO, null, null, "GM0153", d("2025-08-18"), d("2025-10-10")),
        enrolment("r3", PO + "-r3", PO, null, null, "GM0153", d("2025-08-18"), d("2025-09-05")),
        enrolment("r3", vo2 + "-r3", vo2, null, null, "GM0153", d("2025-09-08"), d("2025-10-03")));
    Dataset<Row> windows = frame(spark, PupilWindows.SCHEMA,
        standing(PO, "r1", 3), standing(VO, "r1", 1), standing(PO, "r2", 2), standing(PO, "r3", 1),
        standing(vo2, "r3", 3));
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school(PO, "Basisschool De Esch", "PO", "GM0153", null, null, null),
        school(VO, "Lyceum Hengelo", "VO", "GM0164", null, null, null),
        school(vo2, "Het Stedelijk", "VO", "GM0153", null, null, null));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA,
        municipality("GM0153", "Enschede", "22"), municipality("GM0164", "Hengelo", "22"));

    Dataset<Row> pyramid = Pyramid.build(windows, enrolments, schools, municipalities, "twente", "Twente",
        Norm.DEFAULT, "2025-2026", REFERENCE);

    assertThat(pyramid.collectAsList()).containsExactlyInAnyOrder(
        row("region", "twente", "Twente", 3, 0, 1, 1, 1, "33.3", "33.3", "33.3"),
        row("region_sector", "twente:PO", "Twente PO", 1, 0, 0, 1, 0, "0.0", "100.0", "0.0"),
        row("region_sector", "twente:VO", "Twente VO", 2, 0, 1, 0, 1, "50.0", "0.0", "50.0"),
        row("rmc_region", "22", "RMC-regio 22", 3, 0, 1, 1, 1, "33.3", "33.3", "33.3"),
        row("municipality", "GM0153", "Enschede", 2, 0, 0, 1, 1, "0.0", "50.0", "50.0"),
        row("municipality", "GM0164", "Hengelo", 1, 0, 1, 0, 0, "100.0", "0.0", "0.0"),
        row("municipality_sector", "GM0153:PO", "Enschede PO", 1, 0, 0, 1, 0, "0.0", "100.0", "0.0"),
        row("municipality_sector", "GM0153:VO", "Enschede VO", 1, 0, 0, 0, 1, "0.0", "0.0", "100.0"),
        row("municipality_sector", "GM0164:VO", "Hengelo VO", 1, 0, 1, 0, 0, "100.0", "0.0", "0.0"),
        row("residence_municipality", "GM0153", "Enschede", 3, 0, 1, 1, 1, "33.3", "33.3", "33.3"),
        row("school", PO, "Basisschool De Esch", 3, 0, 1, 1, 1, "33.3", "33.3", "33.3"),
        row("school", VO, "Lyceum Hengelo", 1, 0, 1, 0, 0, "100.0", "0.0", "0.0"),
        row("school", vo2, "Het Stedelijk", 1, 0, 0, 0, 1, "0.0", "0.0", "100.0"));
  }

  /** A school-year-to-date window at the reference date; only the tier matters to the pyramid. */
  static Row standing(String brin, String pupil, Integer tier) {
    return windowRow(brin, pupil, PupilWindows.SCHOOL_YEAR_TO_DATE, "2025-08-01", "2025-10-31", tier);
  }

  static Row windowRow(String brin, String pupil, String window, String start, String end, Integer tier) {
    Object[] minutes = PupilDays.MISSED_CATEGORY_COLUMNS.stream().flatMap(c -> Arrays.stream(new Object[] {c, 0L}))
        .toArray();
    Object[] values = {
        PupilWindows.BRIN_VESTIGING, brin, PupilWindows.SCHOOL_PUPIL_KEY, brin + "-" + pupil,
        PupilWindows.PUPIL_KEY, pupil, PupilWindows.WINDOW, window,
        PupilWindows.WINDOW_START, d(start), PupilWindows.WINDOW_END, d(end),
        PupilWindows.SCHOOL_DAYS, tier == null ? 5 : 40, PupilWindows.SCHEDULED_MINUTES, 12000L,
        PupilWindows.MISSED_MINUTES, 0L, PupilWindows.UNAUTHORISED_MINUTES, 0L, PupilWindows.LATE_COUNT, 0,
        PupilWindows.LATE_MINUTES, 0L, PupilWindows.TIER, tier,
        PupilWindows.TIER_STATUS, tier == null ? "insufficient_days" : "tier" + tier};
    Object[] all = Arrays.copyOf(values, values.length + minutes.length);
    System.arraycopy(minutes, 0, all, values.length, minutes.length);
    return rowOf(PupilWindows.SCHEMA, all);
  }

  /**
   * A school-year-to-date row; the differences from the default norm are the published
   * percentages minus 80.0, 15.0 and 5.0 ({@link #onePyramidPerWindowWithTheDifferenceFromTheNorm}
   * pins them as literals).
   */
  private static Row row(String level, String code, String name, long pupils, long insufficient, long tier1,
      long tier2, long tier3, String tier1Pct, String tier2Pct, String tier3Pct) {
    return row(PupilWindows.SCHOOL_YEAR_TO_DATE, level, code, name, pupils, insufficient, tier1, tier2, tier3,
        tier1Pct, tier2Pct, tier3Pct, minus(tier1Pct, "80.0"), minus(tier2Pct, "15.0"), minus(tier3Pct, "5.0"));
  }

  private static Row row(String window, String level, String code, String name, long pupils, long insufficient,
      long tier1, long tier2, long tier3, String tier1Pct, String tier2Pct, String tier3Pct, String diff1, String diff2,
      String diff3) {
    return RowFactory.create("2025-2026", sqlDate("2025-10-31"), window, level, code, name, pupils,
        insufficient, tier1, tier2, tier3, pct(tier1Pct), pct(tier2Pct), pct(tier3Pct), pct("80.0"), pct("15.0"),
        pct("5.0"), pct(diff1), pct(diff2), pct(diff3));
  }

  private static String minus(String pct, String norm) {
    return pct == null ? null : new BigDecimal(pct).subtract(new BigDecimal(norm)).toPlainString();
  }

  private static BigDecimal pct(String value) {
    return value == null ? null : new BigDecimal(value);
  }
}
