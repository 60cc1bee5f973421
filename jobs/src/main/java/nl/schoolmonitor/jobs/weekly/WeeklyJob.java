package nl.schoolmonitor.jobs.weekly;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.common.Pseudonymizer;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.config.Profile;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.gold.FlagCounts;
import nl.schoolmonitor.gold.PupilDays;
import nl.schoolmonitor.gold.PupilFlags;
import nl.schoolmonitor.gold.PupilWindows;
import nl.schoolmonitor.gold.Pyramid;
import nl.schoolmonitor.gold.TrendWeekly;
import nl.schoolmonitor.gold.Units;
import nl.schoolmonitor.jobs.Progress;
import nl.schoolmonitor.jobs.ingest.BronzeReader;
import nl.schoolmonitor.jobs.ingest.FileInspector;
import nl.schoolmonitor.jobs.ingest.LandingFile;
import nl.schoolmonitor.jobs.ingest.LandingZone;
import nl.schoolmonitor.jobs.publish.CsvPublisher;
import nl.schoolmonitor.silver.AttendanceEvents;
import nl.schoolmonitor.silver.AttendanceEventsStaging;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.EnrolmentsStaging;
import nl.schoolmonitor.silver.Quarantine;
import nl.schoolmonitor.silver.SchoolCalendar;
import nl.schoolmonitor.silver.SchoolDays;
import nl.schoolmonitor.silver.Staged;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The weekly run: landing zone to bronze (only files not loaded before), bronze to silver
 * (pseudonymised at the door, every record accepted or quarantined with a reason), silver to
 * gold (pupil days, windows, tiers, pyramid, weekly trend) and the published CSV files.
 * A rerun over the same landing zone and reference date gives the same tables.
 */
public final class WeeklyJob {

  private final SparkSession spark;
  private final WeeklySettings settings;
  private final Progress progress;
  private final Warehouse warehouse;
  private final RegionConfig config;

  public WeeklyJob(SparkSession spark, WeeklySettings settings, Progress progress) {
    this.spark = spark;
    this.settings = settings;
    this.progress = progress;
    this.warehouse = new Warehouse(settings.warehouse());
    this.config = settings.config();
  }

  /** What the run produced, for the command line and the tests. */
  public record Result(String loadId, int filesSeen, int filesLoaded, int filesRejected, long rowsRead,
      long rowsQuarantined, String publishedIn) {}

