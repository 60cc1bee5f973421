package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Fixtures.CONFIG;
import static nl.schoolmonitor.silver.Fixtures.KEYS;
import static nl.schoolmonitor.silver.Fixtures.LOAD;
import static nl.schoolmonitor.silver.Fixtures.bronze;
import static nl.schoolmonitor.silver.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.SystemConfig;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Absence exports of the four sample schools (../shared/domain/samples/landing/schools), with the
 * calendar of the sample conf/ from 1 August 2025 to the reference date, Friday 3 October 2025.
 * The first school day is Monday 25 August (summer holiday noord until 24 August).
 */
@ExtendWith(SharedSpark.class)
class AttendanceEventsStagingTest {

  private static final LocalDate REFERENCE_DATE = LocalDate.of(2025, 10, 3);
  private static final String[] VO_LESSONS = {"L1", "L2", "L3", "L4", "L5", "L6"};

  @Test
  void parnassysHalfDays(SparkSession spark) {
    String f = "schools/07AB00/absenties_2025-10-03.csv";
    Staged staged = stage(spark, CONFIG,
        bronze("parnassys-absences", "07AB00", f, 2, "1001;01-09-2025;Ochtend;Ziek;Ziek gemeld door ouder;Ja;"),
        bronze("parnassys-absences", "07AB00", f, 3, "1001;01-09-2025;Middag;Ziek;Ziek gemeld door ouder;Ja;"),
        bronze("parnassys-absences", "07AB00", f, 4, "1002;02-09-2025;Ochtend;Te laat;;Nee;15"),
        bronze("parnassys-absences", "07AB00", f, 5, "1003;08-09-2025;Hele dag;Ongeoorloofd;Geen bericht;Nee;"),
        bronze("parnassys-absences", "07AB00", f, 6,
            "1003;26-09-2025;Hele dag;Luxe verzuim;Vakantie buiten schoolvakantie;Nee;"),
        // Wednesday: morning 225 minutes, the afternoon slot has 0 and is kept
        bronze("parnassys-absences", "07AB00", f, 7, "1002;03-09-2025;Hele dag;Ziek;;Ja;"),
        // a school's own Absentiesoort: Geoorloofd Ja says leave
        bronze("parnassys-absences", "07AB00", f, 8, "1001;04-09-2025;Middag;Studiereis;;Ja;"),
        // late without minutes
        bronze("parnassys-absences", "07AB00", f, 9, "1002;05-09-2025;Ochtend;Te laat;;Nee;"),
        // late for the whole day is one late arrival, in the first slot (Wednesday)
        bronze("parnassys-absences", "07AB00", f, 10, "1001;10-09-2025;Hele dag;Te laat;;Nee;10"));

    assertThat(staged.accepted().schema()).isEqualTo(AttendanceEvents.SCHEMA);
    assertThat(staged.quarantined().schema()).isEqualTo(Quarantine.SCHEMA);
    assertThat(staged.quarantined().collectAsList()).isEmpty();
    assertThat(staged.accepted().collectAsList()).containsExactlyInAnyOrder(
        event("07AB00", "1001", "2025-09-01", "morning", 210, 210, false, "sick", "code_table", null, "Ziek", null, true, f, 2),
        event("07AB00", "1001", "2025-09-01", "afternoon", 120, 120, false, "sick", "code_table", null, "Ziek", null, true, f, 3),
        event("07AB00", "1002", "2025-09-02", "morning", 210, 0, false, "late", "code_table", 15, "Te laat", null, false, f, 4),
        event("07AB00", "1003", "2025-09-08", "morning", 210, 210, false, "unauthorised", "code_table", null, "Ongeoorloofd",
            null, false, f, 5),
        event("07AB00", "1003", "2025-09-08", "afternoon", 120, 120, false, "unauthorised", "code_table", null,
            "Ongeoorloofd", null, false, f, 5),
        event("07AB00", "1003", "2025-09-26", "morning", 210, 210, false, "luxury_leave", "code_table", null, "Luxe verzuim",
            null, false, f, 6),
        event("07AB00", "1003", "2025-09-26", "afternoon", 120, 120, false, "luxury_leave", "code_table", null,
            "Luxe verzuim", null, false, f, 6),
        event("07AB00", "1002", "2025-09-03", "morning", 225, 225, false, "sick", "code_table", null, "Ziek", null, true, f, 7),
        event("07AB00", "1002", "2025-09-03", "afternoon", 0, 0, false, "sick", "code_table", null, "Ziek", null, true, f, 7),
        event("07AB00", "1001", "2025-09-04", "afternoon", 120, 120, false, "leave", "system_fallback", null, "Studiereis",
            null, true, f, 8),
        event("07AB00", "1002", "2025-09-05", "morning", 210, 0, false, "late", "code_table", null, "Te laat", null, false,
            f, 9),
        event("07AB00", "1001", "2025-09-10", "morning", 225, 0, false, "late", "code_table", 10, "Te laat", null, false,
            f, 10));
  }

