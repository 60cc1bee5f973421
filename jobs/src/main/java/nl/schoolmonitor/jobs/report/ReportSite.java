package nl.schoolmonitor.jobs.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The static HTML report of one publication folder: {@code site/index.html} and one page per
 * region, municipality, samenwerkingsverband and school, built from the published CSVs only (so
 * it shows exactly what was published, suppressed cells included). The pages open from disk:
 * Chart.js and the page script are copied next to them, nothing is fetched.
 */
public final class ReportSite {

  /** The levels that get a page, in the order of the index. */
  static final List<String> PAGE_LEVELS = List.of("region", "municipality", "swv", "school");

  private static final Map<String, String> FILE_PREFIX = Map.of(
      "region", "regio", "municipality", "gemeente", "swv", "swv", "school", "school");

  /** Tier colours of the pyramid as the seeds name them: green, yellow/orange, red (DOMAIN.md section 2). */
  private static final String GREEN = "#2e7d32";
  private static final String YELLOW = "#f9a825";
  private static final String RED = "#c62828";

  private static final List<String> ASSETS = List.of("chart.umd.min.js", "chart.js-LICENSE.md", "report.js", "report.css");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path publication;
  private final PublishedCsv pyramid;
  private final PublishedCsv flags;
  private final PublishedCsv trend;
  private final PublishedCsv yearOverYear;
  private final PublishedCsv patterns;
  private final PublishedCsv qualitySchools;
  private final PublishedCsv qualityWeekly;
  private final PublishedCsv qualityCodes;
  private final PublishedCsv qualityFiles;
  /** Per level without a page, the lines of the unit files read that it has: named in the index. */
  private final Map<String, Integer> linesWithoutPage = new LinkedHashMap<>();
  private final Template pageTemplate;
  private final Template indexTemplate;

  private ReportSite(Path publication) {
    this.publication = publication;
    if (!Files.isRegularFile(publication.resolve("pyramid.csv"))) {
      throw new IllegalArgumentException("No pyramid.csv in " + publication
          + ": give a publication folder, <publish>/<school_year>/<reference_date>, e.g. work/demo/publish/2025-2026/2026-03-27");
    }
    // Only the levels with a page: the classes and year groups are most of the lines of a large region.
    Set<String> pages = Set.copyOf(PAGE_LEVELS);
    pyramid = PublishedCsv.read(publication, "pyramid.csv", pages);
    flags = PublishedCsv.read(publication, "flags.csv", pages);
    trend = PublishedCsv.read(publication, "trend_weekly.csv", pages);
    yearOverYear = PublishedCsv.read(publication, "trend_year_over_year.csv", pages);
    patterns = PublishedCsv.read(publication, "patterns.csv", pages);
    qualitySchools = PublishedCsv.read(publication, "data_quality_schools.csv");
    qualityWeekly = PublishedCsv.read(publication, "data_quality_weekly.csv");
    qualityCodes = PublishedCsv.read(publication, "data_quality_codes.csv");
    qualityFiles = PublishedCsv.read(publication, "data_quality_files.csv");
    for (PublishedCsv file : List.of(pyramid, flags, trend, yearOverYear, patterns)) {
      file.linesLeftOut().forEach((level, lines) -> linesWithoutPage.merge(level, lines, Integer::sum));
    }
    Mustache.Compiler compiler = Mustache.compiler().withLoader(ReportSite::resourceReader)
        .zeroIsFalse(true).emptyStringIsFalse(true);
    pageTemplate = compiler.compile(resourceReader("page"));
    indexTemplate = compiler.compile(resourceReader("index"));
  }

  /**
   * Writes {@code <publicationFolder>/site/} from the CSVs in the folder and returns the path of
   * its {@code index.html}. Called by {@code monitor report} and after a weekly run's publication.
   */
  public static Path write(Path publicationFolder) throws IOException {
    return new ReportSite(publicationFolder.toAbsolutePath().normalize()).writeSite();
  }

  /**
   * The same for a publication folder given as a URI, as the weekly job holds it
   * ({@code fs.makeQualified(out).toUri()}): written when the folder is on the local file system
   * ({@code file:}), skipped (empty) on a cluster file system, where {@code monitor report} can be
   * run on a local copy.
   */
  public static java.util.Optional<Path> writeIfLocal(java.net.URI publicationFolder) throws IOException {
    if (publicationFolder.getScheme() != null && !"file".equals(publicationFolder.getScheme())) {
      return java.util.Optional.empty();
    }
    Path folder = publicationFolder.getScheme() == null ? Path.of(publicationFolder.getPath()) : Path.of(publicationFolder);
    return java.util.Optional.of(write(folder));
  }

