package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static nl.schoolmonitor.gold.GoldFixtures.sqlDate;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import nl.schoolmonitor.config.LeerplichtRule;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.Exemptions;
import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.Municipalities;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class LeerplichtTablesTest {

  private static final LocalDate REFERENCE = d("2026-03-27");

  private static Row report(String number, String pupil, String residence, String brin, String soort, String reported,
      String from, String to, String status) {
    return rowOf(LeerplichtReports.SCHEMA, LeerplichtReports.REPORT_NUMBER, number, LeerplichtReports.PUPIL_KEY, pupil,
        LeerplichtReports.RESIDENCE_MUNICIPALITY, residence, LeerplichtReports.BRIN_VESTIGING, brin,
        LeerplichtReports.VERZUIMSOORT, soort, LeerplichtReports.REPORT_DATE, d(reported),
        LeerplichtReports.ABSENCE_START, d(from), LeerplichtReports.ABSENCE_END, to == null ? null : d(to),
        LeerplichtReports.STATUS, status, LeerplichtReports.SCHOOL_YEAR, "2025-2026");
  }

  private static Row exemption(String pupil, String residence, String kind, String from, String to) {
    return rowOf(Exemptions.SCHEMA, Exemptions.PUPIL_KEY, pupil, Exemptions.RESIDENCE_MUNICIPALITY, residence,
        Exemptions.EXEMPTION_KIND, kind, Exemptions.EXEMPTION_START, d(from), Exemptions.EXEMPTION_END, d(to),
        Exemptions.SCHOOL_YEAR, "2025-2026");
  }

  private static Row longAbsence(String pupil, String brin, String from, String to, int age) {
    return rowOf(PupilFlags.SCHEMA, PupilFlags.BRIN_VESTIGING, brin, PupilFlags.SCHOOL_PUPIL_KEY, "s-" + pupil,
        PupilFlags.PUPIL_KEY, pupil, PupilFlags.FLAG, PupilFlags.LONG_ABSENCE, PupilFlags.FIRST_MET, d(to),
        PupilFlags.WINDOW_START, d(from), PupilFlags.WINDOW_END, d(to), PupilFlags.AGE_ON_FIRST_MET, age);
  }

  private static Dataset<Row> municipalities(SparkSession spark) {
    return frame(spark, Municipalities.SCHEMA,
        RowFactory.create("GM0141", "Almelo", "22", 10900),
        RowFactory.create("GM0153", "Enschede", "22", 24100),
        // 4,000 residents aged 5-18 (not the real number): 1 pupil is 0.25 per 1,000, published 0.3 (half up)
        RowFactory.create("GM0164", "Hengelo", "22", 4000));
  }

  /**
   * p1 moved from Enschede to Hengelo between two reports; p2 is absoluut verzuimer (no school);
   * p3's report was withdrawn; p4 was reported twice.
   */
  private static Dataset<Row> reports(SparkSession spark) {
    return frame(spark, LeerplichtReports.SCHEMA,
        report("M-1", "p1", "GM0153", "21CD00", "V3", "2025-10-06", "2025-09-08", "2025-10-03", "B"),
        report("M-2", "p1", "GM0164", "21CD00", "V2", "2026-01-12", "2025-12-01", "2026-01-09", "R"),
        report("M-3", "p2", "GM0164", null, "ABS", "2025-09-15", "2025-08-01", null, "R"),
        report("M-4", "p3", "GM0164", "21CD00", "V1", "2025-11-03", "2025-10-27", "2025-10-31", "I"),
        report("M-5", "p4", "GM0164", "21CD00", "V3", "2025-11-10", "2025-10-06", "2025-11-07", "G"),
        report("M-6", "p4", "GM0164", "21CD00", "V3", "2026-02-09", "2026-01-12", "2026-02-06", "B"));
  }

  @Test
  void aReportForAPupilWhoMovedCountsInTheMunicipalityWhereItWasMade(SparkSession spark) {
    Dataset<Row> counts = LeerplichtReportCounts.build(reports(spark), municipalities(spark));

    assertThat(counts.schema()).isEqualTo(LeerplichtReportCounts.SCHEMA);
    assertThat(counts.collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("2025-2026", "GM0153", "Enschede", "V3", "B", 1L, 1L),
        RowFactory.create("2025-2026", "GM0164", "Hengelo", "V2", "R", 1L, 1L),
        RowFactory.create("2025-2026", "GM0164", "Hengelo", "ABS", "R", 1L, 1L),
        RowFactory.create("2025-2026", "GM0164", "Hengelo", "V1", "I", 1L, 1L),
        RowFactory.create("2025-2026", "GM0164", "Hengelo", "V3", "G", 1L, 1L),
        RowFactory.create("2025-2026", "GM0164", "Hengelo", "V3", "B", 1L, 1L));
  }

  @Test
  void anExemptionOverlappingTheAbsenceMeansNoThuiszitterAndAbsoluutVerzuimNeedsNoSchool(SparkSession spark) {
    Dataset<Row> exemptions = frame(spark, Exemptions.SCHEMA,
        exemption("p5", "GM0153", "5a", "2025-08-01", "2026-07-31"));
    Dataset<Row> flags = frame(spark, PupilFlags.SCHEMA,
        // enrolled, 20 school days missed without authorisation, but exempted (5 onder a) at the same time
        longAbsence("p5", "21CD00", "2025-09-01", "2025-10-10", 13),
        // enrolled, 20 school days missed, no exemption: a thuiszitter
        longAbsence("p6", "21CD00", "2025-09-01", "2025-09-26", 14),
        // 18 and over: not of compulsory-school age
        longAbsence("p8", "21CD00", "2025-09-01", "2025-09-26", 18));
    Dataset<Row> enrolments = frame(spark, Enrolments.SCHEMA,
        GoldFixtures.enrolment("p5", "s-p5", "21CD00", "h2a", 2, "GM0153", d("2024-08-01"), null),
        GoldFixtures.enrolment("p6", "s-p6", "21CD00", "h2a", 2, "GM0153", d("2024-08-01"), null),
        // p7 was between schools: absoluut verzuim from 18 August, enrolled again from 8 September (21 days)
        GoldFixtures.enrolment("p7", "s-p7", "21CD00", "h1a", 1, "GM0164", d("2025-09-08"), null));
    Dataset<Row> reports = reports(spark).unionByName(frame(spark, LeerplichtReports.SCHEMA,
        report("M-7", "p7", "GM0164", null, "ABS", "2025-08-25", "2025-08-18", null, "B")));

    Dataset<Row> thuiszitters = Thuiszitters.build(reports, exemptions, flags, enrolments, LeerplichtRule.DEFAULT,
        REFERENCE);

    assertThat(thuiszitters.schema()).isEqualTo(Thuiszitters.SCHEMA);
    assertThat(thuiszitters.collectAsList()).containsExactlyInAnyOrder(
        // absoluut verzuim without a school, still open at the reference date: 239 days, longer than 3 months
        RowFactory.create("2025-2026", "p2", "GM0164", sqlDate("2025-08-01"), sqlDate("2026-03-27"), 239, true,
            "absoluut_verzuim"),
        RowFactory.create("2025-2026", "p6", "GM0153", sqlDate("2025-09-01"), sqlDate("2025-09-26"), 26, false,
            "school_long_absence"));

    Dataset<Row> perMunicipality = LeerplichtMunicipality.build(reports(spark), exemptions, thuiszitters,
        municipalities(spark));
    assertThat(perMunicipality.schema()).isEqualTo(LeerplichtMunicipality.SCHEMA);
    assertThat(perMunicipality.collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("2025-2026", "GM0141", "Almelo", 10900, 0L, 0L, 0L, 0L, 0L, pt("0.0"), 0L, pt("0.0"), 0L, 0L,
            0L, 0L),
        // p1's first report (Enschede): 1 / 24,100 * 1,000 = 0.04 -> 0.0
        RowFactory.create("2025-2026", "GM0153", "Enschede", 24100, 1L, 1L, 0L, 0L, 1L, pt("0.0"), 0L, pt("0.0"), 1L,
            1L, 1L, 0L),
        // p1 (after moving), p2 (ABS) and p4 (twice); p3's withdrawn report not counted.
        // relatief: p1, p4 = 2 / 4,000 * 1,000 = 0.5; absoluut: p2 = 0.25 -> 0.3 (half up)
        RowFactory.create("2025-2026", "GM0164", "Hengelo", 4000, 4L, 3L, 1L, 1L, 2L, pt("0.5"), 1L, pt("0.3"), 0L,
            1L, 0L, 1L));
  }

  @Test
  void exemptionsAreCountedByKind(SparkSession spark) {
    Dataset<Row> exemptions = frame(spark, Exemptions.SCHEMA,
        exemption("p5", "GM0153", "5a", "2025-08-01", "2026-07-31"),
        exemption("p9", "GM0153", "5a", "2025-08-01", "2026-07-31"),
        exemption("p10", null, "5c", "2025-09-01", "2026-07-31"));

    Dataset<Row> counts = ExemptionCounts.build(exemptions, municipalities(spark));

    assertThat(counts.schema()).isEqualTo(ExemptionCounts.SCHEMA);
    assertThat(counts.collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("2025-2026", "GM0153", "Enschede", "5a", 2L, 2L),
        RowFactory.create("2025-2026", "unknown", "onbekend", "5c", 1L, 1L));
  }

  @Test
  void reportableAbsenceIsFollowedByAReportOrNot(SparkSession spark) {
    Dataset<Row> flags = frame(spark, PupilFlags.SCHEMA,
        reportable("p1", "2025-09-08", "2025-10-02"),
        reportable("p11", "2025-09-08", "2025-10-02"),
        reportable("p12", "2026-03-02", "2026-03-20"));
    Dataset<Row> followup = LeerplichtFollowup.perPupil(flags, reports(spark), LeerplichtRule.DEFAULT, REFERENCE);

    assertThat(followup.schema()).isEqualTo(LeerplichtFollowup.PUPIL_SCHEMA);
    assertThat(followup.select(LeerplichtFollowup.PUPIL_KEY, LeerplichtFollowup.DEADLINE,
        LeerplichtFollowup.REPORT_NUMBER, LeerplichtFollowup.FOLLOWUP_STATUS).collectAsList())
        .containsExactlyInAnyOrder(
            RowFactory.create("p1", sqlDate("2025-10-30"), "M-1", "reported"),
            RowFactory.create("p11", sqlDate("2025-10-30"), null, "not_reported"),
            RowFactory.create("p12", sqlDate("2026-04-17"), null, "pending"));
    Dataset<Row> perSchool = LeerplichtFollowup.perSchool(followup, frame(spark, nl.schoolmonitor.silver.Schools.SCHEMA,
        GoldFixtures.school("21CD00", "Lyceum Hengelo", "VO", "GM0164", "42002", "Stichting VO Hengelo", "SWV 23-02")),
        REFERENCE);
    assertThat(perSchool.schema()).isEqualTo(LeerplichtFollowup.SCHOOL_SCHEMA);
    assertThat(perSchool.collectAsList()).containsExactly(RowFactory.create("2025-2026", sqlDate("2026-03-27"),
        "21CD00", "Lyceum Hengelo", 3L, 1L, 1L, 1L, pt("50.0")));
  }

  private static Row reportable(String pupil, String windowStart, String firstMet) {
    return rowOf(PupilFlags.SCHEMA, PupilFlags.BRIN_VESTIGING, "21CD00", PupilFlags.SCHOOL_PUPIL_KEY, "s-" + pupil,
        PupilFlags.PUPIL_KEY, pupil, PupilFlags.FLAG, PupilFlags.REPORTABLE_16H, PupilFlags.FIRST_MET, d(firstMet),
        PupilFlags.WINDOW_START, d(windowStart), PupilFlags.WINDOW_END, d(firstMet), PupilFlags.AGE_ON_FIRST_MET, 13,
        PupilFlags.REPORT_TYPE, "V3");
  }

  private static BigDecimal pt(String value) {
    return new BigDecimal(value);
  }
}
