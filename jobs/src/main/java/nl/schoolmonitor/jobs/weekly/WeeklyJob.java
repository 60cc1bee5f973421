package nl.schoolmonitor.jobs.weekly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.common.Pseudonymizer;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.config.Profile;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.gold.DataQuality;
import nl.schoolmonitor.gold.EarlyWarning;
import nl.schoolmonitor.gold.ExemptionCounts;
import nl.schoolmonitor.gold.FlagCounts;
import nl.schoolmonitor.gold.LeerplichtFollowup;
import nl.schoolmonitor.gold.LeerplichtMunicipality;
import nl.schoolmonitor.gold.LeerplichtReportCounts;
import nl.schoolmonitor.gold.Patterns;
import nl.schoolmonitor.gold.PupilDays;
import nl.schoolmonitor.gold.PupilFlags;
import nl.schoolmonitor.gold.PupilWindows;
import nl.schoolmonitor.gold.PupilYears;
import nl.schoolmonitor.gold.Pyramid;
import nl.schoolmonitor.gold.ReportMatch;
import nl.schoolmonitor.gold.Thuiszitters;
import nl.schoolmonitor.gold.TierMovement;
import nl.schoolmonitor.gold.TrendWeekly;
import nl.schoolmonitor.gold.TrendYearOverYear;
import nl.schoolmonitor.gold.VsvHistory;
import nl.schoolmonitor.gold.VsvRates;
import nl.schoolmonitor.jobs.Progress;
import nl.schoolmonitor.jobs.SparkSessions;
import nl.schoolmonitor.jobs.ingest.BronzeReader;
import nl.schoolmonitor.jobs.ingest.FileInspector;
import nl.schoolmonitor.jobs.ingest.LandingFile;
import nl.schoolmonitor.jobs.ingest.LandingZone;
import nl.schoolmonitor.jobs.publish.Publication;
import nl.schoolmonitor.jobs.publish.PublicationInfo;
import nl.schoolmonitor.jobs.publish.PublishedTable;
import nl.schoolmonitor.jobs.publish.PublishedTables;
import nl.schoolmonitor.jobs.publish.UnitHierarchy;
import nl.schoolmonitor.silver.AttendanceEvents;
import nl.schoolmonitor.silver.AttendanceEventsStaging;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.EnrolmentsStaging;
import nl.schoolmonitor.silver.Exemptions;
import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.Quarantine;
import nl.schoolmonitor.silver.RegistrationsStaging;
import nl.schoolmonitor.silver.SchoolCalendar;
import nl.schoolmonitor.silver.SchoolDays;
import nl.schoolmonitor.silver.Staged;
import nl.schoolmonitor.silver.StagedRegistrations;
import nl.schoolmonitor.silver.VsvLeavers;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

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
  private final Tables tables;
  private final RegionConfig config;

  public WeeklyJob(SparkSession spark, WeeklySettings settings, Progress progress) {
    this.spark = spark;
    this.settings = settings;
    this.progress = progress;
    this.tables = new Tables(spark, new Warehouse(settings.warehouse()));
    this.config = settings.config();
  }

  /** What the run produced, for the command line and the tests. */
  public record Result(String loadId, String mode, int schoolsProcessed, int filesSeen, int filesLoaded,
      int filesRejected, long rowsRead, long rowsReplaced, long rowsQuarantined, String publishedIn) {}

  /** Silver's keys: one row per key, so a MERGE can tell a changed row from a new one. */
  private static final List<String> ENROLMENT_KEY = List.of(Enrolments.BRIN_VESTIGING, Enrolments.SCHOOL_PUPIL_KEY,
      Enrolments.ENROLMENT_START);
  private static final List<String> EVENT_KEY = List.of(AttendanceEvents.BRIN_VESTIGING,
      AttendanceEvents.SCHOOL_PUPIL_KEY, AttendanceEvents.DATE, AttendanceEvents.SLOT, AttendanceEvents.CATEGORY,
      AttendanceEvents.SOURCE_CODE);

  /**
   * Runs every stage while holding the warehouse's {@link RunLock} (one run at a time), and
   * appends the run to {@link RunLog} (also when it fails, with the error);
   * a failed run changes no table half-way (every write is one Delta commit), and the next run
   * picks up what it left: files it loaded into bronze are processed then.
   */
  @SuppressWarnings("try") // the lock is held for the run, not called
  public Result run() throws IOException {
    String loadId = "run-" + LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS"));
    Map<String, Object> log = new HashMap<>();
    log.put("run_id", loadId);
    log.put("started_at", new java.sql.Timestamp(System.currentTimeMillis()));
    log.put("as_of", java.sql.Date.valueOf(settings.asOf()));
    log.put("school_year", SchoolYear.of(settings.asOf()).label());
    log.put("versions", versions());
    RunLog.Timer timer = new RunLog.Timer();
    Path warehouse = new Path(settings.warehouse());
    // The run may scale the session's shuffle partitions to its landing zone: only for itself.
    SparkSessions.Restore partitions = SparkSessions.keepShufflePartitions(spark);
    try (RunLock lock = RunLock.acquire(warehouse.getFileSystem(spark.sparkContext().hadoopConfiguration()), warehouse,
        loadId, settings.waitForLock())) {
      Result result = runStages(loadId, timer, log);
      writeLog(log, timer, RunLog.SUCCEEDED, null);
      return result;
    } catch (IOException | RuntimeException e) {
      try {
        writeLog(log, timer, RunLog.FAILED, String.valueOf(e.getMessage()));
      } catch (RuntimeException logFailure) {
        e.addSuppressed(logFailure);
      }
      throw e;
    } finally {
      partitions.close();
    }
  }

  private Result runStages(String loadId, RunLog.Timer timer, Map<String, Object> log) throws IOException {
    SchoolYear schoolYear = SchoolYear.of(settings.asOf());
    Pseudonymizer pseudonymizer = new Pseudonymizer(settings.key());

    ReferenceTables reference = ReferenceTables.read(spark, config);
    String fingerprint = reference.fingerprint(config, schoolYear.label(), settings.key());
    RunLog.History history = RunLog.history(tables);
    log.put("fingerprint", fingerprint);
    progress.stage("config", "region %s: %d schools, %d municipalities, reference date %s (school year %s)",
        config.code(), reference.systemBySchool().size(), reference.municipalities().count(), settings.asOf(), schoolYear);
    timer.end("config");

    // Bronze: inspect every landing file, load those whose bytes are new.
    List<LandingFile> files = inspectLanding(reference);
    // Silver and gold work through all of it, new or not.
    SparkSessions.scaleShufflePartitions(spark, files.stream().mapToLong(LandingFile::size).sum());
    List<Row> ledger = new ArrayList<>();
    List<LandingFile> toLoad = new ArrayList<>();
    Map<String, Boolean> inBronze = loadedHashes(history.succeededRuns());
    classify(files, inBronze, loadId, ledger, toLoad);
    Map<String, Long> rowsRead = loadBronze(toLoad, loadId);
    rowsRead.putAll(rowsOfUnfinishedLoads(inBronze));
    if (inBronze.containsValue(false)) {
      adoptUnfinishedLoads(history, loadId);
    }
    List<Row> ledgerWithCounts = ledger.stream().map(r -> withRowsRead(r, rowsRead)).toList();
    tables.append(spark.createDataFrame(ledgerWithCounts, FileLedger.SCHEMA), FileLedger.TABLE);
    long rejected = files.stream().filter(f -> !f.accepted()).count();
    long newRows = rowsRead.values().stream().mapToLong(Long::longValue).sum();
    // New: loaded by this run, or by a run that did not finish (its bronze rows are processed now).
    int loaded = (int) ledger.stream().filter(r -> FileLedger.LOADED.equals(r.getString(8))).count();
    progress.stage("bronze", "%d files: %d new loaded (%,d rows), %d already loaded or duplicate, %d rejected",
        files.size(), loaded, newRows, files.size() - loaded - rejected, rejected);
    files.stream().filter(f -> !f.accepted())
        .forEach(f -> progress.stage("rejected", "%s: %s", f.relativePath(), f.rejection().orElseThrow()));
    log.put("files_seen", files.size());
    log.put("files_new", loaded);
    log.put("files_already_loaded", (int) ledger.stream().filter(r -> FileLedger.ALREADY_LOADED.equals(r.getString(8))).count());
    log.put("files_duplicate", (int) ledger.stream().filter(r -> FileLedger.DUPLICATE.equals(r.getString(8))).count());
    log.put("files_rejected", (int) rejected);
    timer.end("bronze");

    // Silver: the schools with files no finished run has processed are staged again from all of
    // their bronze rows and merged in; everything, when the configuration changed.
    Dataset<Row> bronze = tables.read(ExportRows.TABLE);
    Optional<String> fullBecause = fullBecause(history, fingerprint);
    Set<String> schools = fullBecause.isPresent() ? Set.copyOf(reference.systemBySchool().keySet())
        : unprocessedSchools(bronze, history);
    log.put("mode", fullBecause.isPresent() ? RunLog.FULL : RunLog.INCREMENTAL);
    log.put("mode_reason", fullBecause.orElse(schools.isEmpty() ? "no new school exports"
        : "schools with new exports: " + new TreeSet<>(schools)));
    log.put("schools_processed", schools.size());
    if (fullBecause.isPresent()) {
      rebuildSilver(bronze, reference, pseudonymizer, schoolYear);
    } else if (!schools.isEmpty()) {
      updateSilver(bronze, schools, reference, pseudonymizer);
    }
    stageRegistrations(bronze, pseudonymizer);
    Dataset<Row> silverEnrolments = tables.read(Enrolments.TABLE);
    Dataset<Row> silverSchoolDays = tables.read(SchoolDays.TABLE);
    Dataset<Row> silverEvents = tables.read(AttendanceEvents.TABLE);
    Dataset<Row> quarantine = tables.read(Quarantine.TABLE);
    List<Row> accounting = account(bronze, silverEnrolments, silverEvents, quarantine);
    long quarantined = accounting.stream().mapToLong(r -> r.getLong(5)).sum();
    logNewRows(log, ledgerWithCounts, accounting);
    // Records a later export replaced are not errors: counted apart from the quarantined ones.
    long superseded = quarantine.filter(col(Quarantine.RULE).equalTo(Quarantine.Rule.SUPERSEDED)).count();
    progress.stage("silver", "%s (%s): %,d enrolments, %,d attendance events, %,d records replaced by later exports, "
        + "%,d records quarantined, %,d school days", log.get("mode"), abbreviated(log.get("mode_reason").toString()),
        silverEnrolments.count(), silverEvents.count(), superseded, quarantined - superseded, silverSchoolDays.count());
    timer.end("silver");

    // Gold: the figures of the school year up to the reference date.
    Dataset<Row> yearDays = silverSchoolDays.filter(col(SchoolDays.SCHOOL_YEAR).equalTo(schoolYear.label()));
    LocalDate through = updatePupilDays(fullBecause.isPresent(), history.pupilDaysThrough(), schools, silverEnrolments,
        yearDays, silverEvents);
    log.put("pupil_days_through", java.sql.Date.valueOf(through));
    progress.stage("days", "pupil days complete through %s", through);
    Dataset<Row> days = tables.read(PupilDays.TABLE).filter(col(PupilDays.DATE).leq(lit(java.sql.Date.valueOf(settings.asOf()))));
    // A reference date on a Sunday ends a week: that week's window is the reference window itself, once.
    Column atReferenceDate = col(PupilWindows.WINDOW_END).equalTo(lit(java.sql.Date.valueOf(settings.asOf())));
    Dataset<Row> windows = PupilWindows.schoolYearToDate(days, config.tiers(), settings.asOf())
        .unionByName(PupilWindows.rollingWeeks(days, config.tiers().forRollingWindows(), settings.asOf(), 4))
        .unionByName(PupilWindows.rollingWeeks(days, config.tiers().forRollingWindows(), settings.asOf(), 12))
        .unionByName(PupilWindows.schoolWeeks(days, config.tiers()))
        .unionByName(PupilWindows.schoolYearToDateByWeek(days, config.tiers()).filter(not(atReferenceDate)));
    tables.overwrite(windows, PupilWindows.TABLE);
    progress.stage("windows", "pupil windows and tiers");
    Dataset<Row> pupilWindows = tables.read(PupilWindows.TABLE);
    Column schoolYearToDate = col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_YEAR_TO_DATE);
    // The pyramid's windows: the school year to date, the last 4 and the last 12 school weeks.
    Dataset<Row> atReference = pupilWindows.filter(col(PupilWindows.WINDOW).isin(PupilWindows.SCHOOL_YEAR_TO_DATE,
        PupilWindows.ROLLING_4_WEEKS, PupilWindows.ROLLING_12_WEEKS).and(atReferenceDate));
    Dataset<Row> pyramid = Pyramid.build(atReference, silverEnrolments, reference.schools(), reference.municipalities(),
        config.code(), config.name(), config.norm(), schoolYear.label(), settings.asOf());
    Dataset<Row> trend = TrendWeekly.build(
        pupilWindows.filter(col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_WEEK)),
        // The standing at the end of every week: the windows ending on a Sunday.
        pupilWindows.filter(schoolYearToDate.and(dayofweek(col(PupilWindows.WINDOW_END)).equalTo(1))),
        silverEnrolments, reference.schools(), reference.municipalities(), config.code(), config.name(),
        schoolYear.label(), settings.asOf());
    tables.overwrite(PupilFlags.build(days, silverEnrolments, config.flags(), settings.asOf()), PupilFlags.TABLE);
    progress.stage("flags", "early-warning flags per pupil");
    Dataset<Row> flagCounts = FlagCounts.build(atReference, tables.read(PupilFlags.TABLE), silverEnrolments,
        reference.schools(), reference.municipalities(), config.code(), config.name(), schoolYear.label(), settings.asOf());
    String thisPeriod = PublishedTables.periodFilter(schoolYear.label(), settings.asOf());
    tables.replaceYear(flagCounts, FlagCounts.TABLE, thisPeriod);
    tables.replaceYear(pyramid, Pyramid.TABLE, thisPeriod);
    String thisYear = PublishedTables.yearFilter(schoolYear.label());
    tables.replaceYear(trend, TrendWeekly.TABLE, thisYear);
    // Earlier school years stay in the trend table: this year's weeks next to last year's.
    tables.replaceYear(TrendYearOverYear.build(tables.read(TrendWeekly.TABLE), schoolYear.label()),
        TrendYearOverYear.TABLE, thisYear);
    tables.replaceYear(TierMovement.build(pupilWindows, silverEnrolments, reference.schools(),
        reference.municipalities(), config.code(), config.name(), schoolYear.label(), settings.asOf()),
        TierMovement.TABLE, thisYear);
    tables.replaceYear(Patterns.build(days, silverEnrolments, reference.schools(), reference.municipalities(),
        config.code(), config.name(), schoolYear.label(), settings.asOf()), Patterns.TABLE, thisPeriod);
    progress.stage("units", "pyramid, flags, trend, tier movement and patterns per unit");
    Dataset<Row> quality = DataQuality.weekly(silverEvents, silverEnrolments, silverSchoolDays, schoolYear.label(),
        settings.asOf(), DataQuality.Thresholds.DEFAULT);
    tables.replaceYear(quality, DataQuality.WEEKLY_TABLE, thisYear);
    tables.replaceYear(DataQuality.school(silverEvents, silverEnrolments, silverSchoolDays, quarantine,
        spark.createDataFrame(ledgerWithCounts, FileLedger.SCHEMA), tables.read(FileAccounting.TABLE),
        tables.read(DataQuality.WEEKLY_TABLE).where(thisYear), schoolYear.label(), settings.asOf(),
        DataQuality.Thresholds.DEFAULT), DataQuality.SCHOOL_TABLE, thisPeriod);
    tables.replaceYear(DataQuality.codes(silverEvents, silverEnrolments, schoolYear.label(), settings.asOf()),
        DataQuality.CODES_TABLE, thisPeriod);
    progress.stage("quality", "data quality per school, week and code");
    List<String> yearEnds = EarlierYears.update(tables, config, schoolYear, fullBecause.isPresent());
    if (!yearEnds.isEmpty()) {
      progress.stage("earlier", "year-end standing of school year(s) %s computed from silver", yearEnds);
    }
    registrationTables(reference, silverEnrolments, pupilWindows, schoolYear);
    progress.stage("leerplicht", "leerplicht, VSV and early-warning tables");
    // Counted from the written tables: counting pyramid and trend themselves would compute them again.
    Dataset<Row> published = tables.read(Pyramid.TABLE).where(thisPeriod);
    Dataset<Row> publishedTrend = tables.read(TrendWeekly.TABLE).filter(col("school_year").equalTo(schoolYear.label()));
    progress.stage("gold", "%,d pupil days (computed through %s), %,d pupil windows, %,d pyramid rows, %,d trend rows",
        days.count(), through, pupilWindows.count(), published.count(), publishedTrend.count());
    timer.end("gold");

    // Publication under <publish>/<school_year>/<reference_date>/: CSV for tools, a workbook for people.
    Path out = new Path(settings.publish(), schoolYear.label() + "/" + settings.asOf());
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.mkdirs(out);
    // Every table for people passes the small-cell rule and its check before anything is written.
    List<PublishedTable> toPublish = new ArrayList<>(PublishedTables.fromGold(tables::read, schoolYear.label(),
        settings.asOf()));
    toPublish.add(PublishedTables.unprotected("data_quality_files", dataQualityFiles(ledgerWithCounts, accounting)));
    toPublish.add(PublishedTables.unprotected("data_quality_quarantine", quarantine
        .groupBy(Quarantine.BRIN_VESTIGING, Quarantine.SOURCE_FILE, Quarantine.PROFILE, Quarantine.RULE)
        .agg(count(lit(1)).as("records"))
        .orderBy(Quarantine.BRIN_VESTIGING, Quarantine.SOURCE_FILE, Quarantine.RULE)));
    Publication.Written written = Publication.write(fs, out, toPublish,
        UnitHierarchy.fromReference(config.code(), reference.schools(), reference.municipalities()),
        settings.disclosure(), PublicationInfo.of(config, schoolYear.label(), settings.asOf()));
    // The report site reads the files just written (protected): on a local disk, where people open it.
    nl.schoolmonitor.jobs.report.ReportSite.writeIfLocal(fs.makeQualified(out).toUri());
    progress.stage("publish", "%s: %s; %s; site/index.html", out, written.rows().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue() + " rows (" + written.hiddenCells().getOrDefault(e.getKey(), 0)
                + " cells x)").collect(java.util.stream.Collectors.joining(", ")),
        new Path(written.workbook().toString()).getName());
    timer.end("publish");

    long totalRead = accounting.stream().mapToLong(r -> r.getLong(3)).sum();
    return new Result(loadId, (String) log.get("mode"), schools.size(), files.size(), toLoad.size(), (int) rejected,
        totalRead, superseded, quarantined - superseded, out.toString());
  }

  /** A long reason (a list of schools) shortened for the progress line; the run log keeps it whole. */
  private static String abbreviated(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }

  /** Why this run must rebuild silver and gold from all of bronze, or empty when it need not. */
  private Optional<String> fullBecause(RunLog.History history, String fingerprint) {
    if (settings.full()) {
      return Optional.of("--full asked for");
    }
    if (history.fingerprint().isEmpty() || !tables.exists(Enrolments.TABLE) || !tables.exists(AttendanceEvents.TABLE)
        || !tables.exists(PupilDays.TABLE)) {
      return Optional.of("first run on this warehouse");
    }
    if (!history.fingerprint().get().equals(fingerprint)) {
      return Optional.of("the region configuration, reference tables, key or school year changed");
    }
    return Optional.empty();
  }

  /**
   * The schools with bronze rows that no succeeded run has processed: this run's new files, and
   * those of a run that died after loading them.
   */
  private static Set<String> unprocessedSchools(Dataset<Row> bronze, RunLog.History history) {
    Set<String> schools = new HashSet<>();
    bronze.filter(not(col(ExportRows.LOAD_ID).isin(history.succeededRuns().toArray()))
            .and(col(ExportRows.BRIN_VESTIGING).isNotNull()))
        .select(ExportRows.BRIN_VESTIGING).distinct().collectAsList().forEach(r -> schools.add(r.getString(0)));
    return schools;
  }

  private void rebuildSilver(Dataset<Row> bronze, ReferenceTables reference, Pseudonymizer pseudonymizer,
      SchoolYear schoolYear) {
    Dataset<Row> schoolDays = SchoolCalendar.build(reference.schools(), reference.holidays(), reference.studyDays(),
        config, calendarStart(reference), schoolYear.lastDay());
    Staged enrolments = EnrolmentsStaging.stage(ofKind(bronze, Profile.Kind.PUPILS), reference.municipalities(),
        config, pseudonymizer);
    tables.overwrite(enrolments.accepted(), Enrolments.TABLE);
    tables.overwrite(schoolDays, SchoolDays.TABLE);
    Staged events = AttendanceEventsStaging.stage(ofKind(bronze, Profile.Kind.ABSENCES), tables.read(Enrolments.TABLE),
        tables.read(SchoolDays.TABLE), reference.schools(), config, pseudonymizer);
    tables.overwrite(events.accepted(), AttendanceEvents.TABLE);
    tables.overwrite(enrolments.quarantined().unionByName(events.quarantined()), Quarantine.TABLE);
    releaseStaged(enrolments, events);
  }

  /**
   * Staging persisted its checked rows (at scale, gigabytes spilled to disk); silver is written,
   * so they go: gold has the memory, and a long session (backfill) does not collect them.
   */
  private static void releaseStaged(Staged... stagings) {
    for (Staged staged : stagings) {
      staged.release();
    }
  }

  /**
   * Stages {@code schools} again from all of their bronze rows (corrections and duplicates are
   * settled per school, across its files) and merges the result into silver: changed rows
   * updated, new ones inserted, rows a correction removed deleted; other schools untouched.
   */
  private void updateSilver(Dataset<Row> bronze, Set<String> schools, ReferenceTables reference,
      Pseudonymizer pseudonymizer) {
    Column ofSchools = col(ExportRows.BRIN_VESTIGING).isin(schools.toArray());
    Dataset<Row> schoolBronze = bronze.filter(ofSchools);
    Staged enrolments = EnrolmentsStaging.stage(ofKind(schoolBronze, Profile.Kind.PUPILS), reference.municipalities(),
        config, pseudonymizer);
    tables.upsertSchools(Enrolments.TABLE, enrolments.accepted(), ENROLMENT_KEY, schools);
    Staged events = AttendanceEventsStaging.stage(ofKind(schoolBronze, Profile.Kind.ABSENCES),
        tables.read(Enrolments.TABLE).filter(ofSchools), tables.read(SchoolDays.TABLE), reference.schools(), config,
        pseudonymizer);
    tables.upsertSchools(AttendanceEvents.TABLE, events.accepted(), EVENT_KEY, schools);
    tables.replaceWhere(enrolments.quarantined().unionByName(events.quarantined()), Quarantine.TABLE,
        Quarantine.BRIN_VESTIGING + " IN " + Tables.sqlList(schools));
    releaseStaged(enrolments, events);
  }

  /**
   * The municipal and national registrations (leerplicht reports, exemptions, VSV lists), staged
   * again from all of bronze every run: they are small, and a report can be corrected any week.
   * Their quarantined records are the quarantine's rows without a school.
   */
  private void stageRegistrations(Dataset<Row> bronze, Pseudonymizer pseudonymizer) {
    List<String> kinds = config.profiles().stream().filter(p -> p.kind() == Profile.Kind.LEERPLICHT_REPORTS
        || p.kind() == Profile.Kind.EXEMPTIONS || p.kind() == Profile.Kind.VSV_LIST).map(Profile::name).toList();
    StagedRegistrations staged = RegistrationsStaging.stage(bronze.filter(col(ExportRows.PROFILE).isin(kinds.toArray())),
        config, pseudonymizer);
    tables.overwrite(staged.reports(), LeerplichtReports.TABLE);
    tables.overwrite(staged.exemptions(), Exemptions.TABLE);
    tables.overwrite(staged.vsv(), VsvLeavers.TABLE);
    tables.replaceWhere(staged.quarantined(), Quarantine.TABLE, Quarantine.BRIN_VESTIGING + " IS NULL");
    staged.release();
  }

  /**
   * Leerplicht and VSV next to the school figures (docs/leerplicht.md): counts per municipality,
   * thuiszitters, follow-up of reportable absence, reports without school absence, the VSV'ers'
   * earlier absence and the early-warning table. Tables ending in {@code _restricted} are
   * pupil-level, for the leerplicht team only, and never published.
   */
  private void registrationTables(ReferenceTables reference, Dataset<Row> enrolments, Dataset<Row> pupilWindows,
      SchoolYear schoolYear) {
    LocalDate asOf = settings.asOf();
    Dataset<Row> reports = tables.read(LeerplichtReports.TABLE);
    Dataset<Row> exemptions = tables.read(Exemptions.TABLE);
    Dataset<Row> vsv = tables.read(VsvLeavers.TABLE);
    Dataset<Row> flags = tables.read(PupilFlags.TABLE);
    tables.overwrite(Thuiszitters.build(reports, exemptions, flags, enrolments, config.leerplicht(), asOf),
        Thuiszitters.TABLE);
    Dataset<Row> thuiszitters = tables.read(Thuiszitters.TABLE);
    tables.overwrite(LeerplichtReportCounts.build(reports, reference.municipalities()), LeerplichtReportCounts.TABLE);
    tables.overwrite(LeerplichtMunicipality.build(reports, exemptions, thuiszitters, reference.municipalities()),
        LeerplichtMunicipality.TABLE);
    tables.overwrite(ExemptionCounts.build(exemptions, reference.municipalities()), ExemptionCounts.TABLE);
    tables.overwrite(LeerplichtFollowup.perPupil(flags, reports, config.leerplicht(), asOf),
        LeerplichtFollowup.PUPIL_TABLE);
    tables.overwrite(LeerplichtFollowup.perSchool(tables.read(LeerplichtFollowup.PUPIL_TABLE), reference.schools(), asOf),
        LeerplichtFollowup.TABLE);
    tables.overwrite(ReportMatch.perReport(reports,
        pupilWindows.filter(col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_WEEK))), ReportMatch.REPORT_TABLE);
    tables.overwrite(ReportMatch.perSchool(tables.read(ReportMatch.REPORT_TABLE), reference.schools()), ReportMatch.TABLE);
    // The years before this one from their year-end standing: a VSV'er meets their earlier absence.
    tables.overwrite(PupilYears.build(pupilWindows.unionByName(EarlierYears.windows(tables, schoolYear)),
        flags.unionByName(EarlierYears.flags(tables, schoolYear)), reports, thuiszitters, vsv), PupilYears.TABLE);
    Dataset<Row> pupilYears = tables.read(PupilYears.TABLE);
    tables.overwrite(VsvHistory.perPupil(vsv, pupilYears), VsvHistory.PUPIL_TABLE);
    tables.overwrite(VsvHistory.summary(tables.read(VsvHistory.PUPIL_TABLE)), VsvHistory.TABLE);
    tables.overwrite(EarlyWarning.build(pupilYears), EarlyWarning.TABLE);
    tables.overwrite(VsvRates.build(vsv, tables.read(Pyramid.TABLE), reference.schools(), reference.municipalities(),
        config.code(), config.name()), VsvRates.TABLE);
  }

  /**
   * Keeps gold_pupil_days complete up to the later of the reference date and the day it was
   * complete to: the days of the processed schools are computed again, and for every school the
   * days after that day. A day's figures do not depend on the reference date (silver does not),
   * so days already computed stay valid; the other gold tables use the days up to the reference
   * date. Returns the day the table is now complete to.
   */
  private LocalDate updatePupilDays(boolean full, Optional<LocalDate> completeTo, Set<String> schools,
      Dataset<Row> enrolments, Dataset<Row> yearDays, Dataset<Row> events) {
    LocalDate asOf = settings.asOf();
    boolean authorised = config.removedFromClassAuthorised();
    if (full || completeTo.isEmpty()) {
      tables.overwrite(PupilDays.build(enrolments, yearDays, events, asOf, authorised), PupilDays.TABLE);
      return asOf;
    }
    LocalDate before = completeTo.get();
    LocalDate through = asOf.isAfter(before) ? asOf : before;
    if (schools.isEmpty() && !asOf.isAfter(before)) {
      return before;
    }
    String scope = PupilDays.BRIN_VESTIGING + " IN " + Tables.sqlList(schools) + " OR " + PupilDays.DATE
        + " > DATE'" + before + "'";
    Dataset<Row> days = PupilDays.build(enrolments, yearDays.where(scope), events.where(scope), through, authorised);
    tables.replaceWhere(days, PupilDays.TABLE, scope);
    return through;
  }

  /** Where the records of this run's new files went, for the run log. */
  private static void logNewRows(Map<String, Object> log, List<Row> ledger, List<Row> accounting) {
    Set<String> loaded = new HashSet<>();
    ledger.stream().filter(r -> FileLedger.LOADED.equals(r.getString(8))).forEach(r -> loaded.add(r.getString(1)));
    long[] sums = new long[3];
    accounting.stream().filter(r -> loaded.contains(r.getString(0))).forEach(r -> {
      for (int i = 0; i < 3; i++) {
        sums[i] += r.getLong(3 + i);
      }
    });
    log.put("rows_read", sums[0]);
    log.put("rows_accepted", sums[1]);
    log.put("rows_quarantined", sums[2]);
  }

  private void writeLog(Map<String, Object> log, RunLog.Timer timer, String status, String error) {
    log.put("status", status);
    log.put("error", error);
    log.put("finished_at", new java.sql.Timestamp(System.currentTimeMillis()));
    RunLog.STAGES.forEach(stage -> log.put("seconds_" + stage, timer.seconds(stage)));
    log.put("seconds_total", timer.total());
    Object[] values = java.util.Arrays.stream(RunLog.SCHEMA.fieldNames()).map(log::get).toArray();
    tables.append(spark.createDataFrame(List.of(RowFactory.create(values)), RunLog.SCHEMA), RunLog.TABLE);
  }

  /** Monitor, Spark and Delta versions as built (monitor-versions.properties, filled in by Maven). */
  private static String versions() {
    Properties versions = new Properties();
    try (InputStream in = WeeklyJob.class.getResourceAsStream("/monitor-versions.properties")) {
      if (in != null) {
        versions.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "monitor " + versions.getProperty("monitor", "?") + ", Spark " + versions.getProperty("spark", "?")
        + ", Delta " + versions.getProperty("delta", "?");
  }

  private List<LandingFile> inspectLanding(ReferenceTables reference) throws IOException {
    Path root = new Path(settings.landing());
    FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
    return LandingZone.inspect(fs, root, new FileInspector(config), reference.systemBySchool());
  }

  /**
   * Bronze itself, not the ledger, says which bytes are loaded: a run that died after loading is not
   * loaded twice. Per hash in bronze: whether a succeeded run loaded it ({@code false}: only a run
   * that died or failed did, so this run is the first to finish its load).
   */
  private Map<String, Boolean> loadedHashes(Set<String> succeededRuns) {
    if (!tables.exists(ExportRows.TABLE)) {
      return Map.of();
    }
    Map<String, Boolean> hashes = new HashMap<>();
    tables.read(ExportRows.TABLE)
        .groupBy(ExportRows.FILE_SHA256)
        .agg(max(col(ExportRows.LOAD_ID).isin(succeededRuns.toArray())))
        .collectAsList().forEach(r -> hashes.put(r.getString(0), r.getBoolean(1)));
    return hashes;
  }

  /**
   * The bronze rows of runs that died become this run's (one Delta UPDATE of their load id): the
   * run that finishes their load owns them, so once it succeeds no later run takes their schools
   * for unprocessed again. Should this run die too, the rows are again of a run that did not finish.
   */
  private void adoptUnfinishedLoads(RunLog.History history, String loadId) {
    Column unfinished = not(col(ExportRows.LOAD_ID).isin(history.succeededRuns().toArray()))
        .and(col(ExportRows.LOAD_ID).notEqual(lit(loadId)));
    tables.update(ExportRows.TABLE, unfinished, ExportRows.LOAD_ID, lit(loadId));
  }

  /** Rows per file of the loads no succeeded run made (a run that died after writing bronze). */
  private Map<String, Long> rowsOfUnfinishedLoads(Map<String, Boolean> inBronze) {
    List<String> unfinished = inBronze.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    Map<String, Long> rows = new HashMap<>();
    if (!unfinished.isEmpty()) {
      tables.read(ExportRows.TABLE).filter(col(ExportRows.FILE_SHA256).isin(unfinished.toArray()))
          .groupBy(ExportRows.SOURCE_FILE).count().collectAsList()
          .forEach(r -> rows.put(r.getString(0), r.getLong(1)));
    }
    return rows;
  }

  /**
   * Decides per file: load it, skip it (its bytes are already in bronze) or record why it is rejected.
   * Bytes only a run that did not finish put in bronze are not read again but count as loaded by this
   * run, as they would have had that run not died: the ledger and the published file list say so.
   */
  private static void classify(List<LandingFile> files, Map<String, Boolean> loadedBefore, String loadId,
      List<Row> ledger, List<LandingFile> toLoad) {
    Map<String, String> seenThisRun = new HashMap<>();
    for (LandingFile f : files) {
      String status;
      String reason = null;
      if (!f.accepted()) {
        status = FileLedger.REJECTED;
        reason = f.rejection().orElseThrow();
      } else if (loadedBefore.getOrDefault(f.sha256(), false)) {
        status = FileLedger.ALREADY_LOADED;
      } else if (seenThisRun.containsKey(f.sha256())) {
        status = FileLedger.DUPLICATE;
        reason = "same bytes as " + seenThisRun.get(f.sha256());
      } else {
        status = FileLedger.LOADED;
        seenThisRun.put(f.sha256(), f.relativePath());
        if (!loadedBefore.containsKey(f.sha256())) {
          toLoad.add(f);
        }
      }
      ledger.add(RowFactory.create(loadId, f.relativePath(), f.sha256(), f.size(), f.brinVestiging(), f.encoding(),
          String.valueOf(f.separator()), f.profile() == null ? null : f.profile().name(), status, reason, null,
          java.sql.Timestamp.from(f.receivedAt())));
    }
  }

  private Map<String, Long> loadBronze(List<LandingFile> toLoad, String loadId) {
    Map<String, Long> rowsRead = new HashMap<>();
    if (toLoad.isEmpty()) {
      if (!tables.exists(ExportRows.TABLE)) {
        tables.append(spark.createDataFrame(List.of(), ExportRows.SCHEMA), ExportRows.TABLE);
      }
      return rowsRead;
    }
    tables.append(BronzeReader.read(spark, toLoad, loadId), ExportRows.TABLE);
    tables.read(ExportRows.TABLE).filter(col(ExportRows.LOAD_ID).equalTo(loadId))
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
   * Per loaded file: read = accepted + quarantined. A file where the sum does not hold stops the
   * run: a row would otherwise vanish unseen.
   */
  private List<Row> account(Dataset<Row> bronze, Dataset<Row> enrolments, Dataset<Row> events, Dataset<Row> quarantine) {
    Map<String, Long> accepted = new HashMap<>();
    for (Dataset<Row> records : List.of(enrolments.select(Enrolments.SOURCE_FILE),
        AttendanceEventsStaging.acceptedRecords(events).select(AttendanceEvents.SOURCE_FILE),
        tables.read(LeerplichtReports.TABLE).select(LeerplichtReports.SOURCE_FILE),
        tables.read(Exemptions.TABLE).select(Exemptions.SOURCE_FILE),
        tables.read(VsvLeavers.TABLE).select(VsvLeavers.SOURCE_FILE))) {
      records.groupBy(records.columns()[0]).count().collectAsList()
          .forEach(r -> accepted.merge(r.getString(0), r.getLong(1), Long::sum));
    }
    Map<String, Long> quarantined = new HashMap<>();
    quarantine.groupBy(Quarantine.SOURCE_FILE).count().collectAsList()
        .forEach(r -> quarantined.put(r.getString(0), r.getLong(1)));

    List<Row> rows = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (Row r : bronze.groupBy(ExportRows.SOURCE_FILE, ExportRows.BRIN_VESTIGING, ExportRows.PROFILE).count()
        .orderBy(ExportRows.SOURCE_FILE).collectAsList()) {
      String file = r.getString(0);
      long read = r.getLong(3);
      long acc = accepted.getOrDefault(file, 0L);
      long quar = quarantined.getOrDefault(file, 0L);
      if (read != acc + quar) {
        broken.add(file + ": read " + read + ", accepted " + acc + ", quarantined " + quar);
      }
      rows.add(RowFactory.create(file, r.getString(1), r.getString(2), read, acc, quar));
    }
    if (!broken.isEmpty()) {
      throw new IllegalStateException("Records are unaccounted for (read != accepted + quarantined); this is a bug in "
          + "the pipeline, please report it with these files: " + broken);
    }
    tables.overwrite(spark.createDataFrame(rows, FileAccounting.SCHEMA), FileAccounting.TABLE);
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
          l.getString(9), a == null ? null : a.get(3), a == null ? null : a.get(4), a == null ? null : a.get(5)));
    }
    return spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
        .add("source_file", "string").add("brin_vestiging", "string").add("profile", "string")
        .add("encoding", "string").add("status", "string").add("reason", "string")
        .add("rows_read", "long").add("rows_accepted", "long").add("rows_quarantined", "long"));
  }
}
