package nl.schoolmonitor.jobs.weekly;

import static nl.schoolmonitor.jobs.weekly.WeeklyJobSamplesTest.byUnit;
import static nl.schoolmonitor.jobs.weekly.WeeklyJobSamplesTest.counts;
import static nl.schoolmonitor.jobs.weekly.WeeklyJobSamplesTest.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file with an unknown header, a row with an impossible date and a pupil number missing from
 * the pupil list do not stop the run: each is counted and reported with a reason, and the other
 * schools are processed as before.
 */
@ExtendWith(SharedSpark.class)
class WeeklyJobBadInputTest {

  @Test
  void reportsBadInputAndProcessesEverythingElse(SparkSession spark, @TempDir Path work) throws IOException {
    Path landing = WeeklyJobIncrementalTest.copyOfSamples(work.resolve("landing"));
    Files.writeString(landing.resolve("schools/07AB00/export_oud_formaat.csv"),
        "Naam;Datum;Reden\r\nZoe;01-09-2025;ziek\r\n", StandardCharsets.UTF_8);
    Files.writeString(landing.resolve("schools/21CD00/Absenties_week41.csv"), String.join("\r\n",
        "\uFEFFStamnr;Klas;Datum;Lesuur;Start;Eind;Code;Omschrijving;Verantwoordingtype;Geoorloofd;Afgehandeld",
        "20451;h2b;31-02-2026;1;08:30;09:20;Z;Ziek;3;J;J",
        "99999;h2b;01-10-2025;1;08:30;09:20;A;Afwezig;1;N;N",
        "20452;v3a;03-10-2025;6;13:30;14:20;Z;Ziek;3;J;J", ""), StandardCharsets.UTF_8);

    WeeklyJob.Result result = WeeklyJobSamplesTest.run(spark, landing, work);

    assertThat(result.filesSeen()).isEqualTo(13);
    assertThat(result.filesRejected()).isEqualTo(1);
    assertThat(result.rowsQuarantined()).isEqualTo(2);
    Path published = Path.of(result.publishedIn());
    CSVRecord rejected = read(published.resolve("data_quality_files.csv")).stream()
        .filter(f -> f.get("status").equals("rejected")).findFirst().orElseThrow();
    assertThat(rejected.get("source_file")).isEqualTo("schools/07AB00/export_oud_formaat.csv");
    assertThat(rejected.get("reason")).startsWith("no profile matches header [Naam, Datum, Reden]");

    List<List<String>> reasons = read(published.resolve("data_quality_quarantine.csv")).stream()
        .map(r -> List.of(r.get("brin_vestiging"), r.get("source_file"), r.get("rule"), r.get("records"))).toList();
    assertThat(reasons).containsExactlyInAnyOrder(
        List.of("21CD00", "schools/21CD00/Absenties_week41.csv", "unparseable_date", "1"),
        List.of("21CD00", "schools/21CD00/Absenties_week41.csv", "unknown_pupil", "1"));

    // The valid row of the new file counts (20452: 50 + 50 minutes, still tier 1); the other schools are as before.
    Map<String, CSVRecord> pyramid = byUnit(WeeklyJobSamplesTest.inWindow(
        WeeklyJobSamplesTest.gold(spark, work.resolve("warehouse"), "gold_pyramid"), "school_year_to_date"));
    assertThat(counts(pyramid, "school/21CD00")).containsExactly("2", "0", "2", "0", "0");
    assertThat(counts(pyramid, "school/07AB00")).containsExactly("3", "0", "2", "1", "0");
    assertThat(counts(pyramid, "region/twente")).containsExactly("7", "1", "4", "1", "2");
  }
}
