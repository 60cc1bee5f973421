package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.municipality;
import static nl.schoolmonitor.gold.GoldFixtures.namesAndTypes;
import static nl.schoolmonitor.gold.GoldFixtures.pupilDay;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static nl.schoolmonitor.gold.GoldFixtures.school;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
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
 * Patterns worked out by hand over the three school days after the autumn holiday of 2025
 * (Monday 27 - Wednesday 29 October; reference date 29 October). Monday is the first school day
 * after a holiday at every school (the Friday before it is none).
 *
 * <pre>
 * pupil school          attributes                               Mon 27       Tue 28      Wed 29
 * a     07AB00 PO GM0153 groep 5, special needs, weight 0.3       330/330 sick 330/0       225/0
 * b     21CD00 VO GM0164 leerjaar 2, no special needs, NT2         300/100 unau 300/50 unau 300/0
 * c     25GH00 MBO GM0164 niveau 1 (Entree), nothing else known    200/0        200/0       -
 * (scheduled / missed). All missed minutes 330 + 150 = 480; scheduled 885 + 900 + 400 = 2185.
 * </pre>
 */
@ExtendWith(SharedSpark.class)
class PatternsTest {

  private static final String PO = "07AB00";
  private static final String VO = "21CD00";
  private static final String MBO = "25GH00";
  private static final LocalDate REFERENCE = d("2025-10-29");

