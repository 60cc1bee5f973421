package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.PCT;
import static nl.schoolmonitor.gold.GoldSchemas.field;
import static nl.schoolmonitor.gold.LeerplichtReportCounts.countWhere;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.config.LeerplichtRule;
import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.Schools;
import nl.schoolmonitor.common.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Consistency of school registrations and leerplicht reports, first direction: every pupil
 * enrolment that met {@code reportable_16h} (Leerplichtwet art. 21a, DOMAIN.md section 5) and
 * whether a verzuimmelding about the pupil followed.
 *
 * <p>{@link #perPupil}: one row per pupil enrolment per school year with {@code reportable_16h}
 * (restricted: {@value #PUPIL_TABLE}, never published). A report matches when it is about the
 * same pupil ({@code pupil_key}, at any school), is no absoluut verzuim, is not withdrawn, and was
 * made from the first day of the 4-week window up to {@code followup_weeks} weeks after the flag
 * was first met. Without one the pupil is {@code not_reported} once that deadline has passed,
 * {@code pending} before. From 23 nothing is reported (no report type): those are left out.
 *
 * <p>{@link #perSchool}: one row per school year and school location (published).
 */
public final class LeerplichtFollowup {
  public static final String PUPIL_TABLE = "gold_leerplicht_followup_restricted";
  public static final String TABLE = "gold_leerplicht_followup";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String REFERENCE_DATE = "reference_date";
  public static final String BRIN_VESTIGING = PupilFlags.BRIN_VESTIGING;
  public static final String SCHOOL_NAME = "school_name";
  public static final String SCHOOL_PUPIL_KEY = PupilFlags.SCHOOL_PUPIL_KEY;
  public static final String PUPIL_KEY = PupilFlags.PUPIL_KEY;
  public static final String FIRST_MET = PupilFlags.FIRST_MET;
  public static final String REPORT_TYPE = PupilFlags.REPORT_TYPE;
  public static final String DEADLINE = "followup_deadline";
  public static final String REPORT_NUMBER = LeerplichtReports.REPORT_NUMBER;
  public static final String REPORT_DATE = LeerplichtReports.REPORT_DATE;
  public static final String FOLLOWUP_STATUS = "followup_status";
  public static final String REPORTABLE_PUPILS = "reportable_pupils";
  public static final String REPORTED = "reported";
  public static final String NOT_REPORTED = "not_reported";
  public static final String PENDING = "pending";
  public static final String REPORTED_PCT = "reported_pct";

  public static final StructType PUPIL_SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year of first_met"),
      field(BRIN_VESTIGING, StringType, false, "School location whose registrations met the flag"),
      field(SCHOOL_PUPIL_KEY, StringType, false, "Pseudonym of the school's pupil number"),
      field(PUPIL_KEY, StringType, false, "Pseudonym of the PGN"),
      field(FIRST_MET, DateType, false, "Day reportable_16h was first met"),
      field(REPORT_TYPE, StringType, true, "V3 (under 18) or V4 (18-22); null when the birth date is unknown"),
      field(DEADLINE, DateType, false, "first_met + followup_weeks weeks (config)"),
      field(REPORT_NUMBER, StringType, true, "The first matching verzuimmelding, or null"),
      field(REPORT_DATE, DateType, true, "Its melddatum"),
      field(FOLLOWUP_STATUS, StringType, false, "reported, not_reported or pending"),
  });

  public static final StructType SCHOOL_SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year"),
      field(REFERENCE_DATE, DateType, false, "Last day counted"),
      field(BRIN_VESTIGING, StringType, false, "School location"),
      field(SCHOOL_NAME, StringType, true, "School name; null when not in schools.csv"),
      field(REPORTABLE_PUPILS, LongType, false, "Pupil enrolments that met reportable_16h"),
      field(REPORTED, LongType, false, "Of them: a verzuimmelding followed"),
      field(NOT_REPORTED, LongType, false, "Of them: none within followup_weeks weeks"),
      field(PENDING, LongType, false, "Of them: none yet, deadline after the reference date"),
      field(REPORTED_PCT, PCT, true, "100 * reported / (reported + not_reported); null when both are 0"),
  });

  private LeerplichtFollowup() {}

  /**
   * @param pupilFlags rows of {@link PupilFlags#SCHEMA} (any school years)
   * @param reports    rows of {@link LeerplichtReports#SCHEMA}
   */
  public static Dataset<Row> perPupil(Dataset<Row> pupilFlags, Dataset<Row> reports, LeerplichtRule rule,
      LocalDate referenceDate) {
    Dataset<Row> reportable = pupilFlags
        .where(coalesce(col(PupilFlags.FLAG).equalTo(PupilFlags.REPORTABLE_16H)
            .and(col(PupilFlags.AGE_ON_FIRST_MET).isNull().or(col(PupilFlags.REPORT_TYPE).isNotNull())), lit(false)))
        .withColumn(DEADLINE, date_add(col(FIRST_MET), 7 * rule.followupWeeks()));
    Dataset<Row> schoolReports = reports
        .where(LeerplichtReportCounts.counts()
            .and(coalesce(col(LeerplichtReports.VERZUIMSOORT).notEqual(LeerplichtReports.ABSOLUUT), lit(false))))
        .select(col(LeerplichtReports.PUPIL_KEY).as("report_pupil"), col(REPORT_NUMBER), col(REPORT_DATE));
    return Schemas.conform(reportable
        .join(schoolReports, col(PUPIL_KEY).equalTo(col("report_pupil"))
            .and(col(REPORT_DATE).between(col(PupilFlags.WINDOW_START), col(DEADLINE))), "left")
        .withColumn("rank", row_number().over(Window.partitionBy(BRIN_VESTIGING, SCHOOL_PUPIL_KEY, FIRST_MET)
            .orderBy(col(REPORT_DATE).asc_nulls_last(), col(REPORT_NUMBER))))
        .where(col("rank").equalTo(1))
        .select(SchoolYear.labelOf(col(FIRST_MET)).as(SCHOOL_YEAR), col(BRIN_VESTIGING), col(SCHOOL_PUPIL_KEY),
            col(PUPIL_KEY), col(FIRST_MET), col(REPORT_TYPE), col(DEADLINE), col(REPORT_NUMBER), col(REPORT_DATE),
            when(col(REPORT_NUMBER).isNotNull(), lit(REPORTED))
                .when(col(DEADLINE).gt(lit(referenceDate)), lit(PENDING))
                .otherwise(lit(NOT_REPORTED)).as(FOLLOWUP_STATUS)), PUPIL_SCHEMA, PUPIL_TABLE);
  }

  /**
   * @param perPupil rows of {@link #PUPIL_SCHEMA}
   * @param schools  rows of {@link Schools#SCHEMA}
   */
  public static Dataset<Row> perSchool(Dataset<Row> perPupil, Dataset<Row> schools, LocalDate referenceDate) {
    return Schemas.conform(perPupil
        .groupBy(SCHOOL_YEAR, BRIN_VESTIGING)
        .agg(count(lit(1)).as(REPORTABLE_PUPILS),
            countWhere(col(FOLLOWUP_STATUS).equalTo(REPORTED)).as(REPORTED),
            countWhere(col(FOLLOWUP_STATUS).equalTo(NOT_REPORTED)).as(NOT_REPORTED),
            countWhere(col(FOLLOWUP_STATUS).equalTo(PENDING)).as(PENDING))
        .join(schools.select(col(Schools.BRIN_VESTIGING), col(Schools.NAME).as(SCHOOL_NAME)),
            new String[] {BRIN_VESTIGING}, "left")
        .select(col(SCHOOL_YEAR), lit(referenceDate).as(REFERENCE_DATE), col(BRIN_VESTIGING), col(SCHOOL_NAME),
            col(REPORTABLE_PUPILS).cast(LongType).as(REPORTABLE_PUPILS), col(REPORTED), col(NOT_REPORTED),
            col(PENDING), Percentages.oneDecimal(col(REPORTED), col(REPORTED).plus(col(NOT_REPORTED))).as(REPORTED_PCT)), SCHOOL_SCHEMA, TABLE);
  }
}