  private Path writeSite() throws IOException {
    Path site = publication.resolve("site");
    copyAssets(site);
    List<Unit> units = units();
    for (Unit unit : units) {
      Files.writeString(site.resolve(unit.fileName()), pageTemplate.execute(page(unit, units)), StandardCharsets.UTF_8);
    }
    Path index = site.resolve("index.html");
    Files.writeString(index, indexTemplate.execute(index(units)), StandardCharsets.UTF_8);
    return index;
  }

  /** Chart.js, its licence, the page script and the stylesheet into {@code <folder>/assets/}. */
  static void copyAssets(Path folder) throws IOException {
    Files.createDirectories(folder.resolve("assets"));
    for (String asset : ASSETS) {
      try (InputStream in = resource("assets/" + asset)) {
        Files.copy(in, folder.resolve("assets").resolve(asset), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** A unit with a page: one level's code and name. */
  record Unit(String level, String code, String name) {
    String fileName() {
      return FILE_PREFIX.get(level) + "-" + code.replaceAll("[^A-Za-z0-9_-]", "_") + ".html";
    }
  }

  private List<Unit> units() {
    List<Unit> units = new ArrayList<>();
    for (String level : PAGE_LEVELS) {
      pyramid.where(r -> level.equals(r.get("level"))).stream()
          .map(r -> new Unit(level, r.get("unit_code"), r.get("unit_name")))
          .distinct()
          .sorted(Comparator.comparing(Unit::name).thenComparing(Unit::code))
          .forEach(units::add);
    }
    return units;
  }

  private Map<String, Object> header() {
    Map<String, String> first = pyramid.rows().isEmpty() ? Map.of() : pyramid.rows().get(0);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("schoolYear", first.getOrDefault("school_year", ""));
    model.put("referenceDate", first.getOrDefault("reference_date", ""));
    return model;
  }

  private Map<String, Object> index(List<Unit> units) {
    Map<String, Object> model = header();
    List<Map<String, Object>> levels = new ArrayList<>();
    for (String level : PAGE_LEVELS) {
      List<Unit> ofLevel = units.stream().filter(u -> u.level().equals(level)).toList();
      if (!ofLevel.isEmpty()) {
        levels.add(Map.of("label", Labels.of(Labels.LEVELS, level), "rows", comparison(ofLevel)));
      }
    }
    model.put("levels", levels);
    model.put("linesWithoutPage", linesWithoutPage());
    return model;
  }

  /** The sentence that says which lines of the files have no page here, or empty when all have. */
  private String linesWithoutPage() {
    if (linesWithoutPage.isEmpty()) {
      return "";
    }
    long lines = linesWithoutPage.values().stream().mapToLong(Integer::longValue).sum();
    String levels = linesWithoutPage.keySet().stream().map(level -> Labels.of(Labels.LEVELS, level))
        .collect(Collectors.joining(", "));
    return String.format(Locale.forLanguageTag("nl"), "Niet op deze pagina's, wel in de CSV-bestanden en de Excel-werkmap: "
        + "%,d regels van de niveaus %s.", lines, levels);
  }

  private Map<String, Object> page(Unit unit, List<Unit> units) {
    Map<String, Object> model = header();
    model.put("levelLabel", Labels.of(Labels.LEVELS, unit.level()));
    model.put("unitCode", unit.code());
    model.put("unitName", unit.name());
    model.put("pyramids", pyramids(unit));
    model.put("trend", trend(unit));
    model.put("flags", flags(unit));
    model.put("patterns", patterns(unit));
    model.put("quality", unit.level().equals("school") ? quality(unit.code()) : List.of());
    // The region page compares its municipalities and samenwerkingsverbanden (the policy question).
    List<Map<String, Object>> comparisons = new ArrayList<>();
    if (unit.level().equals("region")) {
      for (String level : List.of("municipality", "swv")) {
        List<Unit> ofLevel = units.stream().filter(u -> u.level().equals(level)).toList();
        if (!ofLevel.isEmpty()) {
          String title = level.equals("swv") ? "Samenwerkingsverbanden vergeleken" : "Gemeenten vergeleken";
          comparisons.add(Map.of("title", title, "rows", comparison(ofLevel)));
        }
      }
    }
    model.put("comparisons", comparisons);
    return model;
  }

  /** One line per unit: its school-year-to-date pyramid in numbers, with a link to its page. */
  private List<Map<String, Object>> comparison(List<Unit> units) {
    Map<String, Map<String, String>> yearToDate = pyramid.where(r -> "school_year_to_date".equals(r.get("window")))
        .stream().collect(Collectors.toMap(r -> r.get("level") + "|" + r.get("unit_code"), Function.identity(), (a, b) -> a));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Unit u : units) {
      Map<String, String> r = yearToDate.getOrDefault(u.level() + "|" + u.code(), Map.of());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("href", u.fileName());
      row.put("name", u.name());
      row.put("code", u.code());
      row.put("pupils", Cell.of(r.get("pupils")));
      row.put("tier1Pct", Cell.of(r.get("tier1_pct")));
      row.put("tier2Pct", Cell.of(r.get("tier2_pct")));
      row.put("tier3Pct", Cell.of(r.get("tier3_pct")));
      rows.add(row);
    }
    return rows;
  }

  private List<Map<String, Object>> pyramids(Unit unit) {
    Map<String, Map<String, String>> byWindow = pyramid.ofUnit(unit.level(), unit.code()).stream()
        .collect(Collectors.toMap(r -> r.get("window"), Function.identity(), (a, b) -> a));
    List<Map<String, Object>> windows = new ArrayList<>();
    for (String window : Labels.WINDOW_ORDER) {
      Map<String, String> r = byWindow.get(window);
      if (r == null) {
        continue;
      }
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("id", window);
      model.put("windowLabel", Labels.of(Labels.WINDOWS, window));
      model.put("pupils", Cell.of(r.get("pupils")));
      model.put("insufficientDays", Cell.of(r.get("insufficient_days")));
      List<Map<String, Object>> tiers = new ArrayList<>();
      String[][] tierRows = {
          {"3", "Niveau 3: 10% of meer gemist (rood, intensieve aanpak)", "rood"},
          {"2", "Niveau 2: 5 tot 10% gemist (geel/oranje, gerichte aanpak)", "geel"},
          {"1", "Niveau 1: hoogstens 5% gemist (groen, voor iedereen)", "groen"}};
      for (String[] t : tierRows) {
        Map<String, Object> tier = new LinkedHashMap<>();
        tier.put("label", t[1]);
        tier.put("colour", t[2]);
        tier.put("count", Cell.of(r.get("tier" + t[0])));
        tier.put("pct", Cell.of(r.get("tier" + t[0] + "_pct")));
        tier.put("norm", Cell.of(r.get("norm_tier" + t[0] + "_pct")));
        tier.put("diff", Cell.of(r.get("diff_tier" + t[0] + "_pp")));
        tiers.add(tier);
      }
      model.put("tiers", tiers);
      List<String> labels = List.of("Niveau 3 (rood)", "Niveau 2 (geel/oranje)", "Niveau 1 (groen)");
      List<String> colours = List.of(RED, YELLOW, GREEN);
      model.put("actualChart", json(chart("pyramid", "Werkelijk", labels, colours,
          values(r, "tier3_pct", "tier2_pct", "tier1_pct"))));
      model.put("normChart", json(chart("pyramid", "Norm", labels, colours,
          values(r, "norm_tier3_pct", "norm_tier2_pct", "norm_tier1_pct"))));
      model.put("hasSuppressed", r.values().stream().anyMatch(Cell.SUPPRESSED::equalsIgnoreCase));
      windows.add(model);
    }
    return windows;
  }

  private static List<Double> values(Map<String, String> row, String... columns) {
    List<Double> values = new ArrayList<>();
    for (String column : columns) {
      values.add(Cell.number(row.get(column)));
    }
    return values;
  }

  private static Map<String, Object> chart(String kind, String title, List<String> labels, List<String> colours,
      List<Double> values) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("kind", kind);
    chart.put("title", title);
    chart.put("labels", labels);
    chart.put("colours", colours);
    chart.put("values", values);
    return chart;
  }

  /** The weekly trend of this school year, with the same ISO week of the previous school year where published. */
  private List<Map<String, Object>> trend(Unit unit) {
    List<Map<String, String>> weeks = trend.ofUnit(unit.level(), unit.code()).stream()
        .sorted(Comparator.comparing((Map<String, String> r) -> r.get("week_start"))).toList();
    if (weeks.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, String>> previous = yearOverYear.ofUnit(unit.level(), unit.code()).stream()
        .collect(Collectors.toMap(r -> r.get("week_start"), Function.identity(), (a, b) -> a));
    List<String> labels = weeks.stream().map(r -> r.get("week_start")).toList();
    List<Double> previousAbsence = labels.stream()
        .map(w -> Cell.number(previous.getOrDefault(w, Map.of()).get("previous_absence_pct"))).toList();
    List<Double> previousTier3 = labels.stream()
        .map(w -> Cell.number(previous.getOrDefault(w, Map.of()).get("previous_tier3_pct"))).toList();
    boolean hasPrevious = previousAbsence.stream().anyMatch(Objects::nonNull) || previousTier3.stream().anyMatch(Objects::nonNull);

    List<Map<String, Object>> absenceSeries = new ArrayList<>();
    absenceSeries.add(series("Verzuim dit schooljaar (%)", column(weeks, "absence_pct"), "#1f4e79", false));
    absenceSeries.add(series("waarvan ongeoorloofd (%)", column(weeks, "unauthorised_pct"), RED, false));
    absenceSeries.add(series("waarvan ziek (%)", column(weeks, "sick_pct"), YELLOW, false));
    if (hasPrevious) {
      absenceSeries.add(series("Verzuim vorig schooljaar, zelfde week (%)", previousAbsence, "#7f7f7f", true));
    }
    List<Map<String, Object>> tier3Series = new ArrayList<>();
    tier3Series.add(series("Aandeel niveau 3 dit schooljaar (%)", column(weeks, "tier3_pct"), RED, false));
    if (hasPrevious) {
      tier3Series.add(series("Aandeel niveau 3 vorig schooljaar (%)", previousTier3, "#7f7f7f", true));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, String> w : weeks) {
      Map<String, String> p = previous.getOrDefault(w.get("week_start"), Map.of());
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("week", w.get("week_start"));
      row.put("pupils", Cell.of(w.get("pupils")));
      row.put("absencePct", Cell.of(w.get("absence_pct")));
      row.put("unauthorisedPct", Cell.of(w.get("unauthorised_pct")));
      row.put("sickPct", Cell.of(w.get("sick_pct")));
      row.put("tier3Pct", Cell.of(w.get("tier3_pct")));
      row.put("previousAbsencePct", Cell.of(p.get("previous_absence_pct")));
      rows.add(row);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("absenceChart", json(lineChart(labels, absenceSeries)));
    model.put("tier3Chart", json(lineChart(labels, tier3Series)));
    model.put("hasPrevious", hasPrevious);
    model.put("rows", rows);
    return List.of(model);
  }

  private static List<Double> column(List<Map<String, String>> rows, String column) {
    return rows.stream().map(r -> Cell.number(r.get(column))).toList();
  }

  private static Map<String, Object> series(String label, List<Double> values, String colour, boolean dashed) {
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("label", label);
    series.put("values", values);
    series.put("colour", colour);
    series.put("dashed", dashed);
    return series;
  }

  private static Map<String, Object> lineChart(List<String> labels, List<Map<String, Object>> series) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("kind", "trend");
    chart.put("labels", labels);
    chart.put("series", series);
    return chart;
  }

  private List<Map<String, Object>> flags(Unit unit) {
    List<Map<String, String>> rows = flags.ofUnit(unit.level(), unit.code());
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, String> r = rows.get(0);
    List<Map<String, Object>> lines = new ArrayList<>();
    for (String[] flag : Labels.FLAGS) {
      if (r.containsKey(flag[0])) {
        lines.add(Map.of("label", flag[1], "pupils", Cell.of(r.get(flag[0]))));
      }
    }
    return List.of(Map.of("pupils", Cell.of(r.get("pupils")), "lines", lines));
  }

  private List<Map<String, Object>> patterns(Unit unit) {
    Map<String, List<Map<String, String>>> byDimension = new LinkedHashMap<>();
    for (Map<String, String> r : patterns.ofUnit(unit.level(), unit.code())) {
      byDimension.computeIfAbsent(r.get("dimension"), d -> new ArrayList<>()).add(r);
    }
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Map.Entry<String, List<Map<String, String>>> e : byDimension.entrySet()) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Map<String, String> r : e.getValue()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("value", Labels.of(Labels.PATTERN_VALUES, r.get("value")));
        row.put("pupils", Cell.of(r.get("pupils")));
        row.put("absencePct", Cell.of(r.get("absence_pct")));
        row.put("unauthorisedPct", Cell.of(r.get("unauthorised_pct")));
        row.put("missedSharePct", Cell.of(r.get("missed_share_pct")));
        rows.add(row);
      }
      groups.add(Map.of("dimension", Labels.of(Labels.PATTERN_DIMENSIONS, e.getKey()), "rows", rows));
    }
    return groups;
  }

