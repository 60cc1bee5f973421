package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.enrolment;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.municipality;
import static nl.schoolmonitor.gold.GoldFixtures.school;
import static nl.schoolmonitor.gold.PyramidTest.standing;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.Municipalities;
import nl.schoolmonitor.silver.Schools;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Units#sums} against summing {@link Units#attach}'s rows per unit: the same figures, from
 * rows summed per class before they are copied into the levels.
 *
 * <pre>
 * pupil  school  class  year  residence  tier (school year to date at 31 Oct)
 * p1     07AB00  5a     5     GM0153     1
 * p2     07AB00  5a     5     -          2      (residence unknown)
 * p3     07AB00  5a     5     GM0153     3      (same class and residence as p1: one summed row)
 * p4     07AB00  5b     5     GM0164     3      (left 30 Sep)
 * p4     21CD00  1a     1     GM0164     1      (joined 1 Oct: p4 counts once above school, here)
 * p5     21CD00  -      -     GM0164     -      (too few days; no class or year group)
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class UnitsTest {

  private static final LocalDate REFERENCE = d("2025-10-31");
  private static final String PO = "07AB00";
  private static final String VO = "21CD00";

  @Test
  void sumsPerUnitEqualTheSumsOfTheAttachedRows(SparkSession spark) {
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        enrolment("p1", PO + "-p1", PO, "5a", 5, "GM0153", d("2025-08-18"), null),
        enrolment("p2", PO + "-p2", PO, "5a", 5, null, d("2025-08-18"), null),
        enrolment("p3", PO + "-p3", PO, "5a", 5, "GM0153", d("2025-08-18"), null),
        enrolment("p4", PO + "-p4", PO, "5b", 5, "GM0164", d("2025-08-18"), d("2025-09-30")),
        enrolment("p4", VO + "-p4", VO, "1a", 1, "GM0164", d("2025-10-01"), null),
        enrolment("p5", VO + "-p5", VO, null, null, "GM0164", d("2025-08-18"), null));
    Dataset<Row> windows = frame(spark, PupilWindows.SCHEMA,
        standing(PO, "p1", 1), standing(PO, "p2", 2), standing(PO, "p3", 3), standing(PO, "p4", 3),
        standing(VO, "p4", 1), standing(VO, "p5", null));
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school(PO, "Basisschool De Esch", "PO", "GM0153", "41001", "Stichting Primair Enschede", "SWV 23-01"),
        school(VO, "Lyceum Hengelo", "VO", "GM0164", "42002", "Stichting VO Hengelo", null));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA,
        municipality("GM0153", "Enschede", "22"), municipality("GM0164", "Hengelo", "22"));
    Column tier = col(PupilWindows.TIER);
    Map<String, Column> values = new LinkedHashMap<>();
    values.put("rows", lit(1L));
    values.put("tier3", when(tier.equalTo(3), lit(1L)).otherwise(lit(0L)));
    values.put("scheduled", col(PupilWindows.SCHEDULED_MINUTES));

    Dataset<Row> summed = Units.sums(windows, enrolments, schools, municipalities, "twente", "Twente", REFERENCE,
        List.of(col(PupilWindows.WINDOW).as("w")), values);
    Dataset<Row> attached = Units.attach(windows, enrolments, schools, municipalities, "twente", "Twente", REFERENCE)
        .groupBy(col(PupilWindows.WINDOW).as("w"), col(Units.LEVEL), col(Units.UNIT_CODE), col(Units.UNIT_NAME))
        .agg(sum(lit(1L)).as("rows"), sum(when(tier.equalTo(3), lit(1L)).otherwise(lit(0L))).as("tier3"),
            sum(PupilWindows.SCHEDULED_MINUTES).as("scheduled"));

    assertThat(summed.columns()).containsExactly("w", "level", "unit_code", "unit_name", "rows", "tier3", "scheduled");
    assertThat(summed.collectAsList()).containsExactlyInAnyOrderElementsOf(attached.collectAsList());
    Map<String, String> byUnit = new LinkedHashMap<>();
    summed.collectAsList().forEach(r -> byUnit.put(r.getString(1) + "/" + r.getString(2),
        r.getLong(4) + " " + r.getLong(5) + " " + r.getLong(6)));
    // 12000 scheduled minutes per window (PyramidTest.windowRow); p4 is in tier 1 above school level.
    assertThat(byUnit).containsEntry("region/twente", "5 1 60000")
        .containsEntry("class/07AB00:5a", "3 1 36000")
        .containsEntry("year_group/07AB00:5", "4 2 48000")
        .containsEntry("school/21CD00", "2 0 24000")
        .containsEntry("residence_municipality/unknown", "1 0 12000")
        .containsEntry("municipality/GM0164", "2 0 24000");
  }
}
