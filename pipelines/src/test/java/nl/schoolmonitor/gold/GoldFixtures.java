package nl.schoolmonitor.gold;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.silver.AttendanceEvents;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.Municipalities;
import nl.schoolmonitor.silver.SchoolDays;
import nl.schoolmonitor.silver.Schools;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Inline rows of the silver and gold schemas for the gold tests (and the jobs' tests, through the
 * test jar): only the columns a test cares about vary.
 */
public final class GoldFixtures {

  static final String SCHOOL_YEAR = "2025-2026";

  private GoldFixtures() {}

  static LocalDate d(String iso) {
    return LocalDate.parse(iso);
  }

  static Dataset<Row> frame(SparkSession spark, StructType schema, List<Row> rows) {
    return spark.createDataFrame(rows, schema);
  }

  static Dataset<Row> frame(SparkSession spark, StructType schema, Row... rows) {
    return frame(spark, schema, Arrays.asList(rows));
  }

  /** Column names and types, in order: what the tests assert of a schema ({@code Row.equals} ignores it). */
  static List<String> namesAndTypes(StructType schema) {
    return Arrays.stream(schema.fields()).map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
  }


  /** A date as Spark returns it from {@code collectAsList()} (java.sql.Date: the Java 8 time API is off). */
  static java.sql.Date sqlDate(String iso) {
    return java.sql.Date.valueOf(iso);
  }