  public Result run() throws IOException {
    String loadId = "run-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS"));
    SchoolYear schoolYear = SchoolYear.of(settings.asOf());
    Pseudonymizer pseudonymizer = new Pseudonymizer(settings.key());

    ReferenceTables reference = ReferenceTables.read(spark, config);
    progress.stage("config", "region %s: %d schools, %d municipalities, reference date %s (school year %s)",
        config.code(), reference.systemBySchool().size(), reference.municipalities().count(), settings.asOf(), schoolYear);

    // Bronze: inspect every landing file, load those whose bytes are new.
    List<LandingFile> files = inspectLanding(reference);
    List<Row> ledger = new ArrayList<>();
    List<LandingFile> toLoad = new ArrayList<>();
    classify(files, loadedHashes(), loadId, ledger, toLoad);
    Map<String, Long> rowsRead = loadBronze(toLoad, loadId);
    List<Row> ledgerWithCounts = ledger.stream().map(r -> withRowsRead(r, rowsRead)).toList();
    spark.createDataFrame(ledgerWithCounts, FileLedger.SCHEMA).write().format("delta").mode(SaveMode.Append)
        .save(warehouse.table(FileLedger.TABLE));
    long rejected = files.stream().filter(f -> !f.accepted()).count();
    long newRows = rowsRead.values().stream().mapToLong(Long::longValue).sum();
    progress.stage("bronze", "%d files: %d new loaded (%,d rows), %d already loaded or duplicate, %d rejected",
        files.size(), toLoad.size(), newRows, files.size() - toLoad.size() - rejected, rejected);
    files.stream().filter(f -> !f.accepted())
        .forEach(f -> progress.stage("rejected", "%s: %s", f.relativePath(), f.rejection().orElseThrow()));

    // Silver: rebuilt from all of bronze, so a correction or a rerun gives the same tables.
    Dataset<Row> bronze = spark.read().format("delta").load(warehouse.table(ExportRows.TABLE));
    Dataset<Row> schoolDays = SchoolCalendar.build(reference.schools(), reference.holidays(), reference.studyDays(),
        config, calendarStart(reference), schoolYear.lastDay());
    Staged enrolments = EnrolmentsStaging.stage(ofKind(bronze, Profile.Kind.PUPILS), reference.municipalities(),
        config, pseudonymizer);
    overwrite(enrolments.accepted(), Enrolments.TABLE);
    overwrite(schoolDays, SchoolDays.TABLE);
    Dataset<Row> silverEnrolments = table(Enrolments.TABLE);
    Dataset<Row> silverSchoolDays = table(SchoolDays.TABLE);
    Staged events = AttendanceEventsStaging.stage(ofKind(bronze, Profile.Kind.ABSENCES), silverEnrolments,
        silverSchoolDays, reference.schools(), config, pseudonymizer);
    overwrite(events.accepted(), AttendanceEvents.TABLE);
    overwrite(enrolments.quarantined().unionByName(events.quarantined()), Quarantine.TABLE);
    Dataset<Row> silverEvents = table(AttendanceEvents.TABLE);
    Dataset<Row> quarantine = table(Quarantine.TABLE);
    List<Row> accounting = account(bronze, silverEnrolments, silverEvents, quarantine);
    long quarantined = accounting.stream().mapToLong(r -> r.getLong(5)).sum();
    progress.stage("silver", "%,d enrolments, %,d attendance events, %,d records quarantined, %,d school days",
        silverEnrolments.count(), silverEvents.count(), quarantined, silverSchoolDays.count());

    // Gold: the figures of the school year up to the reference date.
    Dataset<Row> yearDays = silverSchoolDays.filter(col(SchoolDays.SCHOOL_YEAR).equalTo(schoolYear.label()));
    Dataset<Row> pupilDays = PupilDays.build(silverEnrolments, yearDays, silverEvents, settings.asOf(),
        config.removedFromClassAuthorised());
    overwrite(pupilDays, PupilDays.TABLE);
    Dataset<Row> days = table(PupilDays.TABLE);
    // A reference date on a Sunday ends a week: that week's window is the reference window itself, once.
    Column atReferenceDate = col(PupilWindows.WINDOW_END).equalTo(lit(java.sql.Date.valueOf(settings.asOf())));
    Dataset<Row> windows = PupilWindows.schoolYearToDate(days, config.tiers(), settings.asOf())
        .unionByName(PupilWindows.schoolWeeks(days, config.tiers()))
        .unionByName(PupilWindows.schoolYearToDateByWeek(days, config.tiers()).filter(not(atReferenceDate)));
    overwrite(windows, PupilWindows.TABLE);
    Dataset<Row> pupilWindows = table(PupilWindows.TABLE);
    Column schoolYearToDate = col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_YEAR_TO_DATE);
    Dataset<Row> atReference = pupilWindows.filter(schoolYearToDate.and(atReferenceDate));
    Dataset<Row> pyramid = Pyramid.build(atReference, silverEnrolments, reference.schools(), reference.municipalities(),
        config.code(), config.name(), config.norm(), schoolYear.label(), settings.asOf());
    Dataset<Row> trend = TrendWeekly.build(
        pupilWindows.filter(col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_WEEK)),
        // The standing at the end of every week: the windows ending on a Sunday.
        pupilWindows.filter(schoolYearToDate.and(dayofweek(col(PupilWindows.WINDOW_END)).equalTo(1))),
        silverEnrolments, reference.schools(), reference.municipalities(), config.code(), config.name(),
        schoolYear.label(), settings.asOf());
    overwrite(PupilFlags.build(days, silverEnrolments, config.flags(), settings.asOf()), PupilFlags.TABLE);
    Dataset<Row> flagCounts = FlagCounts.build(atReference, table(PupilFlags.TABLE), silverEnrolments,
        reference.schools(), reference.municipalities(), config.code(), config.name(), schoolYear.label(), settings.asOf());
    replacePeriod(flagCounts, FlagCounts.TABLE, schoolYear.label(), settings.asOf());
    replacePeriod(pyramid, Pyramid.TABLE, schoolYear.label(), settings.asOf());
    overwriteYear(trend, TrendWeekly.TABLE, schoolYear.label());
    // Counted from the written tables: counting pyramid and trend themselves would compute them again.
    Dataset<Row> published = table(Pyramid.TABLE)
        .filter(col("school_year").equalTo(schoolYear.label())
            .and(col("reference_date").equalTo(lit(java.sql.Date.valueOf(settings.asOf())))));
    Dataset<Row> publishedTrend = table(TrendWeekly.TABLE).filter(col("school_year").equalTo(schoolYear.label()));
    progress.stage("gold", "%,d pupil days, %,d pupil windows, %,d pyramid rows, %,d trend rows",
        days.count(), pupilWindows.count(), published.count(), publishedTrend.count());

    // Publication: CSV for tools, under <publish>/<school_year>/<reference_date>/.
    Path out = new Path(settings.publish(), schoolYear.label() + "/" + settings.asOf());
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.mkdirs(out);
    long pyramidRows = CsvPublisher.write(fs, new Path(out, "pyramid.csv"),
        published.orderBy(levelOrder(), col(Units.UNIT_CODE), col("window")));
    long flagRows = CsvPublisher.write(fs, new Path(out, "flags.csv"), table(FlagCounts.TABLE)
        .filter(col("school_year").equalTo(schoolYear.label())
            .and(col("reference_date").equalTo(lit(java.sql.Date.valueOf(settings.asOf())))))
        .orderBy(levelOrder(), col(Units.UNIT_CODE)));
    long trendRows = CsvPublisher.write(fs, new Path(out, "trend_weekly.csv"), publishedTrend
        .orderBy(levelOrder(), col(Units.UNIT_CODE), col("week_start")));
    long fileRows = CsvPublisher.write(fs, new Path(out, "data_quality_files.csv"), dataQualityFiles(ledgerWithCounts,
        accounting));
    long reasonRows = CsvPublisher.write(fs, new Path(out, "data_quality_quarantine.csv"), quarantine
        .groupBy(Quarantine.BRIN_VESTIGING, Quarantine.SOURCE_FILE, Quarantine.PROFILE, Quarantine.RULE)
        .agg(count(lit(1)).as("records"))
        .orderBy(Quarantine.BRIN_VESTIGING, Quarantine.SOURCE_FILE, Quarantine.RULE));
    progress.stage("publish", "%s: pyramid.csv (%d rows), flags.csv (%d rows), trend_weekly.csv (%d rows), data_quality_files.csv (%d), "
        + "data_quality_quarantine.csv (%d)", out, pyramidRows, flagRows, trendRows, fileRows, reasonRows);

    long totalRead = accounting.stream().mapToLong(r -> r.getLong(3)).sum();
    return new Result(loadId, files.size(), toLoad.size(), (int) rejected, totalRead, quarantined, out.toString());
  }

  /** Published rows run from the region down to the classes. */
  private static Column levelOrder() {
    return array_position(array(Units.LEVELS.stream().map(functions::lit).toArray(Column[]::new)), col(Units.LEVEL));
  }

  private List<LandingFile> inspectLanding(ReferenceTables reference) throws IOException {
    Path root = new Path(settings.landing());
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return LandingZone.inspect(fs, root, new FileInspector(config), reference.systemBySchool());
  }

  /** Bronze itself, not the ledger, says which bytes are loaded: a run that died after loading is not loaded twice. */
  private Set<String> loadedHashes() {
    if (!DeltaTable.isDeltaTable(spark, warehouse.table(ExportRows.TABLE))) {
      return Set.of();
    }
    Set<String> hashes = new HashSet<>();
    table(ExportRows.TABLE).select(ExportRows.FILE_SHA256).distinct()
        .collectAsList().forEach(r -> hashes.add(r.getString(0)));
    return hashes;
  }

  /** Decides per file: load it, skip it (its bytes are already in bronze) or record why it is rejected. */
  private static void classify(List<LandingFile> files, Set<String> loadedBefore, String loadId, List<Row> ledger,
      List<LandingFile> toLoad) {
    Map<String, String> seenThisRun = new HashMap<>();
    for (LandingFile f : files) {
      String status;
      String reason = null;
      if (!f.accepted()) {
        status = FileLedger.REJECTED;
        reason = f.rejection().orElseThrow();
      } else if (loadedBefore.contains(f.sha256())) {
        status = FileLedger.ALREADY_LOADED;
      } else if (seenThisRun.containsKey(f.sha256())) {
        status = FileLedger.DUPLICATE;
        reason = "same bytes as " + seenThisRun.get(f.sha256());
      } else {
        status = FileLedger.LOADED;
        seenThisRun.put(f.sha256(), f.relativePath());
        toLoad.add(f);
      }
      ledger.add(RowFactory.create(loadId, f.relativePath(), f.sha256(), f.size(), f.brinVestiging(), f.encoding(),
          String.valueOf(f.separator()), f.profile() == null ? null : f.profile().name(), status, reason, null));
    }
  }

  private Map<String, Long> loadBronze(List<LandingFile> toLoad, String loadId) {
    Map<String, Long> rowsRead = new HashMap<>();
    if (toLoad.isEmpty()) {
      if (!DeltaTable.isDeltaTable(spark, warehouse.table(ExportRows.TABLE))) {
        spark.createDataFrame(List.of(), ExportRows.SCHEMA).write().format("delta").save(warehouse.table(ExportRows.TABLE));
      }
      return rowsRead;
    }
    BronzeReader.read(spark, toLoad, loadId).write().format("delta").mode(SaveMode.Append)
        .save(warehouse.table(ExportRows.TABLE));
    table(ExportRows.TABLE).filter(col(ExportRows.LOAD_ID).equalTo(loadId))
        .groupBy(ExportRows.SOURCE_FILE).count().collectAsList()
        .forEach(r -> rowsRead.put(r.getString(0), r.getLong(1)));
    return rowsRead;
  }

  private static Row withRowsRead(Row ledgerRow, Map<String, Long> rowsRead) {
    if (!FileLedger.LOADED.equals(ledgerRow.getString(8))) {
      return ledgerRow;
    }
    Object[] values = new Object[ledgerRow.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ledgerRow.get(i);
    }
    values[10] = rowsRead.getOrDefault(ledgerRow.getString(1), 0L);
    return RowFactory.create(values);
  }

  /** The first day the calendar needs: the school year that ends the first holiday of the holiday file. */
  private LocalDate calendarStart(ReferenceTables reference) {
    Row first = reference.holidays().filter(col("holiday_region").equalTo(config.holidayRegion()))
        .orderBy("end_date").first();
    return SchoolYear.of(first.getDate(3).toLocalDate()).firstDay();
  }

  private Dataset<Row> ofKind(Dataset<Row> bronze, Profile.Kind kind) {
    List<String> profiles = config.profiles().stream().filter(p -> p.kind() == kind).map(Profile::name).toList();
    return bronze.filter(col(ExportRows.PROFILE).isin(profiles.toArray()));
  }

  /**
   * Per loaded file: read = accepted + quarantined (+ pending for registrations). A school export
   * where the sum does not hold stops the run: a row would otherwise vanish unseen.
   */
  private List<Row> account(Dataset<Row> bronze, Dataset<Row> enrolments, Dataset<Row> events, Dataset<Row> quarantine) {
    Map<String, Long> accepted = new HashMap<>();
    enrolments.groupBy(Enrolments.SOURCE_FILE).count().collectAsList()
        .forEach(r -> accepted.merge(r.getString(0), r.getLong(1), Long::sum));
    AttendanceEventsStaging.acceptedRecords(events).groupBy(AttendanceEvents.SOURCE_FILE).count().collectAsList()
        .forEach(r -> accepted.merge(r.getString(0), r.getLong(1), Long::sum));
    Map<String, Long> quarantined = new HashMap<>();
    quarantine.groupBy(Quarantine.SOURCE_FILE).count().collectAsList()
        .forEach(r -> quarantined.put(r.getString(0), r.getLong(1)));
    Set<String> schoolProfiles = new HashSet<>();
    config.profiles().stream()
        .filter(p -> p.kind() == Profile.Kind.PUPILS || p.kind() == Profile.Kind.ABSENCES)
        .forEach(p -> schoolProfiles.add(p.name()));

    List<Row> rows = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (Row r : bronze.groupBy(ExportRows.SOURCE_FILE, ExportRows.BRIN_VESTIGING, ExportRows.PROFILE).count()
        .orderBy(ExportRows.SOURCE_FILE).collectAsList()) {
      String file = r.getString(0);
      long read = r.getLong(3);
      boolean school = schoolProfiles.contains(r.getString(2));
      long acc = accepted.getOrDefault(file, 0L);
      long quar = quarantined.getOrDefault(file, 0L);
      long pending = school ? 0 : read - acc - quar;
      if (school && read != acc + quar) {
        broken.add(file + ": read " + read + ", accepted " + acc + ", quarantined " + quar);
      }
      rows.add(RowFactory.create(file, r.getString(1), r.getString(2), read, acc, quar, pending));
    }
    if (!broken.isEmpty()) {
      throw new IllegalStateException("Records are unaccounted for (read != accepted + quarantined); this is a bug in "
          + "the pipeline, please report it with these files: " + broken);
    }
    overwrite(spark.createDataFrame(rows, FileAccounting.SCHEMA), FileAccounting.TABLE);
    return rows;
  }

  /** The file report of the run: every file seen, its status and, for loaded files, where its rows went. */
  private Dataset<Row> dataQualityFiles(List<Row> ledger, List<Row> accounting) {
    Map<String, Row> byFile = new HashMap<>();
    accounting.forEach(r -> byFile.put(r.getString(0), r));
    List<Row> rows = new ArrayList<>();
    for (Row l : ledger) {
      Row a = byFile.get(l.getString(1));
      rows.add(RowFactory.create(l.getString(1), l.getString(4), l.getString(7), l.getString(5), l.getString(8),
          l.getString(9), a == null ? null : a.get(3), a == null ? null : a.get(4), a == null ? null : a.get(5),
          a == null ? null : a.get(6)));
    }
    return spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("source_file", "string").add("brin_vestiging", "string").add("profile", "string")
        .add("encoding", "string").add("status", "string").add("reason", "string")
        .add("rows_read", "long").add("rows_accepted", "long").add("rows_quarantined", "long")
        .add("rows_pending", "long"));
  }

  private Dataset<Row> table(String name) {
    return spark.read().format("delta").load(warehouse.table(name));
  }

  private void overwrite(Dataset<Row> data, String name) {
    data.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(warehouse.table(name));
  }

  /** Replaces one school year and reference date, keeping the figures of earlier reference dates. */
  private void replacePeriod(Dataset<Row> data, String name, String schoolYear, LocalDate referenceDate) {
    String path = warehouse.table(name);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      data.write().format("delta").partitionBy("school_year").save(path);
      return;
    }
    data.write().format("delta").mode(SaveMode.Overwrite)
        .option("replaceWhere", "school_year = '" + schoolYear + "' AND reference_date = DATE'" + referenceDate + "'")
        .save(path);
  }

  /** Replaces one school year's rows. */
  private void overwriteYear(Dataset<Row> data, String name, String schoolYear) {
    String path = warehouse.table(name);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      data.write().format("delta").partitionBy("school_year").save(path);
      return;
    }
    data.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", "school_year = '" + schoolYear + "'")
        .save(path);
  }
}
