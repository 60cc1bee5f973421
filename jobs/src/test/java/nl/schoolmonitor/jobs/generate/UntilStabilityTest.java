package nl.schoolmonitor.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same seed with one more week: every registration of the earlier export is in the later one, so a weekly
 * delivery of generated data differs only in the new week (and in what the schools learnt since: leavers, ended
 * sickness).
 */
class UntilStabilityTest {

  private static final LocalDate ONE_WEEK_LATER = GeneratorFixtures.UNTIL.plusWeeks(1);

  @TempDir
  static Path tmp;
  private static Path earlier;
  private static Path later;

  @BeforeAll
  static void generate() throws IOException {
    earlier = tmp.resolve("earlier");
    later = tmp.resolve("later");
    LandingZoneGenerator.generate(GeneratorFixtures.settings(earlier, 1500, 42));
    GeneratorSettings s = GeneratorFixtures.settings(later, 1500, 42);
    LandingZoneGenerator.generate(new GeneratorSettings(s.schoolsCsv(), s.municipalitiesCsv(), s.holidaysCsv(),
        s.holidayRegion(), s.fromSchoolYear(), s.schoolYear(), ONE_WEEK_LATER, s.pupils(), s.seed(), later));
  }

  @Test
  void everyAbsenceOfTheEarlierExportIsInTheLaterOne() throws IOException {
    int compared = 0;
    for (Path file : files("absenties_", "Absenties_", "waarnemingen")) {
      Set<String> next = lines(laterFile(file));
      // Set.contains, not AssertJ's containsAll: that compares element by element (400,000 squared here).
      assertThat(lines(file).stream().filter(line -> !next.contains(line)).toList()).as(file.toString()).isEmpty();
      compared++;
    }
    assertThat(compared).isGreaterThan(40);
  }

  @Test
  void onlySicknessStillOpenAtTheEarlierExportDateChangesInSomtoday() throws IOException {
    for (Path file : files("absentiemeldingen")) {
      Set<String> next = lines(laterFile(file));
      for (String line : lines(file)) {
        if (!next.contains(line)) {
          // eindDatumTijd (the third column) is empty: the sickness had not ended yet.
          assertThat(line.split(",", -1)[2]).as(file + ": " + line).isEmpty();
        }
      }
    }
  }

  @Test
  void pupilsOfTheEarlierListsAreOnTheLaterOnes() throws IOException {
    for (Path file : files("leerlingen", "Leerlingen", "deelnemers")) {
      Set<String> numbers = new HashSet<>();
      for (String line : lines(laterFile(file))) {
        numbers.add(line.split("[;,]", 2)[0]);
      }
      assertThat(lines(file).stream().map(line -> line.split("[;,]", 2)[0]).filter(n -> !numbers.contains(n)).toList())
          .as(file.toString()).isEmpty();
    }
  }

  private static Path laterFile(Path file) {
    Path relative = earlier.relativize(file);
    return later.resolve(relative.toString().replace(GeneratorFixtures.UNTIL.toString(), ONE_WEEK_LATER.toString()));
  }

  /** The lines as bytes (ISO-8859-1 maps every byte), whatever the file's encoding. */
  private static Set<String> lines(Path file) throws IOException {
    return new HashSet<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
  }

  private static List<Path> files(String... prefixes) throws IOException {
    try (Stream<Path> walk = Files.walk(earlier.resolve("schools"))) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> Stream.of(prefixes).anyMatch(p -> f.getFileName().toString().startsWith(p)))
          .sorted().toList();
    }
  }
}