  /**
   * A row of {@code schema} from column names and values: a column not given is null, or a fixed
   * filler when the schema forbids null. Built by name, so a column added to a silver schema by
   * another change does not shift the fixtures; a name that is not in the schema fails at once.
   */
  public static Row rowOf(StructType schema, Object... namesAndValues) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = (String) namesAndValues[i];
      if (!Arrays.asList(schema.fieldNames()).contains(name)) {
        throw new IllegalArgumentException("No column " + name + " in " + Arrays.toString(schema.fieldNames()));
      }
      values.put(name, namesAndValues[i + 1]);
    }
    Object[] row = new Object[schema.fields().length];
    for (int i = 0; i < row.length; i++) {
      StructField f = schema.fields()[i];
      row[i] = values.containsKey(f.name()) ? values.get(f.name()) : f.nullable() ? null : filler(f.dataType());
    }
    return RowFactory.create(row);
  }

  private static Object filler(DataType type) {
    if (type.equals(DataTypes.StringType)) {
      return "fixture";
    } else if (type.equals(DataTypes.LongType)) {
      return 2L;
    } else if (type.equals(DataTypes.IntegerType)) {
      return 0;
    } else if (type.equals(DataTypes.BooleanType)) {
      return false;
    } else if (type.equals(DataTypes.DateType)) {
      return LocalDate.of(2025, 8, 1);
    }
    throw new IllegalArgumentException("No filler for " + type);
  }

  public static Row enrolment(String pupilKey, String schoolPupilKey, String brin, String classCode, Integer yearGroup,
      String residence, LocalDate start, LocalDate end) {
    return rowOf(Enrolments.SCHEMA, Enrolments.PUPIL_KEY, pupilKey, Enrolments.SCHOOL_PUPIL_KEY, schoolPupilKey,
        Enrolments.BRIN_VESTIGING, brin, Enrolments.SYSTEM, "magister", Enrolments.CLASS_CODE, classCode,
        Enrolments.YEAR_GROUP, yearGroup, Enrolments.RESIDENCE_MUNICIPALITY, residence,
        Enrolments.ENROLMENT_START, start, Enrolments.ENROLMENT_END, end);
  }

  public static Row enrolment(String pupilKey, String brin, LocalDate start, LocalDate end) {
    return enrolment(pupilKey, brin + "-" + pupilKey, brin, "1a", 1, "GM0153", start, end);
  }

  /** A school day with its week and weekday derived, as silver writes it. */
  static Row schoolDay(String brin, LocalDate date, Integer scheduledMinutes) {
    return rowOf(SchoolDays.SCHEMA, SchoolDays.BRIN_VESTIGING, brin, SchoolDays.DATE, date,
        SchoolDays.SCHOOL_YEAR, SCHOOL_YEAR, SchoolDays.WEEK_START, date.with(DayOfWeek.MONDAY),
        SchoolDays.WEEKDAY, date.getDayOfWeek().getValue(), SchoolDays.SCHEDULED_MINUTES, scheduledMinutes);
  }

  /** The first {@code count} weekdays from {@code first}, as school days of {@code brin}. */
  static List<Row> schoolDays(String brin, LocalDate first, int count, Integer scheduledMinutes) {
    List<Row> rows = new ArrayList<>();
    for (LocalDate day : weekdays(first, count)) {
      rows.add(schoolDay(brin, day, scheduledMinutes));
    }
    return rows;
  }

  public static List<LocalDate> weekdays(LocalDate first, int count) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate day = first; days.size() < count; day = day.plusDays(1)) {
      if (day.getDayOfWeek().getValue() <= 5) {
        days.add(day);
      }
    }
    return days;
  }

  public static Row event(String brin, String schoolPupilKey, LocalDate date, String slot, int slotMinutes, int missedMinutes,
      boolean schedulesTime, String category, Integer lateMinutes) {
    return rowOf(AttendanceEvents.SCHEMA, AttendanceEvents.BRIN_VESTIGING, brin,
        AttendanceEvents.SCHOOL_PUPIL_KEY, schoolPupilKey, AttendanceEvents.DATE, date, AttendanceEvents.SLOT, slot,
        AttendanceEvents.SLOT_MINUTES, slotMinutes, AttendanceEvents.MISSED_MINUTES, missedMinutes,
        AttendanceEvents.SCHEDULES_TIME, schedulesTime, AttendanceEvents.CATEGORY, category,
        AttendanceEvents.LATE_MINUTES, lateMinutes);
  }

  static Row school(String brin, String name, String sector, String municipality, String boardCode, String boardName,
      String swv) {
    return rowOf(Schools.SCHEMA, Schools.BRIN_VESTIGING, brin, Schools.NAME, name, Schools.SECTOR, sector,
        Schools.MUNICIPALITY_CODE, municipality, Schools.BOARD_CODE, boardCode, Schools.BOARD_NAME, boardName,
        Schools.SWV_CODE, swv);
  }

  static Row municipality(String code, String name, String rmcRegion) {
    return rowOf(Municipalities.SCHEMA, Municipalities.MUNICIPALITY_CODE, code, Municipalities.NAME, name,
        Municipalities.RMC_REGION, rmcRegion);
  }

  /**
   * A row of {@link PupilDays#SCHEMA} with minutes in the categories that matter to a test
   * (sick and unauthorised; the others 0).
   */
  static Row pupilDay(String brin, String pupilKey, LocalDate date, long scheduled, long sick, long unauthorised,
      int lateCount, long lateMinutes) {
    List<Object> values = new ArrayList<>(List.of(PupilDays.BRIN_VESTIGING, brin,
        PupilDays.SCHOOL_PUPIL_KEY, brin + "-" + pupilKey, PupilDays.PUPIL_KEY, pupilKey, PupilDays.DATE, date,
        PupilDays.SCHOOL_YEAR, SCHOOL_YEAR, PupilDays.WEEK_START, date.with(DayOfWeek.MONDAY),
        PupilDays.SCHEDULED_MINUTES, scheduled, PupilDays.MISSED_MINUTES, sick + unauthorised,
        PupilDays.UNAUTHORISED_MINUTES, unauthorised, PupilDays.LATE_COUNT, lateCount,
        PupilDays.LATE_MINUTES, lateMinutes));
    for (Category c : Category.missed()) {
      long minutes = c == Category.SICK ? sick : c == Category.UNAUTHORISED ? unauthorised : 0L;
      values.addAll(List.of(PupilDays.missedColumn(c), minutes));
    }
    return rowOf(PupilDays.SCHEMA, values.toArray());
  }
}
