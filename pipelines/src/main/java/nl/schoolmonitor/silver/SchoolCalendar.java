package nl.schoolmonitor.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.weekday;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.common.Schemas;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.SectorSchedule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One row per school location per school day ({@link SchoolDays}): Monday to Friday, minus the
 * holidays of the region's holiday region (the calendar includes the summer holiday that opens a
 * school year), minus the school's own study days (DOMAIN.md section 3). Scheduled minutes come
 * from the region's timetable per sector and weekday (CONTRACT.md section 5: PO 330, Wednesday
 * 225; VO 6 x 50); they are null for MBO, whose observations are the timetable.
 */
public final class SchoolCalendar {

  /** School years run from 1 August to 31 July (DOMAIN.md section 3). */
  private static final int FIRST_MONTH_OF_SCHOOL_YEAR = 8;

  private static final String ISO_WEEKDAY = SchoolDays.WEEKDAY;

  private SchoolCalendar() {}

  /**
   * @param schools   the region's schools ({@link Schools#SCHEMA})
   * @param holidays  {@code holiday_region, name, start_date, end_date} (dates inclusive, DateType)
   * @param studyDays {@code brin_vestiging, date} (DateType)
   * @param from      first day, inclusive (normally 1 August of the school year)
   * @param to        last day, inclusive (normally the reference date)
   * @throws IllegalArgumentException when {@code to} is before {@code from}, a school is listed
   *     twice or has a sector without a timetable in the region file, or a holiday of the
   *     region has no dates or ends before it starts
   */
  public static Dataset<Row> build(Dataset<Row> schools, Dataset<Row> holidays, Dataset<Row> studyDays,
      RegionConfig config, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("School calendar: 'to' " + to + " is before 'from' " + from);
    }
    checkSchools(schools, config);
    Dataset<Row> regionHolidays = holidays.filter(col("holiday_region").equalTo(lit(config.holidayRegion())));
    checkHolidays(regionHolidays, config);

    Dataset<Row> weekdays = perSchoolWeekday(schools, from, to);
    Dataset<Row> withoutHolidays = weekdays.join(regionHolidays,
        col(SchoolDays.DATE).between(col("start_date"), col("end_date")), "left_anti");
    Dataset<Row> withoutStudyDays = withoutHolidays.join(
        studyDays.select(col("brin_vestiging").as("study_brin"), col("date").as("study_date")),
        col(SchoolDays.BRIN_VESTIGING).equalTo(col("study_brin")).and(col(SchoolDays.DATE).equalTo(col("study_date"))),
        "left_anti");
    Dataset<Row> calendar = withoutStudyDays
        .withColumn(SchoolDays.SCHOOL_YEAR, schoolYear(col(SchoolDays.DATE)))
        .withColumn(SchoolDays.WEEK_START, date_sub(col(SchoolDays.DATE), col(ISO_WEEKDAY).minus(1)))
        .withColumn(SchoolDays.SCHEDULED_MINUTES, scheduledMinutes(config));
    return Schemas.conform(calendar, SchoolDays.SCHEMA, SchoolDays.TABLE);
  }

  /** Every Monday-Friday in [from, to] for every school, with its sector and ISO weekday. */
  private static Dataset<Row> perSchoolWeekday(Dataset<Row> schools, LocalDate from, LocalDate to) {
    Dataset<Row> dates = schools.sparkSession().range(1)
        .select(explode(sequence(lit(from), lit(to))).as(SchoolDays.DATE))
        .withColumn(ISO_WEEKDAY, weekday(col(SchoolDays.DATE)).plus(1))
        .filter(col(ISO_WEEKDAY).leq(DayOfWeek.FRIDAY.getValue()));
    return schools.select(col(Schools.BRIN_VESTIGING).as(SchoolDays.BRIN_VESTIGING), col(Schools.SECTOR))
        .crossJoin(dates);
  }

  /** {@code 2025-2026} for any day from 1 August 2025 to 31 July 2026: {@link nl.schoolmonitor.common.SchoolYear} as a column. */
  static Column schoolYear(Column date) {
    Column startYear = when(month(date).geq(FIRST_MONTH_OF_SCHOOL_YEAR), year(date)).otherwise(year(date).minus(1));
    return concat(startYear.cast("string"), lit("-"), startYear.plus(1).cast("string"));
  }

  private static Column scheduledMinutes(RegionConfig config) {
    Column result = null;
    for (Map.Entry<String, SectorSchedule> e : config.schedule().entrySet()) {
      for (DayOfWeek day : DayOfWeek.values()) {
        Integer minutes = e.getValue().scheduledMinutes(day);
        if (minutes == null) {
          continue;
        }
        Column matches = col(Schools.SECTOR).equalTo(lit(e.getKey())).and(col(ISO_WEEKDAY).equalTo(day.getValue()));
        result = result == null ? when(matches, lit(minutes)) : result.when(matches, lit(minutes));
      }
    }
    return result == null ? lit(null).cast("int") : result;
  }

  private static void checkSchools(Dataset<Row> schools, RegionConfig config) {
    List<Row> rows = schools.select(Schools.BRIN_VESTIGING, Schools.SECTOR).collectAsList();
    Map<String, String> seen = new HashMap<>();
    for (Row r : rows) {
      String brin = r.getString(0);
      String sector = r.getString(1);
      if (!config.schedule().containsKey(sector)) {
        throw new IllegalArgumentException("School " + brin + " has sector '" + sector
            + "', which has no timetable in the region file (schedule:); configured sectors: "
            + config.schedule().keySet() + ". Fix the school's sector in schools.csv or add the sector to the region file.");
      }
      if (seen.put(brin, sector) != null) {
        throw new IllegalArgumentException("School " + brin + " is listed twice in schools.csv");
      }
    }
  }

  private static void checkHolidays(Dataset<Row> regionHolidays, RegionConfig config) {
    for (Row r : regionHolidays.select("name", "start_date", "end_date").collectAsList()) {
      LocalDate start = localDate(r.get(1));
      LocalDate end = localDate(r.get(2));
      if (start == null || end == null || end.isBefore(start)) {
        throw new IllegalArgumentException("Holiday '" + r.getString(0) + "' of holiday region "
            + config.holidayRegion() + " runs from " + start + " to " + end
            + "; both dates are needed and the end may not be before the start");
      }
    }
  }

  /** A DateType value as collected: java.sql.Date, or LocalDate with the Java 8 time API on. */
  private static LocalDate localDate(Object value) {
    return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
  }
}
