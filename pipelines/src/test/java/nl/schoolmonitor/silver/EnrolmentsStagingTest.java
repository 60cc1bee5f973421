package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Fixtures.CONFIG;
import static nl.schoolmonitor.silver.Fixtures.KEYS;
import static nl.schoolmonitor.silver.Fixtures.LOAD;
import static nl.schoolmonitor.silver.Fixtures.bronze;
import static nl.schoolmonitor.silver.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Date;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class EnrolmentsStagingTest {

  private static final String PARNASSYS = "schools/07AB00/leerlingen_export.csv";
  private static final String MAGISTER = "schools/21CD00/Leerlingen.csv";
  private static final String SOMTODAY = "schools/23EF01/leerlingen.csv";
  private static final String EDUARTE = "schools/25GH00/deelnemers.csv";

  @Test
  void samplePupilListsOfEverySystem(SparkSession spark) {
    List<Row> bronze = List.of(
        bronze("parnassys-pupils", "07AB00", PARNASSYS, 2,
            "1001;999990007;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;4;01-08-2021;;0;Nee"),
        bronze("parnassys-pupils", "07AB00", PARNASSYS, 3,
            "1002;999990019;;Daan;de Vries;02-11-2016;M;7512CD;Enschede;0153;4a;4;01-08-2021;;0.3;Nee"),
        bronze("parnassys-pupils", "07AB00", PARNASSYS, 4,
            "1003;;102345678;Mila;Jansen;21-06-2014;V;7548EF;Enschede;0153;6b;6;01-08-2019;31-10-2025;1.2;Ja"),
        bronze("magister-pupils", "21CD00", MAGISTER, 2,
            "20451;999990020;;Sem;van;Dijk;05-05-2012;M;7551AA;Hengelo;h2b;havo 2;2;01-08-2024;;N;N"),
        bronze("magister-pupils", "21CD00", MAGISTER, 3,
            "20452;999990032;;Noor;;Bakker;17-09-2011;V;7552BB;Hengelo;v3a;vwo 3;3;01-08-2023;;J;N"),
        bronze("somtoday-pupils", "23EF01", SOMTODAY, 2,
            "78001,999990044,,Lucas,Smit,2010-01-30,Man,7601AB,Almelo,4M2,4,vmbo-gt,2022-08-01,,false"),
        bronze("somtoday-pupils", "23EF01", SOMTODAY, 3,
            "78002,999990056,,Emma,Mulder,2011-12-12,Vrouw,7602CD,Almelo,3M1,3,vmbo-gt,2023-08-01,,true"),
        bronze("eduarte-pupils", "25GH00", EDUARTE, 2,
            "530001;999990068;;Yara;Hendriks;2008-04-02;V;7513GH;Enschede;Entree;25998;1;BOL;ENT1A;2025-08-25;"));

    Staged staged = EnrolmentsStaging.stage(Fixtures.bronzeRows(spark, bronze), Fixtures.municipalities(spark), CONFIG, KEYS);

    assertThat(staged.accepted().schema()).isEqualTo(Enrolments.SCHEMA);
    assertThat(staged.quarantined().schema()).isEqualTo(Quarantine.SCHEMA);
    assertThat(staged.quarantined().collectAsList()).isEmpty();
    assertThat(staged.accepted().collectAsList()).containsExactlyInAnyOrder(
        enrolment("999990007", "07AB00", "1001", "parnassys", "4a", 4, d("2017-03-14"), "V", "7511", "GM0153",
            d("2021-08-01"), null, 0.0, false, null, null, null, PARNASSYS, 2),
        enrolment("999990019", "07AB00", "1002", "parnassys", "4a", 4, d("2016-11-02"), "M", "7512", "GM0153",
            d("2021-08-01"), null, 0.3, false, null, null, null, PARNASSYS, 3),
        // no BSN: the onderwijsnummer is the PGN
        enrolment("102345678", "07AB00", "1003", "parnassys", "6b", 6, d("2014-06-21"), "V", "7548", "GM0153",
            d("2019-08-01"), d("2025-10-31"), 1.2, true, null, null, null, PARNASSYS, 4),
        // Magister has no municipality code: found by the place name
        enrolment("999990020", "21CD00", "20451", "magister", "h2b", 2, d("2012-05-05"), "M", "7551", "GM0164",
            d("2024-08-01"), null, null, false, false, "havo 2", null, MAGISTER, 2),
        enrolment("999990032", "21CD00", "20452", "magister", "v3a", 3, d("2011-09-17"), "V", "7552", "GM0164",
            d("2023-08-01"), null, null, true, false, "vwo 3", null, MAGISTER, 3),
        enrolment("999990044", "23EF01", "78001", "somtoday", "4M2", 4, d("2010-01-30"), "M", "7601", "GM0141",
            d("2022-08-01"), null, null, false, null, "vmbo-gt", null, SOMTODAY, 2),
        enrolment("999990056", "23EF01", "78002", "somtoday", "3M1", 3, d("2011-12-12"), "V", "7602", "GM0141",
            d("2023-08-01"), null, null, true, null, "vmbo-gt", null, SOMTODAY, 3),
        enrolment("999990068", "25GH00", "530001", "eduarte", "ENT1A", null, d("2008-04-02"), "V", "7513", "GM0153",
            d("2025-08-25"), null, null, null, null, "Entree", "1", EDUARTE, 2));
  }

  @Test
  void emptyOptionalValuesAreAcceptedAsNull(SparkSession spark) {
    List<Row> bronze = List.of(
        // no birth date, sex, postcode, municipality code, weight; an 8-digit BSN (leading zero lost);
        // a place that is no municipality name
        bronze("parnassys-pupils", "07AB00", PARNASSYS, 2,
            "1004;12345672;;Bo;Smit;;;;Glanerbrug;;1a;1;01-09-2025;;;"),
        // a German postcode; Gemeentecode already GM..., weight with a decimal comma
        bronze("parnassys-pupils", "07AB00", PARNASSYS, 3,
            "1005;;123456789;Jan;Bos;01-01-2019;X;48599;Gronau;GM0153;1a;1;01-09-2025;;0,3;N"));

    Staged staged = EnrolmentsStaging.stage(Fixtures.bronzeRows(spark, bronze), Fixtures.municipalities(spark), CONFIG, KEYS);

    assertThat(staged.quarantined().collectAsList()).isEmpty();
    assertThat(staged.accepted().collectAsList()).containsExactlyInAnyOrder(
        enrolment("012345672", "07AB00", "1004", "parnassys", "1a", 1, null, null, null, null,
            d("2025-09-01"), null, null, null, null, null, null, PARNASSYS, 2),
        enrolment("123456789", "07AB00", "1005", "parnassys", "1a", 1, d("2019-01-01"), "X", null, "GM0153",
            d("2025-09-01"), null, 0.3, false, null, null, null, PARNASSYS, 3));
  }

  @Test
  void columnsAreFoundWhateverCaseAndSpacingTheFileUses(SparkSession spark) {
    List<String> header = List.of("STAMNR", "bsn", "Onderwijsnummer", "Roepnaam", "Tussenv", "Achternaam", "Geb.Datum",
        "Geslacht", "Postcode", "Woonplaats", "Klas", "Studie", "Leerjaar", "Datum  in", "datum uit", "Extra ondersteuning",
        "NT2");
    List<Row> bronze = List.of(Fixtures.bronzeAsWritten("magister-pupils", "21CD00", MAGISTER, LOAD, 2, header,
        "20451;999990020;;Sem;van;Dijk;05-05-2012;M;7551AA;Hengelo;h2b;havo 2;2;01-08-2024;;N;N"));

    Staged staged = EnrolmentsStaging.stage(Fixtures.bronzeRows(spark, bronze), Fixtures.municipalities(spark), CONFIG, KEYS);

    assertThat(staged.quarantined().collectAsList()).isEmpty();
    assertThat(staged.accepted().collectAsList()).containsExactly(
        enrolment("999990020", "21CD00", "20451", "magister", "h2b", 2, d("2012-05-05"), "M", "7551", "GM0164",
            d("2024-08-01"), null, null, false, false, "havo 2", null, MAGISTER, 2));
  }

  @Test
  void everyRuleQuarantinesWithTheValueInvolved(SparkSession spark) {
    String f = "schools/07AB00/leerlingen_fout.csv";
    String ok = ";;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;4;01-08-2021;;0;Nee";
    List<Row> bronze = List.of(
        Fixtures.malformed("parnassys-pupils", "07AB00", f, 2, Map.of("Leerlingnummer", "1001", "BSN", "999990007"),
            "expected 16 fields, found 2"),
        bronze("parnassys-pupils", "07AB00", f, 3, ";999990007" + ok),
        bronze("parnassys-pupils", "07AB00", f, 4, "1011;999990007;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;4;;;0;Nee"),
        bronze("parnassys-pupils", "07AB00", f, 5, "1012;999990007;;Zoë;Özdemir;31-02-2017;V;7511AB;Enschede;0153;4a;4;01-08-2021;;0;Nee"),
        bronze("parnassys-pupils", "07AB00", f, 6, "1013;999990007;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;vier;01-08-2021;;0;Nee"),
        bronze("parnassys-pupils", "07AB00", f, 7, "1014;999990007;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;4;01-08-2021;;hoog;Nee"),
        bronze("parnassys-pupils", "07AB00", f, 8, "1015;999990007;;Zoë;Özdemir;14-03-2017;Q;7511AB;Enschede;0153;4a;4;01-08-2021;;0;Nee"),
        bronze("parnassys-pupils", "07AB00", f, 9, "1016;999990007;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;4;01-08-2021;31-07-2021;0;Nee"),
        bronze("parnassys-pupils", "07AB00", f, 10, "1017;999990008" + ok),
        bronze("parnassys-pupils", "07AB00", f, 11, "1018;" + ok),
        bronze("parnassys-pupils", "07AB00", f, 12, "1019;;10234567X;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;4;01-08-2021;;0;Nee"),
        bronze("parnassys-pupils", "07AB00", f, 13, "1020;999990007;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;4;01-08-2021;;0;Misschien"),
        bronze("parnassys-pupils", "07AB00", f, 14, "1021;999990007;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;Enschede;4a;4;01-08-2021;;0;Nee"));

    Staged staged = EnrolmentsStaging.stage(Fixtures.bronzeRows(spark, bronze), Fixtures.municipalities(spark), CONFIG, KEYS);

    assertThat(staged.accepted().collectAsList()).isEmpty();
    assertThat(staged.quarantined().select("line_number", "rule", "detail").collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create(2L, "malformed_row", "the record could not be split into the header's columns: expected 16 fields, found 2"),
        RowFactory.create(3L, "missing_value", "pupil_number is empty"),
        RowFactory.create(4L, "missing_value", "enrolment_start is empty"),
        RowFactory.create(5L, "unparseable_date", "birth_date '31-02-2017' is not a date in format dd-MM-yyyy"),
        RowFactory.create(6L, "unparseable_number", "year_group 'vier' is not a whole number"),
        RowFactory.create(7L, "unparseable_number", "pupil_weight 'hoog' is not a number"),
        RowFactory.create(8L, "value_out_of_range", "sex 'Q' is not one of [M, V, X]"),
        RowFactory.create(9L, "end_before_begin", "enrolment_end 2021-07-31 is before enrolment_start 2021-08-01"),
        RowFactory.create(10L, "invalid_bsn", "BSN ******008 fails the 11-test (or is not 8-9 digits)"),
        RowFactory.create(11L, "missing_identifier", "neither BSN nor onderwijsnummer: the pupil cannot be linked across sources"),
        RowFactory.create(12L, "value_out_of_range", "onderwijsnummer ******67X is not nine digits"),
        RowFactory.create(13L, "value_out_of_range", "special_needs 'Misschien' is not one of Ja, J / Nee, N"),
        RowFactory.create(14L, "value_out_of_range",
            "residence_municipality 'Enschede' is not a CBS municipality code (GMxxxx or four digits)"));
  }

  @Test
  void quarantineShowsMappedFieldsOnlyWithIdentifiersMasked(SparkSession spark) {
    String f = "schools/07AB00/leerlingen_fout.csv";
    List<Row> bronze = List.of(bronze("parnassys-pupils", "07AB00", f, 2,
        "1017;999990008;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;4;01-08-2021;;0;Nee"));

    Staged staged = EnrolmentsStaging.stage(Fixtures.bronzeRows(spark, bronze), Fixtures.municipalities(spark), CONFIG, KEYS);

    assertThat(staged.quarantined().collectAsList()).containsExactly(RowFactory.create(LOAD, f, 2L, "07AB00",
        "parnassys-pupils", "invalid_bsn", "BSN ******008 fails the 11-test (or is not 8-9 digits)",
        "pupil_number=*017, bsn=******008, onderwijsnummer=, birth_date=14-03-2017, sex=V, postcode=7511**, "
            + "residence_place=Enschede, residence_municipality=0153, class_code=4a, year_group=4, "
            + "enrolment_start=01-08-2021, enrolment_end=, pupil_weight=0, special_needs=Nee"));
  }

  @Test
  void aLaterPupilListSupersedesTheSameEnrolment(SparkSession spark) {
    String older = "schools/07AB00/leerlingen_sep.csv";
    String newer = "schools/07AB00/leerlingen_okt.csv";
    List<Row> bronze = List.of(
        bronze("parnassys-pupils", "07AB00", older, "20250905T0600-0001", 2,
            "1001;999990007;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4a;4;01-08-2021;;0;Nee"),
        // corrected: the pupil moved to 4b
        bronze("parnassys-pupils", "07AB00", newer, "20251006T0600-0001", 5,
            "1001;999990007;;Zoë;Özdemir;14-03-2017;V;7511AB;Enschede;0153;4b;4;01-08-2021;;0;Nee"));

    Staged staged = EnrolmentsStaging.stage(Fixtures.bronzeRows(spark, bronze), Fixtures.municipalities(spark), CONFIG, KEYS);

    assertThat(staged.accepted().collectAsList()).containsExactly(
        enrolment("999990007", "07AB00", "1001", "parnassys", "4b", 4, d("2017-03-14"), "V", "7511", "GM0153",
            d("2021-08-01"), null, 0.0, false, null, null, null, newer, 5, "20251006T0600-0001"));
    assertThat(staged.quarantined().select("source_file", "line_number", "rule", "detail").collectAsList())
        .containsExactly(RowFactory.create(older, 2L, "superseded",
            "the same enrolment (pupil number, enrolment start 2021-08-01) is in the later pupil list "
                + newer + " line 5, which replaces it"));
  }

  @Test
  void rowsOfAnotherKindAreASetUpErrorNamingTheProfiles(SparkSession spark) {
    List<Row> absences = List.of(bronze("parnassys-absences", "07AB00", "schools/07AB00/absenties.csv", 2,
        "1001;01-09-2025;Ochtend;Ziek;;Ja;"));

    assertThatThrownBy(() -> EnrolmentsStaging.stage(Fixtures.bronzeRows(spark, absences),
        Fixtures.municipalities(spark), CONFIG, KEYS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'parnassys-absences'")
        .hasMessageContaining("parnassys/parnassys-pupils");
  }

  private static Row enrolment(String pgn, String brin, String pupilNumber, String system, String classCode,
      Integer yearGroup, Date birth, String sex, String pc4, String municipality, Date start, Date end, Double weight,
      Boolean specialNeeds, Boolean nt2, String programme, String level, String file, long line) {
    return enrolment(pgn, brin, pupilNumber, system, classCode, yearGroup, birth, sex, pc4, municipality, start, end,
        weight, specialNeeds, nt2, programme, level, file, line, LOAD);
  }

  private static Row enrolment(String pgn, String brin, String pupilNumber, String system, String classCode,
      Integer yearGroup, Date birth, String sex, String pc4, String municipality, Date start, Date end, Double weight,
      Boolean specialNeeds, Boolean nt2, String programme, String level, String file, long line, String load) {
    return RowFactory.create(KEYS.pupilKey(pgn), KEYS.schoolPupilKey(brin, pupilNumber), brin, system, classCode,
        yearGroup, birth, sex, pc4, municipality, start, end, weight, specialNeeds, nt2, programme, level, load, file, line);
  }
}
