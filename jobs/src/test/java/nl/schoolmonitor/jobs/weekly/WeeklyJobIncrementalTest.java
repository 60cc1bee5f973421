package nl.schoolmonitor.jobs.weekly;

import static nl.schoolmonitor.jobs.weekly.WeeklyJobSamplesTest.SAMPLES;
import static nl.schoolmonitor.jobs.weekly.WeeklyJobSamplesTest.byUnit;
import static nl.schoolmonitor.jobs.weekly.WeeklyJobSamplesTest.counts;
import static nl.schoolmonitor.jobs.weekly.WeeklyJobSamplesTest.inWindow;
import static nl.schoolmonitor.jobs.weekly.WeeklyJobSamplesTest.read;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warehouse living through three weekly runs over the samples, reference date 3 October 2025:
 * the first loads everything; before the second, 07AB00 sends a corrected export, a school sends a
 * file it sent before under another name, an empty file and a file whose last line is cut off;
 * the third run finds nothing new. A full rebuild from the final landing zone must then give the
 * same tables as the weekly runs did.
 */
@ExtendWith(SharedSpark.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WeeklyJobIncrementalTest {

  static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  static final Instant FIRST_UPLOAD = Instant.parse("2025-10-03T16:00:00Z");
  static final Instant SECOND_UPLOAD = Instant.parse("2025-10-06T09:00:00Z");
  static final String CORRECTED = "schools/07AB00/absenties_2025-10-03_gecorrigeerd.csv";
  static final String ORIGINAL = "schools/07AB00/absenties_2025-10-03.csv";
  static final String TRUNCATED = "schools/21CD00/Absenties_nagekomen.csv";
  /** Logs grow with every run by design; every other table must not change when nothing new arrived. */
  static final List<String> LOGS = List.of(RunLog.TABLE, FileLedger.TABLE);

  @TempDir
  static Path work;
  static WeeklyJob.Result first;
  static WeeklyJob.Result second;
  static Map<String, List<String>> afterSecond;

  @Test
  @Order(1)
  void theFirstRunLoadsEverythingInFull(SparkSession spark) throws IOException {
    Path landing = copyOfSamples(work.resolve("landing"));
    first = WeeklyJobSamplesTest.run(spark, landing, work);

    assertThat(first.mode()).isEqualTo("full");
    assertThat(first.filesLoaded()).isEqualTo(11);
    Row log = runLog(spark).first();
    assertThat(log.<String>getAs("status")).isEqualTo("succeeded");
    assertThat(List.of(log.<Integer>getAs("files_seen"), log.<Integer>getAs("files_new"))).containsExactly(11, 11);
    assertThat(List.of(log.<Long>getAs("rows_read"), log.<Long>getAs("rows_accepted"), log.<Long>getAs("rows_quarantined")))
        .containsExactly(30L, 30L, 0L);
    for (String stage : RunLog.STAGES) {
      assertThat(log.<Double>getAs("seconds_" + stage)).as(stage).isPositive();
    }
  }

  @Test
  @Order(2)
  void aCorrectedExportReplacesTheOlderOneAndOnlyThatSchoolIsProcessedAgain(SparkSession spark) throws IOException {
    Path landing = work.resolve("landing");
    // "Ziek" became "Medisch" for 1001, 1003's unauthorised Monday is deleted; the rest is as before.
    write(landing.resolve(CORRECTED), WINDOWS_1252, SECOND_UPLOAD,
        "Leerlingnummer;Datum;Dagdeel;Absentiesoort;Reden;Geoorloofd;Minuten",
        "1001;01-09-2025;Ochtend;Medisch;Tandarts;Ja;",
        "1001;01-09-2025;Middag;Medisch;Tandarts;Ja;",
        "1002;02-09-2025;Ochtend;Te laat;;Nee;15",
        "1003;26-09-2025;Hele dag;Luxe verzuim;Vakantie buiten schoolvakantie;Nee;");
    // The same bytes as a file already loaded, under another name.
    Files.copy(landing.resolve("schools/23EF01/absentiemeldingen.csv"), landing.resolve("schools/23EF01/kopie.csv"));
    write(landing.resolve("schools/25GH00/leeg.csv"), WINDOWS_1252, SECOND_UPLOAD);
    // A registration sent late, and a last line cut off in the upload (no line end either).
    Path truncated = landing.resolve(TRUNCATED);
    Files.writeString(truncated, "\uFEFFStamnr;Klas;Datum;Lesuur;Start;Eind;Code;Omschrijving;Verantwoordingtype;"
        + "Geoorloofd;Afgehandeld\r\n20451;h2b;26-09-2025;4;11:20;12:10;Z;Ziek;3;J;J\r\n20452;v3a;26-09-20");
    Files.setLastModifiedTime(truncated, FileTime.from(SECOND_UPLOAD));

    second = WeeklyJobSamplesTest.run(spark, landing, work);

    assertThat(second.mode()).isEqualTo("incremental");
    assertThat(second.schoolsProcessed()).isEqualTo(2);
    assertThat(second.filesLoaded()).isEqualTo(2);
    assertThat(second.filesRejected()).isEqualTo(1);
    // Of all records in bronze: the five of the replaced export, and the cut-off last line.
    assertThat(List.of(second.rowsReplaced(), second.rowsQuarantined())).containsExactly(5L, 1L);
    String warehouse = work.resolve("warehouse").toString();
    List<String> events07 = spark.read().format("delta").load(warehouse + "/silver_attendance_events")
        .filter(col("brin_vestiging").equalTo("07AB00"))
        .selectExpr("concat_ws(' ', date, slot, category, missed_minutes, source_file)").orderBy("date", "slot")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(events07).containsExactly(
        "2025-09-01 afternoon medical 120 " + CORRECTED,
        "2025-09-01 morning medical 210 " + CORRECTED,
        "2025-09-02 morning late 0 " + CORRECTED,
        "2025-09-26 afternoon luxury_leave 120 " + CORRECTED,
        "2025-09-26 morning luxury_leave 210 " + CORRECTED);
    List<String> quarantine = spark.read().format("delta").load(warehouse + "/silver_quarantine")
        .selectExpr("concat_ws(' ', source_file, line_number, rule)").orderBy("source_file", "line_number")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertThat(quarantine).containsExactly(
        ORIGINAL + " 2 superseded", ORIGINAL + " 3 superseded", ORIGINAL + " 4 superseded", ORIGINAL + " 5 superseded",
        ORIGINAL + " 6 superseded", TRUNCATED + " 3 malformed_row");

    Map<String, String> statuses = new TreeMap<>();
    read(Path.of(second.publishedIn()).resolve("data_quality_files.csv"))
        .forEach(r -> statuses.put(r.get("source_file"), r.get("status")));
    assertThat(statuses).containsEntry(CORRECTED, "loaded").containsEntry(TRUNCATED, "loaded")
        .containsEntry("schools/23EF01/kopie.csv", "already_loaded").containsEntry("schools/25GH00/leeg.csv", "rejected")
        .containsEntry(ORIGINAL, "already_loaded");

    // 1001 (330 medical) and 1003 (330 luxury leave) are both 3.6% now: 07AB00 is all tier 1.
    Map<String, org.apache.commons.csv.CSVRecord> pyramid = byUnit(inWindow(
        WeeklyJobSamplesTest.gold(spark, work.resolve("warehouse"), "gold_pyramid"), "school_year_to_date"));
    assertThat(counts(pyramid, "school/07AB00")).containsExactly("3", "0", "3", "0", "0");
    assertThat(counts(pyramid, "region/twente")).containsExactly("7", "1", "5", "0", "2");

    Row log = runLog(spark).orderBy(col("finished_at").desc()).first();
    assertThat(log.<String>getAs("mode_reason")).isEqualTo("schools with new exports: [07AB00, 21CD00]");
    assertThat(List.of(log.<Long>getAs("rows_read"), log.<Long>getAs("rows_accepted"), log.<Long>getAs("rows_quarantined")))
        .containsExactly(6L, 5L, 1L);
    afterSecond = contents(spark, List.of());
  }

  @Test
  @Order(3)
  void runningTheSameWeekAgainChangesNoTable(SparkSession spark) throws IOException {
    WeeklyJob.Result third = WeeklyJobSamplesTest.run(spark, work.resolve("landing"), work.resolve("warehouse"),
        work.resolve("publish-again"));

    assertThat(third.mode()).isEqualTo("incremental");
    assertThat(third.schoolsProcessed()).isZero();
    assertThat(third.filesLoaded()).isZero();
    Map<String, List<String>> now = contents(spark, List.of());
    assertThat(now.keySet()).isEqualTo(afterSecond.keySet()).contains("silver_attendance_events", "gold_pyramid");
    for (String table : now.keySet()) {
      if (!LOGS.contains(table)) {
        assertThat(now.get(table)).as(table).isEqualTo(afterSecond.get(table));
      }
    }
    assertThat(Files.readString(Path.of(third.publishedIn()).resolve("pyramid.csv")))
        .isEqualTo(Files.readString(Path.of(second.publishedIn()).resolve("pyramid.csv")));
  }

  @Test
  @Order(4)
  void aFullRebuildFromTheLandingZoneGivesTheSameTables(SparkSession spark) throws IOException {
    WeeklyJob.Result rebuild = WeeklyJobSamplesTest.run(spark, work.resolve("landing"), work.resolve("rebuild"));

    assertThat(rebuild.mode()).isEqualTo("full");
    // The run that loaded a file differs (load_id); what the tables say does not.
    List<String> runColumns = List.of("load_id", "run_id");
    Map<String, List<String>> weekly = contents(spark, runColumns);
    Map<String, List<String>> rebuilt = contents(spark, work.resolve("rebuild/warehouse"), runColumns);
    for (String table : weekly.keySet()) {
      if (!LOGS.contains(table)) {
        assertThat(rebuilt.get(table)).as(table).isEqualTo(weekly.get(table));
      }
    }
  }

  // ----------------------------------------------------------------------------------------------

  private static Dataset<Row> runLog(SparkSession spark) {
    return spark.read().format("delta").load(work.resolve("warehouse").resolve(RunLog.TABLE).toString());
  }

  private static Map<String, List<String>> contents(SparkSession spark, List<String> ignored) throws IOException {
    return contents(spark, work.resolve("warehouse"), ignored);
  }

  /** Every Delta table of a warehouse as its rows in JSON, sorted: equal maps are equal contents. */
  private static Map<String, List<String>> contents(SparkSession spark, Path warehouse, List<String> ignored)
      throws IOException {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Stream<Path> dirs = Files.list(warehouse)) {
      for (Path dir : dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).toList()) {
        Dataset<Row> table = spark.read().format("delta").load(dir.toString());
        String[] kept = Arrays.stream(table.columns()).filter(c -> !ignored.contains(c)).toArray(String[]::new);
        List<String> rows = new ArrayList<>(table.selectExpr(kept).toJSON().collectAsList());
        rows.sort(null);
        tables.put(dir.getFileName().toString(), rows);
      }
    }
    return tables;
  }

  private static void write(Path file, Charset charset, Instant modified, String... lines) throws IOException {
    Files.writeString(file, lines.length == 0 ? "" : String.join("\r\n", lines) + "\r\n", charset);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  /** The sample landing zone copied to {@code target}, every file uploaded at {@link #FIRST_UPLOAD}. */
  static Path copyOfSamples(Path target) throws IOException {
    Path source = SAMPLES.resolve("landing");
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path p : paths.toList()) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
          Files.setLastModifiedTime(to, FileTime.from(FIRST_UPLOAD));
        }
      }
    }
    return target;
  }
}
