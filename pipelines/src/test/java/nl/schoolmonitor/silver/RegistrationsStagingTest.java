package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Fixtures.CONFIG;
import static nl.schoolmonitor.silver.Fixtures.KEYS;
import static nl.schoolmonitor.silver.Fixtures.LOAD;
import static nl.schoolmonitor.silver.Fixtures.bronze;
import static nl.schoolmonitor.silver.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class RegistrationsStagingTest {

  private static final String REPORTS = "leerplicht/verzuimmeldingen_2025.csv";
  private static final String REPORTS_LATER = "leerplicht/verzuimmeldingen_2025_week42.csv";
  private static final String LATER_LOAD = "20251013T0600-0001";
  private static final String EXEMPTIONS = "leerplicht/vrijstellingen_2025.csv";
  private static final String VSV = "vsv/vsv_2024-2025.csv";

  @Test
  void sampleRegistrationsOfEveryKindAreAccepted(SparkSession spark) {
    StagedRegistrations staged = RegistrationsStaging.stage(Fixtures.bronzeRows(spark, List.of(
        // ../shared/domain/samples/landing/leerplicht and vsv, byte for byte
        bronze("leerplicht-reports", null, REPORTS, 2,
            "M-2025-0001;999990020;;05-05-2012;GM0164;21CD;00;V3;06-10-2025;08-09-2025;03-10-2025;B;Gesprek"),
        bronze("leerplicht-reports", null, REPORTS, 3,
            "M-2025-0002;999990081;;11-02-2013;GM0153;;;ABS;15-09-2025;01-08-2025;;R;"),
        bronze("leerplicht-exemptions", null, EXEMPTIONS, 2, "999990093;;23-07-2014;GM0141;5a;01-08-2025;31-07-2026"),
        bronze("vsv-list", null, VSV, 2, "999990111;;19-01-2006;GM0153;22;25GH;00;MBO;2;14-03-2025;2024-2025;nieuw"))),
        CONFIG, KEYS);

    assertThat(staged.reports().schema()).isEqualTo(LeerplichtReports.SCHEMA);
    assertThat(staged.exemptions().schema()).isEqualTo(Exemptions.SCHEMA);
    assertThat(staged.vsv().schema()).isEqualTo(VsvLeavers.SCHEMA);
    assertThat(staged.quarantined().collectAsList()).isEmpty();
    assertThat(staged.reports().collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("M-2025-0001", KEYS.pupilKey("999990020"), 2012, "GM0164", "21CD00", "V3", d("2025-10-06"),
            d("2025-09-08"), d("2025-10-03"), "B", "Gesprek", "2025-2026", LOAD, REPORTS, 2L),
        // absoluut verzuim: no school, still going on
        RowFactory.create("M-2025-0002", KEYS.pupilKey("999990081"), 2013, "GM0153", null, "ABS", d("2025-09-15"),
            d("2025-08-01"), null, "R", null, "2025-2026", LOAD, REPORTS, 3L));
    assertThat(staged.exemptions().collectAsList()).containsExactly(
        RowFactory.create(KEYS.pupilKey("999990093"), 2014, "GM0141", "5a", d("2025-08-01"), d("2026-07-31"),
            "2025-2026", LOAD, EXEMPTIONS, 2L));
    assertThat(staged.vsv().collectAsList()).containsExactly(
        RowFactory.create(KEYS.pupilKey("999990111"), 2006, "GM0153", "22", "25GH00", "MBO", "2", d("2025-03-14"),
            "2024-2025", "nieuw", LOAD, VSV, 2L));
  }

  @Test
  void everyRejectedRecordIsQuarantinedWithItsRule(SparkSession spark) {
    StagedRegistrations staged = RegistrationsStaging.stage(Fixtures.bronzeRows(spark, List.of(
        bronze("leerplicht-reports", null, REPORTS, 2,
            "M-2025-0001;999990020;;05-05-2012;GM0164;21CD;00;V3;06-10-2025;08-09-2025;;W;"),
        bronze("leerplicht-reports", null, REPORTS, 3,
            "M-2025-0003;999990123;;01-01-2012;GM0153;21CD;00;V9;06-10-2025;08-09-2025;;W;"),
        bronze("leerplicht-reports", null, REPORTS, 4,
            "M-2025-0004;999990135;;01-01-2012;GM0153;21CD;00;V1;06-10-2025;08-09-2025;01-09-2025;W;"),
        bronze("leerplicht-reports", null, REPORTS, 5,
            "M-2025-0005;999990147;;01-01-2012;GM0153;21CD;00;V1;31-09-2025;08-09-2025;;W;"),
        bronze("leerplicht-reports", null, REPORTS, 6,
            "M-2025-0006;;;01-01-2012;GM0153;21CD;00;V1;01-10-2025;08-09-2025;;W;"),
        bronze("leerplicht-reports", null, REPORTS, 7,
            "M-2025-0007;999990159;;01-01-2012;GM0153;21CD;00;ABS;01-10-2025;08-09-2025;;W;"),
        bronze("leerplicht-reports", null, REPORTS, 8,
            "M-2025-0008;999990160;;01-01-2012;GM0153;21CD;00;V1;01-10-2025;08-09-2025;;X;"),
        // a week later the administration exports again: report 1 moved on, report 9 is the same
        bronze("leerplicht-reports", null, REPORTS, 9,
            "M-2025-0009;999990172;;01-01-2012;GM0153;21CD;00;L;01-10-2025;29-09-2025;30-09-2025;R;"),
        bronze("leerplicht-reports", null, REPORTS_LATER, LATER_LOAD, 2,
            "M-2025-0001;999990020;;05-05-2012;GM0164;21CD;00;V3;06-10-2025;08-09-2025;10-10-2025;B;Gesprek"),
        bronze("leerplicht-reports", null, REPORTS_LATER, LATER_LOAD, 3,
            "M-2025-0009;999990172;;01-01-2012;GM0153;21CD;00;L;01-10-2025;29-09-2025;30-09-2025;R;"),
        bronze("leerplicht-exemptions", null, EXEMPTIONS, 2, "999990093;;23-07-2014;GM0141;7;01-08-2025;31-07-2026"),
        bronze("leerplicht-exemptions", null, EXEMPTIONS, 3, "999990184;;23-07-2014;Enschede;5b;01-08-2025;"),
        // a BSN failing the 11-test on the VSV list: not pseudonymised, quarantined
        bronze("vsv-list", null, VSV, 2, "999990112;;19-01-2006;GM0153;22;25GH;00;MBO;2;14-03-2025;2024-2025;nieuw"),
        bronze("vsv-list", null, VSV, 3, "999990111;;19-01-2006;GM0153;22;25GH;00;MBO;2;14-03-2025;2024-2026;nieuw"),
        bronze("vsv-list", null, VSV, 4, "999990123;;19-01-2006;GM0153;22;25GH;;MBO;2;14-03-2025;2024-2025;nieuw"),
        bronze("vsv-list", null, VSV, 5, ";12345;19-01-2006;GM0153;22;25GH;00;MBO;2;14-03-2025;2024-2025;weg"),
        bronze("vsv-list", null, VSV, 6, ";12345;19-01-2006;GM0153;22;25GH;00;MBO;2;14-03-2025;2024-2025;werk"))),
        CONFIG, KEYS);

    assertThat(staged.quarantined().schema()).isEqualTo(Quarantine.SCHEMA);
    assertThat(staged.quarantined().select(Quarantine.SOURCE_FILE, Quarantine.LINE_NUMBER, Quarantine.RULE,
        Quarantine.DETAIL).collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create(REPORTS, 2L, "superseded", "the same report number is in the later record "
            + REPORTS_LATER + " line 2, which replaces this one"),
        RowFactory.create(REPORTS, 3L, "unknown_code", "verzuimsoort 'V9' is not one of V1, V2, V3, V4, RMC, L, LRV, O, ABS"),
        RowFactory.create(REPORTS, 4L, "end_before_begin", "absence end 2025-09-01 is before its start 2025-09-08"),
        RowFactory.create(REPORTS, 5L, "unparseable_date", "report_date '31-09-2025' is not a date in format dd-MM-yyyy"),
        RowFactory.create(REPORTS, 6L, "missing_identifier",
            "neither BSN nor onderwijsnummer: the pupil cannot be linked across sources"),
        RowFactory.create(REPORTS, 7L, "value_out_of_range",
            "verzuimsoort ABS (absoluut verzuim) names school 21CD00: an absoluut verzuimer is enrolled nowhere"),
        RowFactory.create(REPORTS, 8L, "unknown_code", "status 'X' is not one of W, R, B, G, K, D, I"),
        RowFactory.create(REPORTS, 9L, "duplicate_row", "the same report number is in "
            + REPORTS_LATER + " line 3 with the same values"),
        RowFactory.create(EXEMPTIONS, 2L, "unknown_code", "exemption_kind '7' is not one of 5a, 5b, 5c, 5a-trekkend, 15, 3a"),
        RowFactory.create(EXEMPTIONS, 3L, "value_out_of_range",
            "residence_municipality 'Enschede' is not a CBS municipality code (GMxxxx or four digits)"),
        RowFactory.create(VSV, 2L, "invalid_bsn", "BSN ******112 fails the 11-test (or is not 8-9 digits)"),
        RowFactory.create(VSV, 3L, "value_out_of_range", "school_year '2024-2026' is not a school year like 2024-2025"),
        RowFactory.create(VSV, 4L, "value_out_of_range", "BRIN '25GH' and vestiging '(empty)' are not a school location "
            + "(four characters and one or two digits, both or neither)"),
        RowFactory.create(VSV, 5L, "unknown_code", "status 'weg' is not one of nieuw, teruggeleid, werk, onbekend"),
        RowFactory.create(VSV, 6L, "value_out_of_range", "onderwijsnummer **345 is not nine digits"));
    // identifiers never reach quarantine unmasked
    assertThat(staged.quarantined().where("line_number = 2 and profile = 'vsv-list'").first().getString(7))
        .isEqualTo("bsn=******112, onderwijsnummer=, birth_date=19-01-2006, residence_municipality=GM0153, rmc_region=22, "
            + "brin=25GH, vestiging=00, education_type=MBO, level=2, deregistration_date=14-03-2025, "
            + "school_year=2024-2025, status=nieuw");
    assertThat(staged.reports().select(LeerplichtReports.REPORT_NUMBER, LeerplichtReports.ABSENCE_END,
        LeerplichtReports.STATUS, LeerplichtReports.SOURCE_FILE).collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("M-2025-0001", d("2025-10-10"), "B", REPORTS_LATER),
        RowFactory.create("M-2025-0009", d("2025-09-30"), "R", REPORTS_LATER));
    assertThat(staged.exemptions().collectAsList()).isEmpty();
    assertThat(staged.vsv().collectAsList()).isEmpty();
  }
}
