package nl.schoolmonitor.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site generator on a tiny publication (src/test/resources/report/publication: the region
 * and school 07AB00 of the demo, with cells suppressed as {@code x}, a school name holding
 * HTML and previous-year figures added by hand).
 */
class ReportSiteTest {

  private static final List<String> FILES = List.of("pyramid.csv", "flags.csv", "trend_weekly.csv",
      "trend_year_over_year.csv", "patterns.csv", "data_quality_schools.csv", "data_quality_weekly.csv",
      "data_quality_codes.csv", "data_quality_files.csv");

  private static final String SUPPRESSED = "<span class=\"x\" title=\"Onderdrukt: te kleine aantallen\">x</span>";

  @TempDir
  Path publication;

  private Path writeSite() throws IOException {
    for (String file : FILES) {
      try (InputStream in = ReportSiteTest.class.getResourceAsStream("/report/publication/" + file)) {
        Files.copy(in, publication.resolve(file));
      }
    }
    return ReportSite.write(publication);
  }

  private String page(String name) throws IOException {
    return Files.readString(publication.resolve("site").resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void writesAnIndexAPagePerUnitAndTheChartLibraryNextToThem() throws IOException {
    Path index = writeSite();

    assertThat(index).isEqualTo(publication.resolve("site/index.html"));
    try (var files = Files.list(publication.resolve("site"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("index.html", "regio-twente.html", "school-07AB00.html", "assets");
    }
    assertThat(publication.resolve("site/assets/chart.umd.min.js")).content().startsWith("/*!\n * Chart.js v4.6.1");
    assertThat(publication.resolve("site/assets/chart.js-LICENSE.md")).content().contains("MIT License");
    assertThat(page("regio-twente.html")).contains("<script src=\"assets/chart.umd.min.js\"></script>")
        .doesNotContain("http://", "https://");
    assertThat(page("index.html")).contains("<a href=\"regio-twente.html\">Twente</a>",
        "<a href=\"school-07AB00.html\">");
  }

  @Test
  void theRegionPageShowsThePyramidsNextToTheNormInDutchNumbers() throws IOException {
    writeSite();
    String region = page("regio-twente.html");

    assertThat(region).contains("<h1>Regio Twente <small>(twente)</small></h1>",
        "Schooljaar 2025-2026, cijfers tot en met 2026-03-27");
    // School year to date: 616 / 1.206 / 3.167 of 4.989 pupils, 12,3 / 24,2 / 63,5% against 5 / 15 / 80.
    assertThat(region).contains(
        "<tr class=\"rood\"><td>Niveau 3: 10% of meer gemist (rood, intensieve aanpak)</td><td>616</td><td>12,3</td><td>5,0</td><td>7,3</td></tr>",
        "<tr class=\"geel\"><td>Niveau 2: 5 tot 10% gemist (geel/oranje, gerichte aanpak)</td><td>1.206</td><td>24,2</td><td>15,0</td><td>9,2</td></tr>",
        "<tr class=\"groen\"><td>Niveau 1: hoogstens 5% gemist (groen, voor iedereen)</td><td>3.167</td><td>63,5</td><td>80,0</td><td>-16,5</td></tr>",
        "<td>Leerlingen met een niveau</td><td>4.989</td><td colspan=\"3\">te weinig schooldagen: 41</td>");
    // The chart data: tier 3 first (the top of the pyramid), the norm as its own pyramid.
    assertThat(region).contains("&quot;title&quot;:&quot;Werkelijk&quot;", "&quot;values&quot;:[12.3,24.2,63.5]",
        "&quot;title&quot;:&quot;Norm&quot;", "&quot;values&quot;:[5.0,15.0,80.0]",
        "&quot;colours&quot;:[&quot;#c62828&quot;,&quot;#f9a825&quot;,&quot;#2e7d32&quot;]");
    assertThat(region.indexOf("Schooljaar tot nu toe")).isLessThan(region.indexOf("Laatste 12 schoolweken"));
    assertThat(region).contains("Laatste 4 schoolweken", "<td>Leerlingen met een niveau</td><td>3.722</td>");
  }

  @Test
  void theTrendHasThePreviousSchoolYearWherePublished() throws IOException {
    writeSite();

    assertThat(page("regio-twente.html")).contains("Verzuim vorig schooljaar, zelfde week (%)",
        "&quot;labels&quot;:[&quot;2026-03-09&quot;,&quot;2026-03-16&quot;,&quot;2026-03-23&quot;]",
        "&quot;values&quot;:[4.3,4.5,4.6]", "&quot;values&quot;:[5.1,5.1,5.1]",
        "<tr><td>2026-03-23</td><td>4.989</td><td>4,6</td><td>0,8</td><td>3,1</td><td>12,3</td><td>5,1</td></tr>");
    // The school's rows of trend_year_over_year.csv have no previous year: no dashed line.
    assertThat(page("school-07AB00.html")).doesNotContain("vorig schooljaar, zelfde week");
  }

  @Test
  void flagsAndPatternsAreTables() throws IOException {
    writeSite();
    String region = page("regio-twente.html");

    assertThat(region).contains("van 5.030 leerlingen",
        "<tr><td>Meldingsplichtig verzuim (16 uur ongeoorloofd in 4 schoolweken)</td><td>127</td></tr>",
        "<tr><td>M@ZL-signaal (vaak of lang ziek gemeld)</td><td>478</td></tr>",
        "<tr><td>Ongeoorloofd afwezig rond een vakantie</td><td>1.873</td></tr>",
        "<h3>Weekdag</h3>", "<tr><td>maandag</td><td>4.733</td><td>5,2</td><td>1,2</td><td>21,9</td></tr>");
  }

  @Test
  void theIndexCountsTheLinesOfTheLevelsWithoutAPage() throws IOException {
    writeSite();
    assertThat(page("index.html")).doesNotContain("<footer>");

    Files.writeString(publication.resolve("trend_weekly.csv"),
        "2025-2026,2026-03-09,class,07AB00-1A,Groep 1A,24,1000,10,1.0,0.0,1.0,x\n"
            + "2025-2026,2026-03-16,class,07AB00-1A,Groep 1A,24,1000,10,1.0,0.0,1.0,x\n"
            + "2025-2026,2026-03-16,board,41234,Stichting Esch,800,1000,40,4.0,1.0,2.0,9.0\n",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    ReportSite.write(publication);

    assertThat(page("index.html")).contains("<footer><p class=\"legend\">Niet op deze pagina&#39;s, wel in de "
        + "CSV-bestanden en de Excel-werkmap: 3 regels van de niveaus Klas, Bestuur.</p></footer>");
    assertThat(page("regio-twente.html")).doesNotContain("Groep 1A", "Stichting Esch");
  }

  @Test
  void htmlInAPublishedNameIsEscaped() throws IOException {
    writeSite();

    assertThat(page("school-07AB00.html"))
        .contains("<h1>School Basisschool &lt;script&gt;alert(1)&lt;/script&gt; &amp; De Esch <small>(07AB00)</small></h1>")
        .doesNotContain("<script>alert(1)");
    assertThat(page("index.html")).doesNotContain("<script>alert(1)");
  }

  @Test
  void aSuppressedCellIsShownAsXAndLeftOutOfTheChart() throws IOException {
    writeSite();
    String school = page("school-07AB00.html");

    assertThat(school).contains(
        "<tr class=\"rood\"><td>Niveau 3: 10% of meer gemist (rood, intensieve aanpak)</td><td>" + SUPPRESSED + "</td><td>"
            + SUPPRESSED + "</td><td>5,0</td><td>-1,8</td></tr>",
        "<tr class=\"geel\"><td>Niveau 2: 5 tot 10% gemist (geel/oranje, gerichte aanpak)</td><td>" + SUPPRESSED
            + "</td><td>12,9</td><td>15,0</td><td>-2,1</td></tr>",
        "&quot;values&quot;:[null,12.9,83.9]",
        "Een deel van deze piramide is onderdrukt (x) en ontbreekt in de grafiek.",
        "<tr><td>M@ZL-signaal (vaak of lang ziek gemeld)</td><td>" + SUPPRESSED + "</td></tr>");
  }

  @Test
  void aSchoolPageShowsTheDataQualityOfItsExports() throws IOException {
    writeSite();
    String school = page("school-07AB00.html");

    assertThat(school).contains("<h2>Datakwaliteit van de aanleveringen</h2>",
        "<p class=\"status status-warning\">Datakwaliteit van de aanleveringen: <a href=\"#datakwaliteit\">waarschuwing</a>",
        "Status: <strong>waarschuwing</strong> (regels in quarantaine, klassen of leerjaren zonder registraties)",
        "<tr><td>Regels gelezen</td><td>305</td></tr>", "<tr><td>Regels in quarantaine</td><td>3</td></tr>",
        "<tr><td>Quarantaine, regel malformed_row</td><td>1</td></tr>",
        "<td>schools/07AB00/absenties_2026-03-27.csv</td><td>loaded</td>",
        "<h3>Gebruikte verzuimcodes</h3>", "<td>parnassys</td><td>Medisch</td><td>medisch</td>");
    assertThat(page("regio-twente.html")).doesNotContain("Datakwaliteit van de aanleveringen");
  }

  @Test
  void cellsReadAsDutchNumbersAndXStaysX() {
    assertThat(Cell.of("4989")).isEqualTo(new Cell("4.989", false));
    assertThat(Cell.of("63.5")).isEqualTo(new Cell("63,5", false));
    assertThat(Cell.of("-16.5")).isEqualTo(new Cell("-16,5", false));
    assertThat(Cell.of("x")).isEqualTo(new Cell("x", true));
    assertThat(Cell.of("")).isEqualTo(new Cell("–", false));
    assertThat(Cell.of("PO 1")).isEqualTo(new Cell("PO 1", false));
    assertThat(Cell.number("x")).isNull();
    assertThat(Cell.number("")).isNull();
    assertThat(Cell.number("12.3")).isEqualTo(12.3);
  }

  @Test
  void theWeeklyJobWritesTheSiteOfALocalPublicationOnly() throws IOException {
    writeSite();
    Files.delete(publication.resolve("site/index.html"));

    assertThat(ReportSite.writeIfLocal(publication.toUri())).contains(publication.resolve("site/index.html"));
    assertThat(publication.resolve("site/index.html")).exists();
    assertThat(ReportSite.writeIfLocal(java.net.URI.create("hdfs://namenode/publish/2025-2026/2026-03-27"))).isEmpty();
  }

  @Test
  void aFolderWithoutPyramidCsvIsNamed(@TempDir Path empty) {
    assertThatThrownBy(() -> ReportSite.write(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("No pyramid.csv in " + empty + ": give a publication folder");
  }
}
