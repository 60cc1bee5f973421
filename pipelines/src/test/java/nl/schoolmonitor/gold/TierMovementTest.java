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
 * Tier movement from September to October 2025, worked out by hand.
 *
 * <pre>
 * 07AB00 PO in GM0153, 21CD00 VO in GM0164, both RMC 22, no board or SWV; no class or year group;
 * every pupil lives in GM0164. Last week ends: Sunday 28 September and Sunday 26 October.
 *
 * pupil    school  enrolment          tier 28-09  tier 26-10   region / RMC / residence
 * up       21CD00  18-08 -            1 (21-09: 3) 2            moved up (21 September is not the last week end)
 * down     21CD00  18-08 -            3            2            moved down
 * stay     21CD00  18-08 -            2            2            stayed
 * noTier   21CD00  18-08 -            none         1            without tier
 * joiner   21CD00  06-10 -            -            1            entered
 * leaver   21CD00  18-08 - 10-10      1            1 (carried)  left: not enrolled in the week of 26 October
 * mover    07AB00  18-08 - 30-09      1            1 (carried)  left 07AB00 and GM0153
 * mover    21CD00  01-10 -            -            3            entered 21CD00 and GM0164; moved up in the region
 *
 * unit              start end stayed up down entered left without
 * region/RMC/res.   6     6   1      2  1    1       1    1
 * 21CD00, GM0164    5     6   1      1  1    2       1    1
 * 07AB00, GM0153    1     0   0      0  0    0       1    0
 * </pre>
 * A week that does not end on a Sunday (a reference date) and the school_week windows are left out.
 */
@ExtendWith(SharedSpark.class)
class TierMovementTest {

  private static final String PO = "07AB00";
  private static final String VO = "21CD00";

