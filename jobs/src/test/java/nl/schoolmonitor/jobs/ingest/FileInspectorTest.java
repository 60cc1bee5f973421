package nl.schoolmonitor.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileInspectorTest {

  private static final Path SAMPLES = Path.of("../../shared/domain/samples/landing");
  private static final RegionConfig TWENTE = RegionConfigLoader.load(Path.of("../conf/twente"));

  @ParameterizedTest
  @CsvSource({
      "schools/07AB00/leerlingen_export.csv, parnassys-pupils, windows-1252, ';'",
      "schools/07AB00/absenties_2025-10-03.csv, parnassys-absences, UTF-8, ';'",
      "schools/21CD00/Leerlingen.csv, magister-pupils, UTF-8, ';'",
      "schools/21CD00/Absenties_week40.csv, magister-absences, UTF-8, ';'",
      "schools/23EF01/leerlingen.csv, somtoday-pupils, UTF-8, ','",
      "schools/23EF01/absentiemeldingen.csv, somtoday-absences, UTF-8, ','",
      "schools/25GH00/deelnemers.csv, eduarte-pupils, UTF-8, ';'",
      "schools/25GH00/waarnemingen.csv, eduarte-observations, UTF-8, ';'",
      "leerplicht/verzuimmeldingen_2025.csv, leerplicht-reports, UTF-8, ';'",
      "leerplicht/vrijstellingen_2025.csv, leerplicht-exemptions, UTF-8, ';'",
      "vsv/vsv_2024-2025.csv, vsv-list, UTF-8, ';'",
  })
  void recognisesEverySampleByItsHeader(String relative, String profile, String encoding, char separator)
      throws IOException {
    LandingFile file = inspect(relative, Files.readAllBytes(SAMPLES.resolve(relative)));

    assertThat(file.rejection()).isEmpty();
    assertThat(file.profile().name()).isEqualTo(profile);
    assertThat(file.encoding()).isEqualTo(encoding);
    assertThat(file.separator()).isEqualTo(separator);
    assertThat(file.sha256()).hasSize(64);
  }

  @Test
  void stripsTheByteOrderMarkFromTheFirstColumn() throws IOException {
    LandingFile file = inspect("schools/21CD00/Absenties_week40.csv",
        Files.readAllBytes(SAMPLES.resolve("schools/21CD00/Absenties_week40.csv")));

    assertThat(file.header().get(0)).isEqualTo("Stamnr");
  }

  @Test
  void matchesHeadersIgnoringCaseAndSpacingButNotOrderOfWords() throws IOException {
    LandingFile tolerant = inspect("schools/23EF01/x.csv",
        "LEERLINGNUMMER , beginDatumTijd,eindDatumTijd,beginLesuur,eindLesuur,absentieSoort,afkorting,omschrijving,geoorloofd,afgehandeld\n"
            .getBytes(StandardCharsets.UTF_8));
    LandingFile other = inspect("schools/23EF01/y.csv", "leerling nummer,begin\n".getBytes(StandardCharsets.UTF_8));

    assertThat(tolerant.profile().name()).isEqualTo("somtoday-absences");
    assertThat(other.rejection()).hasValueSatisfying(r -> assertThat(r)
        .startsWith("no profile matches header [leerling nummer, begin] (separator ',')")
        .contains("known profiles: [eduarte-pupils, eduarte-observations"));
  }

  @Test
  void detectsWindows1252WhereABytesIsNotUtf8Anywhere() throws IOException {
    byte[] late = ("Leerlingnummer;Datum;Dagdeel;Absentiesoort;Reden;Geoorloofd;Minuten\r\n"
        + "1;01-09-2025;Ochtend;Ziek;;Ja;\r\n".repeat(5000) + "2;01-09-2025;Ochtend;Ziek;caf\u00e9;Ja;\r\n")
        .getBytes(java.nio.charset.Charset.forName("windows-1252"));

    assertThat(inspect("schools/07AB00/a.csv", late).encoding()).isEqualTo("windows-1252");
  }

  @Test
  void rejectsASchoolExportOutsideASchoolFolderAndAnEmptyFile() throws IOException {
    byte[] pupils = Files.readAllBytes(SAMPLES.resolve("schools/25GH00/deelnemers.csv"));

    assertThat(inspect("leerplicht/deelnemers.csv", pupils).rejection())
        .hasValue("a school export (eduarte-pupils) outside schools/<brin_vestiging>/");
    assertThat(inspect("schools/25GH00/leeg.csv", new byte[0]).rejection()).hasValue("empty file: no header row");
  }

  private static LandingFile inspect(String relative, byte[] bytes) throws IOException {
    String[] parts = relative.split("/");
    String brin = parts[0].equals("schools") ? parts[1] : null;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      return new FileInspector(TWENTE).inspect("/landing/" + relative, relative, parts[0], brin, Instant.EPOCH, in);
    }
  }

  @Test
  void sameBytesGiveTheSameHash() throws IOException {
    byte[] bytes = Files.readAllBytes(SAMPLES.resolve("vsv/vsv_2024-2025.csv"));
    assertThat(inspect("vsv/a.csv", bytes).sha256()).isEqualTo(inspect("vsv/b.csv", bytes).sha256());
    assertThat(List.of(inspect("vsv/a.csv", bytes).sha256()))
        .doesNotContain(inspect("vsv/c.csv", "BSN\n".getBytes(StandardCharsets.UTF_8)).sha256());
  }
}
