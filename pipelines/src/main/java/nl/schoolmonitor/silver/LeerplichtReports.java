package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Enrolments.field;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per verzuimmelding (leerplicht report) of the municipal leerplicht administration, the
 * latest export of each Meldingsnummer (CONTRACT.md section 3, DOMAIN.md section 7). Pseudonymous:
 * the PGN is a {@code pupil_key} as in {@link Enrolments}, the birth date only its year.
 */
public final class LeerplichtReports {
  public static final String TABLE = "silver_leerplicht_reports";

  public static final String REPORT_NUMBER = "report_number";
  public static final String PUPIL_KEY = "pupil_key";
  public static final String BIRTH_YEAR = "birth_year";
  public static final String RESIDENCE_MUNICIPALITY = "residence_municipality";
  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String VERZUIMSOORT = "verzuimsoort";
  public static final String REPORT_DATE = "report_date";
  public static final String ABSENCE_START = "absence_start";
  public static final String ABSENCE_END = "absence_end";
  public static final String STATUS = "status";
  public static final String ACTION = "action";
  public static final String SCHOOL_YEAR = "school_year";
  public static final String LOAD_ID = "load_id";
  public static final String SOURCE_FILE = "source_file";
  public static final String LINE_NUMBER = "line_number";

  /** DUO verzuimloket codes, plus ABS for absoluut verzuim (CONTRACT.md section 3). */
  public static final String ABSOLUUT = "ABS";
  public static final String LANGDURIG_RELATIEF = "LRV";
  public static final List<String> VERZUIMSOORTEN = List.of("V1", "V2", "V3", "V4", "RMC", "L", "LRV", "O", ABSOLUUT);
  /**
   * Relatief verzuim of a leerplichtige (enrolled, under 18): what the BBV indicator "relatief
   * verzuim per 1.000 leerlingen" counts. V4 and RMC are reports of 18-23 year olds to the RMC.
   */
  public static final List<String> RELATIEF = List.of("V1", "V2", "V3", "L", "LRV", "O");
  /** W waiting, R registered, B in behandeling, G afgesloten, K ter kennisgeving, D overgedragen, I ingetrokken. */
  public static final List<String> STATUSES = List.of("W", "R", "B", "G", "K", "D", "I");
  /** Ingetrokken: the report was withdrawn and counts nowhere but in the table of reports by status. */
  public static final String WITHDRAWN = "I";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(REPORT_NUMBER, StringType, false, "Meldingsnummer of the leerplicht administration"),
      field(PUPIL_KEY, StringType, false, "HMAC-SHA256 of the PGN (BSN, else onderwijsnummer): joins enrolments"),
      field(BIRTH_YEAR, IntegerType, true, "Year of birth (never the date)"),
      field(RESIDENCE_MUNICIPALITY, StringType, true, "Woongemeente, CBS code GMxxxx; leerplicht follows residence"),
      field(BRIN_VESTIGING, StringType, true, "School location the report is about; null for absoluut verzuim"),
      field(VERZUIMSOORT, StringType, false, String.join(", ", VERZUIMSOORTEN)),
      field(REPORT_DATE, DateType, false, "Melddatum"),
      field(ABSENCE_START, DateType, false, "Begindatum verzuim"),
      field(ABSENCE_END, DateType, true, "Einddatum verzuim, inclusive; null = still going on"),
      field(STATUS, StringType, false, String.join(", ", STATUSES)),
      field(ACTION, StringType, true, "Afhandeling: Gesprek, Waarschuwing, HALT, Proces-verbaal, Zorgtraject; null = none yet"),
      field(SCHOOL_YEAR, StringType, false, "School year of the report date, e.g. 2025-2026 (the leerplichttelling's year)"),
      field(LOAD_ID, StringType, false, "Run that loaded the source file"),
      field(SOURCE_FILE, StringType, false, "Landing file the row came from"),
      field(LINE_NUMBER, LongType, false, "Record number in that file, the header being 1"),
  });

  private LeerplichtReports() {}
}
