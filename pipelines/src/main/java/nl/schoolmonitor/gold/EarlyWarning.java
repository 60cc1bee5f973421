package nl.schoolmonitor.gold;

import static nl.schoolmonitor.gold.GoldSchemas.PCT;
import static nl.schoolmonitor.gold.GoldSchemas.field;
import static nl.schoolmonitor.gold.LeerplichtReportCounts.countWhere;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import nl.schoolmonitor.common.Schemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per school year, signal and outcome: how well a signal in the school data of one year
 * (tier 3, tier 2 or 3, each flag, a leerplicht report) foresaw that the pupil became a VSV'er or
 * a thuiszitter in a later school year (DOMAIN.md section 8; seed 000: absence in primary school
 * predicts dropout later).
 *
 * <p>The cohort of a year: the pupils in its school data ({@link PupilYears#IN_SCHOOL_DATA}),
 * only for years with a later year in the input (otherwise nothing could have followed yet).
 * The outcome is met when the pupil is a VSV'er / thuiszitter in any later school year of the
 * input. Sensitivity = signal and outcome / outcome (of those who became VSV'er, how many had the
 * signal); precision = signal and outcome / signal (of those with the signal, how many became
 * VSV'er). Later years still to come can only raise both: read the latest cohorts as a lower bound.
 */
public final class EarlyWarning {
  public static final String TABLE = "gold_early_warning";

  public static final String SCHOOL_YEAR = "school_year";
  public static final String SIGNAL = "signal";
  public static final String OUTCOME = "outcome";
  public static final String PUPILS = "pupils";
  public static final String WITH_SIGNAL = "with_signal";
  public static final String WITH_OUTCOME = "with_outcome";
  public static final String WITH_SIGNAL_AND_OUTCOME = "with_signal_and_outcome";
  public static final String SENSITIVITY_PCT = "sensitivity_pct";
  public static final String PRECISION_PCT = "precision_pct";

  /** Signals, in published order. */
  public static final String TIER3 = "tier3";
  public static final String TIER2_OR_3 = "tier2_or_3";
  public static final List<String> SIGNALS = signals();
  /** Outcomes. */
  public static final String VSV = "vsv";
  public static final String THUISZITTER = "thuiszitter";
  public static final String VSV_OR_THUISZITTER = "vsv_or_thuiszitter";

  public static final StructType SCHEMA = new StructType(new StructField[] {
      field(SCHOOL_YEAR, StringType, false, "School year of the signal (the cohort)"),
      field(SIGNAL, StringType, false, String.join(", ", SIGNALS)),
      field(OUTCOME, StringType, false, "vsv, thuiszitter or vsv_or_thuiszitter in a later school year"),
      field(PUPILS, LongType, false, "Pupils in the school data of school_year"),
      field(WITH_SIGNAL, LongType, false, "Of them: with the signal that year"),
      field(WITH_OUTCOME, LongType, false, "Of them: with the outcome in a later year"),
      field(WITH_SIGNAL_AND_OUTCOME, LongType, false, "Of them: both"),
      field(SENSITIVITY_PCT, PCT, true, "100 * with_signal_and_outcome / with_outcome; null when with_outcome = 0"),
      field(PRECISION_PCT, PCT, true, "100 * with_signal_and_outcome / with_signal; null when with_signal = 0"),
  });

  private EarlyWarning() {}

  private static List<String> signals() {
    List<String> s = new ArrayList<>(List.of(TIER3, TIER2_OR_3));
    s.addAll(PupilFlags.FLAGS);
    s.add(PupilYears.LEERPLICHT_REPORT);
    return s;
  }

  /** @param pupilYears rows of {@link PupilYears#SCHEMA} */
  public static Dataset<Row> build(Dataset<Row> pupilYears) {
    Column start = nl.schoolmonitor.common.SchoolYear.startYearOf(col(PupilYears.SCHOOL_YEAR));
    Dataset<Row> years = pupilYears.withColumn("start", start);
    Dataset<Row> lastYear = years.agg(max(col("start")).as("last_start"));
    Dataset<Row> cohort = years.where(col(PupilYears.IN_SCHOOL_DATA)).crossJoin(lastYear)
        .where(col("start").lt(col("last_start")));
    Dataset<Row> outcomes = years.select(col(PupilYears.PUPIL_KEY).as("o_pupil"), col("start").as("o_start"),
        col(PupilYears.VSV).as("o_vsv"), col(PupilYears.THUISZITTER).as("o_home"));
    Dataset<Row> followed = cohort
        .join(outcomes, col(PupilYears.PUPIL_KEY).equalTo(col("o_pupil")).and(col("o_start").gt(col("start"))), "left")
        .groupBy(java.util.Arrays.stream(cohort.columns()).map(c -> col(c)).toArray(Column[]::new))
        .agg(coalesce(bool_or(col("o_vsv")), lit(false)).as("later_vsv"),
            coalesce(bool_or(col("o_home")), lit(false)).as("later_thuiszitter"));

    List<Column> signalColumns = new ArrayList<>();
    for (String s : SIGNALS) {
      Column has = switch (s) {
        case TIER3 -> col(PupilYears.TIER).equalTo(3);
        case TIER2_OR_3 -> col(PupilYears.TIER).geq(2);
        default -> col(s);
      };
      signalColumns.add(struct(lit(s).as(SIGNAL), coalesce(has, lit(false)).as("has")));
    }
    Column outcomeColumns = array(
        struct(lit(VSV).as(OUTCOME), col("later_vsv").as("met")),
        struct(lit(THUISZITTER).as(OUTCOME), col("later_thuiszitter").as("met")),
        struct(lit(VSV_OR_THUISZITTER).as(OUTCOME), col("later_vsv").or(col("later_thuiszitter")).as("met")));
    return Schemas.conform(followed
        .withColumn("s", explode(array(signalColumns.toArray(Column[]::new))))
        .withColumn("o", explode(outcomeColumns))
        .groupBy(col(PupilYears.SCHOOL_YEAR).as(SCHOOL_YEAR), col("s." + SIGNAL).as(SIGNAL),
            col("o." + OUTCOME).as(OUTCOME))
        .agg(count(lit(1)).as(PUPILS), countWhere(col("s.has")).as(WITH_SIGNAL),
            countWhere(col("o.met")).as(WITH_OUTCOME),
            countWhere(col("s.has").and(col("o.met"))).as(WITH_SIGNAL_AND_OUTCOME))
        .select(col(SCHOOL_YEAR), col(SIGNAL), col(OUTCOME), col(PUPILS).cast(LongType).as(PUPILS),
            col(WITH_SIGNAL), col(WITH_OUTCOME), col(WITH_SIGNAL_AND_OUTCOME),
            Percentages.oneDecimal(col(WITH_SIGNAL_AND_OUTCOME), col(WITH_OUTCOME)).as(SENSITIVITY_PCT),
            Percentages.oneDecimal(col(WITH_SIGNAL_AND_OUTCOME), col(WITH_SIGNAL)).as(PRECISION_PCT)), SCHEMA, TABLE);
  }
}
