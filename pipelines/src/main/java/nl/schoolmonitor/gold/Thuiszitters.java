package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.config.LeerplichtRule;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.Exemptions;
import nl.schoolmonitor.silver.LeerplichtReports;
import org.apache.spark.sql.Column;
import nl.schoolmonitor.common.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per pupil per school year in which the pupil was a thuiszitter (DOMAIN.md section 7,
 * Thuiszitterspact working definition): of compulsory-school age, enrolled or not, out of school
 * for 4 weeks or more without an exemption. Restricted (pupil level, not published).
 *
 * <p>An out-of-school period comes from:
 * <ul>
 *   <li>an absoluut-verzuim report (ABS): from Begindatum verzuim to Einddatum, or, while open, to
 *       the reference date; it ends the day before the pupil's next enrolment at a school of the
 *       region starts (the DOMAIN warning about pupils between schools);</li>
 *   <li>a langdurig-relatief-verzuim report (LRV): Begindatum to Einddatum or the reference date;</li>
 *   <li>a school's own registrations: {@code long_absence} in {@link PupilFlags} (20 consecutive
 *       school days entirely missed without authorisation is the 4 weeks), under 18.</li>
 * </ul>
 * A report period counts from {@code thuiszitter_days} calendar days (28 = 4 weeks). A period that
 * overlaps an exemption of the pupil does not count (a vrijgestelde is no verzuimer). Withdrawn
 * reports (status I) do not count. The school year is that of the period's first day; a pupil
 * with several periods in a year counts once, with the longest. "Longer than 3 months": the last
 * day is {@code long_thuiszitter_months} months or more after the first.
 */
public final class Thuiszitters {
  public static final String TABLE = "gold_thuiszitters_restricted";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String PUPIL_KEY = "pupil_key";
  public static final String RESIDENCE_MUNICIPALITY = "residence_municipality";
  public static final String FIRST_DAY = "first_day";
  public static final String LAST_DAY = "last_day";
  public static final String DAYS_OUT = "days_out";
  public static final String LONGER_THAN_3_MONTHS = "longer_than_3_months";
  public static final String SOURCES = "sources";

