package nl.schoolmonitor.jobs.generate;

import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.CONF;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.SAMPLES;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.SCHOOL_YEAR_START;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.UNTIL;
import static nl.schoolmonitor.jobs.generate.GeneratorFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The files of a small generated landing zone: names, bytes, encodings, identities and malformed rows. */
class LandingZoneGeneratorTest {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  @TempDir
  static Path tmp;
  private static Path out;
  private static GenerationSummary summary;

  @BeforeAll
  static void generate() throws IOException {
    out = tmp.resolve("seed42");
    summary = LandingZoneGenerator.generate(settings(out, 300, 42));
  }

  @Test
  void sameSettingsGiveByteIdenticalFiles() throws IOException {
    Path again = tmp.resolve("seed42-again");
    GenerationSummary second = LandingZoneGenerator.generate(settings(again, 300, 42));
    assertThat(second.files()).isEqualTo(summary.files());
    assertThat(filesOnDisk(again)).isEqualTo(filesOnDisk(out));
    for (Path f : summary.files()) {
      assertThat(Files.readAllBytes(again.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(out.resolve(f)));
    }
    assertThat(second.toString().replace(again.toString(), "OUT"))
        .isEqualTo(summary.toString().replace(out.toString(), "OUT"));
  }

  @Test
  void anotherSeedGivesOtherPupilsAndAbsences() throws IOException {
    Path other = tmp.resolve("seed43");
    LandingZoneGenerator.generate(settings(other, 300, 43));
    for (String f : List.of("schools/07AB00/leerlingen_export.csv", "schools/21CD00/Absenties_2026-03-27.csv",
        "schools/25GH00/waarnemingen.csv", "leerplicht/verzuimmeldingen_2025.csv")) {
      assertThat(Files.readAllBytes(other.resolve(f))).as(f).isNotEqualTo(Files.readAllBytes(out.resolve(f)));
    }
  }

  @Test
  void writesTwoFilesPerSchoolAndTheRegistrations() throws IOException {
    List<Path> expected = new ArrayList<>();
    for (CSVRecord school : ContractReader.records(CONF.resolve("schools.csv"), StandardCharsets.UTF_8, ',')) {
      Path folder = Path.of("schools", school.get("brin_vestiging"));
      List<String> names = switch (school.get("lvs")) {
        case "parnassys" -> List.of("leerlingen_export.csv", "absenties_2026-03-27.csv");
        case "magister" -> List.of("Leerlingen.csv", "Absenties_2026-03-27.csv");
        case "somtoday" -> List.of("leerlingen.csv", "absentiemeldingen.csv");
        default -> List.of("deelnemers.csv", "waarnemingen.csv");
      };
      names.forEach(n -> expected.add(folder.resolve(n)));
    }
    expected.addAll(List.of(Path.of("leerplicht", "verzuimmeldingen_2025.csv"),
        Path.of("leerplicht", "verzuimmeldingen_2026.csv"), Path.of("leerplicht", "vrijstellingen_2025.csv"),
        Path.of("vsv", "vsv_2025-2026.csv")));
    assertThat(summary.files()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(filesOnDisk(out)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(summary.schoolYears()).containsExactly("2025-2026");
  }

  /** The header line, byte for byte with byte-order mark and line end, is the sample's. */
  @ParameterizedTest
  @CsvSource({
      "schools/07AB00/leerlingen_export.csv, schools/07AB00/leerlingen_export.csv",
      "schools/07AB00/absenties_2025-10-03.csv, schools/07AB00/absenties_2026-03-27.csv",
      "schools/21CD00/Leerlingen.csv, schools/21CD00/Leerlingen.csv",
      "schools/21CD00/Absenties_week40.csv, schools/21CD00/Absenties_2026-03-27.csv",
      "schools/23EF01/leerlingen.csv, schools/23EF01/leerlingen.csv",
      "schools/23EF01/absentiemeldingen.csv, schools/23EF01/absentiemeldingen.csv",
      "schools/25GH00/deelnemers.csv, schools/25GH00/deelnemers.csv",
      "schools/25GH00/waarnemingen.csv, schools/25GH00/waarnemingen.csv",
      "leerplicht/verzuimmeldingen_2025.csv, leerplicht/verzuimmeldingen_2025.csv",
      "leerplicht/vrijstellingen_2025.csv, leerplicht/vrijstellingen_2025.csv",
      "vsv/vsv_2024-2025.csv, vsv/vsv_2025-2026.csv"})
  void headerLineIsTheSamplesByteForByte(String sample, String generated) throws IOException {
    Path sampleFile = SAMPLES.resolve("landing").resolve(sample);
    assumeThat(sampleFile).as("samples of shared/domain").exists();
    assertThat(firstLine(Files.readAllBytes(out.resolve(generated))))
        .isEqualTo(firstLine(Files.readAllBytes(sampleFile)));
  }

  @Test
  void parnassysAndVsvAreWindows1252WithCrlf() throws IOException {
    List<Path> files = summary.files().stream().filter(f -> f.toString().contains("leerlingen_export")
        || f.getFileName().toString().startsWith("absenties_") || f.startsWith("vsv")).toList();
    StringBuilder names = new StringBuilder();
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(out.resolve(f));
      String text = strictly(bytes, WINDOWS_1252);
      assertThat(text).as(f.toString()).doesNotStartWith("\uFEFF").endsWith("\r\n");
      assertThat(text.replace("\r\n", "")).as(f + ": every line ends with CRLF").doesNotContain("\n", "\r");
      if (f.toString().contains("leerlingen_export")) {
        names.append(text);
      }
    }
    // Names like Zoë and Özdemir are single Windows-1252 bytes, not UTF-8 pairs.
    assertThat(names.toString()).containsPattern("[ëöüéïçÖÇ]");
  }

  @Test
  void magisterIsUtf8WithByteOrderMarkAndTheOthersUtf8Without() throws IOException {
    for (Path f : summary.files()) {
      byte[] bytes = Files.readAllBytes(out.resolve(f));
      String name = f.getFileName().toString();
      if (name.startsWith("Leerlingen") || name.startsWith("Absenties_")) {
        assertThat(Arrays.copyOf(bytes, 3)).as(f.toString()).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(strictly(bytes, StandardCharsets.UTF_8)).as(f.toString()).doesNotContain("\r");
      } else if (!f.startsWith("vsv") && !name.startsWith("leerlingen_export") && !name.startsWith("absenties_")) {
        assertThat(bytes[0]).as(f.toString()).isNotEqualTo((byte) 0xEF);
        assertThat(strictly(bytes, StandardCharsets.UTF_8)).as(f.toString()).doesNotContain("\r");
      }
    }
  }

  @Test
  void everyPupilHasOneValidPersonalNumberAndAUniquePupilNumber() throws IOException {
    List<String> bsns = new ArrayList<>();
    for (PupilList list : pupilLists(out)) {
      Set<String> numbers = new HashSet<>();
      for (CSVRecord r : list.rows()) {
        assertThat(numbers.add(r.get(0))).as("%s: pupil number %s once", list.file(), r.get(0)).isTrue();
        String bsn = r.get(1);
        String onderwijsnummer = r.get(2);
        assertThat(bsn.isEmpty()).as("%s %s: BSN or onderwijsnummer", list.file(), r.get(0))
            .isNotEqualTo(onderwijsnummer.isEmpty());
        if (!bsn.isEmpty()) {
          bsns.add(bsn);
        } else {
          assertThat(onderwijsnummer).matches("10\\d{7}");
        }
      }
    }
    for (String f : List.of("leerplicht/verzuimmeldingen_2025.csv", "leerplicht/verzuimmeldingen_2026.csv",
        "leerplicht/vrijstellingen_2025.csv")) {
      ContractReader.records(out.resolve(f), StandardCharsets.UTF_8, ';').stream().map(r -> r.get("BSN"))
          .filter(b -> !b.isEmpty()).forEach(bsns::add);
    }
    ContractReader.records(out.resolve("vsv/vsv_2025-2026.csv"), WINDOWS_1252, ';').stream().map(r -> r.get("BSN"))
        .filter(b -> !b.isEmpty()).forEach(bsns::add);
    assertThat(bsns).hasSizeGreaterThan(250).allSatisfy(b -> {
      assertThat(b).matches("999\\d{6}");
      assertThat(Identities.passesElevenTest(b)).as(b).isTrue();
    });
  }

  @Test
  void valuesAreSpelledAsEachSystemSpellsThem() throws IOException {
    for (PupilList list : pupilLists(out)) {
      for (CSVRecord r : list.rows()) {
        switch (list.lvs()) {
          case "parnassys" -> {
            assertThat(r.get("Geboortedatum")).matches("\\d{2}-\\d{2}-\\d{4}");
            assertThat(r.get("Gemeentecode")).matches("\\d{4}");
            assertThat(r.get("Postcode")).matches("7[4-6]\\d{2}[A-Z]{2}");
            assertThat(r.get("Leerlinggewicht")).isIn("0", "0.3", "1.2");
            assertThat(r.get("Ondersteuningsbehoefte")).isIn("Ja", "Nee");
            assertThat(r.get("Groep")).matches("[1-8][a-h]");
          }
          case "magister" -> {
            assertThat(r.get("Geb.datum")).matches("\\d{2}-\\d{2}-\\d{4}");
            assertThat(r.get("Extra ondersteuning")).isIn("J", "N");
            assertThat(r.get("NT2")).isIn("J", "N");
            assertThat(r.get("Klas")).matches("[bkmhvs][1-6][a-h]");
          }
          case "somtoday" -> {
            assertThat(r.get("geboortedatum")).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(r.get("geslacht")).isIn("Man", "Vrouw", "Onbekend");
            assertThat(r.get("ondersteuningsbehoefte")).isIn("true", "false");
          }
          default -> {
            assertThat(r.get("begindatum")).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(r.get("niveau")).isIn("1", "2", "3", "4");
            assertThat(r.get("leerweg")).isIn("BOL", "BBL");
          }
        }
      }
    }
    // The malformed row with a value missing is left out here.
    assertThat(ContractReader.records(out.resolve("schools/07AB00/absenties_2026-03-27.csv"), WINDOWS_1252, ';'))
        .filteredOn(CSVRecord::isConsistent).allSatisfy(r -> {
          assertThat(r.get("Dagdeel")).isIn("Ochtend", "Middag", "Hele dag");
          assertThat(r.get("Geoorloofd")).isIn("Ja", "Nee");
        });
    assertThat(ContractReader.records(out.resolve("schools/25GH01/waarnemingen.csv"), StandardCharsets.UTF_8, ';'))
        .allSatisfy(r -> assertThat(r.get("waarnemingSoort")).isIn("P", "A", "D", "N"));
  }

  @Test
  void malformedRowsAreTheOnesTheSummaryCounts() throws IOException {
    // One school per student information system carries one row of each kind.
    assertThat(summary.malformedRowsPerKind())
        .containsExactlyEntriesOf(new TreeMap<>(Map.of("impossible_date", 4, "unknown_pupil", 4,
            "wrong_column_count", 4)));
    ContractReader.Result read = ContractReader.read(out, CONF, SCHOOL_YEAR_START, UNTIL);
    assertThat(read.malformed()).isEqualTo(summary.malformedRowsPerKind());
  }

  @Test
  void summaryReadsInFiveLines() {
    String text = summary.toString();
    assertThat(text.lines()).hasSize(5);
    assertThat(text).contains("school year(s) 2025-2026", "Malformed on purpose: 12 rows",
        "registers almost nothing: " + summary.silentSchool());
    assertThat(summary.pupils()).isBetween(250, 400);
    assertThat(summary.rowsPerKind()).containsOnlyKeys("pupils", "absences", "observations", "leerplicht_reports",
        "exemptions", "vsv");
    assertThat(summary.rowsPerKind().get("pupils")).isEqualTo(summary.pupils());
  }

  record PupilList(Path file, String lvs, List<CSVRecord> rows) {}

  static List<PupilList> pupilLists(Path landing) throws IOException {
    List<PupilList> lists = new ArrayList<>();
    for (CSVRecord school : ContractReader.records(CONF.resolve("schools.csv"), StandardCharsets.UTF_8, ',')) {
      Path folder = landing.resolve("schools").resolve(school.get("brin_vestiging"));
      String lvs = school.get("lvs");
      Path file = switch (lvs) {
        case "parnassys" -> folder.resolve("leerlingen_export.csv");
        case "magister" -> folder.resolve("Leerlingen.csv");
        case "somtoday" -> folder.resolve("leerlingen.csv");
        default -> folder.resolve("deelnemers.csv");
      };
      Charset charset = lvs.equals("parnassys") ? WINDOWS_1252 : StandardCharsets.UTF_8;
      lists.add(new PupilList(file, lvs, ContractReader.records(file, charset, lvs.equals("somtoday") ? ',' : ';')));
    }
    return lists;
  }

  private static List<Path> filesOnDisk(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  /** The bytes of the first line, including its line end (and a byte-order mark before it). */
  private static byte[] firstLine(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return Arrays.copyOf(bytes, i + 1);
      }
    }
    return bytes;
  }

  private static String strictly(byte[] bytes, Charset charset) throws CharacterCodingException {
    return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
  }
}
