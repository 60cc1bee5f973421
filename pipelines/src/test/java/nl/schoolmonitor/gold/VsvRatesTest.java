package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.municipality;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static nl.schoolmonitor.gold.GoldFixtures.school;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.schoolmonitor.silver.Municipalities;
import nl.schoolmonitor.silver.Schools;
import nl.schoolmonitor.silver.VsvLeavers;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class VsvRatesTest {

  private static final String YEAR = "2024-2025";

  private static Row pyramid(String referenceDate, String window, String level, String code, String name, long pupils,
      long insufficient, long tier3) {
    return rowOf(Pyramid.SCHEMA, Pyramid.SCHOOL_YEAR, YEAR, Pyramid.REFERENCE_DATE, d(referenceDate), Pyramid.WINDOW,
        window, Pyramid.LEVEL, level, Pyramid.UNIT_CODE, code, Pyramid.UNIT_NAME, name, Pyramid.PUPILS, pupils,
        Pyramid.INSUFFICIENT_DAYS, insufficient, Pyramid.TIER1, pupils - tier3, Pyramid.TIER2, 0L, Pyramid.TIER3, tier3,
        Pyramid.TIER3_PCT, BigDecimal.valueOf(Math.round(1000.0 * tier3 / pupils), 1),
        Pyramid.NORM_TIER1_PCT, new BigDecimal("80.0"), Pyramid.NORM_TIER2_PCT, new BigDecimal("15.0"),
        Pyramid.NORM_TIER3_PCT, new BigDecimal("5.0"));
  }

  private static Row leaver(String pupil, String brin, String residence, String rmc, long line) {
    return rowOf(VsvLeavers.SCHEMA, VsvLeavers.PUPIL_KEY, pupil, VsvLeavers.BRIN_VESTIGING, brin,
        VsvLeavers.RESIDENCE_MUNICIPALITY, residence, VsvLeavers.RMC_REGION, rmc, VsvLeavers.SCHOOL_YEAR, YEAR,
        VsvLeavers.STATUS, "nieuw", VsvLeavers.LOAD_ID, "run-1", VsvLeavers.SOURCE_FILE, "vsv/vsv_2024-2025.csv",
        VsvLeavers.LINE_NUMBER, line);
  }

  /**
   * The VSV'ers of 2024-2025 next to the pyramid at the year's last reference date: p1 and p2 left
   * the MBO school in Hengelo (p2 is on the list twice), p3 is on the list without a school and
   * without a municipality of residence.
   */
  @Test
  void vsvCountsSitNextToThePyramidOfTheYearsLastReferenceDate(SparkSession spark) {
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school("21CD00", "Het Stedelijk", "VO", "GM0153", "41110", "Stichting VO Enschede", "SWV 23-02"),
        school("25GH00", "ROC Twente Hengelo", "MBO", "GM0164", "30001", "ROC van Twente", null));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA, municipality("GM0141", "Almelo", "22"),
        municipality("GM0153", "Enschede", "22"), municipality("GM0164", "Hengelo", "22"));
    Dataset<Row> pyramid = frame(spark, Pyramid.SCHEMA,
        // an earlier reference date and another window: not the year-end standing
        pyramid("2025-03-28", PupilWindows.SCHOOL_YEAR_TO_DATE, Units.REGION, "twente", "Twente", 90, 0, 9),
        pyramid("2025-07-04", PupilWindows.ROLLING_4_WEEKS, Units.REGION, "twente", "Twente", 99, 1, 20),
        pyramid("2025-07-04", PupilWindows.SCHOOL_YEAR_TO_DATE, Units.REGION, "twente", "Twente", 95, 5, 10),
        pyramid("2025-07-04", PupilWindows.SCHOOL_YEAR_TO_DATE, Units.SCHOOL, "21CD00", "Het Stedelijk", 40, 0, 4),
        pyramid("2025-07-04", PupilWindows.SCHOOL_YEAR_TO_DATE, Units.SCHOOL, "25GH00", "ROC Twente Hengelo", 48, 2, 6),
        // a level the VSV table does not have
        pyramid("2025-07-04", PupilWindows.SCHOOL_YEAR_TO_DATE, Units.BOARD, "30001", "ROC van Twente", 48, 2, 6));
    Dataset<Row> vsv = frame(spark, VsvLeavers.SCHEMA, leaver("p1", "25GH00", "GM0141", "22", 2),
        leaver("p2", "25GH00", "GM0153", "22", 3), leaver("p2", "25GH00", "GM0153", "22", 4),
        leaver("p3", null, null, "22", 5));

    Map<String, Row> rates = new TreeMap<>();
    VsvRates.build(vsv, pyramid, schools, municipalities, "twente", "Twente").collectAsList()
        .forEach(r -> rates.put(r.getAs(VsvRates.LEVEL) + ":" + r.getAs(VsvRates.UNIT_CODE), r));

    assertThat(rates.keySet()).containsExactly("municipality:GM0164", "region:twente", "residence_municipality:GM0141",
        "residence_municipality:GM0153", "residence_municipality:unknown", "rmc_region:22", "school:21CD00",
        "school:25GH00");
    // Region: 3 distinct VSV'ers of 95 + 5 pupils at 2025-07-04.
    assertRate(rates.get("region:twente"), "Twente", 3, 100L, "3.0", "2025-07-04");
    assertRate(rates.get("school:25GH00"), "ROC Twente Hengelo", 2, 50L, "4.0", "2025-07-04");
    // A school in the pyramid without VSV'ers: 0, not missing.
    assertRate(rates.get("school:21CD00"), "Het Stedelijk", 0, 40L, "0.0", "2025-07-04");
    // Units without pyramid rows keep their VSV count, without a rate.
    assertRate(rates.get("municipality:GM0164"), "Hengelo", 2, null, null, null);
    assertRate(rates.get("rmc_region:22"), "RMC-regio 22", 3, null, null, null);
    assertRate(rates.get("residence_municipality:GM0141"), "Almelo", 1, null, null, null);
    assertRate(rates.get("residence_municipality:unknown"), Units.UNKNOWN_RESIDENCE_NAME, 1, null, null, null);
    assertThat(rates.get("school:25GH00").<BigDecimal>getAs(VsvRates.TIER3_PCT)).isEqualByComparingTo("12.5");
  }

  private static void assertRate(Row row, String name, long vsv, Long pupils, String pct, String referenceDate) {
    assertThat(List.of(String.valueOf(row.<Object>getAs(VsvRates.UNIT_NAME)), row.<Long>getAs(VsvRates.VSV),
        String.valueOf(row.<Object>getAs(VsvRates.PUPILS)), String.valueOf(row.<Object>getAs(VsvRates.VSV_PCT)),
        String.valueOf(row.<Object>getAs(VsvRates.REFERENCE_DATE))))
        .containsExactly(name, vsv, String.valueOf(pupils), String.valueOf(pct == null ? null : new BigDecimal(pct)),
            String.valueOf(referenceDate));
  }
}
