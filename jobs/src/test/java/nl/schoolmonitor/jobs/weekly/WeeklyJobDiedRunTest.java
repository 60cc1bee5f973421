package nl.schoolmonitor.jobs.weekly;

import static nl.schoolmonitor.jobs.weekly.WeeklyJobIncrementalTest.CORRECTED;
import static nl.schoolmonitor.jobs.weekly.WeeklyJobIncrementalTest.ORIGINAL;
import static nl.schoolmonitor.jobs.weekly.WeeklyJobIncrementalTest.copyOfSamples;
import static nl.schoolmonitor.jobs.weekly.WeeklyJobSamplesTest.read;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that dies (kill -9) after writing bronze leaves rows no finished run loaded. The next run
 * must not read those bytes again, and must report the files as it would have had the run not
 * died: loaded this week, with their row counts (scripts/crash-check found "already_loaded").
 */
@ExtendWith(SharedSpark.class)
class WeeklyJobDiedRunTest {

  @TempDir
  static Path work;

  @Test
  void filesADeadRunLoadedAreReportedAsLoadedByTheRunThatFinishesThem(SparkSession spark) throws IOException {
    Path landing = copyOfSamples(work.resolve("landing"));
    WeeklyJobSamplesTest.run(spark, landing, work);
    Files.writeString(landing.resolve(CORRECTED), "Leerlingnummer;Datum;Dagdeel;Absentiesoort;Reden;Geoorloofd;Minuten\r\n"
        + "1001;01-09-2025;Ochtend;Medisch;Tandarts;Ja;\r\n", WeeklyJobIncrementalTest.WINDOWS_1252);
    Files.setLastModifiedTime(landing.resolve(CORRECTED), FileTime.from(WeeklyJobIncrementalTest.SECOND_UPLOAD));
    WeeklyJob.Result died = WeeklyJobSamplesTest.run(spark, landing, work);
    // The run died before it could log itself: as far as the run log knows, it never finished.
    String runLog = work.resolve("warehouse").resolve(RunLog.TABLE).toString();
    spark.sql("DELETE FROM delta.`" + runLog + "` WHERE run_id = '" + died.loadId() + "'");

    WeeklyJob.Result rerun = WeeklyJobSamplesTest.run(spark, landing, work.resolve("warehouse"),
        work.resolve("publish-rerun"));

    assertThat(rerun.schoolsProcessed()).isEqualTo(1);
    Map<String, String> statuses = new TreeMap<>();
    read(Path.of(rerun.publishedIn()).resolve("data_quality_files.csv"))
        .forEach(r -> statuses.put(r.get("source_file"), r.get("status") + " " + r.get("rows_read")));
    assertThat(statuses).containsEntry(CORRECTED, "loaded 1").containsEntry(ORIGINAL, "already_loaded 5");
    assertThat(Files.readString(Path.of(rerun.publishedIn()).resolve("data_quality_files.csv")))
        .isEqualTo(Files.readString(Path.of(died.publishedIn()).resolve("data_quality_files.csv")));
    Row ledger = spark.read().format("delta").load(work.resolve("warehouse").resolve(FileLedger.TABLE).toString())
        .filter(col("load_id").equalTo(rerun.loadId()).and(col("source_file").equalTo(CORRECTED))).first();
    assertThat(ledger.<String>getAs("status")).isEqualTo("loaded");
    assertThat(ledger.<Long>getAs("rows_read")).isEqualTo(1L);
    // Bronze holds the file once: the dead run's rows, not read again, now the rerun's.
    assertThat(spark.read().format("delta").load(work.resolve("warehouse").resolve("bronze_export_rows").toString())
        .filter(col("source_file").equalTo(CORRECTED)).select("load_id").collectAsList())
        .extracting(r -> r.getString(0)).containsExactly(rerun.loadId());

    // The next week, with nothing new: the dead run's school is processed, not taken up again.
    WeeklyJob.Result next = WeeklyJobSamplesTest.run(spark, landing, work.resolve("warehouse"),
        work.resolve("publish-next"));
    assertThat(next.schoolsProcessed()).isZero();
    assertThat(next.mode()).isEqualTo(RunLog.INCREMENTAL);
  }
}
