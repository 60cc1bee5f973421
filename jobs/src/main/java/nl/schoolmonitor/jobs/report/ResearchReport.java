package nl.schoolmonitor.jobs.report;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTML report of a research extract folder: {@code report/index.html}, one page with what the
 * extract is and, per outcome, the odds ratios (table and forest plot), the AUC of the logistic
 * regression and the trees, the calibration by decile and the trees' feature importances. Built
 * from the folder's aggregate CSVs only ({@code summary.csv} and the model tables), never from
 * {@code extract.csv}, so the page holds no pupil-level data. Chart.js and the page script are
 * copied next to it, as for the operational report ({@link ReportSite}); nothing is fetched.
 */
public final class ResearchReport {

  public static final String FOLDER = "report";

  private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");
  private static final String LOGISTIC = "logistic_regression";
  private static final String TREES = "gradient_boosted_trees";
  private static final String INTERCEPT = "(intercept)";

  private final Path extractFolder;
  private final PublishedCsv summary;
  private final PublishedCsv oddsRatios;
  private final PublishedCsv metrics;
  private final PublishedCsv calibration;
  private final PublishedCsv importances;

  private ResearchReport(Path extractFolder) {
    this.extractFolder = extractFolder;
    if (!Files.isRegularFile(extractFolder.resolve("summary.csv"))) {
      throw new IllegalArgumentException("No summary.csv in " + extractFolder
          + ": give the --out folder of `monitor research-extract`, e.g. work/demo/research");
    }
    summary = PublishedCsv.read(extractFolder, "summary.csv");
    oddsRatios = PublishedCsv.read(extractFolder, "odds_ratios.csv");
    metrics = PublishedCsv.read(extractFolder, "model_metrics.csv");
    calibration = PublishedCsv.read(extractFolder, "calibration.csv");
    importances = PublishedCsv.read(extractFolder, "feature_importance.csv");
  }

  /** Writes {@code <extractFolder>/report/} from the CSVs in the folder; returns its {@code index.html}. */
  public static Path write(Path extractFolder) throws IOException {
    return new ResearchReport(extractFolder.toAbsolutePath().normalize()).writeReport();
  }

  /**
   * The same for the folder as the job holds it ({@code fs.makeQualified(out).toUri()}): written on
   * the local file system, skipped (empty) on a cluster file system, as {@link ReportSite#writeIfLocal}.
   */
  public static Optional<Path> writeIfLocal(java.net.URI extractFolder) throws IOException {
    if (extractFolder.getScheme() != null && !"file".equals(extractFolder.getScheme())) {
      return Optional.empty();
    }
    return Optional.of(write(extractFolder.getScheme() == null ? Path.of(extractFolder.getPath()) : Path.of(extractFolder)));
  }

  private Path writeReport() throws IOException {
    Path folder = extractFolder.resolve(FOLDER);
    ReportSite.copyAssets(folder);
    Template template = Mustache.compiler().withLoader(ReportSite::resourceReader)
        .zeroIsFalse(true).emptyStringIsFalse(true).compile(ReportSite.resourceReader("research"));
    Path index = folder.resolve("index.html");
    Files.writeString(index, template.execute(model()), StandardCharsets.UTF_8);
    return index;
  }

  private Map<String, Object> model() {
    Map<String, String> s = summary.rows().isEmpty() ? Map.of() : summary.rows().get(0);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("referenceDate", s.getOrDefault("reference_date", ""));
    model.put("rows", Cell.of(s.get("rows")));
    model.put("pupils", Cell.of(s.get("pupils")));
    model.put("withheldRows", Cell.of(s.get("withheld_rows")));
    model.put("k", Cell.of(s.get("k")));
    String qis = s.getOrDefault("quasi_identifiers", "");
    model.put("quasiIdentifiers", qis.isBlank() ? List.of() : List.of(qis.split(";")));
    List<Map<String, Object>> outcomes = outcomes();
    model.put("outcomes", outcomes);
    model.put("aucs", outcomes.stream().map(o -> o.get("auc")).toList());
    return model;
  }

