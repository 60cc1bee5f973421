package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.PCT;
import static nl.schoolmonitor.gold.GoldSchemas.field;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import nl.schoolmonitor.common.Schemas;
import nl.schoolmonitor.silver.Municipalities;
import nl.schoolmonitor.silver.Schools;
import nl.schoolmonitor.silver.VsvLeavers;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per school year, level (region, rmc_region, municipality of the school,
 * residence_municipality, school) and unit: the VSV'ers of that year next to the pyramid counts
 * of the school-year-to-date window at the year's latest reference date (DOMAIN.md section 8).
 * {@code vsv_pct} = 100 * vsv / (pupils + insufficient_days): all pupils counted at the unit.
 * Units of the pyramid without VSV'ers have vsv 0; VSV'ers of a unit without pyramid rows keep
 * their row with null pupils. The school's municipality and RMC region come from schools.csv and
 * municipalities.csv, as in the pyramid; without a school, the list's own RMC region.
 */
public final class VsvRates {
  public static final String TABLE = "gold_vsv_rates";

  public static final String SCHOOL_YEAR = Pyramid.SCHOOL_YEAR;
  public static final String REFERENCE_DATE = Pyramid.REFERENCE_DATE;
  public static final String LEVEL = Units.LEVEL;
  public static final String UNIT_CODE = Units.UNIT_CODE;
  public static final String UNIT_NAME = Units.UNIT_NAME;
  public static final String VSV = "vsv";
  public static final String PUPILS = "pupils";
  public static final String TIER3_PCT = Pyramid.TIER3_PCT;
  public static final String VSV_PCT = "vsv_pct";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year"),
      field(REFERENCE_DATE, DateType, true, "Reference date of the pyramid counts; null without them"),
      field(LEVEL, StringType, false, "region, rmc_region, municipality, residence_municipality or school"),
      field(UNIT_CODE, StringType, false, "Code of the unit"),
      field(UNIT_NAME, StringType, true, "Name of the unit"),
      field(VSV, LongType, false, "VSV'ers of the school year (distinct pupils)"),
      field(PUPILS, LongType, true, "Pupils counted in the pyramid: with a tier plus insufficient_days"),
      field(Pyramid.TIER1, LongType, true, "Pyramid: pupils in tier 1"),
      field(Pyramid.TIER2, LongType, true, "Pyramid: pupils in tier 2"),
      field(Pyramid.TIER3, LongType, true, "Pyramid: pupils in tier 3"),
      field(TIER3_PCT, PCT, true, "Pyramid: tier3_pct"),
      field(VSV_PCT, PCT, true, "100 * vsv / pupils, one decimal half up; null without pupils"),
  });

  private VsvRates() {}

  /**
   * @param vsv     rows of {@link VsvLeavers#SCHEMA}
   * @param pyramid rows of {@link Pyramid#SCHEMA} of any school years and reference dates
   */
  public static Dataset<Row> build(Dataset<Row> vsv, Dataset<Row> pyramid, Dataset<Row> schools,
      Dataset<Row> municipalities, String regionCode, String regionName) {
    Dataset<Row> described = vsv
        .join(schools.select(col(Schools.BRIN_VESTIGING).as(VsvLeavers.BRIN_VESTIGING), col(Schools.NAME).as("s_name"),
            col(Schools.MUNICIPALITY_CODE).as("s_mun")), new String[] {VsvLeavers.BRIN_VESTIGING}, "left")
        .join(municipalities.select(col(Municipalities.MUNICIPALITY_CODE).as("s_mun"), col(Municipalities.NAME).as("s_mun_name"),
            col(Municipalities.RMC_REGION).as("s_rmc")), new String[] {"s_mun"}, "left")
        .join(municipalities.select(col(Municipalities.MUNICIPALITY_CODE).as(VsvLeavers.RESIDENCE_MUNICIPALITY),
            col(Municipalities.NAME).as("r_name")), new String[] {VsvLeavers.RESIDENCE_MUNICIPALITY}, "left");
    Column rmc = coalesce(col("s_rmc"), col(VsvLeavers.RMC_REGION));
    Column residence = coalesce(col(VsvLeavers.RESIDENCE_MUNICIPALITY), lit(Units.UNKNOWN_RESIDENCE_CODE));
    Dataset<Row> vsvUnits = described
        .withColumn("u", explode(array(
            unit(Units.REGION, lit(regionCode), lit(regionName)),
            unit(Units.RMC_REGION, rmc, when(rmc.isNotNull(), org.apache.spark.sql.functions.concat(lit("RMC-regio "), rmc))),
            unit(Units.MUNICIPALITY, col("s_mun"), col("s_mun_name")),
            unit(Units.RESIDENCE_MUNICIPALITY, residence,
                when(col(VsvLeavers.RESIDENCE_MUNICIPALITY).isNull(), lit(Units.UNKNOWN_RESIDENCE_NAME)).otherwise(col("r_name"))),
            unit(Units.SCHOOL, col(VsvLeavers.BRIN_VESTIGING), col("s_name")))))
        .where(col("u." + UNIT_CODE).isNotNull())
        .groupBy(col(VsvLeavers.SCHOOL_YEAR).as(SCHOOL_YEAR), col("u." + LEVEL).as(LEVEL),
            col("u." + UNIT_CODE).as(UNIT_CODE))
        .agg(count_distinct(col(VsvLeavers.PUPIL_KEY)).as(VSV), max(col("u." + UNIT_NAME)).as("vsv_unit_name"));
    Dataset<Row> pyramidAtYearEnd = pyramid
        .where(coalesce(col(Pyramid.WINDOW).equalTo(PupilWindows.SCHOOL_YEAR_TO_DATE)
            .and(col(LEVEL).isin(Units.REGION, Units.RMC_REGION, Units.MUNICIPALITY, Units.RESIDENCE_MUNICIPALITY,
                Units.SCHOOL)), lit(false)))
        .withColumn("last", max(col(REFERENCE_DATE)).over(Window.partitionBy(SCHOOL_YEAR)))
        .where(col(REFERENCE_DATE).equalTo(col("last")))
        .select(col(SCHOOL_YEAR), col(REFERENCE_DATE), col(LEVEL), col(UNIT_CODE), col(UNIT_NAME),
            col(Pyramid.PUPILS).plus(col(Pyramid.INSUFFICIENT_DAYS)).as(PUPILS), col(Pyramid.TIER1),
            col(Pyramid.TIER2), col(Pyramid.TIER3), col(TIER3_PCT));
    Column vsvCount = coalesce(col(VSV), lit(0L));
    return Schemas.conform(pyramidAtYearEnd.join(vsvUnits, new String[] {SCHOOL_YEAR, LEVEL, UNIT_CODE}, "full_outer")
        .withColumn(UNIT_NAME, coalesce(col(UNIT_NAME), col("vsv_unit_name")))
        .withColumn(VSV, vsvCount.cast(LongType))
        .withColumn(VSV_PCT, Percentages.oneDecimal(col(VSV), col(PUPILS))), SCHEMA, TABLE);
  }

  private static Column unit(String level, Column code, Column name) {
    return struct(lit(level).as(LEVEL), code.cast(StringType).as(UNIT_CODE), name.cast(StringType).as(UNIT_NAME));
  }
}
