package nl.schoolmonitor.research;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.gold.PupilDays;
import nl.schoolmonitor.gold.PupilFlags;
import nl.schoolmonitor.gold.PupilWindows;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.Schools;
import nl.schoolmonitor.silver.VsvLeavers;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One row per pupil per school year per school location: the research extract (DOMAIN.md
 * section 10). Pseudonymous under a project-specific key ({@link ResearchPseudonymizer}), with
 * generalised attributes (birth year, PC4 only for large areas, banded school context) and
 * k-anonymous over the quasi-identifiers of {@code research.yaml} ({@link KAnonymity}). The
 * absence figures are the school-year-to-date window of the pupil's enrolment at that school: at
 * the reference date for its school year, at the year's last day for earlier years.
 *
 * <p>Built in two pure steps: {@link #pupilYears} joins the exact figures (still under the
 * operational pupil key, never written), {@link #generalise} turns them into the extract.
 */
public final class ResearchExtract {
  public static final String TABLE = "research_extract";

  public static final String RESEARCH_KEY = "research_key";
  public static final String SCHOOL_YEAR = "school_year";
  public static final String SECTOR = "sector";
  public static final String SCHOOL_TYPE = "school_type";
  public static final String YEAR_GROUP = "year_group";
  public static final String SEX = "sex";
  public static final String BIRTH_YEAR = "birth_year";
  public static final String PC4 = "pc4";
  public static final String RESIDENCE_MUNICIPALITY = "residence_municipality";
  public static final String PUPIL_WEIGHT = "pupil_weight";
  public static final String SPECIAL_NEEDS = "special_needs";
  public static final String NT2 = "nt2";
  public static final String SCHOOL_SIZE_BAND = "school_size_band";
  public static final String SCHOOL_TIER3_SHARE_BAND = "school_tier3_share_band";
  public static final String SCHOOL_DAYS = "school_days";
  public static final String ABSENCE_PCT = "absence_pct";
  public static final String UNAUTHORISED_PCT = "unauthorised_total_pct";
  public static final String LATE_COUNT = "late_count";
  public static final String TIER = "tier";
  public static final String TIER_STATUS = "tier_status";
  public static final String PREVIOUS_YEAR_TIER = "previous_year_tier";
  public static final String FOLLOWUP_END = "outcome_followup_end";
  public static final String LATER_LEERPLICHT_REPORT = "later_leerplicht_report";
  public static final String LATER_THUISZITTER = "later_thuiszitter";
  public static final String LATER_VSV = "later_vsv";

  /** {@code sick_pct}, {@code medical_pct}, ...: one per category that counts as missed. */
  public static final List<String> CATEGORY_PCT = Category.missed().stream().map(c -> c.code() + "_pct").toList();
  /** {@code flag_reportable_16h}, ...: the flags of DOMAIN.md section 5 met in the school year. */
  public static final List<String> FLAG_COLUMNS = PupilFlags.FLAGS.stream().map(f -> "flag_" + f).toList();

  public static final StructType SCHEMA = schema();
  public static final List<String> COLUMNS = Arrays.asList(SCHEMA.fieldNames());

  // Internal columns of pupilYears: never leave this class's output of generalise.
  static final String PUPIL_KEY = Enrolments.PUPIL_KEY;
  static final String BRIN_VESTIGING = Enrolments.BRIN_VESTIGING;
  static final String BIRTH_DATE = Enrolments.BIRTH_DATE;
  static final String SCHOOL_SIZE = "school_size";
  static final String SCHOOL_TIER3_SHARE = "school_tier3_share";

  /** The leerplicht and VSV tables, when the warehouse has them ({@link LeerplichtReports}, {@link VsvLeavers}). */
  public record Outcomes(Optional<Dataset<Row>> leerplichtReports, Optional<Dataset<Row>> vsv,
      List<String> thuiszitterVerzuimsoorten) {
    public static Outcomes none() {
      return new Outcomes(Optional.empty(), Optional.empty(), List.of());
    }
  }

  private ResearchExtract() {}

  private static StructType schema() {
    List<StructField> f = new ArrayList<>();
    f.add(field(RESEARCH_KEY, StringType, false, "HMAC-SHA256 of the operational pupil_key with the project's research key"));
    f.add(field(SCHOOL_YEAR, StringType, false, "School year, e.g. 2025-2026"));
    f.add(field(SECTOR, StringType, false, "PO, SO, VO, VSO or MBO"));
    f.add(field(SCHOOL_TYPE, StringType, true, "basisonderwijs, speciaal onderwijs, vmbo/havo/vwo/praktijkonderwijs, mbo niveau N"));
    f.add(field(YEAR_GROUP, IntegerType, true, "Leerjaar / groep"));
    f.add(field(SEX, StringType, true, "M, V or X"));
    f.add(field(BIRTH_YEAR, IntegerType, true, "Year of birth (never the date)"));
    f.add(field(PC4, StringType, true, "PC4 of residence where the area has enough pupils, else null"));
    f.add(field(RESIDENCE_MUNICIPALITY, StringType, true, "CBS code of the municipality of residence"));
    f.add(field(PUPIL_WEIGHT, DoubleType, true, "Leerlinggewicht 0, 0.3, 1.2 (ParnasSys schools only)"));
    f.add(field(SPECIAL_NEEDS, BooleanType, true, "Ondersteuningsbehoefte"));
    f.add(field(NT2, BooleanType, true, "Dutch as a second language (Magister schools only)"));
    f.add(field(SCHOOL_SIZE_BAND, StringType, true, "Pupils of the school location in the school year, banded"));
    f.add(field(SCHOOL_TIER3_SHARE_BAND, StringType, true, "Share of the school's pupils with a tier in tier 3, banded"));
    f.add(field(SCHOOL_DAYS, IntegerType, false, "School days of the enrolment in the window"));
    f.add(field(ABSENCE_PCT, DoubleType, true, "100 * missed / scheduled minutes"));
    for (String c : CATEGORY_PCT) {
      f.add(field(c, DoubleType, true, "100 * missed minutes of this category / scheduled minutes"));
    }
    f.add(field(UNAUTHORISED_PCT, DoubleType, true, "100 * unauthorised missed minutes / scheduled minutes"));
    f.add(field(LATE_COUNT, IntegerType, true, "Late arrivals in the window"));
    f.add(field(TIER, IntegerType, true, "1, 2 or 3; null with too few school days"));
    f.add(field(TIER_STATUS, StringType, false, "tier1, tier2, tier3 or insufficient_days"));
    for (String c : FLAG_COLUMNS) {
      f.add(field(c, BooleanType, false, "The flag was met in the school year up to the window's end"));
    }
    f.add(field(PREVIOUS_YEAR_TIER, IntegerType, true, "Highest tier at any school in the previous school year; null = unknown"));
    f.add(field(FOLLOWUP_END, DateType, true, "Outcomes observed from the next school year's first day up to this day"));
    f.add(field(LATER_LEERPLICHT_REPORT, BooleanType, true, "A leerplicht report in the follow-up; null = unknown"));
    f.add(field(LATER_THUISZITTER, BooleanType, true, "A thuiszitter report (LRV or absoluut verzuim) in the follow-up; null = unknown"));
    f.add(field(LATER_VSV, BooleanType, true, "On the VSV list with a leaving date in the follow-up; null = unknown"));
    return new StructType(f.toArray(StructField[]::new));
  }

  /** Join columns, as Spark's Java API wants them. */
  private static scala.collection.immutable.Seq<String> columns(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(names)).toList();
  }

  private static StructField field(String name, DataType type, boolean nullable, String comment) {
    return new StructField(name, type, nullable, Metadata.empty()).withComment(comment);
  }

  /**
   * The exact figures per pupil per school year per school location, under the operational key.
   *
   * @param windows  {@link PupilWindows} rows of the school-year-to-date window at the end of each
   *                 school year (the reference date for the last), plus a {@link #SCHOOL_YEAR} column
   * @param flags    {@link PupilFlags} rows of those school years, plus a {@link #SCHOOL_YEAR} column
   * @param asOf     the reference date: outcomes are observed up to it
   */
  public static Dataset<Row> pupilYears(Dataset<Row> windows, Dataset<Row> flags, Dataset<Row> enrolments,
      Dataset<Row> schools, Outcomes outcomes, LocalDate asOf) {
    Dataset<Row> rows = withEnrolment(windows, enrolments);
    rows = withSector(rows, schools);
    rows = withFlags(rows, flags);
    rows = withSchoolContext(rows);
    rows = withPreviousYearTier(rows);
    return withOutcomes(rows, outcomes, asOf);
  }

  /** The attributes of the pupil's latest enrolment at the school that started before the window ended. */
  private static Dataset<Row> withEnrolment(Dataset<Row> windows, Dataset<Row> enrolments) {
    String[] key = {BRIN_VESTIGING, PupilWindows.SCHOOL_PUPIL_KEY, PUPIL_KEY};
    Dataset<Row> e = enrolments.select(col(BRIN_VESTIGING), col(Enrolments.SCHOOL_PUPIL_KEY), col(PUPIL_KEY),
        col(Enrolments.ENROLMENT_START), col(Enrolments.YEAR_GROUP), col(Enrolments.SEX), col(BIRTH_DATE),
        col(Enrolments.PC4), col(Enrolments.RESIDENCE_MUNICIPALITY), col(Enrolments.PUPIL_WEIGHT),
        col(Enrolments.SPECIAL_NEEDS), col(Enrolments.NT2), col(Enrolments.PROGRAMME), col(Enrolments.LEVEL));
    Dataset<Row> joined = windows.join(e, columns(key), "left")
        .filter(col(Enrolments.ENROLMENT_START).isNull()
            .or(col(Enrolments.ENROLMENT_START).leq(col(PupilWindows.WINDOW_END))));
    Column latest = row_number().over(Window.partitionBy(col(BRIN_VESTIGING), col(PupilWindows.SCHOOL_PUPIL_KEY),
        col(PUPIL_KEY), col(SCHOOL_YEAR)).orderBy(col(Enrolments.ENROLMENT_START).desc_nulls_last()));
    return joined.withColumn("_n", latest).filter(col("_n").equalTo(1)).drop("_n", Enrolments.ENROLMENT_START);
  }

  private static Dataset<Row> withSector(Dataset<Row> rows, Dataset<Row> schools) {
    Dataset<Row> s = schools.select(col(Schools.BRIN_VESTIGING), col(Schools.SECTOR));
    Column programme = lower(coalesce(col(Enrolments.PROGRAMME), lit("")));
    Column sector = col(SECTOR);
    Column type = when(sector.equalTo("PO"), lit("basisonderwijs"))
        .when(sector.equalTo("SO"), lit("speciaal onderwijs"))
        .when(sector.equalTo("VSO"), lit("voortgezet speciaal onderwijs"))
        .when(sector.equalTo("MBO"), when(col(Enrolments.LEVEL).isNotNull(),
            concat(lit("mbo niveau "), col(Enrolments.LEVEL))).otherwise(lit("mbo")))
        .when(programme.rlike("vwo|gymnasium|atheneum"), lit("vwo"))
        .when(programme.contains("havo"), lit("havo"))
        .when(programme.rlike("vmbo|mavo|\\bbb\\b|\\bkb\\b|\\bgt\\b|\\btl\\b"), lit("vmbo"))
        .when(programme.rlike("pro\\b|praktijk"), lit("praktijkonderwijs"))
        .otherwise(lit("vo"));
    return rows.join(s, BRIN_VESTIGING).withColumn(SCHOOL_TYPE, type);
  }

  private static Dataset<Row> withFlags(Dataset<Row> rows, Dataset<Row> flags) {
    List<Column> perFlag = new ArrayList<>();
    for (String f : PupilFlags.FLAGS) {
      perFlag.add(max(col(PupilFlags.FLAG).equalTo(f)).as("flag_" + f));
    }
    Dataset<Row> met = flags.groupBy(col(BRIN_VESTIGING), col(PupilFlags.SCHOOL_PUPIL_KEY), col(PUPIL_KEY),
            col(SCHOOL_YEAR))
        .agg(perFlag.get(0), perFlag.subList(1, perFlag.size()).toArray(Column[]::new));
    Dataset<Row> joined = rows.join(met,
        columns(BRIN_VESTIGING, PupilWindows.SCHOOL_PUPIL_KEY, PUPIL_KEY, SCHOOL_YEAR), "left");
    for (String c : FLAG_COLUMNS) {
      joined = joined.withColumn(c, coalesce(col(c), lit(false)));
    }
    return joined;
  }

  /** Size of the school location in the school year and its share of tier 3 among pupils with a tier. */
  private static Dataset<Row> withSchoolContext(Dataset<Row> rows) {
    var school = Window.partitionBy(col(BRIN_VESTIGING), col(SCHOOL_YEAR));
    return rows
        .withColumn(SCHOOL_SIZE, count(lit(1)).over(school))
        .withColumn(SCHOOL_TIER3_SHARE, sum(when(col(TIER).equalTo(3), 1).otherwise(0)).over(school).multiply(100.0)
            .divide(count(col(TIER)).over(school)));
  }

  /** The highest tier the pupil had at any school in the school year before (null: unknown). */
  private static Dataset<Row> withPreviousYearTier(Dataset<Row> rows) {
    Column start = substring(col(SCHOOL_YEAR), 1, 4).cast(IntegerType);
    Dataset<Row> previous = rows.filter(col(TIER).isNotNull())
        .groupBy(col(PUPIL_KEY), concat(start.plus(1).cast(StringType), lit("-"), start.plus(2).cast(StringType))
            .as(SCHOOL_YEAR))
        .agg(max(col(TIER)).as(PREVIOUS_YEAR_TIER));
    return rows.join(previous, columns(PUPIL_KEY, SCHOOL_YEAR), "left");
  }

  /**
   * Outcomes in the follow-up, the next school year up to the reference date: null while that year
   * has not begun, and null when the warehouse has no such table (unknown, not "no report").
   */
  private static Dataset<Row> withOutcomes(Dataset<Row> rows, Outcomes outcomes, LocalDate asOf) {
    Column start = substring(col(SCHOOL_YEAR), 1, 4).cast(IntegerType);
    Column followupStart = make_date(start.plus(1), lit(8), lit(1));
    Column followupEnd = least(lit(Date.valueOf(asOf)), make_date(start.plus(2), lit(7), lit(31)));
    Column observed = followupStart.leq(lit(Date.valueOf(asOf)));
    Dataset<Row> out = rows.withColumn(FOLLOWUP_END, when(observed, followupEnd));
    Dataset<Row> pupilYears = out.select(col(PUPIL_KEY), col(SCHOOL_YEAR), col(FOLLOWUP_END)).distinct()
        .withColumn("_from", followupStart);

    if (outcomes.leerplichtReports().isPresent()) {
      Dataset<Row> r = outcomes.leerplichtReports().get();
      Column during = r.col(LeerplichtReports.REPORT_DATE).between(pupilYears.col("_from"), pupilYears.col(FOLLOWUP_END));
      Dataset<Row> hits = pupilYears.join(r, pupilYears.col(PUPIL_KEY).equalTo(r.col(LeerplichtReports.PUPIL_KEY)).and(during))
          .groupBy(pupilYears.col(PUPIL_KEY), pupilYears.col(SCHOOL_YEAR))
          .agg(max(lit(true)).as("_report"),
              max(r.col(LeerplichtReports.VERZUIMSOORT).isin(outcomes.thuiszitterVerzuimsoorten().toArray())).as("_thuis"));
      out = out.join(hits, columns(PUPIL_KEY, SCHOOL_YEAR), "left")
          .withColumn(LATER_LEERPLICHT_REPORT, when(col(FOLLOWUP_END).isNotNull(), coalesce(col("_report"), lit(false))))
          .withColumn(LATER_THUISZITTER, when(col(FOLLOWUP_END).isNotNull(), coalesce(col("_thuis"), lit(false))))
          .drop("_report", "_thuis");
    } else {
      out = out.withColumn(LATER_LEERPLICHT_REPORT, lit(null).cast(BooleanType))
          .withColumn(LATER_THUISZITTER, lit(null).cast(BooleanType));
    }
    if (outcomes.vsv().isPresent()) {
      Dataset<Row> v = outcomes.vsv().get();
      Column during = v.col(VsvLeavers.DEREGISTRATION_DATE).between(pupilYears.col("_from"), pupilYears.col(FOLLOWUP_END));
      Dataset<Row> hits = pupilYears.join(v, pupilYears.col(PUPIL_KEY).equalTo(v.col(LeerplichtReports.PUPIL_KEY)).and(during))
          .groupBy(pupilYears.col(PUPIL_KEY), pupilYears.col(SCHOOL_YEAR)).agg(max(lit(true)).as("_vsv"));
      out = out.join(hits, columns(PUPIL_KEY, SCHOOL_YEAR), "left")
          .withColumn(LATER_VSV, when(col(FOLLOWUP_END).isNotNull(), coalesce(col("_vsv"), lit(false))))
          .drop("_vsv");
    } else {
      out = out.withColumn(LATER_VSV, lit(null).cast(BooleanType));
    }
    return out;
  }

  /**
   * The extract: research pseudonym instead of the operational key, birth year instead of date,
   * PC4 only for areas with at least {@code pc4MinPupils} pupils in the school year, banded school
   * context, then the k-anonymity fallback of the configuration. Does not check k-anonymity; the
   * job calls {@link KAnonymity#check} before it writes anything.
   */
  public static Dataset<Row> generalise(Dataset<Row> pupilYears, ResearchConfig config, ResearchPseudonymizer key) {
    Column scheduled = col(PupilWindows.SCHEDULED_MINUTES);
    Column pc4Pupils = count(lit(1)).over(Window.partitionBy(col(SCHOOL_YEAR), col(Enrolments.PC4)));
    List<Column> select = new ArrayList<>();
    select.add(key.researchKey(col(PUPIL_KEY)).as(RESEARCH_KEY));
    select.add(col(SCHOOL_YEAR));
    select.add(col(SECTOR));
    select.add(col(SCHOOL_TYPE));
    select.add(col(Enrolments.YEAR_GROUP).as(YEAR_GROUP));
    select.add(col(Enrolments.SEX).as(SEX));
    select.add(year(col(BIRTH_DATE)).as(BIRTH_YEAR));
    select.add(when(col("_pc4_pupils").geq(config.pc4MinPupils()), col(Enrolments.PC4)).as(PC4));
    select.add(col(Enrolments.RESIDENCE_MUNICIPALITY).as(RESIDENCE_MUNICIPALITY));
    select.add(col(Enrolments.PUPIL_WEIGHT).as(PUPIL_WEIGHT));
    select.add(col(Enrolments.SPECIAL_NEEDS).as(SPECIAL_NEEDS));
    select.add(col(Enrolments.NT2).as(NT2));
    select.add(sizeBand(col(SCHOOL_SIZE), config.schoolSizeBands()).as(SCHOOL_SIZE_BAND));
    select.add(shareBand(col(SCHOOL_TIER3_SHARE), config.tier3ShareBandPct()).as(SCHOOL_TIER3_SHARE_BAND));
    select.add(col(PupilWindows.SCHOOL_DAYS));
    select.add(round(col(PupilWindows.ABSENCE_PCT), 2).as(ABSENCE_PCT));
    for (Category c : Category.missed()) {
      select.add(pct(col(PupilDays.missedColumn(c)), scheduled).as(c.code() + "_pct"));
    }
    select.add(pct(col(PupilWindows.UNAUTHORISED_MINUTES), scheduled).as(UNAUTHORISED_PCT));
    select.add(col(PupilWindows.LATE_COUNT).cast(IntegerType).as(LATE_COUNT));
    select.add(col(TIER));
    select.add(col(PupilWindows.TIER_STATUS).as(TIER_STATUS));
    FLAG_COLUMNS.forEach(c -> select.add(col(c)));
    select.add(col(PREVIOUS_YEAR_TIER));
    select.add(col(FOLLOWUP_END));
    select.add(col(LATER_LEERPLICHT_REPORT));
    select.add(col(LATER_THUISZITTER));
    select.add(col(LATER_VSV));
    Dataset<Row> generalised = pupilYears.withColumn("_pc4_pupils", pc4Pupils).select(select.toArray(Column[]::new));
    return KAnonymity.generalise(generalised, config.quasiIdentifiers(), config.k(), config.fallback());
  }

  private static Column pct(Column minutes, Column scheduled) {
    return when(scheduled.gt(0), round(minutes.multiply(100.0).divide(scheduled), 2));
  }

  /** "<100", "100-249", ..., ">=1000" for bounds [100, 250, 500, 1000]. */
  static Column sizeBand(Column size, List<Integer> bounds) {
    Column band = lit(">=" + bounds.get(bounds.size() - 1));
    for (int i = bounds.size() - 1; i >= 0; i--) {
      String label = i == 0 ? "<" + bounds.get(0) : bounds.get(i - 1) + "-" + (bounds.get(i) - 1);
      band = when(size.lt(bounds.get(i)), lit(label)).otherwise(band);
    }
    return band;
  }

  /** "10-15%" for 12.3 with width 5; null when the school has no pupil with a tier. */
  static Column shareBand(Column share, int width) {
    Column low = floor(share.divide(width)).multiply(width).cast(IntegerType);
    return when(share.isNotNull(), concat(low.cast(StringType), lit("-"), low.plus(width).cast(StringType), lit("%")));
  }
}
