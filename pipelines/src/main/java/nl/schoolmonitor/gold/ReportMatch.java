package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static nl.schoolmonitor.gold.LeerplichtReportCounts.countWhere;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.Schools;
import org.apache.spark.sql.Column;
import nl.schoolmonitor.common.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Consistency of leerplicht reports and school registrations, second direction: for every
 * report about an enrolled pupil (not ABS, not withdrawn), whether the schools' registrations
 * show absence of that pupil in the reported period (Begindatum verzuim to Einddatum, or to the
 * melddatum while open).
 *
 * <p>{@link #perReport}: one row per report (restricted: {@value #REPORT_TABLE}) with
 * {@code match_status}: {@code absence_registered} (a school week of the pupil in the period has
 * missed minutes), {@code no_absence_registered} (the pupil's school weeks in the period have
 * none), {@code pupil_not_in_school_data} (no school week of the pupil in the period: not enrolled
 * at a school of the region, or the school's data do not reach back that far).
 * {@link #perSchool}: per school year and the report's school location (published).
 */
public final class ReportMatch {
  public static final String REPORT_TABLE = "gold_leerplicht_report_match_restricted";
  public static final String TABLE = "gold_leerplicht_report_match";

  public static final String SCHOOL_YEAR = LeerplichtReports.SCHOOL_YEAR;
  public static final String REPORT_NUMBER = LeerplichtReports.REPORT_NUMBER;
  public static final String PUPIL_KEY = LeerplichtReports.PUPIL_KEY;
  public static final String BRIN_VESTIGING = LeerplichtReports.BRIN_VESTIGING;
  public static final String SCHOOL_NAME = "school_name";
  public static final String VERZUIMSOORT = LeerplichtReports.VERZUIMSOORT;
  public static final String PERIOD_START = "period_start";
  public static final String PERIOD_END = "period_end";
  public static final String MATCH_STATUS = "match_status";
  public static final String REPORTS = "reports";
  public static final String ABSENCE_REGISTERED = "absence_registered";
  public static final String NO_ABSENCE_REGISTERED = "no_absence_registered";
  public static final String PUPIL_NOT_IN_SCHOOL_DATA = "pupil_not_in_school_data";

  public static final StructType REPORT_SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year of the melddatum"),
      field(REPORT_NUMBER, StringType, false, "Meldingsnummer"),
      field(PUPIL_KEY, StringType, false, "Pseudonym of the PGN"),
      field(BRIN_VESTIGING, StringType, true, "School location named in the report"),
      field(VERZUIMSOORT, StringType, false, "Verzuimsoort"),
      field(PERIOD_START, DateType, false, "Begindatum verzuim"),
      field(PERIOD_END, DateType, false, "Einddatum verzuim, or the melddatum while open"),
      field(MATCH_STATUS, StringType, false, "absence_registered, no_absence_registered or pupil_not_in_school_data"),
  });

  public static final StructType SCHOOL_SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year of the melddatum"),
      field(BRIN_VESTIGING, StringType, false, "School location named in the reports, or 'unknown'"),
      field(SCHOOL_NAME, StringType, true, "School name; null when not in schools.csv"),
      field(REPORTS, LongType, false, "Reports about enrolled pupils (not ABS, not withdrawn)"),
      field(ABSENCE_REGISTERED, LongType, false, "Of them: the schools registered absence in the period"),
      field(NO_ABSENCE_REGISTERED, LongType, false, "Of them: the pupil was in school data, without absence"),
      field(PUPIL_NOT_IN_SCHOOL_DATA, LongType, false, "Of them: no school week of the pupil in the period"),
  });

  private ReportMatch() {}

  /**
   * @param reports     rows of {@link LeerplichtReports#SCHEMA}
   * @param pupilWeeks  rows of {@link PupilWindows#SCHEMA} with window {@code school_week} (others are left out)
   */
  public static Dataset<Row> perReport(Dataset<Row> reports, Dataset<Row> pupilWeeks) {
    Dataset<Row> enrolledReports = reports
        .where(LeerplichtReportCounts.counts()
            .and(coalesce(col(VERZUIMSOORT).notEqual(LeerplichtReports.ABSOLUUT), lit(false))))
        .select(col(SCHOOL_YEAR), col(REPORT_NUMBER), col(PUPIL_KEY), col(BRIN_VESTIGING), col(VERZUIMSOORT),
            col(LeerplichtReports.ABSENCE_START).as(PERIOD_START),
            coalesce(col(LeerplichtReports.ABSENCE_END), col(LeerplichtReports.REPORT_DATE)).as(PERIOD_END));
    Dataset<Row> weeks = pupilWeeks
        .where(coalesce(col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_WEEK), lit(false)))
        .select(col(PupilWindows.PUPIL_KEY).as("week_pupil"), col(PupilWindows.WINDOW_START).as("week_start"),
            col(PupilWindows.WINDOW_END).as("week_end"), col(PupilWindows.MISSED_MINUTES).as("week_missed"));
    Column overlaps = col(PUPIL_KEY).equalTo(col("week_pupil"))
        .and(col("week_start").leq(col(PERIOD_END))).and(col("week_end").geq(col(PERIOD_START)));
    return Schemas.conform(enrolledReports.join(weeks, overlaps, "left")
        .groupBy(SCHOOL_YEAR, REPORT_NUMBER, PUPIL_KEY, BRIN_VESTIGING, VERZUIMSOORT, PERIOD_START, PERIOD_END)
        .agg(max(col("week_pupil").isNotNull()).as("in_data"), max(coalesce(col("week_missed"), lit(0L)).gt(0))
            .as("absent"))
        .select(col(SCHOOL_YEAR), col(REPORT_NUMBER), col(PUPIL_KEY), col(BRIN_VESTIGING), col(VERZUIMSOORT),
            col(PERIOD_START), col(PERIOD_END),
            when(col("absent"), lit(ABSENCE_REGISTERED)).when(col("in_data"), lit(NO_ABSENCE_REGISTERED))
                .otherwise(lit(PUPIL_NOT_IN_SCHOOL_DATA)).as(MATCH_STATUS)), REPORT_SCHEMA, REPORT_TABLE);
  }

  /** @param perReport rows of {@link #REPORT_SCHEMA}; @param schools rows of {@link Schools#SCHEMA} */
  public static Dataset<Row> perSchool(Dataset<Row> perReport, Dataset<Row> schools) {
    return Schemas.conform(perReport
        .withColumn(BRIN_VESTIGING, coalesce(col(BRIN_VESTIGING), lit(Units.UNKNOWN_RESIDENCE_CODE)))
        .groupBy(SCHOOL_YEAR, BRIN_VESTIGING)
        .agg(count(lit(1)).as(REPORTS),
            countWhere(col(MATCH_STATUS).equalTo(ABSENCE_REGISTERED)).as(ABSENCE_REGISTERED),
            countWhere(col(MATCH_STATUS).equalTo(NO_ABSENCE_REGISTERED)).as(NO_ABSENCE_REGISTERED),
            countWhere(col(MATCH_STATUS).equalTo(PUPIL_NOT_IN_SCHOOL_DATA)).as(PUPIL_NOT_IN_SCHOOL_DATA))
        .join(schools.select(col(Schools.BRIN_VESTIGING), col(Schools.NAME).as(SCHOOL_NAME)),
            new String[] {BRIN_VESTIGING}, "left")
        .select(col(SCHOOL_YEAR), col(BRIN_VESTIGING), col(SCHOOL_NAME), col(REPORTS).cast(LongType).as(REPORTS),
            col(ABSENCE_REGISTERED), col(NO_ABSENCE_REGISTERED), col(PUPIL_NOT_IN_SCHOOL_DATA)), SCHOOL_SCHEMA, TABLE);
  }
}