  /** Sources of a period. */
  public static final String ABSOLUUT_VERZUIM = "absoluut_verzuim";
  public static final String LANGDURIG_RELATIEF_VERZUIM = "langdurig_relatief_verzuim";
  public static final String SCHOOL_LONG_ABSENCE = "school_long_absence";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year of the period's first day"),
      field(PUPIL_KEY, StringType, false, "Pseudonym of the PGN"),
      field(RESIDENCE_MUNICIPALITY, StringType, true, "Woongemeente of the report, else of the latest enrolment"),
      field(FIRST_DAY, DateType, false, "First day out of school of the longest period"),
      field(LAST_DAY, DateType, false, "Last day of that period (the reference date while it goes on)"),
      field(DAYS_OUT, IntegerType, false, "Calendar days of that period, first and last day included"),
      field(LONGER_THAN_3_MONTHS, BooleanType, false, "A period of the year lasted longer than 3 months (config)"),
      field(SOURCES, StringType, false,
          "Where the periods of the year come from, comma separated: absoluut_verzuim, langdurig_relatief_verzuim, "
              + "school_long_absence"),
  });

  // Intermediate columns.
  private static final String SOURCE = "source";
  private static final String REPORT_RESIDENCE = "report_residence";
  private static final String NEXT_ENROLMENT = "next_enrolment";
  private static final String QUALIFIES = "qualifies";
  private static final String RANK = "rank";

  private static final LocalDate OPEN_END = LocalDate.of(9999, 12, 31);

  private Thuiszitters() {}

  /**
   * @param reports     rows of {@link LeerplichtReports#SCHEMA}
   * @param exemptions  rows of {@link Exemptions#SCHEMA}
   * @param pupilFlags  rows of {@link PupilFlags#SCHEMA} (any school years)
   * @param enrolments  rows of {@link Enrolments#SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> reports, Dataset<Row> exemptions, Dataset<Row> pupilFlags,
      Dataset<Row> enrolments, LeerplichtRule rule, LocalDate referenceDate) {
    Dataset<Row> periods = fromReports(reports, enrolments, rule, referenceDate)
        .unionByName(fromSchools(pupilFlags));
    Dataset<Row> exempted = exemptions.select(col(Exemptions.PUPIL_KEY).as("exempt_pupil"),
        col(Exemptions.EXEMPTION_START), coalesce(col(Exemptions.EXEMPTION_END), lit(OPEN_END)).as("exempt_until"));
    Dataset<Row> withoutExemption = periods.join(exempted, col(PUPIL_KEY).equalTo(col("exempt_pupil"))
            .and(col(Exemptions.EXEMPTION_START).leq(col(LAST_DAY))).and(col("exempt_until").geq(col(FIRST_DAY))),
        "left_anti");
    return Schemas.conform(perPupilYear(withoutExemption, enrolments, referenceDate), SCHEMA, TABLE);
  }

  private static Dataset<Row> fromReports(Dataset<Row> reports, Dataset<Row> enrolments, LeerplichtRule rule,
      LocalDate referenceDate) {
    Dataset<Row> outOfSchool = reports.where(LeerplichtReportCounts.counts().and(col(LeerplichtReports.VERZUIMSOORT)
        .isin(LeerplichtReports.ABSOLUUT, LeerplichtReports.LANGDURIG_RELATIEF)));
    // The first enrolment starting after an absoluut-verzuim period began ends it.
    Dataset<Row> nextEnrolment = outOfSchool.as("r")
        .join(enrolments.as("n"), col("r." + LeerplichtReports.PUPIL_KEY).equalTo(col("n." + Enrolments.PUPIL_KEY))
            .and(col("n." + Enrolments.ENROLMENT_START).gt(col("r." + LeerplichtReports.ABSENCE_START)))
            .and(col("r." + LeerplichtReports.VERZUIMSOORT).equalTo(LeerplichtReports.ABSOLUUT)), "left")
        .groupBy(col("r." + LeerplichtReports.REPORT_NUMBER).as(LeerplichtReports.REPORT_NUMBER))
        .agg(min(col("n." + Enrolments.ENROLMENT_START)).as(NEXT_ENROLMENT));
    Column end = least(coalesce(col(LeerplichtReports.ABSENCE_END), lit(referenceDate)), lit(referenceDate),
        coalesce(date_sub(col(NEXT_ENROLMENT), 1), lit(referenceDate)));
    return outOfSchool.join(nextEnrolment, new String[] {LeerplichtReports.REPORT_NUMBER}, "left")
        .select(col(LeerplichtReports.PUPIL_KEY).as(PUPIL_KEY),
            col(LeerplichtReports.RESIDENCE_MUNICIPALITY).as(REPORT_RESIDENCE),
            col(LeerplichtReports.ABSENCE_START).as(FIRST_DAY), end.as(LAST_DAY),
            org.apache.spark.sql.functions.when(col(LeerplichtReports.VERZUIMSOORT).equalTo(LeerplichtReports.ABSOLUUT),
                lit(ABSOLUUT_VERZUIM)).otherwise(lit(LANGDURIG_RELATIEF_VERZUIM)).as(SOURCE))
        .where(coalesce(datediff(col(LAST_DAY), col(FIRST_DAY)).plus(1).geq(rule.thuiszitterDays()), lit(false)))
        .withColumn(LONGER_THAN_3_MONTHS,
            col(LAST_DAY).geq(add_months(col(FIRST_DAY), rule.longThuiszitterMonths())));
  }

  /** long_absence is itself the 4 weeks (20 school days); the age limit is that of leerplicht and kwalificatieplicht. */
  private static Dataset<Row> fromSchools(Dataset<Row> pupilFlags) {
    return pupilFlags
        .where(coalesce(col(PupilFlags.FLAG).equalTo(PupilFlags.LONG_ABSENCE)
            .and(coalesce(col(PupilFlags.AGE_ON_FIRST_MET).lt(PupilFlags.ADULT_AGE), lit(true))), lit(false)))
        .select(col(PupilFlags.PUPIL_KEY).as(PUPIL_KEY), lit(null).cast(StringType).as(REPORT_RESIDENCE),
            col(PupilFlags.WINDOW_START).as(FIRST_DAY), col(PupilFlags.WINDOW_END).as(LAST_DAY),
            lit(SCHOOL_LONG_ABSENCE).as(SOURCE))
        .withColumn(LONGER_THAN_3_MONTHS, lit(false));
  }

  private static Dataset<Row> perPupilYear(Dataset<Row> periods, Dataset<Row> enrolments, LocalDate referenceDate) {
    Dataset<Row> withYear = periods
        .withColumn(SCHOOL_YEAR, SchoolYear.labelOf(col(FIRST_DAY)))
        .withColumn(DAYS_OUT, datediff(col(LAST_DAY), col(FIRST_DAY)).plus(1))
        .withColumn(LONGER_THAN_3_MONTHS, max(col(LONGER_THAN_3_MONTHS))
            .over(Window.partitionBy(SCHOOL_YEAR, PUPIL_KEY)))
        .withColumn(SOURCES, array_join(array_sort(collect_set(col(SOURCE))
            .over(Window.partitionBy(SCHOOL_YEAR, PUPIL_KEY))), ","))
        .withColumn(REPORT_RESIDENCE, first(col(REPORT_RESIDENCE), true).over(Window.partitionBy(SCHOOL_YEAR, PUPIL_KEY)
            .orderBy(col(FIRST_DAY).desc()).rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing())))
        .withColumn(RANK, row_number().over(Window.partitionBy(SCHOOL_YEAR, PUPIL_KEY)
            .orderBy(col(DAYS_OUT).desc(), col(FIRST_DAY), col(SOURCE))))
        .where(col(RANK).equalTo(1));
    Dataset<Row> residence = enrolments
        .where(coalesce(col(Enrolments.ENROLMENT_START).leq(lit(referenceDate)), lit(false)))
        .withColumn(RANK, row_number().over(Window.partitionBy(Enrolments.PUPIL_KEY)
            .orderBy(col(Enrolments.ENROLMENT_START).desc(), col(Enrolments.BRIN_VESTIGING).desc())))
        .where(col(RANK).equalTo(1))
        .select(col(Enrolments.PUPIL_KEY).as(PUPIL_KEY), col(Enrolments.RESIDENCE_MUNICIPALITY).as(QUALIFIES));
    return withYear.drop(RANK).join(residence, new String[] {PUPIL_KEY}, "left")
        .select(col(SCHOOL_YEAR), col(PUPIL_KEY),
            coalesce(col(REPORT_RESIDENCE), col(QUALIFIES)).as(RESIDENCE_MUNICIPALITY),
            col(FIRST_DAY), col(LAST_DAY), col(DAYS_OUT).cast(IntegerType).as(DAYS_OUT),
            coalesce(col(LONGER_THAN_3_MONTHS), lit(false)).as(LONGER_THAN_3_MONTHS), col(SOURCES));
  }
}
