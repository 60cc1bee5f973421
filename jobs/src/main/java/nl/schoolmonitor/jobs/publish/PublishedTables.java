package nl.schoolmonitor.jobs.publish;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
