package nl.schoolmonitor.jobs.weekly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One row per weekly run, appended when it ends (succeeded or failed): its parameters, what it
 * found in the landing zone, where the records of its new files went, and the time per stage.
 * The run log is also the run's memory: the succeeded runs say which bronze loads silver has
 * processed, up to which day the pupil days are computed, and with which configuration.
 */
final class RunLog {
  static final String TABLE = "ops_run_log";

  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String FULL = "full";
  static final String INCREMENTAL = "incremental";

  /** The stages timed, in order. */
  static final List<String> STAGES = List.of("config", "bronze", "silver", "gold", "publish");

  static final StructType SCHEMA = stageColumns(new StructType()
      .add("run_id", StringType, false, "The run (also the load_id of the files it loaded)")
      .add("status", StringType, false, "succeeded or failed")
      .add("started_at", TimestampType, false, "When the run started (UTC)")
      .add("finished_at", TimestampType, false, "When it ended")
      .add("as_of", DateType, false, "Reference date")
      .add("school_year", StringType, false, "School year of the reference date")
      .add("mode", StringType, true, "full (silver and gold rebuilt from all of bronze) or incremental")
      .add("mode_reason", StringType, true, "Why the run was full, or which schools it processed")
      .add("fingerprint", StringType, true, "Hash of the configuration, reference tables, key and school year")
      .add("schools_processed", IntegerType, true, "School locations whose silver rows were staged again")
      .add("files_seen", IntegerType, true, "Files in the landing zone")
      .add("files_new", IntegerType, true, "Files loaded into bronze by this run")
      .add("files_already_loaded", IntegerType, true, "Files whose bytes were loaded by an earlier run")
      .add("files_duplicate", IntegerType, true, "Files with the same bytes as another file of this run")
      .add("files_rejected", IntegerType, true, "Files rejected whole (no profile, empty, misplaced)")
      .add("rows_read", LongType, true, "Records of the new files")
      .add("rows_accepted", LongType, true, "Records of the new files accepted into silver")
      .add("rows_quarantined", LongType, true, "Records of the new files quarantined")
      .add("pupil_days_through", DateType, true, "gold_pupil_days holds every school day up to this date")
      .add("versions", StringType, false, "Monitor, Spark and Delta versions")
      .add("error", StringType, true, "Why a failed run failed"));

  private RunLog() {}

  private static StructType stageColumns(StructType schema) {
    StructType s = schema;
    for (String stage : STAGES) {
      s = s.add("seconds_" + stage, DoubleType, true, "Seconds spent in stage " + stage);
    }
    return s.add("seconds_total", DoubleType, true, "Seconds of the whole run");
  }

  /** What the succeeded runs so far tell the next one. */
  record History(Set<String> succeededRuns, Optional<String> fingerprint, Optional<LocalDate> pupilDaysThrough) {
    static final History NONE = new History(Set.of(), Optional.empty(), Optional.empty());
  }

  static History history(Tables tables) {
    if (!tables.exists(TABLE)) {
      return History.NONE;
    }
    List<Row> runs = tables.read(TABLE).filter(col("status").equalTo(SUCCEEDED))
        .select("run_id", "fingerprint", "pupil_days_through").orderBy(col("finished_at").desc(), col("run_id").desc())
        .collectAsList();
    if (runs.isEmpty()) {
      return History.NONE;
    }
    Row last = runs.get(0);
    return new History(runs.stream().map(r -> r.getString(0)).collect(Collectors.toSet()),
        Optional.ofNullable(last.getString(1)), Optional.ofNullable(last.getDate(2)).map(java.sql.Date::toLocalDate));
  }

  /** Seconds per stage, filled in as the run goes. */
  static final class Timer {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long stageStarted = System.nanoTime();
    private final long runStarted = stageStarted;

    void end(String stage) {
      long now = System.nanoTime();
      seconds.put(stage, (now - stageStarted) / 1e9);
      stageStarted = now;
    }

    Double seconds(String stage) {
      return seconds.get(stage);
    }

    double total() {
      return (System.nanoTime() - runStarted) / 1e9;
    }
  }
}
