package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Enrolments.field;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per school location per school day of the school year up to the reference date:
 * Monday to Friday, not in the holidays of the region's holiday region, not a study day of that
 * school (DOMAIN.md section 3).
 */
public final class SchoolDays {
  public static final String TABLE = "silver_school_days";

  public static final String BRIN_VESTIGING = "brin_vestiging";
  public static final String DATE = "date";
  public static final String SCHOOL_YEAR = "school_year";
  public static final String WEEK_START = "week_start";
  public static final String WEEKDAY = "weekday";
  public static final String SCHEDULED_MINUTES = "scheduled_minutes";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(BRIN_VESTIGING, StringType, false, "School location"),
      field(DATE, DateType, false, "School day"),
      field(SCHOOL_YEAR, StringType, false, "School year label, e.g. 2025-2026 (1 August - 31 July)"),
      field(WEEK_START, DateType, false, "Monday of the calendar week"),
      field(WEEKDAY, IntegerType, false, "ISO weekday, 1 = Monday"),
      field(SCHEDULED_MINUTES, IntegerType, true,
          "Minutes on the timetable for the sector and weekday; null where the export is the timetable (MBO)"),
  });

  private SchoolDays() {}
}
