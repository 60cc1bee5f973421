package nl.schoolmonitor.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.Municipalities;
import nl.schoolmonitor.silver.Schools;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * One row per pupil window per reporting unit it counts in: the levels of DOMAIN.md section 6
 * attached to {@link PupilWindows} rows, shared by {@link Pyramid} and {@link TrendWeekly} so both
 * count the same pupils at the same units.
 *
 * <p>At {@code school}, {@code year_group} and {@code class} level every enrolment counts. At the
 * levels above a school a pupil ({@code pupil_key}) counts once per window, by the latest
 * enrolment (latest {@code enrolment_start}, then highest {@code brin_vestiging}): a pupil who
 * changed school is in both school rows but is one pupil of the region. The sector levels
 * ({@code region_sector}, {@code municipality_sector}) split the region and the school's
 * municipality by the school's sector as {@code schools.csv} writes it (PO, SO, VSO, VO, MBO), with
 * the same counting once: a pupil who moved from primary to secondary is in the VO row only.
 */
public final class Units {
  public static final String LEVEL = "level";
  public static final String UNIT_CODE = "unit_code";
  public static final String UNIT_NAME = "unit_name";

  public static final String REGION = "region";
  public static final String REGION_SECTOR = "region_sector";
  public static final String RMC_REGION = "rmc_region";
  public static final String MUNICIPALITY = "municipality";
  public static final String MUNICIPALITY_SECTOR = "municipality_sector";
  public static final String RESIDENCE_MUNICIPALITY = "residence_municipality";
  public static final String SWV = "swv";
  public static final String BOARD = "board";
  public static final String SCHOOL = "school";
  public static final String YEAR_GROUP = "year_group";
  public static final String CLASS = "class";
  /** The levels from the top down, for sorting published tables; a sector level right after its parent. */
  public static final List<String> LEVELS = List.of(REGION, REGION_SECTOR, RMC_REGION, MUNICIPALITY,
      MUNICIPALITY_SECTOR, RESIDENCE_MUNICIPALITY, SWV, BOARD, SCHOOL, YEAR_GROUP, CLASS);

  /** Pupils without a known municipality of residence are shown, not dropped. */
  public static final String UNKNOWN_RESIDENCE_CODE = "unknown";
  public static final String UNKNOWN_RESIDENCE_NAME = "onbekend";

  // Intermediate columns.
  private static final String UNIT = "unit";
  private static final String COUNTED_ONCE = "counted_once";
  private static final String SCHOOL_NAME = "school_name";
  private static final String SCHOOL_SECTOR = "school_sector";
  private static final String SCHOOL_MUNICIPALITY = "school_municipality";
  private static final String SCHOOL_MUNICIPALITY_NAME = "school_municipality_name";
  private static final String RESIDENCE_NAME = "residence_name";

  /** The unit of an exploded row as three columns. */
  private static final List<Column> UNIT_COLUMNS = List.of(col(UNIT).getField(LEVEL).as(LEVEL),
      col(UNIT).getField(UNIT_CODE).as(UNIT_CODE), col(UNIT).getField(UNIT_NAME).as(UNIT_NAME));

  /** What {@link #unitsOf} makes the units of a row from. */
  private static final List<String> UNIT_ATTRIBUTES = List.of(COUNTED_ONCE, PupilWindows.BRIN_VESTIGING, SCHOOL_NAME,
      SCHOOL_SECTOR, SCHOOL_MUNICIPALITY, SCHOOL_MUNICIPALITY_NAME, Municipalities.RMC_REGION, Schools.SWV_CODE,
      Schools.BOARD_CODE, Schools.BOARD_NAME, Enrolments.YEAR_GROUP, Enrolments.CLASS_CODE,
      Enrolments.RESIDENCE_MUNICIPALITY, RESIDENCE_NAME);

  private Units() {}

  /**
   * @param pupilWindows rows of {@link PupilWindows#SCHEMA}
   * @param enrolments rows of {@link Enrolments#SCHEMA}: class, year group and residence of the
   *     latest enrolment period at that location starting up to the reference date
   * @return the columns of {@code pupilWindows} plus {@code level}, {@code unit_code}, {@code unit_name}
   */
  public static Dataset<Row> attach(Dataset<Row> pupilWindows, Dataset<Row> enrolments, Dataset<Row> schools,
      Dataset<Row> municipalities, String regionCode, String regionName, LocalDate referenceDate) {
    List<Column> output = new ArrayList<>();
    for (String c : pupilWindows.columns()) {
      output.add(col(c));
    }
    output.addAll(UNIT_COLUMNS);
    return described(pupilWindows, enrolments, schools, municipalities, referenceDate)
        .withColumn(UNIT, explode(array_compact(unitsOf(regionCode, regionName))))
        .select(output.toArray(Column[]::new));
  }