  private static Dataset<Row> patterns(SparkSession spark) {
    Dataset<Row> days = frame(spark, PupilDays.SCHEMA,
        pupilDay(PO, "a", d("2025-10-27"), 330, 330, 0, 0, 0),
        pupilDay(PO, "a", d("2025-10-28"), 330, 0, 0, 0, 0),
        pupilDay(PO, "a", d("2025-10-29"), 225, 0, 0, 0, 0),
        pupilDay(VO, "b", d("2025-10-27"), 300, 0, 100, 0, 0),
        pupilDay(VO, "b", d("2025-10-28"), 300, 0, 50, 0, 0),
        pupilDay(VO, "b", d("2025-10-29"), 300, 0, 0, 0, 0),
        pupilDay(MBO, "c", d("2025-10-27"), 200, 0, 0, 0, 0),
        pupilDay(MBO, "c", d("2025-10-28"), 200, 0, 0, 0, 0),
        // After the reference date: not counted.
        pupilDay(VO, "b", d("2025-10-30"), 300, 0, 300, 0, 0));
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        pupil(PO, "a", 5, true, null, 0.3, null),
        pupil(VO, "b", 2, false, true, null, null),
        pupil(MBO, "c", null, null, null, null, "1"));
    Dataset<Row> schools = frame(spark, Schools.SCHEMA,
        school(PO, "Basisschool De Esch", "PO", "GM0153", null, null, null),
        school(VO, "Lyceum Hengelo", "VO", "GM0164", null, null, null),
        school(MBO, "ROC van Twente", "MBO", "GM0164", null, null, null));
    Dataset<Row> municipalities = frame(spark, Municipalities.SCHEMA,
        municipality("GM0153", "Enschede", "22"), municipality("GM0164", "Hengelo", "22"));
    return Patterns.build(days, enrolments, schools, municipalities, "twente", "Twente", "2025-2026", REFERENCE);
  }

  @Test
  void schemaIsTheDeclaredOne(SparkSession spark) {
    assertThat(namesAndTypes(patterns(spark).schema())).containsExactlyElementsOf(namesAndTypes(Patterns.SCHEMA));
  }

  @Test
  void splitsTheRegionsAbsenceByEveryDimension(SparkSession spark) {
    assertThat(patterns(spark).where(col(Patterns.LEVEL).equalTo("region")).collectAsList())
        .containsExactlyInAnyOrder(
            region("weekday", "monday", 3, 830, 430, "51.8", "12.0", "89.6"),
            region("weekday", "tuesday", 3, 830, 50, "6.0", "6.0", "10.4"),
            region("weekday", "wednesday", 2, 525, 0, "0.0", "0.0", "0.0"),
            region("year_group", "PO 5", 1, 885, 330, "37.3", "0.0", "68.8"),
            region("year_group", "VO 2", 1, 900, 150, "16.7", "16.7", "31.3"),
            region("year_group", "MBO unknown", 1, 400, 0, "0.0", "0.0", "0.0"),
            region("holiday", "first_day_after_holiday", 3, 830, 430, "51.8", "12.0", "89.6"),
            region("holiday", "other_day", 3, 1355, 50, "3.7", "3.7", "10.4"),
            region("category", "sick", 3, 2185, 330, "15.1", null, "68.8"),
            region("category", "medical", 3, 2185, 0, "0.0", null, "0.0"),
            region("category", "leave", 3, 2185, 0, "0.0", null, "0.0"),
            region("category", "suspended", 3, 2185, 0, "0.0", null, "0.0"),
            region("category", "removed_from_class", 3, 2185, 0, "0.0", null, "0.0"),
            region("category", "unauthorised", 3, 2185, 150, "6.9", null, "31.3"),
            region("category", "luxury_leave", 3, 2185, 0, "0.0", null, "0.0"),
            region("sector", "PO", 1, 885, 330, "37.3", "0.0", "68.8"),
            region("sector", "VO", 1, 900, 150, "16.7", "16.7", "31.3"),
            region("sector", "MBO", 1, 400, 0, "0.0", "0.0", "0.0"),
            region("special_needs", "yes", 1, 885, 330, "37.3", "0.0", "68.8"),
            region("special_needs", "no", 1, 900, 150, "16.7", "16.7", "31.3"),
            region("special_needs", "unknown", 1, 400, 0, "0.0", "0.0", "0.0"),
            region("nt2", "yes", 1, 900, 150, "16.7", "16.7", "31.3"),
            region("nt2", "unknown", 2, 1285, 330, "25.7", "0.0", "68.8"),
            region("pupil_weight", "0.3", 1, 885, 330, "37.3", "0.0", "68.8"),
            region("pupil_weight", "unknown", 2, 1300, 150, "11.5", "11.5", "31.3"),
            // Nothing missed at MBO: no share to take.
            region("mbo_level", "1", 1, 400, 0, "0.0", "0.0", null));
  }

  @Test
  void countsTheMunicipalityOfTheSchool(SparkSession spark) {
    assertThat(patterns(spark)
        .where(col(Patterns.LEVEL).equalTo("municipality").and(col(Patterns.DIMENSION).equalTo("weekday")))
        .collectAsList())
        .containsExactlyInAnyOrder(
            row("municipality", "GM0164", "Hengelo", "weekday", "monday", 2, 500, 100, "20.0", "20.0", "66.7"),
            row("municipality", "GM0164", "Hengelo", "weekday", "tuesday", 2, 500, 50, "10.0", "10.0", "33.3"),
            row("municipality", "GM0164", "Hengelo", "weekday", "wednesday", 1, 300, 0, "0.0", "0.0", "0.0"),
            row("municipality", "GM0153", "Enschede", "weekday", "monday", 1, 330, 330, "100.0", "0.0", "100.0"),
            row("municipality", "GM0153", "Enschede", "weekday", "tuesday", 1, 330, 0, "0.0", "0.0", "0.0"),
            row("municipality", "GM0153", "Enschede", "weekday", "wednesday", 1, 225, 0, "0.0", "0.0", "0.0"));
  }

  private static Row pupil(String brin, String pupil, Integer yearGroup, Boolean specialNeeds, Boolean nt2,
      Double weight, String mboLevel) {
    return rowOf(Enrolments.SCHEMA, Enrolments.PUPIL_KEY, pupil, Enrolments.SCHOOL_PUPIL_KEY, brin + "-" + pupil,
        Enrolments.BRIN_VESTIGING, brin, Enrolments.SYSTEM, "magister", Enrolments.YEAR_GROUP, yearGroup,
        Enrolments.SPECIAL_NEEDS, specialNeeds, Enrolments.NT2, nt2, Enrolments.PUPIL_WEIGHT, weight,
        Enrolments.LEVEL, mboLevel, Enrolments.RESIDENCE_MUNICIPALITY, "GM0164",
        Enrolments.ENROLMENT_START, d("2025-08-18"));
  }

  private static Row region(String dimension, String value, long pupils, long scheduled, long missed,
      String absencePct, String unauthorisedPct, String sharePct) {
    return row("region", "twente", "Twente", dimension, value, pupils, scheduled, missed, absencePct, unauthorisedPct,
        sharePct);
  }

  private static Row row(String level, String code, String name, String dimension, String value, long pupils,
      long scheduled, long missed, String absencePct, String unauthorisedPct, String sharePct) {
    return RowFactory.create("2025-2026", sqlDate("2025-10-29"), level, code, name, dimension, value, pupils,
        scheduled, missed, pct(absencePct), pct(unauthorisedPct), pct(sharePct));
  }

  private static BigDecimal pct(String value) {
    return value == null ? null : new BigDecimal(value);
  }
}
