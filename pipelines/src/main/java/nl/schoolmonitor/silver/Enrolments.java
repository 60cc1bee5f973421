package nl.schoolmonitor.silver;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per pupil per school location enrolment, from the latest pupil list of each school.
 * Pseudonymous: no name, address, free text or raw BSN reaches this table.
 */
public final class Enrolments {
  public static final String TABLE = "silver_enrolments";

  public static final String PUPIL_KEY = "pupil_key";
  public static final String SCHOOL_PUPIL_KEY = "school_pupil_key";
  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String SYSTEM = "system";
  public static final String CLASS_CODE = "class_code";
  public static final String YEAR_GROUP = "year_group";
  public static final String BIRTH_DATE = "birth_date";
  public static final String SEX = "sex";
  public static final String PC4 = "pc4";
  public static final String RESIDENCE_MUNICIPALITY = "residence_municipality";
  public static final String ENROLMENT_START = "enrolment_start";
  public static final String ENROLMENT_END = "enrolment_end";
  public static final String PUPIL_WEIGHT = "pupil_weight";
  public static final String SPECIAL_NEEDS = "special_needs";
  public static final String NT2 = "nt2";
  public static final String PROGRAMME = "programme";
  public static final String LEVEL = "level";
  public static final String LOAD_ID = "load_id";
  public static final String SOURCE_FILE = "source_file";
  public static final String LINE_NUMBER = "line_number";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(PUPIL_KEY, StringType, false, "HMAC-SHA256 of the PGN (BSN, else onderwijsnummer)"),
      field(SCHOOL_PUPIL_KEY, StringType, false, "HMAC-SHA256 of brin_vestiging and the school's own pupil number"),
      field(BRIN_VESTIGING, StringType, false, "School location, e.g. 21CD00"),
      field(SYSTEM, StringType, false, "Student information system: parnassys, magister, somtoday, eduarte"),
      field(CLASS_CODE, StringType, true, "Klas / groep / stamgroep as the school names it"),
      field(YEAR_GROUP, IntegerType, true, "Leerjaar (VO), jaargroep (PO); null for MBO"),
      field(BIRTH_DATE, DateType, true, "Needed for the age rules of the Leerplichtwet"),
      field(SEX, StringType, true, "M, V or X"),
      field(PC4, StringType, true, "The four digits of the postcode, never the letters"),
      field(RESIDENCE_MUNICIPALITY, StringType, true, "CBS code of the municipality of residence, GMxxxx"),
      field(ENROLMENT_START, DateType, false, "First day of the enrolment, inclusive"),
      field(ENROLMENT_END, DateType, true, "Last day of the enrolment, inclusive; null = still enrolled"),
      field(PUPIL_WEIGHT, DoubleType, true, "ParnasSys Leerlinggewicht (0, 0.3, 1.2): a poverty proxy"),
      field(SPECIAL_NEEDS, BooleanType, true, "Ondersteuningsbehoefte / extra ondersteuning"),
      field(NT2, BooleanType, true, "Dutch as a second language (Magister NT2)"),
      field(PROGRAMME, StringType, true, "Studie / opleiding"),
      field(LEVEL, StringType, true, "MBO niveau"),
      field(LOAD_ID, StringType, false, "Run that loaded the source file"),
      field(SOURCE_FILE, StringType, false, "Landing file the row came from"),
      field(LINE_NUMBER, LongType, false, "Record number in that file, the header being 1"),
  });

  private Enrolments() {}

  static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, Metadata.empty()).withComment(comment);
  }
}