  @Test
  void releaseDropsWhatStagingPersistedAndKeepsBothSides(SparkSession spark) {
    String f = "schools/07AB00/absenties_2025-10-03.csv";
    Staged staged = stage(spark, CONFIG,
        bronze("parnassys-absences", "07AB00", f, 2, "1001;01-09-2025;Ochtend;Ziek;Ziek gemeld door ouder;Ja;"),
        bronze("parnassys-absences", "07AB00", f, 3, "9999;01-09-2025;Ochtend;Ziek;;Ja;"));
    assertThat(staged.accepted().count()).isEqualTo(1);
    assertThat(staged.persisted()).hasSize(2)
        .allSatisfy(d -> assertThat(d.storageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK()));

    staged.release();

    assertThat(staged.persisted()).allSatisfy(d -> assertThat(d.storageLevel()).isEqualTo(StorageLevel.NONE()));
    assertThat(staged.accepted().count()).isEqualTo(1);
    assertThat(staged.quarantined().select("rule").collectAsList()).extracting(r -> r.getString(0))
        .containsExactly("unknown_pupil");
  }

  @Test
  void magisterLessonHours(SparkSession spark) {
    String f = "schools/21CD00/Absenties_week40.csv";
    Staged staged = stage(spark, CONFIG,
        bronze("magister-absences", "21CD00", f, 2, "20451;h2b;29-09-2025;1;08:30;09:20;Z;Ziek;3;J;J"),
        bronze("magister-absences", "21CD00", f, 3, "20451;h2b;29-09-2025;2;09:20;10:10;Z;Ziek;3;J;J"),
        bronze("magister-absences", "21CD00", f, 4, "20451;h2b;30-09-2025;3;10:30;11:20;S;Gespijbeld;1;N;N"),
        bronze("magister-absences", "21CD00", f, 5, "20452;v3a;01-10-2025;1;08:30;09:20;L;Te laat (ongeoorloofd);2;N;J"),
        bronze("magister-absences", "21CD00", f, 6, "20452;v3a;01-10-2025;4;11:20;12:10;HV;Huiswerk vergeten;8;N;J"),
        bronze("magister-absences", "21CD00", f, 7, "20452;v3a;02-10-2025;5;12:40;13:30;U;Uitgestuurd;4;N;N"),
        // empty times: the slot's 50 minutes
        bronze("magister-absences", "21CD00", f, 8, "20451;h2b;03-10-2025;2;;;Z;Ziek;3;J;J"),
        // the school's own code ZZ is not in the table: Verantwoordingtype 3 says sick
        bronze("magister-absences", "21CD00", f, 9, "20452;v3a;03-10-2025;3;10:30;11:00;ZZ;Ziek (eigen code);3;J;J"),
        // a 7th lesson hour on a 6-lesson day
        bronze("magister-absences", "21CD00", f, 10, "20451;h2b;03-10-2025;7;14:30;15:20;Z;Ziek;3;J;J"));

    assertThat(staged.accepted().collectAsList()).containsExactlyInAnyOrder(
        event("21CD00", "20451", "2025-09-29", "L1", 50, 50, false, "sick", "code_table", null, "Z", "Ziek", true, f, 2),
        event("21CD00", "20451", "2025-09-29", "L2", 50, 50, false, "sick", "code_table", null, "Z", "Ziek", true, f, 3),
        event("21CD00", "20451", "2025-09-30", "L3", 50, 50, false, "unauthorised", "code_table", null, "S", "Gespijbeld",
            false, f, 4),
        event("21CD00", "20452", "2025-10-01", "L1", 50, 0, false, "late", "code_table", null, "L",
            "Te laat (ongeoorloofd)", false, f, 5),
        event("21CD00", "20452", "2025-10-01", "L4", 50, 0, false, "not_absence", "code_table", null, "HV",
            "Huiswerk vergeten", false, f, 6),
        event("21CD00", "20452", "2025-10-02", "L5", 50, 50, false, "removed_from_class", "code_table", null, "U",
            "Uitgestuurd", false, f, 7),
        event("21CD00", "20451", "2025-10-03", "L2", 50, 50, false, "sick", "code_table", null, "Z", "Ziek", true, f, 8),
        event("21CD00", "20452", "2025-10-03", "L3", 30, 30, false, "sick", "system_fallback", null, "ZZ",
            "Ziek (eigen code)", true, f, 9));
    assertThat(staged.quarantined().select("source_file", "line_number", "rule", "detail").collectAsList())
        .containsExactly(RowFactory.create(f, 10L, "value_out_of_range",
            "no slot of the VO timetable on 2025-10-03 matches lesson 7 (slots: [L1, L2, L3, L4, L5, L6])"));
  }

