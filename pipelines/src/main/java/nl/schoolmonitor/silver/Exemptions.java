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
 * One row per vrijstelling (exemption from the Leerplichtwet) per pupil, kind and start date, from
 * the latest export that holds it (CONTRACT.md section 3, DOMAIN.md section 7). Pseudonymous.
 */
public final class Exemptions {
  public static final String TABLE = "silver_exemptions";

  public static final String PUPIL_KEY = "pupil_key";
  public static final String BIRTH_YEAR = "birth_year";
  public static final String RESIDENCE_MUNICIPALITY = "residence_municipality";
  public static final String EXEMPTION_KIND = "exemption_kind";
  public static final String EXEMPTION_START = "exemption_start";
  public static final String EXEMPTION_END = "exemption_end";
  public static final String SCHOOL_YEAR = "school_year";
  public static final String LOAD_ID = "load_id";
  public static final String SOURCE_FILE = "source_file";
  public static final String LINE_NUMBER = "line_number";

  /**
   * Leerplichtwet: 5a (5 onder a, lichamelijk of psychisch ongeschikt), 5b (5 onder b, bedenkingen
   * tegen de richting), 5c (5 onder c, school in het buitenland), 5a-trekkend (artikel 5a, trekkend
   * bestaan), 15 (ander onderwijs), 3a (vervangende leerplicht).
   */
  public static final List<String> KINDS = List.of("5a", "5b", "5c", "5a-trekkend", "15", "3a");

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(PUPIL_KEY, StringType, false, "HMAC-SHA256 of the PGN (BSN, else onderwijsnummer): joins enrolments"),
      field(BIRTH_YEAR, IntegerType, true, "Year of birth (never the date)"),
      field(RESIDENCE_MUNICIPALITY, StringType, true, "Woongemeente, CBS code GMxxxx"),
      field(EXEMPTION_KIND, StringType, false, String.join(", ", KINDS)),
      field(EXEMPTION_START, DateType, false, "Begindatum, inclusive"),
      field(EXEMPTION_END, DateType, true, "Einddatum, inclusive; null = open-ended"),
      field(SCHOOL_YEAR, StringType, false, "School year of the start date, e.g. 2025-2026"),
      field(LOAD_ID, StringType, false, "Run that loaded the source file"),
      field(SOURCE_FILE, StringType, false, "Landing file the row came from"),
      field(LINE_NUMBER, LongType, false, "Record number in that file, the header being 1"),
  });

  private Exemptions() {}
}