  /**
   * Sums per group and unit, the same as grouping {@link #attach}'s rows by {@code groups},
   * {@code level}, {@code unit_code} and {@code unit_name} and summing {@code values}, but summed
   * first per group and per combination of what makes the units (school, class, year group,
   * residence, counted once) and only then copied into the levels: a few rows per class instead of
   * one per pupil.
   *
   * @param groups the grouping columns besides the unit, each with its output name (e.g. a week)
   * @param values per output column, the value of one pupil window to sum (e.g. 1 when in tier 3);
   *     an integral type, summed as a long
   * @return the group columns, {@code level}, {@code unit_code}, {@code unit_name} and the sums
   */
  public static Dataset<Row> sums(Dataset<Row> pupilWindows, Dataset<Row> enrolments, Dataset<Row> schools,
      Dataset<Row> municipalities, String regionCode, String regionName, LocalDate referenceDate,
      List<Column> groups, Map<String, Column> values) {
    List<Column> keys = new ArrayList<>(groups);
    UNIT_ATTRIBUTES.forEach(a -> keys.add(col(a)));
    List<Column> partial = new ArrayList<>();
    values.forEach((name, value) -> partial.add(sum(value).as(name)));
    Dataset<Row> perCombination = described(pupilWindows, enrolments, schools, municipalities, referenceDate)
        .groupBy(keys.toArray(Column[]::new))
        .agg(partial.get(0), partial.subList(1, partial.size()).toArray(Column[]::new));

    List<Column> byUnit = new ArrayList<>();
    for (String column : perCombination.columns()) {   // the groups, by their output names
      if (!UNIT_ATTRIBUTES.contains(column) && !values.containsKey(column)) {
        byUnit.add(col(column));
      }
    }
    byUnit.addAll(UNIT_COLUMNS);
    List<Column> totals = new ArrayList<>();
    values.keySet().forEach(name -> totals.add(sum(col(name)).cast(LongType).as(name)));
    return perCombination
        .withColumn(UNIT, explode(array_compact(unitsOf(regionCode, regionName))))
        .groupBy(byUnit.toArray(Column[]::new))
        .agg(totals.get(0), totals.subList(1, totals.size()).toArray(Column[]::new));
  }

  /** The pupil windows with what their units are made of, and whether the row counts above school level. */
  private static Dataset<Row> described(Dataset<Row> pupilWindows, Dataset<Row> enrolments, Dataset<Row> schools,
      Dataset<Row> municipalities, LocalDate referenceDate) {
    return withCountedOnce(pupilWindows
        .join(enrolmentAttributes(enrolments, referenceDate),
            new String[] {PupilWindows.BRIN_VESTIGING, PupilWindows.SCHOOL_PUPIL_KEY}, "left")
        .join(schoolAttributes(schools, municipalities), new String[] {PupilWindows.BRIN_VESTIGING}, "left")
        .join(residenceNames(municipalities), new String[] {Enrolments.RESIDENCE_MUNICIPALITY}, "left"));
  }

  /** Per enrolment at a location: the attributes of its latest period starting up to the reference date. */
  private static Dataset<Row> enrolmentAttributes(Dataset<Row> enrolments, LocalDate referenceDate) {
    return latestPeriods(enrolments, referenceDate)
        .select(col(Enrolments.BRIN_VESTIGING), col(Enrolments.SCHOOL_PUPIL_KEY), col(Enrolments.ENROLMENT_START),
            col(Enrolments.YEAR_GROUP), present(col(Enrolments.CLASS_CODE)).as(Enrolments.CLASS_CODE),
            present(col(Enrolments.RESIDENCE_MUNICIPALITY)).as(Enrolments.RESIDENCE_MUNICIPALITY));
  }

  /**
   * Per enrolment at a location (school and school pupil key), its latest period starting up to
   * the reference date, all columns: the period whose class, year group and pupil attributes a
   * pupil's rows are described by (shared with {@link Patterns}).
   */
  static Dataset<Row> latestPeriods(Dataset<Row> enrolments, LocalDate referenceDate) {
    Column latestFirst = row_number().over(Window
        .partitionBy(Enrolments.BRIN_VESTIGING, Enrolments.SCHOOL_PUPIL_KEY)
        .orderBy(col(Enrolments.ENROLMENT_START).desc(), col(Enrolments.ENROLMENT_END).desc_nulls_first()));
    return enrolments
        .where(coalesce(col(Enrolments.ENROLMENT_START).leq(lit(referenceDate)), lit(false)))
        .withColumn("latest_first", latestFirst)
        .where(col("latest_first").equalTo(1))
        .drop("latest_first");
  }

