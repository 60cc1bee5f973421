package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Enrolments.field;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per rejected record, with the rule it failed. Every bronze record ends up either in
 * a silver table or here: {@code read = accepted + quarantined} per file.
 */
public final class Quarantine {
  public static final String TABLE = "silver_quarantine";

  public static final String LOAD_ID = "load_id";
  public static final String SOURCE_FILE = "source_file";
  public static final String LINE_NUMBER = "line_number";
  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String PROFILE = "profile";
  public static final String RULE = "rule";
  public static final String DETAIL = "detail";
  public static final String RAW = "raw";

  /** Reasons a record is rejected; stable names, used in reports. */
  public static final class Rule {
    public static final String MALFORMED_ROW = "malformed_row";
    public static final String MISSING_VALUE = "missing_value";
    public static final String UNPARSEABLE_DATE = "unparseable_date";
    public static final String UNPARSEABLE_TIME = "unparseable_time";
    public static final String UNPARSEABLE_NUMBER = "unparseable_number";
    public static final String DATE_OUTSIDE_SCHOOL_YEAR = "date_outside_school_year";
    public static final String END_BEFORE_BEGIN = "end_before_begin";
    public static final String VALUE_OUT_OF_RANGE = "value_out_of_range";
    public static final String UNKNOWN_PUPIL = "unknown_pupil";
    public static final String UNKNOWN_CODE = "unknown_code";
    public static final String INVALID_BSN = "invalid_bsn";
    public static final String MISSING_IDENTIFIER = "missing_identifier";
    public static final String NOT_A_SCHOOL_DAY = "not_a_school_day";
    public static final String OUTSIDE_ENROLMENT = "outside_enrolment";
    public static final String DUPLICATE_ROW = "duplicate_row";
    public static final String SUPERSEDED = "superseded";

    private Rule() {}
  }

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(LOAD_ID, StringType, false, "Run that loaded the source file"),
      field(SOURCE_FILE, StringType, false, "Landing file"),
      field(LINE_NUMBER, LongType, false, "Record number in that file, the header being 1"),
      field(BRIN_VESTIGING, StringType, true, "School location, null for registrations"),
      field(PROFILE, StringType, false, "Profile of the file"),
      field(RULE, StringType, false, "The rule the record failed (Quarantine.Rule)"),
      field(DETAIL, StringType, false, "What was wrong, with the value involved"),
      field(RAW, StringType, true,
          "The mapped fields of the record as text; identifiers masked, names and free text never included"),
  });

  private Quarantine() {}
}
