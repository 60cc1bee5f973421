package nl.schoolmonitor.jobs.weekly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.gold.PupilDays;
import nl.schoolmonitor.gold.PupilFlags;
import nl.schoolmonitor.gold.PupilWindows;
import nl.schoolmonitor.silver.AttendanceEvents;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.SchoolDays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Every pupil's standing at the end of the earlier school years held in silver: the
 * school-year-to-date window at the year's last day and the flags met in that year. The weekly
 * job's own gold covers the school year of its reference date only; these two tables give the
 * early-warning and VSV tables (and the research extract) the years before, which is what links
 * a VSV'er to the same pupil's absence years earlier (DOMAIN.md section 8). Pupil level, never
 * published.
 *
 * <p>An earlier year with registrations is computed when a run is full (the first run of a new
 * school year always is: the school year is part of the configuration fingerprint), or when the
 * table does not hold it yet. A correction to an earlier school year sent later is taken in by the
 * next {@code --full} run.
 *
 * <p>Only the schools that registered attendance in a year count for it: a school whose exports
 * start later has enrolled days without registrations there, which would read as perfect
 * attendance.
 */
public final class EarlierYears {
  /** {@link PupilWindows#SCHEMA} ({@code school_year_to_date} at the last day) plus {@code school_year}. */
  public static final String WINDOWS_TABLE = "gold_pupil_year_end_windows";
  /** {@link PupilFlags#SCHEMA} of the year plus {@code school_year}. */
  public static final String FLAGS_TABLE = "gold_pupil_year_end_flags";
  public static final String SCHOOL_YEAR = "school_year";

  private EarlierYears() {}

  /**
   * Brings both tables up to date for the school years before {@code current} and returns the
   * years computed in this run.
   */
  static List<String> update(Tables tables, RegionConfig config, SchoolYear current, boolean full) {
    Dataset<Row> schoolDays = tables.read(SchoolDays.TABLE);
    Dataset<Row> events = tables.read(AttendanceEvents.TABLE);
    // The years with registrations: a calendar year without any would be computed (empty) every run.
    Row span = events.agg(min(AttendanceEvents.DATE), max(AttendanceEvents.DATE)).first();
    TreeSet<String> earlier = new TreeSet<>();
    if (!span.isNullAt(0)) {
      schoolDays.select(SchoolDays.SCHOOL_YEAR).distinct().filter(col(SchoolDays.SCHOOL_YEAR).lt(current.label())
              .and(col(SchoolDays.SCHOOL_YEAR).geq(SchoolYear.of(span.getDate(0).toLocalDate()).label()))
              .and(col(SchoolDays.SCHOOL_YEAR).leq(SchoolYear.of(span.getDate(1).toLocalDate()).label())))
          .collectAsList().forEach(r -> earlier.add(r.getString(0)));
    }
    if (!full && tables.exists(WINDOWS_TABLE) && tables.exists(FLAGS_TABLE)) {
      tables.read(WINDOWS_TABLE).select(SCHOOL_YEAR).distinct().collectAsList()
          .forEach(r -> earlier.remove(r.getString(0)));
    }
    Dataset<Row> enrolments = tables.read(Enrolments.TABLE);
    List<String> computed = new ArrayList<>();
    for (String label : earlier) {
      SchoolYear year = SchoolYear.parse(label, SCHOOL_YEAR);
      Dataset<Row> registering = events.filter(col(AttendanceEvents.DATE).between(Date.valueOf(year.firstDay()),
          Date.valueOf(year.lastDay()))).select(AttendanceEvents.BRIN_VESTIGING).distinct();
      Dataset<Row> yearDays = schoolDays.filter(col(SchoolDays.SCHOOL_YEAR).equalTo(label))
          .join(registering, SchoolDays.BRIN_VESTIGING);
      Dataset<Row> days = PupilDays.build(enrolments, yearDays, events, year.lastDay(),
          config.removedFromClassAuthorised()).localCheckpoint();
      String thisYear = SCHOOL_YEAR + " = '" + label + "'";
      tables.replaceYear(PupilWindows.schoolYearToDate(days, config.tiers(), year.lastDay())
          .withColumn(SCHOOL_YEAR, lit(label)), WINDOWS_TABLE, thisYear);
      tables.replaceYear(PupilFlags.build(days, enrolments, config.flags(), year.lastDay())
          .withColumn(SCHOOL_YEAR, lit(label)), FLAGS_TABLE, thisYear);
      computed.add(label);
    }
    // A warehouse whose silver starts in the current year still gets the (empty) tables.
    createEmpty(tables, WINDOWS_TABLE, PupilWindows.SCHEMA, enrolments);
    createEmpty(tables, FLAGS_TABLE, PupilFlags.SCHEMA, enrolments);
    return computed;
  }

  private static void createEmpty(Tables tables, String table, StructType schema, Dataset<Row> any) {
    if (!tables.exists(table)) {
      tables.replaceYear(any.sparkSession().createDataFrame(List.of(), schema.add(SCHOOL_YEAR, StringType, false)),
          table, "true");
    }
  }

  /** The stored year-end windows of the years before {@code current}, in {@link PupilWindows#SCHEMA}. */
  static Dataset<Row> windows(Tables tables, SchoolYear current) {
    return before(tables, WINDOWS_TABLE, current);
  }

  /** The stored flags of the years before {@code current}, in {@link PupilFlags#SCHEMA}. */
  static Dataset<Row> flags(Tables tables, SchoolYear current) {
    return before(tables, FLAGS_TABLE, current);
  }

  private static Dataset<Row> before(Tables tables, String table, SchoolYear current) {
    return tables.read(table).filter(col(SCHOOL_YEAR).lt(current.label())).drop(SCHOOL_YEAR);
  }
}