  private static Dataset<Row> schoolAttributes(Dataset<Row> schools, Dataset<Row> municipalities) {
    return schools
        .select(col(Schools.BRIN_VESTIGING), col(Schools.NAME).as(SCHOOL_NAME),
            present(col(Schools.SECTOR)).as(SCHOOL_SECTOR),
            col(Schools.MUNICIPALITY_CODE).as(SCHOOL_MUNICIPALITY),
            present(col(Schools.BOARD_CODE)).as(Schools.BOARD_CODE), col(Schools.BOARD_NAME),
            present(col(Schools.SWV_CODE)).as(Schools.SWV_CODE))
        .join(municipalities.select(col(Municipalities.MUNICIPALITY_CODE).as(SCHOOL_MUNICIPALITY),
                col(Municipalities.NAME).as(SCHOOL_MUNICIPALITY_NAME), col(Municipalities.RMC_REGION)),
            new String[] {SCHOOL_MUNICIPALITY}, "left");
  }

  private static Dataset<Row> residenceNames(Dataset<Row> municipalities) {
    return municipalities.select(col(Municipalities.MUNICIPALITY_CODE).as(Enrolments.RESIDENCE_MUNICIPALITY),
        col(Municipalities.NAME).as(RESIDENCE_NAME));
  }

  /**
   * Marks the one row per pupil and window that counts above school level: the latest enrolment.
   * A window is its name and end: the start of a rolling window depends on the school's calendar,
   * and a pupil at two schools must still be one pupil of that window.
   */
  private static Dataset<Row> withCountedOnce(Dataset<Row> described) {
    Column latestFirst = row_number().over(Window
        .partitionBy(PupilWindows.WINDOW, PupilWindows.WINDOW_END, PupilWindows.PUPIL_KEY)
        .orderBy(col(Enrolments.ENROLMENT_START).desc_nulls_last(), col(PupilWindows.BRIN_VESTIGING).desc(),
            col(PupilWindows.SCHOOL_PUPIL_KEY).desc()));
    return described.withColumn(COUNTED_ONCE, latestFirst.equalTo(1));
  }

  /** The units of one row, from the region down to the class; a unit whose code is unknown is left out. */
  private static Column unitsOf(String regionCode, String regionName) {
    Column once = col(COUNTED_ONCE);
    Column every = lit(true);
    Column brin = col(PupilWindows.BRIN_VESTIGING);
    Column schoolName = col(SCHOOL_NAME);
    Column residence = col(Enrolments.RESIDENCE_MUNICIPALITY);
    Column yearGroup = col(Enrolments.YEAR_GROUP).cast(StringType);
    Column classCode = col(Enrolments.CLASS_CODE);
    Column sector = col(SCHOOL_SECTOR);
    // PO and (V)SO name a year group "groep", VO "leerjaar" (DOMAIN.md section 6).
    Column yearGroupWord = when(sector.isin("PO", "SO"), lit(" groep ")).otherwise(lit(" leerjaar "));
    // A sector unit is code:sector (e.g. GM0153:PO, "Enschede PO"); none when the sector is unknown.
    return array(
        unit(REGION, once, lit(regionCode), lit(regionName)),
        unit(REGION_SECTOR, once, concat(lit(regionCode), lit(":"), sector), concat(lit(regionName), lit(" "), sector)),
        unit(RMC_REGION, once, col(Municipalities.RMC_REGION), concat(lit("RMC-regio "), col(Municipalities.RMC_REGION))),
        unit(MUNICIPALITY, once, col(SCHOOL_MUNICIPALITY), col(SCHOOL_MUNICIPALITY_NAME)),
        unit(MUNICIPALITY_SECTOR, once, concat(col(SCHOOL_MUNICIPALITY), lit(":"), sector),
            concat(col(SCHOOL_MUNICIPALITY_NAME), lit(" "), sector)),
        unit(RESIDENCE_MUNICIPALITY, once, coalesce(residence, lit(UNKNOWN_RESIDENCE_CODE)),
            when(residence.isNull(), lit(UNKNOWN_RESIDENCE_NAME)).otherwise(col(RESIDENCE_NAME))),
        unit(SWV, once, col(Schools.SWV_CODE), col(Schools.SWV_CODE)),
        unit(BOARD, once, col(Schools.BOARD_CODE), col(Schools.BOARD_NAME)),
        unit(SCHOOL, every, brin, schoolName),
        unit(YEAR_GROUP, every, concat(brin, lit(":"), yearGroup), concat(schoolName, yearGroupWord, yearGroup)),
        unit(CLASS, every, concat(brin, lit(":"), classCode), concat(schoolName, lit(" "), classCode)));
  }

  private static Column unit(String level, Column countsHere, Column code, Column name) {
    return when(coalesce(countsHere, lit(false)).and(code.isNotNull()),
        struct(lit(level).as(LEVEL), code.cast(StringType).as(UNIT_CODE), name.cast(StringType).as(UNIT_NAME)));
  }

  /** Null for an empty or blank optional code, so a blank is never a unit of its own. */
  private static Column present(Column code) {
    return when(length(trim(code)).gt(0), code);
  }
}
