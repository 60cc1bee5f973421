package nl.schoolmonitor.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The research report on the tables of a tiny research extract folder
 * (src/test/resources/report/research: rows of the demo's tier-3 model, a made-up later_vsv model
 * and a predictor whose name holds HTML), without Spark.
 */
class ResearchReportTest {

  private static final List<String> FILES = List.of("summary.csv", "odds_ratios.csv", "model_metrics.csv",
      "calibration.csv", "feature_importance.csv");

  private static final String MALICIOUS = "<img src=x onerror=alert(1)>";

  @TempDir
  Path out;

  private String writeReport() throws IOException {
    for (String file : FILES) {
      try (InputStream in = ResearchReportTest.class.getResourceAsStream("/report/research/" + file)) {
        Files.copy(in, out.resolve(file));
      }
    }
    // A pupil-level row the page must never show.
    Files.writeString(out.resolve("extract.csv"), "research_key,school_year,sector\nPSEUDONYM4711,2025-2026,VO\n");
    Path index = ResearchReport.write(out);
    assertThat(index).isEqualTo(out.resolve("report/index.html"));
    return Files.readString(index, StandardCharsets.UTF_8);
  }

  @Test
  void describesTheExtractFromItsSummary() throws IOException {
    String page = writeReport();

    assertThat(page).contains("<title>Onderzoeksextract, peildatum 2026-03-27: modellen</title>",
        "<td>Rijen (leerling × schooljaar × schoollocatie)</td><td>5.076</td>",
        "<td>Leerlingen (pseudoniemen)</td><td>5.030</td>",
        "<td>Achtergehouden rijen (na generaliseren nog in een combinatie kleiner dan k)</td><td>3</td>",
        "<td>k (k-anonimiteit)</td><td>5</td>",
        "<code>school_year</code> <code>sector</code> <code>school_type</code>",
        "<code>school_size_band</code>",
        "<a href=\"../codebook.csv\">codebook.csv</a>", "<h2>Odds ratio's lezen</h2>");
  }

  @Test
  void showsEachOddsRatioWithItsIntervalAndPValueInDutchNotation() throws IOException {
    String page = writeReport();

    assertThat(page).contains(
        "<td><code>sector_so</code></td><td class=\"text\">Sector SO (tegenover PO)</td><td>2,97</td><td>1,22–7,21</td><td>0,016</td><td>30</td>",
        "<td><code>sector_mbo</code></td><td class=\"text\">Sector MBO (tegenover PO)</td><td>3,76</td><td>2,76–5,13</td><td>&lt; 0,001</td><td>1.172</td>",
        "<td><code>sex_v</code></td><td class=\"text\">Meisje (tegenover jongen of X)</td><td>0,81</td><td>0,68–0,97</td><td>0,024</td>",
        "<tr class=\"intercept\"><td><code>(intercept)</code></td><td class=\"text\">Constante: de odds van de referentieleerling</td>"
            + "<td>0,06</td><td>0,05–0,08</td>",
        // 4.2E-6 as the CSV writes a small double
        "<td><code>tier_3</code></td><td class=\"text\">Dit schooljaar niveau 3 (tegenover niveau 1)</td><td>5,00</td><td>2,52–9,93</td><td>&lt; 0,001</td><td>310</td>");
  }

  @Test
  void drawsAForestPlotPerOutcomeFromThePredictorsWithoutTheIntercept() throws IOException {
    String page = writeReport();

    assertThat(page).contains("<canvas data-chart=\"{&quot;kind&quot;:&quot;forest&quot;,&quot;labels&quot;:"
        + "[&quot;sector_so&quot;,&quot;sector_mbo&quot;,&quot;sex_v&quot;,");
    assertThat(page).contains("&quot;values&quot;:[5.0],&quot;low&quot;:[2.5178],&quot;high&quot;:[9.9289]}");
    assertThat(page.split("&quot;kind&quot;:&quot;forest&quot;", -1)).hasSize(3);
    assertThat(page).contains("<script src=\"assets/chart.umd.min.js\"></script>").doesNotContain("http://", "https://");
    assertThat(out.resolve("report/assets/chart.umd.min.js")).content().startsWith("/*!\n * Chart.js v4.6.1");
    assertThat(out.resolve("report/assets/report.js")).content().contains("forest: forest", "calibration: calibration");
    assertThat(out.resolve("report/assets/report.css")).exists();
  }