  /** The data-quality status of a school's exports (RULES.md section 10). */
  private List<Map<String, Object>> quality(String brin) {
    List<Map<String, String>> schoolRows = qualitySchools.with("brin_vestiging", brin);
    Map<String, Object> model = new LinkedHashMap<>();
    Map<String, String> r = schoolRows.isEmpty() ? Map.of() : schoolRows.get(0);
    model.put("known", !schoolRows.isEmpty());
    model.put("status", r.getOrDefault("status", ""));
    model.put("statusLabel", Labels.of(Labels.STATUS, r.getOrDefault("status", "")));
    model.put("reasons", Labels.reasons(r.get("reasons")));
    List<Map<String, Object>> facts = new ArrayList<>();
    String[][] factColumns = {
        {"files_in_bronze", "Bestanden verwerkt"}, {"files_duplicate", "Dubbel aangeleverde bestanden"},
        {"files_rejected", "Afgewezen bestanden"}, {"rows_read", "Regels gelezen"},
        {"rows_accepted", "Regels geaccepteerd"}, {"rows_quarantined", "Regels in quarantaine"},
        {"enrolled_pupils", "Ingeschreven leerlingen"}, {"last_registration_date", "Laatste registratie"},
        {"school_days_since_last_registration", "Schooldagen sinds laatste registratie"},
        {"unmapped_codes", "Onbekende verzuimcodes"}, {"unmapped_code_list", "Welke codes"},
        {"pupils_enrolled_twice_here", "Leerlingen dubbel ingeschreven op deze school"},
        {"pupils_enrolled_elsewhere_too", "Leerlingen ook elders ingeschreven"}};
    for (String[] f : factColumns) {
      if (r.containsKey(f[0])) {
        facts.add(Map.of("label", f[1], "value", Cell.of(r.get(f[0]))));
      }
    }
    // Quarantine per rule: only the rules that caught something.
    r.entrySet().stream().filter(e -> e.getKey().startsWith("quarantined_"))
        .filter(e -> Cell.number(e.getValue()) == null || Cell.number(e.getValue()) != 0.0)
        .forEach(e -> facts.add(Map.of("label", "Quarantaine, regel " + e.getKey().substring("quarantined_".length()),
            "value", Cell.of(e.getValue()))));
    model.put("facts", facts);
    model.put("weeks", qualityWeekly.with("brin_vestiging", brin).stream()
        .sorted(Comparator.comparing((Map<String, String> w) -> w.get("week_start")).reversed())
        .map(w -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("week", w.get("week_start"));
          row.put("status", w.get("status"));
          row.put("statusLabel", Labels.of(Labels.STATUS, w.get("status")));
          row.put("enrolled", Cell.of(w.get("enrolled_pupils")));
          row.put("events", Cell.of(w.get("events")));
          row.put("coveragePct", Cell.of(w.get("pupil_days_with_events_pct")));
          row.put("silentClasses", w.getOrDefault("silent_class_codes", "").replace(';', ' '));
          row.put("reasons", Labels.reasons(w.get("reasons")));
          return row;
        }).toList());
    model.put("codes", qualityCodes.with("brin_vestiging", brin).stream().map(c -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("system", c.get("system"));
      row.put("code", c.get("source_code"));
      row.put("category", Labels.of(Labels.PATTERN_VALUES, c.get("category")));
      row.put("unmapped", "true".equals(c.get("unmapped")));
      row.put("events", Cell.of(c.get("events")));
      row.put("lastDate", c.getOrDefault("last_date", ""));
      return row;
    }).toList());
    model.put("files", qualityFiles.with("brin_vestiging", brin).stream().map(f -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("file", f.get("source_file"));
      row.put("status", f.get("status"));
      row.put("reason", f.getOrDefault("reason", ""));
      row.put("rowsRead", Cell.of(f.get("rows_read")));
      row.put("rowsQuarantined", Cell.of(f.get("rows_quarantined")));
      return row;
    }).toList());
    return List.of(model);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write chart data as JSON: " + e.getMessage(), e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = ReportSite.class.getResourceAsStream("/report/" + name);
    if (in == null) {
      throw new IllegalStateException("The jar lacks the report resource report/" + name + ": rebuild it (mvn package)");
    }
    return in;
  }

  static Reader resourceReader(String template) {
    return new InputStreamReader(resource(template + ".mustache"), StandardCharsets.UTF_8);
  }
}
