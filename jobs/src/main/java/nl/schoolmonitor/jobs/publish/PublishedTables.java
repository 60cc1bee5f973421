package nl.schoolmonitor.jobs.publish;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nl.schoolmonitor.gold.DataQuality;
import nl.schoolmonitor.gold.EarlyWarning;
import nl.schoolmonitor.gold.ExemptionCounts;
import nl.schoolmonitor.gold.FlagCounts;
import nl.schoolmonitor.gold.LeerplichtFollowup;
import nl.schoolmonitor.gold.LeerplichtMunicipality;
import nl.schoolmonitor.gold.LeerplichtReportCounts;
import nl.schoolmonitor.gold.Patterns;
import nl.schoolmonitor.gold.Pyramid;
import nl.schoolmonitor.gold.ReportMatch;
import nl.schoolmonitor.gold.TierMovement;
import nl.schoolmonitor.gold.TrendWeekly;
import nl.schoolmonitor.gold.TrendYearOverYear;
import nl.schoolmonitor.gold.Units;
import nl.schoolmonitor.gold.VsvHistory;
import nl.schoolmonitor.gold.VsvRates;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The tables of the weekly publication with the role of each column (README "Disclosure control
 * and the workbook"), so the job only hands over the ordered rows. The columns are those of the
 * gold tables (RULES.md); a role naming a column a table does not have fails at once.
 */
public final class PublishedTables {

  private static final String LEVEL = "level";
  private static final String UNIT = "unit_code";
  private static final List<String> UNIT_KEY = List.of("school_year", "reference_date", LEVEL, UNIT);
  private static final List<String> WEEK_KEY = List.of("school_year", "week_start", LEVEL, UNIT);

  /** The dimensions of {@code patterns.csv} whose values split a unit's pupils (each pupil has one value). */
  private static final Set<String> PUPIL_PARTITIONS = Set.of("year_group", "sector", "special_needs", "nt2",
      "pupil_weight", "mbo_level");
  /** The dimensions whose values split a unit's scheduled minutes (every category row repeats all of them). */
  private static final Set<String> DAY_PARTITIONS = Set.of("weekday", "year_group", "holiday", "sector",
      "special_needs", "nt2", "pupil_weight", "mbo_level");

  private PublishedTables() {}

  /** The SQL filter on the rows of one publication: a school year at one reference date. */
  public static String periodFilter(String schoolYear, LocalDate asOf) {
    return yearFilter(schoolYear) + " AND reference_date = DATE'" + asOf + "'";
  }

  /** The SQL filter on the rows of a school year (the trend tables keep every week of it). */
  public static String yearFilter(String schoolYear) {
    return "school_year = '" + schoolYear + "'";
  }

  /**
   * The tables of the publication of {@code schoolYear} at {@code asOf} that come from gold alone,
   * in publication order (the weekly job adds the files and the quarantine of its own run); every
   * one with a role passes the small-cell rule. {@code gold} reads a gold table by name.
   */
  public static List<PublishedTable> fromGold(Function<String, Dataset<Row>> gold, String schoolYear, LocalDate asOf) {
    String thisPeriod = periodFilter(schoolYear, asOf);
    String thisYear = yearFilter(schoolYear);
    return List.of(
        pyramid(gold.apply(Pyramid.TABLE).where(thisPeriod).orderBy(levelOrder(), col(UNIT), col("window"))),
        flags(gold.apply(FlagCounts.TABLE).where(thisPeriod).orderBy(levelOrder(), col(UNIT))),
        trendWeekly(gold.apply(TrendWeekly.TABLE).where(thisYear).orderBy(levelOrder(), col(UNIT), col("week_start"))),
        trendYearOverYear(gold.apply(TrendYearOverYear.TABLE).where(thisYear)
            .orderBy(levelOrder(), col(UNIT), col("week_start"))),
        tierMovement(gold.apply(TierMovement.TABLE).where(thisYear).orderBy(levelOrder(), col(UNIT), col("month"))),
        patterns(gold.apply(Patterns.TABLE).where(thisPeriod)
            .orderBy(levelOrder(), col(UNIT), col("dimension"), col("value"))),
        dataQualitySchools(gold.apply(DataQuality.SCHOOL_TABLE).where(thisPeriod).orderBy(DataQuality.BRIN_VESTIGING)),
        dataQualityWeekly(gold.apply(DataQuality.WEEKLY_TABLE).where(thisYear)
            .orderBy(DataQuality.BRIN_VESTIGING, DataQuality.WEEK_START)),
        leerplichtReports(gold.apply(LeerplichtReportCounts.TABLE)
            .orderBy("school_year", "residence_municipality", "verzuimsoort", "status")),
        leerplichtMunicipality(gold.apply(LeerplichtMunicipality.TABLE).orderBy("school_year", "residence_municipality")),
        leerplichtExemptions(gold.apply(ExemptionCounts.TABLE)
            .orderBy("school_year", "residence_municipality", "exemption_kind")),
        leerplichtFollowup(gold.apply(LeerplichtFollowup.TABLE).orderBy("school_year", "brin_vestiging")),
        leerplichtReportMatch(gold.apply(ReportMatch.TABLE).orderBy("school_year", "brin_vestiging")),
        vsvHistory(gold.apply(VsvHistory.TABLE).orderBy("vsv_school_year", "school_year")),
        earlyWarning(gold.apply(EarlyWarning.TABLE).orderBy("school_year", "signal", "outcome")),
        vsvRates(gold.apply(VsvRates.TABLE).orderBy(col("school_year"), levelOrder(), col(UNIT))),
        unprotected("data_quality_codes", gold.apply(DataQuality.CODES_TABLE).where(thisPeriod)
            .orderBy(DataQuality.BRIN_VESTIGING, DataQuality.SOURCE_CODE)));
  }

  /** Published rows run from the region down to the classes. */
  private static Column levelOrder() {
    return array_position(array(Units.LEVELS.stream().map(functions::lit).toArray(Column[]::new)), col(LEVEL));
  }

  /** {@code pyramid.csv}: pupils = tier1 + tier2 + tier3, percentages of pupils, differences from them. */
  public static PublishedTable pyramid(Dataset<Row> rows) {
    return pyramid(PublishedTable.of("pyramid", rows));
  }

  static PublishedTable pyramid(PublishedTable t) {
    return t.units(LEVEL, UNIT).slices("window")
        .counts("pupils", "insufficient_days", "tier1", "tier2", "tier3")
        .sum("pupils", "tier1", "tier2", "tier3")
        .percentage("tier1_pct", "tier1", "pupils")
        .percentage("tier2_pct", "tier2", "pupils")
        .percentage("tier3_pct", "tier3", "pupils")
        .follows("diff_tier1_pp", "tier1_pct")
        .follows("diff_tier2_pp", "tier2_pct")
        .follows("diff_tier3_pp", "tier3_pct");
  }

  /** {@code flags.csv}: pupils is the pyramid's pupils + insufficient_days of the school year to date. */
  public static PublishedTable flags(Dataset<Row> rows) {
    return flags(PublishedTable.of("flags", rows));
  }

  static PublishedTable flags(PublishedTable t) {
    return t.units(LEVEL, UNIT)
        .counts("pupils", "reportable_16h", "mazl", "long_absence", "late_pattern", "holiday_adjacent_absence")
        .sumOf("pupils", "pyramid", UNIT_KEY, Map.of("window", "school_year_to_date"), "pupils", "insufficient_days");
  }

  /**
   * {@code trend_weekly.csv}: the week's minutes and percentages are protected with the week's
   * {@code pupils} (the only head count the table has); {@code tier3_pct} implies a count of pupils.
   */
  public static PublishedTable trendWeekly(Dataset<Row> rows) {
    return trendWeekly(PublishedTable.of("trend_weekly", rows));
  }

  static PublishedTable trendWeekly(PublishedTable t) {
    // The week's minutes belong to the pupils with a school day that week; the tier share to those with a tier.
    return t.units(LEVEL, UNIT).slices("week_start")
        .counts("pupils", "enrolled_pupils")
        .amounts("enrolled_pupils", "scheduled_minutes", "missed_minutes")
        .rate("absence_pct", "enrolled_pupils", "missed_minutes", "scheduled_minutes")
        .rate("unauthorised_pct", "enrolled_pupils", "scheduled_minutes")
        .rate("sick_pct", "enrolled_pupils", "scheduled_minutes")
        .percentageOfPupils("tier3_pct", "pupils");
  }

  /** {@code trend_year_over_year.csv}: this year's figures are trend_weekly's and hidden as there. */
  public static PublishedTable trendYearOverYear(Dataset<Row> rows) {
    return trendYearOverYear(PublishedTable.of("trend_year_over_year", rows));
  }

  static PublishedTable trendYearOverYear(PublishedTable t) {
    return t.units(LEVEL, UNIT).slices("week_start")
        .counts("pupils", "previous_pupils")
        .rate("absence_pct", "pupils")
        .percentageOfPupils("tier3_pct", "pupils")
        .rate("previous_absence_pct", "previous_pupils")
        .percentageOfPupils("previous_tier3_pct", "previous_pupils")
        .follows("absence_pct_change", "absence_pct", "previous_absence_pct")
        .follows("tier3_pct_change", "tier3_pct", "previous_tier3_pct")
        .sameAs("trend_weekly", WEEK_KEY, "pupils", "absence_pct", "tier3_pct");
  }

  /** {@code tier_movement.csv}: both ends of a month add up from the movements. */
  public static PublishedTable tierMovement(Dataset<Row> rows) {
    return tierMovement(PublishedTable.of("tier_movement", rows));
  }

  static PublishedTable tierMovement(PublishedTable t) {
    return t.units(LEVEL, UNIT).slices("month")
        .counts("pupils_start", "pupils_end", "stayed", "moved_up", "moved_down", "entered", "left", "without_tier")
        .sum("pupils_start", "stayed", "moved_up", "moved_down", "without_tier", "left")
        .sum("pupils_end", "stayed", "moved_up", "moved_down", "without_tier", "entered");
  }

  /**
   * {@code patterns.csv}: minutes and percentages over the pupils of the value; the values of a
   * dimension split the unit's minutes (and, for subgroups, its pupils).
   */
  public static PublishedTable patterns(Dataset<Row> rows) {
    return patterns(PublishedTable.of("patterns", rows));
  }

  static PublishedTable patterns(PublishedTable t) {
    return t.units(LEVEL, UNIT).slices("dimension", "value")
        .counts("pupils")
        .amounts("pupils", "scheduled_minutes", "missed_minutes")
        .rate("absence_pct", "pupils", "missed_minutes", "scheduled_minutes")
        .rate("unauthorised_pct", "pupils", "scheduled_minutes")
        .rate("missed_share_pct", "pupils", "missed_minutes")
        .addsUpAcross("pupils", "value", "dimension", PUPIL_PARTITIONS)
        .addsUpAcross("missed_minutes", "value")
        .addsUpAcross("scheduled_minutes", "value", "dimension", DAY_PARTITIONS);
  }

  /** {@code data_quality_schools.csv}: about files; only its pupil counts are protected. */
  public static PublishedTable dataQualitySchools(Dataset<Row> rows) {
    return dataQualitySchools(PublishedTable.of("data_quality_schools", rows));
  }

  static PublishedTable dataQualitySchools(PublishedTable t) {
    return t.counts("enrolled_pupils", "pupils_enrolled_twice_here", "pupils_enrolled_elsewhere_too");
  }

  /** {@code data_quality_weekly.csv}: pupil counts protected, pupil days go with them. */
  public static PublishedTable dataQualityWeekly(Dataset<Row> rows) {
    return dataQualityWeekly(PublishedTable.of("data_quality_weekly", rows));
  }

  static PublishedTable dataQualityWeekly(PublishedTable t) {
    return t.counts("enrolled_pupils", "pupils_with_events")
        .follows("pupil_days", "enrolled_pupils")
        .follows("pupil_days_with_events", "pupils_with_events")
        .follows("pupil_days_with_events_pct", "pupil_days", "pupil_days_with_events");
  }

  /** {@code leerplicht_reports.csv}: reports and pupils reported per municipality, verzuimsoort and status. */
  public static PublishedTable leerplichtReports(Dataset<Row> rows) {
    return PublishedTable.of("leerplicht_reports", rows).counts("reports", "pupils");
  }

  /**
   * {@code leerplicht_municipality.csv}: the leerplichttelling per municipality of residence; the
   * BBV rates follow their pupil counts; the thuiszitters split into up to 3 months and longer.
   */
  public static PublishedTable leerplichtMunicipality(Dataset<Row> rows) {
    return PublishedTable.of("leerplicht_municipality", rows)
        .counts("reports", "pupils_reported", "pupils_reported_repeatedly", "repeat_reports", "relatief_verzuim_pupils",
            "absoluut_verzuim_pupils", "exempted_pupils", "thuiszitters", "thuiszitters_up_to_3_months",
            "thuiszitters_longer_than_3_months")
        .sum("thuiszitters", "thuiszitters_up_to_3_months", "thuiszitters_longer_than_3_months")
        .follows("relatief_verzuim_per_1000", "relatief_verzuim_pupils")
        .follows("absoluut_verzuim_per_1000", "absoluut_verzuim_pupils");
  }

  /** {@code leerplicht_exemptions.csv}: exemptions and pupils per municipality and kind. */
  public static PublishedTable leerplichtExemptions(Dataset<Row> rows) {
    return PublishedTable.of("leerplicht_exemptions", rows).counts("exemptions", "pupils");
  }

  /** {@code leerplicht_followup.csv}: per school, reportable pupils and whether a report followed. */
  public static PublishedTable leerplichtFollowup(Dataset<Row> rows) {
    return PublishedTable.of("leerplicht_followup", rows)
        .counts("reportable_pupils", "reported", "not_reported", "pending")
        .percentage("reported_pct", "reported", "reportable_pupils");
  }

  /** {@code leerplicht_report_match.csv}: per school, reports with and without school absence. */
  public static PublishedTable leerplichtReportMatch(Dataset<Row> rows) {
    return PublishedTable.of("leerplicht_report_match", rows)
        .counts("reports", "absence_registered", "no_absence_registered", "pupil_not_in_school_data");
  }

  /** {@code vsv_history.csv}: the VSV'ers of a year and their tier and flags in the years before. */
  public static PublishedTable vsvHistory(Dataset<Row> rows) {
    return PublishedTable.of("vsv_history", rows)
        .counts("vsv_pupils", "in_school_data", "tier1", "tier2", "tier3", "no_tier", "reportable_16h", "mazl",
            "long_absence", "late_pattern", "holiday_adjacent_absence", "leerplicht_report", "thuiszitter");
  }

  /** {@code early_warning.csv}: per signal and outcome the four counts, sensitivity and precision. */
  public static PublishedTable earlyWarning(Dataset<Row> rows) {
    return PublishedTable.of("early_warning", rows)
        .counts("pupils", "with_signal", "with_outcome", "with_signal_and_outcome")
        .percentage("sensitivity_pct", "with_signal_and_outcome", "with_outcome")
        .percentage("precision_pct", "with_signal_and_outcome", "with_signal");
  }

  /** {@code vsv_rates.csv}: VSV'ers next to the pyramid of the same units. */
  public static PublishedTable vsvRates(Dataset<Row> rows) {
    return PublishedTable.of("vsv_rates", rows).units(LEVEL, UNIT)
        .counts("vsv", "pupils", "tier1", "tier2", "tier3")
        .percentage("tier3_pct", "tier3", "pupils")
        .percentage("vsv_pct", "vsv", "pupils");
  }

  /** A table about files, codes or records, not pupils ({@code data_quality_codes}, {@code _files}, {@code _quarantine}). */
  public static PublishedTable unprotected(String name, Dataset<Row> rows) {
    return PublishedTable.of(name, rows);
  }
}
