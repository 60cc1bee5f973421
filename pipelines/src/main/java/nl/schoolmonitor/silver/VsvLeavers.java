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
 * One row per voortijdig schoolverlater per school year and school location, from the DUO / RMC
 * VSV list (CONTRACT.md section 3, DOMAIN.md section 8). Every row of a school year's list is a
 * VSV'er of that year; {@code status} says where they are now. Pseudonymous.
 */
public final class VsvLeavers {
  public static final String TABLE = "silver_vsv";

  public static final String PUPIL_KEY = "pupil_key";
  public static final String BIRTH_YEAR = "birth_year";
  public static final String RESIDENCE_MUNICIPALITY = "residence_municipality";
  public static final String RMC_REGION = "rmc_region";
  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String EDUCATION_TYPE = "education_type";
  public static final String LEVEL = "level";
  public static final String DEREGISTRATION_DATE = "deregistration_date";
  public static final String SCHOOL_YEAR = "school_year";
  public static final String STATUS = "status";
  public static final String LOAD_ID = "load_id";
  public static final String SOURCE_FILE = "source_file";
  public static final String LINE_NUMBER = "line_number";

  /** nieuw (new VSV'er), teruggeleid (back in education), werk (working), onbekend. */
  public static final List<String> STATUSES = List.of("nieuw", "teruggeleid", "werk", "onbekend");

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(PUPIL_KEY, StringType, false, "HMAC-SHA256 of the PGN (BSN, else onderwijsnummer): joins enrolments"),
      field(BIRTH_YEAR, IntegerType, true, "Year of birth (never the date)"),
      field(RESIDENCE_MUNICIPALITY, StringType, true, "Woongemeente, CBS code GMxxxx"),
      field(RMC_REGION, StringType, true, "RMC region as the list writes it"),
      field(BRIN_VESTIGING, StringType, true, "School location the pupil left; null when the list names none"),
      field(EDUCATION_TYPE, StringType, true, "Onderwijssoort: VO, MBO, ..."),
      field(LEVEL, StringType, true, "Niveau: MBO level or VO track"),
      field(DEREGISTRATION_DATE, DateType, true, "Datum uitschrijving"),
      field(SCHOOL_YEAR, StringType, false, "School year the pupil became a VSV'er, e.g. 2024-2025"),
      field(STATUS, StringType, false, String.join(", ", STATUSES)),
      field(LOAD_ID, StringType, false, "Run that loaded the source file"),
      field(SOURCE_FILE, StringType, false, "Landing file the row came from"),
      field(LINE_NUMBER, LongType, false, "Record number in that file, the header being 1"),
  });

  private VsvLeavers() {}
}
