package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldFixtures.d;
import static nl.schoolmonitor.gold.GoldFixtures.frame;
import static nl.schoolmonitor.gold.GoldFixtures.rowOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.common.Pseudonymizer;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.RegistrationsStaging;
import nl.schoolmonitor.silver.Staged;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class VsvHistoryTest {

  private static final RegionConfig CONFIG = RegionConfigLoader.load(Path.of("../conf/twente/region.yaml"));
  private static final Pseudonymizer KEYS = new Pseudonymizer("test-only-key-not-for-real-data".getBytes(StandardCharsets.UTF_8));
  private static final String BSN = "999990111";

  /** A school-year-to-date window at the end of a school year. */
  private static Row yearWindow(String pupil, String brin, String end, Integer tier) {
    return rowOf(PupilWindows.SCHEMA, PupilWindows.BRIN_VESTIGING, brin, PupilWindows.SCHOOL_PUPIL_KEY, brin + pupil,
        PupilWindows.PUPIL_KEY, pupil, PupilWindows.WINDOW, PupilWindows.SCHOOL_YEAR_TO_DATE,
        PupilWindows.WINDOW_END, d(end), PupilWindows.TIER, tier);
  }

  @Test
  void aVsvErsPrimarySchoolAbsenceIsLinkedThroughThePseudonym(SparkSession spark) {
    // The VSV list (DUO/RMC) names the pupil by BSN; staging pseudonymises it with the same key as
    // the schools' pupil lists, so the key below is what EnrolmentsStaging gave the primary school.
    Map<String, String> values = new HashMap<>();
    String[] header = {"BSN", "Onderwijsnummer", "Geboortedatum", "Woongemeente", "RMC-regio", "BRIN", "Vestiging",
        "Onderwijssoort", "Niveau", "Datum uitschrijving", "Schooljaar", "Status"};
    String[] record = {BSN, null, "19-01-2008", "GM0153", "22", "25GH", "00", "MBO", "2", "14-03-2025", "2024-2025",
        "nieuw"};
    for (int i = 0; i < header.length; i++) {
      values.put(header[i], record[i]);
    }
    Dataset<Row> bronze = spark.createDataFrame(List.of(RowFactory.create("20250401T0600-0001", "vsv/vsv_2024-2025.csv",
        "sha", Timestamp.valueOf("2025-04-01 06:00:00"), null, "registrations", "vsv-list", 2L, values, null)),
        ExportRows.SCHEMA);
    Staged vsv = RegistrationsStaging.vsv(bronze, CONFIG, KEYS);
    String leaver = KEYS.pupilKey(BSN);

    Dataset<Row> windows = frame(spark, PupilWindows.SCHEMA,
        // groep 7 of primary school in 2022-2023: tier 3, and 20 school days missed without authorisation
        yearWindow(leaver, "07AB00", "2023-07-07", 3),
        // VO in 2023-2024: tier 2
        yearWindow(leaver, "21CD00", "2024-07-05", 2),
        // a classmate who stayed in tier 1 all three years
        yearWindow("classmate", "07AB00", "2023-07-07", 1),
        yearWindow("classmate", "21CD00", "2024-07-05", 1),
        yearWindow("classmate", "21CD00", "2025-07-04", 1));
    Dataset<Row> flags = frame(spark, PupilFlags.SCHEMA, rowOf(PupilFlags.SCHEMA, PupilFlags.BRIN_VESTIGING, "07AB00",
        PupilFlags.SCHOOL_PUPIL_KEY, "07AB00" + leaver, PupilFlags.PUPIL_KEY, leaver, PupilFlags.FLAG,
        PupilFlags.LONG_ABSENCE, PupilFlags.FIRST_MET, d("2023-03-10"), PupilFlags.WINDOW_START, d("2023-02-13"),
        PupilFlags.WINDOW_END, d("2023-03-10"), PupilFlags.AGE_ON_FIRST_MET, 11));
    Dataset<Row> noReports = frame(spark, LeerplichtReports.SCHEMA, List.of());
    Dataset<Row> noThuiszitters = frame(spark, Thuiszitters.SCHEMA, List.of());

    Dataset<Row> pupilYears = PupilYears.build(windows, flags, noReports, noThuiszitters, vsv.accepted());
    Dataset<Row> history = VsvHistory.perPupil(vsv.accepted(), pupilYears);

    assertThat(vsv.quarantined().collectAsList()).isEmpty();
    assertThat(history.schema()).isEqualTo(VsvHistory.PUPIL_SCHEMA);
    // vsv_school_year, pupil, school_year, years_before, in data, tier, reportable_16h, mazl, long_absence,
    // late_pattern, holiday_adjacent_absence, leerplicht_report, thuiszitter
    assertThat(history.collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("2024-2025", leaver, "2022-2023", 2, true, 3, false, false, true, false, false, false, false),
        RowFactory.create("2024-2025", leaver, "2023-2024", 1, true, 2, false, false, false, false, false, false, false));
    assertThat(VsvHistory.summary(history).collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("2024-2025", "2022-2023", 2, 1L, 1L, 0L, 0L, 1L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L),
        RowFactory.create("2024-2025", "2023-2024", 1, 1L, 1L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));

    Dataset<Row> warning = EarlyWarning.build(pupilYears);
    assertThat(warning.schema()).isEqualTo(EarlyWarning.SCHEMA);
    assertThat(warning.where("outcome = 'vsv' and signal in ('tier3', 'long_absence')").collectAsList())
        .containsExactlyInAnyOrder(
            // of 2 pupils in 2022-2023, 1 in tier 3, 1 a VSV'er later: the same one
            RowFactory.create("2022-2023", "tier3", "vsv", 2L, 1L, 1L, 1L, pct("100.0"), pct("100.0")),
            RowFactory.create("2022-2023", "long_absence", "vsv", 2L, 1L, 1L, 1L, pct("100.0"), pct("100.0")),
            // in 2023-2024 nobody was in tier 3: sensitivity 0, precision undefined
            RowFactory.create("2023-2024", "tier3", "vsv", 2L, 0L, 1L, 0L, pct("0.0"), null),
            RowFactory.create("2023-2024", "long_absence", "vsv", 2L, 0L, 1L, 0L, pct("0.0"), null));
  }

  private static BigDecimal pct(String value) {
    return new BigDecimal(value);
  }

}
