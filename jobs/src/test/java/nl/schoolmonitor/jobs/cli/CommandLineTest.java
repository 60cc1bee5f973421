package nl.schoolmonitor.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import nl.schoolmonitor.jobs.Monitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

  @Test
  void helpListsTheCommands() {
    Run run = run("--help");

    assertThat(run.exit).isZero();
    assertThat(run.out).contains("demo", "generate", "weekly");
  }

  @Test
  void weeklyNamesTheMissingOptions() {
    Run run = run("weekly", "--landing", "x");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("--warehouse", "--publish", "--as-of");
  }

  @Test
  void weeklyStopsWithAClearMessageWithoutAKey(@TempDir Path dir) {
    assertThatThrownBy(() -> PseudonymKey.resolve(null, Map.<String, String>of()::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("No pseudonymisation key: set MONITOR_PSEUDONYM_KEY or pass --key-file FILE");
  }

  @Test
  void aKeyComesFromTheEnvironmentOrAFileAndMustBeLongEnough(@TempDir Path dir) throws IOException {
    Path keyFile = dir.resolve("pseudonym.key");
    Files.writeString(keyFile, "kort\n", StandardCharsets.UTF_8);

    assertThat(PseudonymKey.resolve(null, Map.of("MONITOR_PSEUDONYM_KEY", " 0123456789abcdefXYZ ")::get))
        .isEqualTo("0123456789abcdefXYZ".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> PseudonymKey.resolve(keyFile, Map.<String, String>of()::get))
        .hasMessage("The pseudonymisation key from key file " + keyFile + " has 4 characters; use at least 16");
  }

  @Test
  void aBadRegionIsReportedWithExitCode2(@TempDir Path dir) throws IOException {
    Path keyFile = dir.resolve("k");
    Files.writeString(keyFile, "0123456789abcdef0123", StandardCharsets.UTF_8);

    Run run = run("weekly", "--region", dir.resolve("nowhere").toString(), "--landing", "l", "--warehouse", "w",
        "--publish", "p", "--as-of", "2026-03-27", "--key-file", keyFile.toString());

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("Error: Region configuration " + dir.resolve("nowhere")
        + " does not exist; give the region folder (e.g. conf/twente) or its region.yaml");
  }

  @Test
  void aDateThatIsNoDateIsRefused() {
    Run run = run("weekly", "--landing", "l", "--warehouse", "w", "--publish", "p", "--as-of", "27-03-2026");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("--as-of").contains("27-03-2026");
  }

  @Test
  void anUnknownPresetNamesTheKnownOnes() {
    Run run = run("generate", "--preset", "friesland", "--out", "x");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("unknown preset 'friesland'; known: [twente-size]");
  }

  @Test
  void thePresetWritesItsRegionFolderBesideTheLandingZone(@TempDir Path dir) throws IOException {
    Path conf = Files.isDirectory(Path.of("conf", "twente")) ? Path.of("conf", "twente")
        : Path.of("..", "conf", "twente");
    Run run = run("generate", "--region", conf.toString(), "--preset", "twente-size", "--pupils", "600", "--out",
        dir.resolve("tw").toString());

    assertThat(run.exit).isZero();
    // The minimum of every sector: PO 2, SO 1, VO 2 (Magister and SOMtoday), VSO 1, MBO 1.
    assertThat(Files.readAllLines(dir.resolve("tw-region").resolve("schools.csv"))).hasSize(1 + 7);
    assertThat(dir.resolve("tw-region").resolve("region.yaml")).exists();
    try (var folders = Files.list(dir.resolve("tw").resolve("schools"))) {
      assertThat(folders.count()).isEqualTo(7);
    }
  }

  @Test
  void thePresetRefusesOverridesOfSingleRegionFiles() {
    Run run = run("generate", "--preset", "twente-size", "--schools", "other.csv", "--out", "x");

    assertThat(run.exit).isEqualTo(2);
    assertThat(run.err).contains("--preset copies the region folder");
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Monitor.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
