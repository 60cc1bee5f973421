package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Enrolments.field;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per pupil per school day per time slot per registration: every export format
 * (half days, lesson hours, spanning reports, MBO observations) expanded to the slots of the
 * school day it touches, in minutes. A slot is {@code morning}/{@code afternoon} (PO),
 * {@code L1}..{@code L6} (VO lesson hours) or {@code T08:30} (an MBO lesson starting then).
 * Two registrations of the same slot are both here; gold settles them.
 */
public final class AttendanceEvents {
  public static final String TABLE = "silver_attendance_events";

  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String SCHOOL_PUPIL_KEY = "school_pupil_key";
  public static final String DATE = "date";
  public static final String SLOT = "slot";
  public static final String SLOT_MINUTES = "slot_minutes";
  public static final String MISSED_MINUTES = "missed_minutes";
  public static final String SCHEDULES_TIME = "schedules_time";
  public static final String CATEGORY = "category";
  public static final String CATEGORY_SOURCE = "category_source";
  public static final String LATE_MINUTES = "late_minutes";
  public static final String SOURCE_CODE = "source_code";
  public static final String SOURCE_DESCRIPTION = "source_description";
  public static final String SOURCE_AUTHORISED = "source_authorised";
  public static final String LOAD_ID = "load_id";
  public static final String SOURCE_FILE = "source_file";
  public static final String LINE_NUMBER = "line_number";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(BRIN_VESTIGING, StringType, false, "School location"),
      field(SCHOOL_PUPIL_KEY, StringType, false, "Pseudonym of the school's pupil number (joins to enrolments)"),
      field(DATE, DateType, false, "School day"),
      field(SLOT, StringType, false, "morning / afternoon, L<n> (lesson hour n) or T<HH:mm> (MBO lesson start)"),
      field(SLOT_MINUTES, IntegerType, false, "Minutes of the slot this registration covers"),
      field(MISSED_MINUTES, IntegerType, false, "Minutes counted as missed (0 for present, late, exempt, not_absence)"),
      field(SCHEDULES_TIME, BooleanType, false, "True when the row itself is the timetable (MBO observations P/A/D)"),
      field(CATEGORY, StringType, false, "Canonical category, see common.Category"),
      field(CATEGORY_SOURCE, StringType, false,
          "How the category was found: code_table, school_code_table or system_fallback (an unmapped code)"),
      field(LATE_MINUTES, IntegerType, true, "Minutes late, for category late when the export says"),
      field(SOURCE_CODE, StringType, true, "The raw code as the school registered it"),
      field(SOURCE_DESCRIPTION, StringType, true, "The system's description of the code (not free text)"),
      field(SOURCE_AUTHORISED, BooleanType, true, "The geoorloofd flag as exported"),
      field(LOAD_ID, StringType, false, "Run that loaded the source file"),
      field(SOURCE_FILE, StringType, false, "Landing file the row came from"),
      field(LINE_NUMBER, LongType, false, "Record number in that file, the header being 1"),
  });

  private AttendanceEvents() {}
}