  private static Dataset<Row> movement(SparkSession spark) {
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("up", VO + "-up", VO, null, null, "GM0164", d("2025-08-18"), null),
        enrolment("down", VO + "-down", VO, null, null, "GM0164", d("2025-08-18"), null),
        enrolment("stay", VO + "-stay", VO, null, null, "GM0164", d("2025-08-18"), null),
        enrolment("noTier", VO + "-noTier", VO, null, null, "GM0164", d("2025-08-18"), null),
        enrolment("joiner", VO + "-joiner", VO, null, null, "GM0164", d("2025-10-06"), null),
        enrolment("leaver", VO + "-leaver", VO, null, null, "GM0164", d("2025-08-18"), d("2025-10-10")),
        enrolment("mover", PO + "-mover", PO, null, null, "GM0164", d("2025-08-18"), d("2025-09-30")),
        enrolment("mover", VO + "-mover", VO, null, null, "GM0164", d("2025-10-01"), null));
    Dataset<Row> windows = frame(spark, PupilWindows.SCHEMA,
        standing(VO, "up", "2025-09-21", 3), standing(VO, "up", "2025-09-28", 1), standing(VO, "up", "2025-10-26", 2),
        standing(VO, "down", "2025-09-28", 3), standing(VO, "down", "2025-10-26", 2),
        standing(VO, "stay", "2025-09-28", 2), standing(VO, "stay", "2025-10-26", 2),
        standing(VO, "noTier", "2025-09-28", null), standing(VO, "noTier", "2025-10-26", 1),
        standing(VO, "joiner", "2025-10-26", 1),
        standing(VO, "leaver", "2025-09-28", 1), standing(VO, "leaver", "2025-10-26", 1),
        standing(PO, "mover", "2025-09-28", 1), standing(PO, "mover", "2025-10-26", 1),
        standing(VO, "mover", "2025-10-26", 3),
        // Not a week end, and not a school year to date: left out.
        standing(VO, "stay", "2025-10-29", 3),
        rowOf(PupilWindows.SCHEMA, PupilWindows.BRIN_VESTIGING, VO, PupilWindows.SCHOOL_PUPIL_KEY, VO + "-stay",
            PupilWindows.PUPIL_KEY, "stay", PupilWindows.WINDOW, PupilWindows.SCHOOL_WEEK,
            PupilWindows.WINDOW_START, d("2025-10-20"), PupilWindows.WINDOW_END, d("2025-10-26"),
            PupilWindows.TIER, 3));
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school(PO, "Basisschool De Esch", "PO", "GM0153", null, null, null),
        school(VO, "Lyceum Hengelo", "VO", "GM0164", null, null, null));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA,
        municipality("GM0153", "Enschede", "22"), municipality("GM0164", "Hengelo", "22"));
    return TierMovement.build(windows, enrolments, schools, municipalities, "twente", "Twente", "2025-2026",
        d("2025-10-29"));
  }

  @Test
  void schemaIsTheDeclaredOne(SparkSession spark) {
    assertThat(namesAndTypes(movement(spark).schema())).containsExactlyElementsOf(namesAndTypes(TierMovement.SCHEMA));
  }

  @Test
  void comparesEachPupilsTierAtTheLastWeekEndOfTwoMonthsCountingPupilsOnceAboveSchoolLevel(SparkSession spark) {
    assertThat(movement(spark).collectAsList()).containsExactlyInAnyOrder(
        row("region", "twente", "Twente", 6, 6, 1, 2, 1, 1, 1, 1),
        row("rmc_region", "22", "RMC-regio 22", 6, 6, 1, 2, 1, 1, 1, 1),
        row("residence_municipality", "GM0164", "Hengelo", 6, 6, 1, 2, 1, 1, 1, 1),
        row("municipality", "GM0164", "Hengelo", 5, 6, 1, 1, 1, 2, 1, 1),
        row("school", VO, "Lyceum Hengelo", 5, 6, 1, 1, 1, 2, 1, 1),
        row("municipality", "GM0153", "Enschede", 1, 0, 0, 0, 0, 0, 1, 0),
        row("school", PO, "Basisschool De Esch", 1, 0, 0, 0, 0, 0, 1, 0),
        // the sector levels: one sector per municipality here, so as the municipalities
        row("region_sector", "twente:PO", "Twente PO", 1, 0, 0, 0, 0, 0, 1, 0),
        row("region_sector", "twente:VO", "Twente VO", 5, 6, 1, 1, 1, 2, 1, 1),
        row("municipality_sector", "GM0153:PO", "Enschede PO", 1, 0, 0, 0, 0, 0, 1, 0),
        row("municipality_sector", "GM0164:VO", "Hengelo VO", 5, 6, 1, 1, 1, 2, 1, 1));
  }

  /** A school year to date window ending on {@code end}; tier null = insufficient days. */
  private static Row standing(String brin, String pupil, String end, Integer tier) {
    Object[] minutes = PupilDays.MISSED_CATEGORY_COLUMNS.stream().flatMap(c -> Arrays.stream(new Object[] {c, 0L}))
        .toArray();
    Object[] values = {
        PupilWindows.BRIN_VESTIGING, brin, PupilWindows.SCHOOL_PUPIL_KEY, brin + "-" + pupil,
        PupilWindows.PUPIL_KEY, pupil, PupilWindows.WINDOW, PupilWindows.SCHOOL_YEAR_TO_DATE,
        PupilWindows.WINDOW_START, d("2025-08-01"), PupilWindows.WINDOW_END, d(end), PupilWindows.TIER, tier,
        PupilWindows.TIER_STATUS, tier == null ? "insufficient_days" : "tier" + tier};
    Object[] all = Arrays.copyOf(values, values.length + minutes.length);
    System.arraycopy(minutes, 0, all, values.length, minutes.length);
    return rowOf(PupilWindows.SCHEMA, all);
  }

  private static Row row(String level, String code, String name, long start, long end, long stayed, long up,
      long down, long entered, long left, long withoutTier) {
    return RowFactory.create("2025-2026", sqlDate("2025-09-01"), sqlDate("2025-10-01"), level, code, name, start, end,
        stayed, up, down, entered, left, withoutTier);
  }
}
