package nl.schoolmonitor.bronze;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per data record of an accepted landing file, as text, nothing altered: the values
 * keyed by the file's own column names, with the file, the record number and the load that
 * read it. This is the only table that holds names and addresses; it never leaves the
 * warehouse and nothing is published from it.
 */
public final class ExportRows {
  public static final String TABLE = "bronze_export_rows";

  public static final String LOAD_ID = "load_id";
  public static final String SOURCE_FILE = "source_file";
  public static final String FILE_SHA256 = "file_sha256";
  public static final String RECEIVED_AT = "received_at";
  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String SYSTEM = "system";
  public static final String PROFILE = "profile";
  public static final String LINE_NUMBER = "line_number";
  public static final String VALUES = "values";
  public static final String MALFORMED = "malformed";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(LOAD_ID, StringType, false, "Run that read the file"),
      field(SOURCE_FILE, StringType, false, "Path of the file relative to the landing zone"),
      field(FILE_SHA256, StringType, false, "SHA-256 of the file's bytes: the same file twice counts once"),
      field(RECEIVED_AT, TimestampType, false, "When the file arrived (its modification time in the landing zone): "
          + "a later export of a school replaces an earlier one for the dates it covers"),
      field(BRIN_VESTIGING, StringType, true, "School location (folder under schools/); null for registrations"),
      field(SYSTEM, StringType, false, "System the header was recognised as"),
      field(PROFILE, StringType, false, "Profile the header matched, e.g. magister-absences"),
      field(LINE_NUMBER, LongType, false, "Record number in the file, the header being 1"),
      new StructField(VALUES, createMapType(StringType, StringType, true), false, Metadata.empty())
          .withComment("Source column name (as in the profile) to the raw text of the field"),
      field(MALFORMED, StringType, true, "Why the record could not be split into the header's columns, or null"),
  });

  private ExportRows() {}

  private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, Metadata.empty()).withComment(comment);
  }
}
