package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.VsvLeavers;
import org.apache.spark.sql.Column;
import nl.schoolmonitor.common.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per pupil ({@code pupil_key}) per school year in which the pupil is in the school data
 * or in a registration: the tier and flags of the year, and whether the pupil had a leerplicht
 * report, was a thuiszitter or became a VSV'er that year. Restricted (pupil level): the input of
 * {@link VsvHistory} and {@link EarlyWarning}, which link the years through the pseudonym, so the
 * absence of a primary-school pupil meets the same pupil's VSV registration years later (DOMAIN.md
 * section 8).
 *
 * <p>The tier is that of the school-year-to-date window at the latest reference date of that
 * school year in the input; a pupil at two schools then has the highest of their tiers (for early
 * warning the more worrying one counts). A flag counts when any enrolment met it in the school
 * year.
 */
public final class PupilYears {
  public static final String TABLE = "gold_pupil_years_restricted";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String PUPIL_KEY = "pupil_key";
  public static final String IN_SCHOOL_DATA = "in_school_data";
  public static final String TIER = PupilWindows.TIER;
  public static final String LEERPLICHT_REPORT = "leerplicht_report";
  public static final String THUISZITTER = "thuiszitter";
  public static final String VSV = "vsv";

  public static final StructType SCHEMA = schema();

  private PupilYears() {}

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>(List.of(
        field(SCHOOL_YEAR, StringType, false, "School year, e.g. 2024-2025"),
        field(PUPIL_KEY, StringType, false, "Pseudonym of the PGN"),
        field(IN_SCHOOL_DATA, BooleanType, false, "The pupil has a school-year-to-date window that year"),
        field(TIER, IntegerType, true, "Highest tier of the year's enrolments; null with too few days or no data")));
    PupilFlags.FLAGS.forEach(f -> fields.add(field(f, BooleanType, false, "Met " + f + " in the school year")));
    fields.add(field(LEERPLICHT_REPORT, BooleanType, false, "A verzuimmelding (not withdrawn) in the school year"));
    fields.add(field(THUISZITTER, BooleanType, false, "A thuiszitter in the school year (Thuiszitters)"));
    fields.add(field(VSV, BooleanType, false, "On the VSV list of the school year"));
    return new StructType(fields.toArray(StructField[]::new));
  }

  /**
   * @param pupilWindows rows of {@link PupilWindows#SCHEMA} of any school years (only
   *     {@code school_year_to_date} rows are used)
   * @param pupilFlags   rows of {@link PupilFlags#SCHEMA} of any school years
   * @param reports      rows of {@code silver.LeerplichtReports.SCHEMA}
   * @param thuiszitters rows of {@link Thuiszitters#SCHEMA}
   * @param vsv          rows of {@code silver.VsvLeavers.SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> pupilWindows, Dataset<Row> pupilFlags, Dataset<Row> reports,
      Dataset<Row> thuiszitters, Dataset<Row> vsv) {
    Dataset<Row> toDate = pupilWindows
        .where(coalesce(col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_YEAR_TO_DATE), lit(false)))
        .withColumn(SCHOOL_YEAR, SchoolYear.labelOf(col(PupilWindows.WINDOW_END)))
        .withColumn("last_end", max(col(PupilWindows.WINDOW_END)).over(Window.partitionBy(SCHOOL_YEAR)))
        .where(col(PupilWindows.WINDOW_END).equalTo(col("last_end")))
        .groupBy(col(SCHOOL_YEAR), col(PupilWindows.PUPIL_KEY).as(PUPIL_KEY))
        .agg(max(col(PupilWindows.TIER)).as(TIER))
        .withColumn(IN_SCHOOL_DATA, lit(true));
    List<Column> anyFlag = new ArrayList<>();
    PupilFlags.FLAGS.forEach(f -> anyFlag.add(bool_or(col(PupilFlags.FLAG).equalTo(f)).as(f)));
    Dataset<Row> flags = pupilFlags
        .groupBy(SchoolYear.labelOf(col(PupilFlags.FIRST_MET)).as(SCHOOL_YEAR), col(PupilFlags.PUPIL_KEY).as(PUPIL_KEY))
        .agg(anyFlag.get(0), anyFlag.subList(1, anyFlag.size()).toArray(Column[]::new));
    Dataset<Row> reported = reports.where(LeerplichtReportCounts.counts())
        .select(col(LeerplichtReports.SCHOOL_YEAR).as(SCHOOL_YEAR), col(LeerplichtReports.PUPIL_KEY).as(PUPIL_KEY))
        .distinct().withColumn(LEERPLICHT_REPORT, lit(true));
    Dataset<Row> home = thuiszitters.select(col(Thuiszitters.SCHOOL_YEAR).as(SCHOOL_YEAR),
        col(Thuiszitters.PUPIL_KEY).as(PUPIL_KEY)).distinct().withColumn(THUISZITTER, lit(true));
    Dataset<Row> leavers = vsv.select(col(VsvLeavers.SCHOOL_YEAR).as(SCHOOL_YEAR), col(VsvLeavers.PUPIL_KEY).as(PUPIL_KEY))
        .distinct().withColumn(VSV, lit(true));

    String[] key = {SCHOOL_YEAR, PUPIL_KEY};
    Dataset<Row> all = toDate.select(SCHOOL_YEAR, PUPIL_KEY).union(flags.select(SCHOOL_YEAR, PUPIL_KEY))
        .union(reported.select(SCHOOL_YEAR, PUPIL_KEY)).union(home.select(SCHOOL_YEAR, PUPIL_KEY))
        .union(leavers.select(SCHOOL_YEAR, PUPIL_KEY)).distinct();
    List<Column> out = new ArrayList<>(List.of(col(SCHOOL_YEAR), col(PUPIL_KEY), no(IN_SCHOOL_DATA), col(TIER)));
    PupilFlags.FLAGS.forEach(f -> out.add(no(f)));
    out.addAll(List.of(no(LEERPLICHT_REPORT), no(THUISZITTER), no(VSV)));
    return Schemas.conform(all.join(toDate, key, "left").join(flags, key, "left").join(reported, key, "left")
        .join(home, key, "left").join(leavers, key, "left")
        .select(out.toArray(Column[]::new)), SCHEMA, TABLE);
  }

  private static Column no(String flag) {
    return coalesce(col(flag), lit(false)).as(flag);
  }
}
