package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.field;
import static nl.schoolmonitor.gold.LeerplichtReportCounts.countWhere;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.silver.VsvLeavers;
import org.apache.spark.sql.Column;
import nl.schoolmonitor.common.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The school years before a pupil became a VSV'er (DOMAIN.md section 8: "how many of this year's
 * new VSV'ers were in tier 3, or had a leerplicht report, in the years before, and how early").
 *
 * <p>{@link #perPupil}: one row per VSV'er of a school year per earlier school year that has
 * school data in the warehouse (restricted: {@value #PUPIL_TABLE}); the pupil's own row of
 * {@link PupilYears} that year, or {@code in_school_data} false when the pupil was not in it.
 * {@link #summary}: one row per VSV school year and earlier school year (published).
 */
public final class VsvHistory {
  public static final String PUPIL_TABLE = "gold_vsv_history_restricted";
  public static final String TABLE = "gold_vsv_history";

  public static final String VSV_SCHOOL_YEAR = "vsv_school_year";
  public static final String SCHOOL_YEAR = PupilYears.SCHOOL_YEAR;
  public static final String YEARS_BEFORE = "years_before";
  public static final String PUPIL_KEY = PupilYears.PUPIL_KEY;
  public static final String VSV_PUPILS = "vsv_pupils";
  public static final String IN_SCHOOL_DATA = PupilYears.IN_SCHOOL_DATA;
  public static final String TIER1 = "tier1";
  public static final String TIER2 = "tier2";
  public static final String TIER3 = "tier3";
  public static final String NO_TIER = "no_tier";

  /** The per-year facts carried from {@link PupilYears}. */
  private static final List<String> FACTS = facts();

  public static final StructType PUPIL_SCHEMA = pupilSchema();
  public static final StructType SCHEMA = summarySchema();

  private VsvHistory() {}

  private static List<String> facts() {
    List<String> facts = new ArrayList<>(PupilFlags.FLAGS);
    facts.add(PupilYears.LEERPLICHT_REPORT);
    facts.add(PupilYears.THUISZITTER);
    return facts;
  }

  private static StructType pupilSchema() {
    List<StructField> fields = new ArrayList<>(List.of(
        field(VSV_SCHOOL_YEAR, StringType, false, "School year the pupil became a VSV'er"),
        field(PUPIL_KEY, StringType, false, "Pseudonym of the PGN"),
        field(SCHOOL_YEAR, StringType, false, "An earlier school year with school data"),
        field(YEARS_BEFORE, IntegerType, false, "vsv_school_year minus school_year, in years"),
        field(IN_SCHOOL_DATA, BooleanType, false, "The pupil was in the school data that year"),
        field(PupilYears.TIER, IntegerType, true, "The pupil's tier that year (PupilYears)")));
    FACTS.forEach(f -> fields.add(field(f, BooleanType, false, f + " that year")));
    return new StructType(fields.toArray(StructField[]::new));
  }

  private static StructType summarySchema() {
    List<StructField> fields = new ArrayList<>(List.of(
        field(VSV_SCHOOL_YEAR, StringType, false, "School year the pupils became VSV'ers"),
        field(SCHOOL_YEAR, StringType, false, "An earlier school year with school data"),
        field(YEARS_BEFORE, IntegerType, false, "vsv_school_year minus school_year, in years"),
        field(VSV_PUPILS, LongType, false, "VSV'ers of vsv_school_year"),
        field(IN_SCHOOL_DATA, LongType, false, "Of them: in the school data of school_year"),
        field(TIER1, LongType, false, "Of them: in tier 1 that year"),
        field(TIER2, LongType, false, "Of them: in tier 2 that year"),
        field(TIER3, LongType, false, "Of them: in tier 3 that year"),
        field(NO_TIER, LongType, false, "Of them: in the data without a tier (too few school days)")));
    FACTS.forEach(f -> fields.add(field(f, LongType, false, "Of them: " + f + " that year")));
    return new StructType(fields.toArray(StructField[]::new));
  }

  /**
   * @param vsv        rows of {@link VsvLeavers#SCHEMA}
   * @param pupilYears rows of {@link PupilYears#SCHEMA}
   */
  public static Dataset<Row> perPupil(Dataset<Row> vsv, Dataset<Row> pupilYears) {
    Dataset<Row> leavers = vsv.select(col(VsvLeavers.SCHOOL_YEAR).as(VSV_SCHOOL_YEAR),
        col(VsvLeavers.PUPIL_KEY).as(PUPIL_KEY)).distinct();
    Dataset<Row> dataYears = pupilYears.where(col(IN_SCHOOL_DATA)).select(SCHOOL_YEAR).distinct();
    Column yearsBefore = SchoolYear.startYearOf(col(VSV_SCHOOL_YEAR)).minus(SchoolYear.startYearOf(col(SCHOOL_YEAR)));
    List<Column> out = new ArrayList<>(List.of(col(VSV_SCHOOL_YEAR), col(PUPIL_KEY), col(SCHOOL_YEAR),
        col(YEARS_BEFORE), coalesce(col(IN_SCHOOL_DATA), lit(false)).as(IN_SCHOOL_DATA), col(PupilYears.TIER)));
    FACTS.forEach(f -> out.add(coalesce(col(f), lit(false)).as(f)));
    return Schemas.conform(leavers.crossJoin(dataYears)
        .withColumn(YEARS_BEFORE, yearsBefore.cast(IntegerType))
        .where(col(YEARS_BEFORE).gt(0))
        .join(pupilYears, new String[] {SCHOOL_YEAR, PUPIL_KEY}, "left")
        .select(out.toArray(Column[]::new)), PUPIL_SCHEMA, PUPIL_TABLE);
  }

  /** @param perPupil rows of {@link #PUPIL_SCHEMA} */
  public static Dataset<Row> summary(Dataset<Row> perPupil) {
    List<Column> counts = new ArrayList<>(List.of(
        countWhere(col(IN_SCHOOL_DATA)).as(IN_SCHOOL_DATA),
        countWhere(col(PupilYears.TIER).equalTo(1)).as(TIER1),
        countWhere(col(PupilYears.TIER).equalTo(2)).as(TIER2),
        countWhere(col(PupilYears.TIER).equalTo(3)).as(TIER3),
        countWhere(col(IN_SCHOOL_DATA).and(col(PupilYears.TIER).isNull())).as(NO_TIER)));
    FACTS.forEach(f -> counts.add(countWhere(col(f)).as(f)));
    List<Column> out = new ArrayList<>(List.of(col(VSV_SCHOOL_YEAR), col(SCHOOL_YEAR), col(YEARS_BEFORE),
        col(VSV_PUPILS).cast(LongType).as(VSV_PUPILS)));
    for (String f : SCHEMA.fieldNames()) {
      if (!List.of(VSV_SCHOOL_YEAR, SCHOOL_YEAR, YEARS_BEFORE, VSV_PUPILS).contains(f)) {
        out.add(col(f));
      }
    }
    return Schemas.conform(perPupil.groupBy(VSV_SCHOOL_YEAR, SCHOOL_YEAR, YEARS_BEFORE)
        .agg(count(lit(1)).as(VSV_PUPILS), counts.toArray(Column[]::new))
        .select(out.toArray(Column[]::new)), SCHEMA, TABLE);
  }
}