  /** The outcomes with a model, in the order the job fitted them. */
  private List<Map<String, Object>> outcomes() {
    Set<String> names = new LinkedHashSet<>();
    for (PublishedCsv table : List.of(oddsRatios, metrics, calibration, importances)) {
      table.rows().forEach(r -> names.add(r.get("outcome")));
    }
    List<Map<String, Object>> outcomes = new ArrayList<>();
    int n = 0;
    for (String outcome : names) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", "uitkomst-" + ++n);
      o.put("code", outcome);
      o.put("label", Labels.of(Labels.OUTCOMES, outcome));
      List<Map<String, String>> ors = oddsRatios.where(r -> outcome.equals(r.get("outcome")));
      Map<String, String> first = ors.isEmpty() ? Map.of() : ors.get(0);
      o.put("rows", Cell.of(first.get("rows")));
      o.put("positives", Cell.of(first.get("positives")));
      o.put("oddsRatios", ors.stream().map(ResearchReport::oddsRatio).toList());
      List<Map<String, String>> predictors = ors.stream().filter(r -> !INTERCEPT.equals(r.get("predictor"))).toList();
      Map<String, Object> forest = new LinkedHashMap<>();
      forest.put("kind", "forest");
      forest.put("labels", predictors.stream().map(r -> r.get("predictor")).toList());
      forest.put("values", predictors.stream().map(r -> number(r.get("odds_ratio"))).toList());
      forest.put("low", predictors.stream().map(r -> number(r.get("ci_low"))).toList());
      forest.put("high", predictors.stream().map(r -> number(r.get("ci_high"))).toList());
      o.put("hasForest", !predictors.isEmpty());
      o.put("forestChart", ReportSite.json(forest));
      o.put("forestHeight", String.format(Locale.ROOT, "%.1f", 4 + 1.6 * predictors.size()));
      o.put("auc", auc(outcome, o.get("label")));
      o.put("metrics", metrics.where(r -> outcome.equals(r.get("outcome"))).stream().map(r -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", Labels.of(Labels.MODELS, r.get("model")));
        m.put("auc", decimal(r.get("auc_test"), 3));
        m.put("rowsTrain", Cell.of(r.get("rows_train")));
        m.put("rowsTest", Cell.of(r.get("rows_test")));
        m.put("positivesTest", Cell.of(r.get("positives_test")));
        return m;
      }).toList());
      List<Map<String, String>> deciles = calibration.where(r -> outcome.equals(r.get("outcome")));
      o.put("calibration", deciles.stream().map(r -> {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("decile", r.get("decile"));
        d.put("rows", Cell.of(r.get("rows")));
        d.put("predicted", percent(r.get("mean_predicted")));
        d.put("observed", percent(r.get("observed_rate")));
        return d;
      }).toList());
      Map<String, Object> calibrationChart = new LinkedHashMap<>();
      calibrationChart.put("kind", "calibration");
      calibrationChart.put("labels", deciles.stream().map(r -> r.get("decile")).toList());
      calibrationChart.put("predicted", deciles.stream().map(r -> times100(number(r.get("mean_predicted")))).toList());
      calibrationChart.put("observed", deciles.stream().map(r -> times100(number(r.get("observed_rate")))).toList());
      o.put("calibrationChart", ReportSite.json(calibrationChart));
      o.put("importances", importances.where(r -> outcome.equals(r.get("outcome"))).stream()
          .sorted(Comparator.comparing((Map<String, String> r) -> number(r.get("importance")),
              Comparator.nullsLast(Comparator.reverseOrder())))
          .map(r -> {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("predictor", r.get("predictor"));
            i.put("label", Labels.of(Labels.PREDICTORS, r.get("predictor")));
            i.put("importance", decimal(r.get("importance"), 3));
            return i;
          }).toList());
      outcomes.add(o);
    }
    return outcomes;
  }

  private static Map<String, Object> oddsRatio(Map<String, String> r) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("predictor", r.get("predictor"));
    row.put("label", Labels.of(Labels.PREDICTORS, r.get("predictor")));
    row.put("intercept", INTERCEPT.equals(r.get("predictor")));
    row.put("oddsRatio", decimal(r.get("odds_ratio"), 2));
    row.put("ci", decimal(r.get("ci_low"), 2) + "–" + decimal(r.get("ci_high"), 2));
    row.put("p", pValue(r.get("p_value")));
    row.put("exposed", Cell.of(r.get("exposed")));
    return row;
  }

  /** One line of the AUC overview: both models of an outcome. */
  private Map<String, Object> auc(String outcome, Object label) {
    Map<String, String> logistic = metrics.where(r -> outcome.equals(r.get("outcome")) && LOGISTIC.equals(r.get("model")))
        .stream().findFirst().orElse(Map.of());
    Map<String, String> trees = metrics.where(r -> outcome.equals(r.get("outcome")) && TREES.equals(r.get("model")))
        .stream().findFirst().orElse(Map.of());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("label", label);
    row.put("logistic", decimal(logistic.get("auc_test"), 3));
    row.put("trees", decimal(trees.get("auc_test"), 3));
    row.put("rowsTest", Cell.of(logistic.getOrDefault("rows_test", trees.get("rows_test"))));
    row.put("positivesTest", Cell.of(logistic.getOrDefault("positives_test", trees.get("positives_test"))));
    return row;
  }

  /** A model value as the CSV writes it (Java's Double.toString, so also 1.0E-5), or null. */
  static Double number(String published) {
    if (published == null || published.isBlank()) {
      return null;
    }
    try {
      double d = Double.parseDouble(published.strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** In Dutch notation with a fixed number of decimals (1,85); a dash when empty, the text when not a number. */
  static String decimal(String published, int decimals) {
    Double d = number(published);
    if (d == null) {
      return published == null || published.isBlank() ? "–" : published.strip();
    }
    DecimalFormat format = new DecimalFormat("#,##0." + "0".repeat(decimals), DecimalFormatSymbols.getInstance(DUTCH));
    return format.format(d);
  }

  /** A p-value: three decimals, below 0,001 as {@code < 0,001} (the convention of journals). */
  static String pValue(String published) {
    Double p = number(published);
    return p != null && p < 0.001 ? "< 0,001" : decimal(published, 3);
  }

  /** A rate (0-1) as a percentage with one decimal: 6,0%. */
  static String percent(String published) {
    Double d = times100(number(published));
    return d == null ? decimal(published, 1) : decimal(Double.toString(d), 1) + "%";
  }

  private static Double times100(Double rate) {
    return rate == null ? null : rate * 100;
  }
}
