package nl.schoolmonitor.jobs.report;

import java.util.Map;

/** The Dutch words the report shows for the published codes; a code without a word is shown as it is. */
final class Labels {

  private Labels() {}

  static final Map<String, String> LEVELS = Map.ofEntries(
      Map.entry("region", "Regio"),
      Map.entry("municipality", "Gemeente"),
      Map.entry("swv", "Samenwerkingsverband"),
      Map.entry("school", "School"),
      Map.entry("board", "Bestuur"),
      Map.entry("class", "Klas"),
      Map.entry("year_group", "Leerjaar"),
      Map.entry("rmc_region", "RMC-regio"),
      Map.entry("residence_municipality", "Woongemeente"),
      Map.entry("municipality_sector", "Gemeente per sector"),
      Map.entry("region_sector", "Regio per sector"));

  static final Map<String, String> WINDOWS = Map.of(
      "school_year_to_date", "Schooljaar tot nu toe",
      "rolling_12_weeks", "Laatste 12 schoolweken",
      "rolling_4_weeks", "Laatste 4 schoolweken");

  /** The order on the page: the school year to date first, the window the norm is set for. */
  static final String[] WINDOW_ORDER = {"school_year_to_date", "rolling_12_weeks", "rolling_4_weeks"};

  /** The flags of flags.csv in their column order (CONTRACT.md section 6, DOMAIN.md section 5). */
  static final String[][] FLAGS = {
      {"reportable_16h", "Meldingsplichtig verzuim (16 uur ongeoorloofd in 4 schoolweken)"},
      {"mazl", "M@ZL-signaal (vaak of lang ziek gemeld)"},
      {"long_absence", "Langdurig afwezig zonder toestemming (mogelijke thuiszitter)"},
      {"late_pattern", "Patroon van te laat komen"},
      {"holiday_adjacent_absence", "Ongeoorloofd afwezig rond een vakantie"},
  };

  static final Map<String, String> PATTERN_DIMENSIONS = Map.of(
      "weekday", "Weekdag",
      "year_group", "Leerjaar",
      "holiday", "Eerste schooldag na een vakantie",
      "category", "Soort afwezigheid",
      "sector", "Sector",
      "special_needs", "Extra ondersteuning",
      "nt2", "NT2 (Nederlands als tweede taal)",
      "pupil_weight", "Leerlinggewicht",
      "mbo_level", "MBO-niveau");

  static final Map<String, String> PATTERN_VALUES = Map.ofEntries(
      Map.entry("monday", "maandag"), Map.entry("tuesday", "dinsdag"), Map.entry("wednesday", "woensdag"),
      Map.entry("thursday", "donderdag"), Map.entry("friday", "vrijdag"),
      Map.entry("first_day_after_holiday", "eerste dag na vakantie"), Map.entry("other_day", "andere dagen"),
      Map.entry("sick", "ziek"), Map.entry("medical", "medisch"), Map.entry("leave", "verlof"),
      Map.entry("luxury_leave", "luxeverzuim"), Map.entry("unauthorised", "ongeoorloofd"),
      Map.entry("suspended", "geschorst"), Map.entry("removed_from_class", "uit de les gestuurd"),
      Map.entry("late", "te laat"), Map.entry("yes", "ja"), Map.entry("no", "nee"), Map.entry("unknown", "onbekend"));

  static final Map<String, String> STATUS = Map.of(
      "ok", "in orde",
      "warning", "waarschuwing",
      "error", "fout");

  static final Map<String, String> REASONS = Map.ofEntries(
      Map.entry("no_files", "geen bestanden ontvangen"),
      Map.entry("rejected_files", "bestanden afgewezen"),
      Map.entry("quarantined_records", "regels in quarantaine"),
      Map.entry("stale_registrations", "al een tijd geen registraties"),
      Map.entry("unmapped_codes", "onbekende verzuimcodes"),
      Map.entry("enrolment_overlaps", "dubbele inschrijvingen"),
      Map.entry("silent_registration", "klassen of leerjaren zonder registraties"),
      Map.entry("no_enrolled_pupils", "geen ingeschreven leerlingen"),
      Map.entry("no_events", "geen enkele registratie"),
      Map.entry("silent_classes", "stille klassen"),
      Map.entry("silent_year_groups", "stille leerjaren"));

  /** The outcomes of the research extract's models (PredictorModel, ResearchExtract). */
  static final Map<String, String> OUTCOMES = Map.of(
      "tier3_this_year", "Niveau 3 in dit schooljaar",
      "later_leerplicht_report", "Melding bij leerplicht in het volgende schooljaar",
      "later_thuiszitter", "Thuiszitter (LRV of absoluut verzuim) in het volgende schooljaar",
      "later_vsv", "Voortijdig schoolverlaten (VSV) in het volgende schooljaar");

  static final Map<String, String> MODELS = Map.of(
      "logistic_regression", "Logistische regressie",
      "gradient_boosted_trees", "Gradient-boosted trees");

  /**
   * The predictors of PredictorModel.predictors, each against its reference category: PO,
   * Leerlinggewicht 0, jongen of X, niveau 1 (vorig en dit schooljaar).
   */
  static final Map<String, String> PREDICTORS = Map.ofEntries(
      Map.entry("sector_so", "Sector SO (tegenover PO)"), Map.entry("sector_vo", "Sector VO (tegenover PO)"),
      Map.entry("sector_vso", "Sector VSO (tegenover PO)"), Map.entry("sector_mbo", "Sector MBO (tegenover PO)"),
      Map.entry("po_groep_1_2", "PO/SO groep 1-2"), Map.entry("vo_leerjaar_2_plus", "VO/VSO leerjaar 2 of hoger"),
      Map.entry("mbo_niveau_1_2", "MBO niveau 1 of 2"),
      Map.entry("weight_0_3", "Leerlinggewicht 0,3 (tegenover 0)"),
      Map.entry("weight_1_2", "Leerlinggewicht 1,2 (tegenover 0)"),
      Map.entry("special_needs", "Extra ondersteuning"), Map.entry("nt2", "NT2 (Nederlands als tweede taal)"),
      Map.entry("sex_v", "Meisje (tegenover jongen of X)"),
      Map.entry("previous_tier_2", "Vorig schooljaar niveau 2 (tegenover niveau 1)"),
      Map.entry("previous_tier_3", "Vorig schooljaar niveau 3 (tegenover niveau 1)"),
      Map.entry("previous_tier_unknown", "Vorig schooljaar geen niveau bekend"),
      Map.entry("tier_2", "Dit schooljaar niveau 2 (tegenover niveau 1)"),
      Map.entry("tier_3", "Dit schooljaar niveau 3 (tegenover niveau 1)"),
      Map.entry("(intercept)", "Constante: de odds van de referentieleerling"));

  static String of(Map<String, String> words, String code) {
    return code == null ? "" : words.getOrDefault(code, code);
  }

  /** A published {@code reasons} list ("a, b") in words. */
  static String reasons(String published) {
    if (published == null || published.isBlank()) {
      return "";
    }
    return String.join(", ", java.util.Arrays.stream(published.split(",")).map(String::strip)
        .map(r -> of(REASONS, r)).toList());
  }
}