  @Test
  void comparesTheAucsOfLogisticRegressionAndTreesPerOutcome() throws IOException {
    String page = writeReport();

    assertThat(page).contains(
        "<tr><td>Niveau 3 in dit schooljaar</td><td>0,663</td><td>0,659</td><td>1.481</td><td>193</td></tr>",
        "<tr><td>Voortijdig schoolverlaten (VSV) in het volgende schooljaar</td><td>0,781</td><td>0,746</td>"
            + "<td>1.230</td><td>14</td></tr>",
        "<tr><td>Logistische regressie</td><td>0,663</td><td>3.547</td><td>1.481</td><td>193</td></tr>",
        "<tr><td>Gradient-boosted trees</td><td>0,659</td><td>3.547</td><td>1.481</td><td>193</td></tr>");
    // The outcomes in the order the job fitted them.
    assertThat(page.indexOf("id=\"uitkomst-1\"")).isLessThan(page.indexOf("id=\"uitkomst-2\""));
    assertThat(page).contains("<section class=\"outcome\" id=\"uitkomst-2\">\n  <h2>Voortijdig schoolverlaten (VSV)"
        + " in het volgende schooljaar <small>(<code>later_vsv</code>)</small></h2>");
  }

  @Test
  void showsTheCalibrationByDecileAsTableAndChart() throws IOException {
    String page = writeReport();

    assertThat(page).contains("<tr><td>1</td><td>149</td><td>4,8%</td><td>6,0%</td></tr>",
        "<tr><td>10</td><td>148</td><td>22,1%</td><td>29,1%</td></tr>",
        "<tr><td>1</td><td>123</td><td>0,2%</td><td>0,0%</td></tr>",
        "{&quot;kind&quot;:&quot;calibration&quot;,&quot;labels&quot;:[&quot;1&quot;,&quot;2&quot;,&quot;10&quot;],"
            + "&quot;predicted&quot;:[4.792432184339119,");
  }

  @Test
  void listsTheFeatureImportancesOfTheTreesLargestFirst() throws IOException {
    String page = writeReport();

    int mbo = page.indexOf("<tr><td><code>sector_mbo</code></td><td class=\"text\">Sector MBO (tegenover PO)</td><td>0,232</td></tr>");
    int sex = page.indexOf("<tr><td><code>sex_v</code></td><td class=\"text\">Meisje (tegenover jongen of X)</td><td>0,219</td></tr>");
    int so = page.indexOf("<tr><td><code>sector_so</code></td><td class=\"text\">Sector SO (tegenover PO)</td><td>0,028</td></tr>");
    assertThat(mbo).isPositive();
    assertThat(sex).isGreaterThan(mbo);
    assertThat(so).isGreaterThan(sex);
  }

  @Test
  void escapesEveryValueAndShowsNoPupilLevelData() throws IOException {
    String page = writeReport();

    assertThat(page).doesNotContain(MALICIOUS, "<img", "PSEUDONYM4711")
        .contains("<td><code>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</code></td>"
            + "<td class=\"text\">&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</td><td>1,64</td><td>1,19–2,27</td><td>&lt; 0,001</td>")
        // in the chart data too: JSON inside an attribute, escaped
        .contains("&quot;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;&quot;");
  }

  @Test
  void saysSoWhenNoOutcomeHadAModel() throws IOException {
    Files.writeString(out.resolve("summary.csv"), "reference_date,rows,pupils,withheld_rows,k,quasi_identifiers\n"
        + "2026-03-27,12,10,0,5,sector\n");
    for (String file : List.of("odds_ratios.csv", "model_metrics.csv", "calibration.csv", "feature_importance.csv")) {
      Files.writeString(out.resolve(file), "outcome\n");
    }

    String page = Files.readString(ResearchReport.write(out), StandardCharsets.UTF_8);

    assertThat(page).contains("<p>Geen modellen: geen enkele uitkomst had genoeg gevallen", "<code>sector</code>")
        .doesNotContain("data-chart", "class=\"outcome\"");
  }

  @Test
  void refusesAFolderWithoutSummaryAndSkipsAClusterFileSystem() throws IOException {
    assertThatThrownBy(() -> ResearchReport.write(out)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No summary.csv in " + out.toAbsolutePath().normalize());
    assertThat(ResearchReport.writeIfLocal(java.net.URI.create("hdfs://namenode/research/project-1"))).isEmpty();
  }

  @Test
  void formatsModelValuesInDutchNotation() {
    assertThat(ResearchReport.decimal("2.9651626398950333", 2)).isEqualTo("2,97");
    assertThat(ResearchReport.decimal("1234.5", 2)).isEqualTo("1.234,50");
    assertThat(ResearchReport.decimal("", 2)).isEqualTo("–");
    assertThat(ResearchReport.decimal("NaN", 2)).isEqualTo("NaN");
    assertThat(ResearchReport.pValue("0.00099")).isEqualTo("< 0,001");
    assertThat(ResearchReport.pValue("0.001")).isEqualTo("0,001");
    assertThat(ResearchReport.pValue("1.0E-5")).isEqualTo("< 0,001");
    assertThat(ResearchReport.percent("0.06040268456375839")).isEqualTo("6,0%");
  }
}