  @Test
  void aSchoolsOwnCodeTableComesBeforeTheSystemsTables(SparkSession spark) {
    SystemConfig m = CONFIG.systems().get("magister");
    SystemConfig withSchoolCodes = new SystemConfig(m.system(), m.absenceFormat(), m.dateFormat(), m.dateTimeFormat(),
        m.trueValues(), m.falseValues(), m.sexValues(), m.partOfDayValues(), m.profiles(), m.codes(), m.fallback(),
        Map.of("21CD00", Map.of("ZZ", Category.MEDICAL, "Z", Category.MEDICAL)));
    Map<String, SystemConfig> systems = new TreeMap<>(CONFIG.systems());
    systems.put("magister", withSchoolCodes);
    RegionConfig config = new RegionConfig(CONFIG.code(), CONFIG.name(), CONFIG.holidayRegion(), CONFIG.files(),
        CONFIG.tiers(), CONFIG.norm(), CONFIG.flags(), CONFIG.removedFromClassAuthorised(), CONFIG.schedule(), systems);
    String f = "schools/21CD00/Absenties_week41.csv";

    Staged staged = stage(spark, config,
        bronze("magister-absences", "21CD00", f, 2, "20452;v3a;03-10-2025;3;10:30;11:20;ZZ;Tandarts;3;J;J"),
        bronze("magister-absences", "21CD00", f, 3, "20452;v3a;03-10-2025;4;11:20;12:10;S;Gespijbeld;1;N;N"));

    assertThat(staged.quarantined().collectAsList()).isEmpty();
    assertThat(staged.accepted().collectAsList()).containsExactlyInAnyOrder(
        event("21CD00", "20452", "2025-10-03", "L3", 50, 50, false, "medical", "school_code_table", null, "ZZ", "Tandarts",
            true, f, 2),
        event("21CD00", "20452", "2025-10-03", "L4", 50, 50, false, "unauthorised", "code_table", null, "S", "Gespijbeld",
            false, f, 3));
  }

  @Test
  void somtodaySpanningReports(SparkSession spark) {
    String f = "schools/23EF01/absentiemeldingen.csv";
    Staged staged = stage(spark, CONFIG,
        // Monday 15 to Wednesday 17 September, lessons 1..8: 8 is beyond the 6-lesson day
        bronze("somtoday-absences", "23EF01", f, 2, "78001,2025-09-15T08:30:00,2025-09-17T15:00:00,1,8,Absent,Z,Ziek,true,true"),
        bronze("somtoday-absences", "23EF01", f, 3, "78001,2025-09-22T08:45:00,2025-09-22T08:52:00,1,1,Telaat,TL,Te laat,false,true"),
        // still open: until the reference date, Friday 3 October
        bronze("somtoday-absences", "23EF01", f, 4, "78002,2025-09-29T08:30:00,,1,,Absent,Z,Ziek,true,false"),
        // Wednesday from lesson 3 to Thursday lesson 2
        bronze("somtoday-absences", "23EF01", f, 5, "78001,2025-09-24T10:30:00,2025-09-25T10:00:00,3,2,Absent,M,Tandarts,true,true"),
        // a weekend only
        bronze("somtoday-absences", "23EF01", f, 6, "78001,2025-09-27T08:30:00,2025-09-28T15:00:00,,,Absent,V,Verlof,true,true"));

    List<Row> expected = new ArrayList<>();
    for (String day : List.of("2025-09-15", "2025-09-16", "2025-09-17")) {
      for (String lesson : VO_LESSONS) {
        expected.add(event("23EF01", "78001", day, lesson, 50, 50, false, "sick", "code_table", null, "Z", "Ziek", true, f, 2));
      }
    }
    expected.add(event("23EF01", "78001", "2025-09-22", "L1", 50, 0, false, "late", "system_fallback", 7, "TL", "Te laat",
        false, f, 3));
    for (String day : List.of("2025-09-29", "2025-09-30", "2025-10-01", "2025-10-02", "2025-10-03")) {
      for (String lesson : VO_LESSONS) {
        expected.add(event("23EF01", "78002", day, lesson, 50, 50, false, "sick", "code_table", null, "Z", "Ziek", true, f, 4));
      }
    }
    for (String lesson : List.of("L3", "L4", "L5", "L6")) {
      expected.add(event("23EF01", "78001", "2025-09-24", lesson, 50, 50, false, "medical", "code_table", null, "M",
          "Tandarts", true, f, 5));
    }
    for (String lesson : List.of("L1", "L2")) {
      expected.add(event("23EF01", "78001", "2025-09-25", lesson, 50, 50, false, "medical", "code_table", null, "M",
          "Tandarts", true, f, 5));
    }

    assertThat(staged.accepted().collectAsList()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(staged.quarantined().select("source_file", "line_number", "rule", "detail").collectAsList())
        .containsExactly(RowFactory.create(f, 6L, "not_a_school_day",
            "2025-09-27 .. 2025-09-28 holds no school day of 23EF01 (weekend, holiday or study day)"));
  }

  @Test
  void eduarteObservations(SparkSession spark) {
    String f = "schools/25GH00/waarnemingen.csv";
    Staged staged = stage(spark, CONFIG,
        bronze("eduarte-observations", "25GH00", f, 2, "530001;2025-09-01;08:30;10:00;1;2;P;;;"),
        bronze("eduarte-observations", "25GH00", f, 3, "530001;2025-09-01;10:15;11:45;3;4;A;ZK;Ziek;true"),
        bronze("eduarte-observations", "25GH00", f, 4, "530001;2025-09-01;12:30;14:00;5;6;A;ON;Ongeoorloofd;false"),
        bronze("eduarte-observations", "25GH00", f, 5, "530001;2025-09-02;08:30;10:00;1;2;N;;Stage;"),
        // partly absent: half of 45 minutes, in whole minutes
        bronze("eduarte-observations", "25GH00", f, 6, "530001;2025-09-02;10:15;11:00;3;3;D;ZK;Ziek;true"));

    assertThat(staged.quarantined().collectAsList()).isEmpty();
    assertThat(staged.accepted().collectAsList()).containsExactlyInAnyOrder(
        event("25GH00", "530001", "2025-09-01", "T08:30", 90, 0, true, "present", "system_fallback", null, null, null, null,
            f, 2),
        event("25GH00", "530001", "2025-09-01", "T10:15", 90, 90, true, "sick", "code_table", null, "ZK", "Ziek", true, f, 3),
        event("25GH00", "530001", "2025-09-01", "T12:30", 90, 90, true, "unauthorised", "system_fallback", null, "ON",
            "Ongeoorloofd", false, f, 4),
        event("25GH00", "530001", "2025-09-02", "T08:30", 90, 0, false, "exempt", "system_fallback", null, null, "Stage",
            null, f, 5),
        event("25GH00", "530001", "2025-09-02", "T10:15", 45, 22, true, "sick", "code_table", null, "ZK", "Ziek", true, f, 6));
  }

  @Test
  void everyRuleQuarantinesOnceWithTheValueInvolved(SparkSession spark) {
    String p = "schools/07AB00/absenties_fout.csv";
    String m = "schools/21CD00/absenties_fout.csv";
    String s = "schools/23EF01/absenties_fout.csv";
    String e = "schools/25GH00/waarnemingen_fout.csv";
    List<Row> rows = List.of(
        Fixtures.malformed("parnassys-absences", "07AB00", p, 2,
            Map.of("Leerlingnummer", "1001", "Datum", "01-09-2025", "Dagdeel", "Ochtend"), "expected 7 fields, found 3"),
        bronze("parnassys-absences", "07AB00", p, 3, "1001;;Ochtend;Ziek;;Ja;"),
        bronze("parnassys-absences", "07AB00", p, 4, "1001;2025-09-01;Ochtend;Ziek;;Ja;"),
        bronze("parnassys-absences", "07AB00", p, 5, "1001;01-09-2025;Avond;Ziek;;Ja;"),
        bronze("parnassys-absences", "07AB00", p, 6, "1002;02-09-2025;Ochtend;Te laat;;Nee;700"),
        bronze("parnassys-absences", "07AB00", p, 7, "1002;02-09-2025;Ochtend;Te laat;;Nee;vijf"),
        // an unknown code and no Geoorloofd: neither table nor fallback knows it
        bronze("parnassys-absences", "07AB00", p, 8, "1001;01-09-2025;Ochtend;Huisbezoek;;;"),
        bronze("parnassys-absences", "07AB00", p, 9, "1009;01-09-2025;Ochtend;Ziek;;Ja;"),
        bronze("parnassys-absences", "07AB00", p, 10, "1001;01-07-2025;Ochtend;Ziek;;Ja;"),
        bronze("parnassys-absences", "07AB00", p, 11, "1001;06-09-2025;Ochtend;Ziek;;Ja;"),
        bronze("parnassys-absences", "07AB00", p, 12, "1004;01-09-2025;Ochtend;Ziek;;Ja;"),
        bronze("parnassys-absences", "07AB00", p, 13, "1001;01-09-2025;Ochtend;Ziek;;Misschien;"),
        bronze("parnassys-absences", "07AB00", p, 14, " ;01-09-2025;Ochtend;Ziek;;Ja;"),
        // a school folder that is not in schools.csv has no calendar
        bronze("parnassys-absences", "99XX00", "schools/99XX00/absenties.csv", 2, "1001;01-09-2025;Ochtend;Ziek;;Ja;"),
        bronze("magister-absences", "21CD00", m, 2, "20451;h2b;29-09-2025;1;8.30;09:20;Z;Ziek;3;J;J"),
        bronze("magister-absences", "21CD00", m, 3, "20451;h2b;29-09-2025;een;08:30;09:20;Z;Ziek;3;J;J"),
        bronze("magister-absences", "21CD00", m, 4, "20451;h2b;29-09-2025;2;10:10;09:20;Z;Ziek;3;J;J"),
        bronze("magister-absences", "21CD00", m, 5, "20451;h2b;29-09-2025;;08:30;09:20;Z;Ziek;3;J;J"),
        bronze("magister-absences", "21CD00", m, 6, "20451;h2b;29-09-2025;0;08:30;09:20;Z;Ziek;3;J;J"),
        bronze("magister-absences", "21CD00", m, 7, "20451;h2b;29-09-2025;1;08:00;19:00;Z;Ziek;3;J;J"),
        bronze("magister-absences", "21CD00", m, 8, "20451;h2b;29-09-2025;2;09:20;10:10;XX;Onbekend;;J;J"),
        bronze("somtoday-absences", "23EF01", s, 2, "78001,2025-09-17T15:00:00,2025-09-15T08:30:00,1,8,Absent,Z,Ziek,true,true"),
        bronze("somtoday-absences", "23EF01", s, 3, "78001,15-09-2025 08:30,,1,,Absent,Z,Ziek,true,false"),
        bronze("somtoday-absences", "23EF01", s, 4, "78001,,,1,,Absent,Z,Ziek,true,false"),
        bronze("somtoday-absences", "23EF01", s, 5, "78001,2025-09-15T08:30:00,2025-09-15T15:00:00,5,2,Absent,Z,Ziek,true,true"),
        bronze("somtoday-absences", "23EF01", s, 6, "78001,2025-09-15T08:30:00,2025-09-15T15:00:00,7,8,Absent,Z,Ziek,true,true"),
        bronze("somtoday-absences", "23EF01", s, 7, "78001,2025-10-10T08:30:00,,1,,Absent,Z,Ziek,true,false"),
        bronze("eduarte-observations", "25GH00", e, 2, "530001;2025-09-01;08:30;10:00;1;2;Q;;;"),
        bronze("eduarte-observations", "25GH00", e, 3, "530001;2025-09-01;08:30;;1;2;P;;;"));

    Staged staged = stage(spark, CONFIG, rows.toArray(Row[]::new));

    assertThat(staged.accepted().collectAsList()).isEmpty();
    assertThat(staged.quarantined().select("source_file", "line_number", "rule", "detail").collectAsList())
        .containsExactlyInAnyOrder(
            q(p, 2, "malformed_row", "the record could not be split into the header's columns: expected 7 fields, found 3"),
            q(p, 3, "missing_value", "date is empty"),
            q(p, 4, "unparseable_date", "date '2025-09-01' is not a date in format dd-MM-yyyy"),
            q(p, 5, "value_out_of_range", "part_of_day 'Avond' is not one of [Ochtend, Middag, Hele dag]"),
            q(p, 6, "value_out_of_range", "minutes 700 is outside 0..600"),
            q(p, 7, "unparseable_number", "minutes 'vijf' is not a whole number"),
            q(p, 8, "unknown_code", "code 'Huisbezoek' of system parnassys is in neither the code table of 07AB00 nor the"
                + " system's, and no fallback rule matches authorised '(empty)'"),
            q(p, 9, "unknown_pupil", "pupil number '*009' is not in the accepted pupil list of 07AB00"),
            q(p, 10, "date_outside_school_year",
                "2025-07-01 is outside the school calendar of 07AB00 (2025-08-25 .. 2025-10-03)"),
            q(p, 11, "not_a_school_day", "2025-09-06 holds no school day of 07AB00 (weekend, holiday or study day)"),
            q(p, 12, "outside_enrolment", "2025-09-01 is outside the pupil's enrolment at 07AB00 (2025-09-15 .. open)"),
            q(p, 13, "value_out_of_range", "authorised 'Misschien' is not one of Ja, J / Nee, N"),
            q(p, 14, "missing_value", "pupil_number is empty"),
            q("schools/99XX00/absenties.csv", 2, "date_outside_school_year",
                "school 99XX00 has no school days in the calendar (is it in schools.csv?)"),
            q(m, 2, "unparseable_time", "start_time '8.30' is not a time in format HH:mm"),
            q(m, 3, "unparseable_number", "lesson 'een' is not a whole number"),
            q(m, 4, "end_before_begin", "end_time 09:20 is before start_time 10:10"),
            q(m, 5, "missing_value", "lesson is empty"),
            q(m, 6, "value_out_of_range", "lesson 0 is not a lesson hour: they start at 1"),
            q(m, 7, "value_out_of_range", "08:00-19:00 is 660 minutes, more than 600"),
            q(m, 8, "unknown_code", "code 'XX' of system magister is in neither the code table of 21CD00 nor the system's,"
                + " and no fallback rule matches authorised 'true', system_type '(empty)'"),
            q(s, 2, "end_before_begin", "end_datetime 2025-09-15T08:30:00 is before begin_datetime 2025-09-17T15:00:00"),
            q(s, 3, "unparseable_date",
                "begin_datetime '15-09-2025 08:30' is not a date-time in format yyyy-MM-dd'T'HH:mm:ss"),
            q(s, 4, "missing_value", "begin_datetime is empty"),
            q(s, 5, "end_before_begin", "end_lesson 2 is before begin_lesson 5 on a one-day report"),
            q(s, 6, "value_out_of_range",
                "no slot of the VO timetable on 2025-09-15 matches lessons 7..8 (slots: [L1, L2, L3, L4, L5, L6])"),
            q(s, 7, "date_outside_school_year", "2025-10-10 .. open is outside the"
                + " school calendar of 23EF01 (2025-08-25 .. 2025-10-03)"),
            q(e, 2, "value_out_of_range", "system_type 'Q' is not an observation type (P, A, D or N)"),
            q(e, 3, "missing_value", "end_time is empty"));
    assertThat(staged.quarantined().filter("raw like '%=%'").count()).isEqualTo(rows.size());
  }

  @Test
  void duplicatesAcrossFilesKeepTheLatestFileAndEveryRecordIsAccountedFor(SparkSession spark) {
    String older = "schools/21CD00/Absenties_week40.csv";
    String newer = "schools/21CD00/Absenties_week40_v2.csv";
    String somOlder = "schools/23EF01/absentiemeldingen.csv";
    String somNewer = "schools/23EF01/absentiemeldingen_2.csv";
    String lateLoad = "20251013T0600-0002";
    List<Row> rows = List.of(
        bronze("magister-absences", "21CD00", older, 2, "20451;h2b;29-09-2025;1;08:30;09:20;Z;Ziek;3;J;J"),
        bronze("magister-absences", "21CD00", newer, lateLoad, 2, "20451;h2b;29-09-2025;1;08:30;09:20;Z;Ziek;3;J;J"),
        // the same registration twice in one file: the later line wins
        bronze("magister-absences", "21CD00", newer, lateLoad, 3, "20451;h2b;29-09-2025;1;08:30;09:20;Z;Ziek;3;J;J"),
        // the same lesson with another code is another registration (gold settles the overlap)
        bronze("magister-absences", "21CD00", newer, lateLoad, 4, "20451;h2b;29-09-2025;1;08:30;09:20;M;Arts;3;J;J"),
        // a report re-sent shorter: its first day stays with the older record, the rest with the newer
        bronze("somtoday-absences", "23EF01", somOlder, 2, "78001,2025-09-15T08:30:00,2025-09-16T15:00:00,5,,Absent,Z,Ziek,true,true"),
        bronze("somtoday-absences", "23EF01", somNewer, lateLoad, 2,
            "78001,2025-09-16T08:30:00,2025-09-16T15:00:00,1,6,Absent,Z,Ziek,true,true"));

    Staged staged = stage(spark, CONFIG, rows.toArray(Row[]::new));

    List<Row> expected = new ArrayList<>(List.of(
        event("21CD00", "20451", "2025-09-29", "L1", 50, 50, false, "sick", "code_table", null, "Z", "Ziek", true, newer, 3,
            lateLoad),
        event("21CD00", "20451", "2025-09-29", "L1", 50, 50, false, "medical", "code_table", null, "M", "Arts", true, newer, 4,
            lateLoad),
        event("23EF01", "78001", "2025-09-15", "L5", 50, 50, false, "sick", "code_table", null, "Z", "Ziek", true, somOlder, 2),
        event("23EF01", "78001", "2025-09-15", "L6", 50, 50, false, "sick", "code_table", null, "Z", "Ziek", true, somOlder, 2)));
    for (String lesson : VO_LESSONS) {
      expected.add(event("23EF01", "78001", "2025-09-16", lesson, 50, 50, false, "sick", "code_table", null, "Z", "Ziek",
          true, somNewer, 2, lateLoad));
    }
    assertThat(staged.accepted().collectAsList()).containsExactlyInAnyOrderElementsOf(expected);
    String wins = "the same pupil, date, slot, category and code is registered again in " + newer
        + " line 3, which is later and wins";
    assertThat(staged.quarantined().select("source_file", "line_number", "rule", "detail").collectAsList())
        .containsExactlyInAnyOrder(
            q(older, 2, "superseded", "2025-09-29 is covered by the later export " + newer + " of 21CD00, which replaces it"),
            q(newer, 2, "duplicate_row", wins));

    Set<Row> accepted = new HashSet<>(AttendanceEventsStaging.acceptedRecords(staged.accepted()).collectAsList());
    Set<Row> quarantined = new HashSet<>(staged.quarantined().select("source_file", "line_number").collectAsList());
    Set<Row> read = new HashSet<>();
    rows.forEach(r -> read.add(RowFactory.create(r.getString(1), r.getLong(7))));
    assertThat(accepted).doesNotContainAnyElementsOf(quarantined);
    Set<Row> both = new HashSet<>(accepted);
    both.addAll(quarantined);
    assertThat(both).isEqualTo(read);
    assertThat(staged.quarantined().count()).isEqualTo(quarantined.size());
  }

  @Test
  void aLaterExportReplacesTheEarlierOneForTheDatesItCovers(SparkSession spark) {
    String first = "schools/07AB00/absenties_2025-09-12.csv";
    String corrected = "schools/07AB00/absenties_2025-09-12_gecorrigeerd.csv";
    String correctionLoad = "20251013T0600-0002";
    Staged staged = stage(spark, CONFIG,
        bronze("parnassys-absences", "07AB00", first, 2, "1001;01-09-2025;Ochtend;Ziek;;Ja;"),
        bronze("parnassys-absences", "07AB00", first, 3, "1001;01-09-2025;Middag;Ziek;;Ja;"),
        bronze("parnassys-absences", "07AB00", first, 4, "1003;08-09-2025;Hele dag;Ongeoorloofd;;Nee;"),
        // after the corrected export's last date: stays
        bronze("parnassys-absences", "07AB00", first, 5, "1002;12-09-2025;Ochtend;Ziek;;Ja;"),
        // the correction: "ziek" became "medisch", the registration of 1003 is deleted, a late arrival added
        bronze("parnassys-absences", "07AB00", corrected, correctionLoad, 2, "1001;01-09-2025;Ochtend;Medisch;;Ja;"),
        bronze("parnassys-absences", "07AB00", corrected, correctionLoad, 3, "1001;01-09-2025;Middag;Medisch;;Ja;"),
        bronze("parnassys-absences", "07AB00", corrected, correctionLoad, 4, "1002;09-09-2025;Ochtend;Te laat;;Nee;5"));

    assertThat(staged.accepted().collectAsList()).containsExactlyInAnyOrder(
        event("07AB00", "1001", "2025-09-01", "morning", 210, 210, false, "medical", "code_table", null, "Medisch", null,
            true, corrected, 2, correctionLoad),
        event("07AB00", "1001", "2025-09-01", "afternoon", 120, 120, false, "medical", "code_table", null, "Medisch", null,
            true, corrected, 3, correctionLoad),
        event("07AB00", "1002", "2025-09-09", "morning", 210, 0, false, "late", "code_table", 5, "Te laat", null, false,
            corrected, 4, correctionLoad),
        event("07AB00", "1002", "2025-09-12", "morning", 210, 210, false, "sick", "code_table", null, "Ziek", null, true,
            first, 5));
    String replaced = " is covered by the later export " + corrected + " of 07AB00, which replaces it";
    assertThat(staged.quarantined().select("source_file", "line_number", "rule", "detail").collectAsList())
        .containsExactlyInAnyOrder(
            q(first, 2, "superseded", "2025-09-01" + replaced),
            q(first, 3, "superseded", "2025-09-01" + replaced),
            q(first, 4, "superseded", "2025-09-08" + replaced));
  }

  // ----------------------------------------------------------------------------------------------

  private static Dataset<Row> schoolDays;

  /** The calendar once per class, as plain rows: each test then plans only the staging. */
  @BeforeAll
  static void buildCalendar(SparkSession spark) {
    List<Row> days = SchoolCalendar.build(Fixtures.schools(spark), Fixtures.holidays(spark), Fixtures.studyDays(spark),
        CONFIG, LocalDate.of(2025, 8, 1), REFERENCE_DATE).collectAsList();
    schoolDays = spark.createDataFrame(days, SchoolDays.SCHEMA);
  }

  private static Staged stage(SparkSession spark, RegionConfig config, Row... bronze) {
    return AttendanceEventsStaging.stage(Fixtures.bronzeRows(spark, List.of(bronze)), enrolments(spark), schoolDays,
        Fixtures.schools(spark), config, KEYS);
  }

  /**
   * The sample pupils' enrolments, plus 1004 who joined 07AB00 on 15 September 2025 and a pupil of
   * 99XX00, a school missing from schools.csv.
   */
  private static Dataset<Row> enrolments(SparkSession spark) {
    return spark.createDataFrame(List.of(
        enrolled("07AB00", "1001", "2021-08-01", null), enrolled("07AB00", "1002", "2021-08-01", null),
        enrolled("07AB00", "1003", "2019-08-01", "2025-10-31"), enrolled("07AB00", "1004", "2025-09-15", null),
        enrolled("21CD00", "20451", "2024-08-01", null), enrolled("21CD00", "20452", "2023-08-01", null),
        enrolled("23EF01", "78001", "2022-08-01", null), enrolled("23EF01", "78002", "2023-08-01", null),
        enrolled("25GH00", "530001", "2025-08-25", null), enrolled("99XX00", "1001", "2025-08-01", null)),
        Enrolments.SCHEMA);
  }

  private static Row enrolled(String brin, String pupilNumber, String start, String end) {
    return RowFactory.create(KEYS.pupilKey("pgn-of-" + pupilNumber), KEYS.schoolPupilKey(brin, pupilNumber), brin, "lvs",
        null, null, null, null, null, null, d(start), end == null ? null : d(end), null, null, null, null, null, LOAD,
        "schools/" + brin + "/pupils.csv", 2L);
  }

  private static Row event(String brin, String pupilNumber, String date, String slot, int slotMinutes, int missed,
      boolean schedulesTime, String category, String categorySource, Integer late, String code, String description,
      Boolean authorised, String file, long line) {
    return event(brin, pupilNumber, date, slot, slotMinutes, missed, schedulesTime, category, categorySource, late, code,
        description, authorised, file, line, LOAD);
  }

  private static Row event(String brin, String pupilNumber, String date, String slot, int slotMinutes, int missed,
      boolean schedulesTime, String category, String categorySource, Integer late, String code, String description,
      Boolean authorised, String file, long line, String load) {
    return RowFactory.create(brin, KEYS.schoolPupilKey(brin, pupilNumber), d(date), slot, slotMinutes, missed,
        schedulesTime, category, categorySource, late, code, description, authorised, load, file, line);
  }

  private static Row q(String file, long line, String rule, String detail) {
    return RowFactory.create(file, line, rule, detail);
  }
}
