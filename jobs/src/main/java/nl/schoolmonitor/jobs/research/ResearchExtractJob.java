package nl.schoolmonitor.jobs.research;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.schoolmonitor.common.SchoolYear;
import nl.schoolmonitor.gold.PupilFlags;
import nl.schoolmonitor.gold.PupilWindows;
import nl.schoolmonitor.jobs.Progress;
import nl.schoolmonitor.jobs.publish.CsvPublisher;
import nl.schoolmonitor.jobs.report.ResearchReport;
import nl.schoolmonitor.jobs.weekly.EarlierYears;
import nl.schoolmonitor.jobs.weekly.ReferenceTables;
import nl.schoolmonitor.jobs.weekly.Warehouse;
import nl.schoolmonitor.research.Codebook;
import nl.schoolmonitor.research.KAnonymity;
import nl.schoolmonitor.research.PredictorModel;
import nl.schoolmonitor.research.ResearchExtract;
import nl.schoolmonitor.research.ResearchPseudonymizer;
import nl.schoolmonitor.silver.Enrolments;
import nl.schoolmonitor.silver.LeerplichtReports;
import nl.schoolmonitor.silver.VsvLeavers;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a research extract from a warehouse the weekly job has run on: the extract as CSV and as
 * a Delta table, its codebook, and the predictor models' tables, all in one folder. The school year
 * of the reference date comes from gold (the weekly run at that date); earlier school years from
 * their year-end standing the weekly job keeps ({@link EarlierYears}), so previous-year tiers and
 * follow-up outcomes exist. Nothing is written when the extract is not k-anonymous. On a local disk
 * the folder also gets {@code report/index.html}, the model tables as a page ({@link ResearchReport}).
 */
public final class ResearchExtractJob {
  public static final String EXTRACT_CSV = "extract.csv";
  public static final String CODEBOOK_CSV = "codebook.csv";
  public static final String SUMMARY_CSV = "summary.csv";
  private static final org.apache.spark.sql.types.StructType SUMMARY = new org.apache.spark.sql.types.StructType()
      .add("reference_date", "string").add("rows", "long").add("pupils", "long").add("withheld_rows", "long")
      .add("k", "int").add("quasi_identifiers", "string");

  private final SparkSession spark;
  private final ResearchSettings settings;
  private final Progress progress;
  private final Warehouse warehouse;

  public ResearchExtractJob(SparkSession spark, ResearchSettings settings, Progress progress) {
    this.spark = spark;
    this.settings = settings;
    this.progress = progress;
    this.warehouse = new Warehouse(settings.warehouse());
  }

  /** Rows written, per file name. */
  public record Result(long rows, long pupils, Map<String, Long> files) {}

  public Result run() throws IOException {
    SchoolYear current = SchoolYear.of(settings.asOf());
    Dataset<Row> enrolments = read(Enrolments.TABLE);
    Dataset<Row> schools = ReferenceTables.read(spark, settings.region()).schools();

    Date asOf = Date.valueOf(settings.asOf());
    Dataset<Row> windows = read(PupilWindows.TABLE)
        .filter(col(PupilWindows.WINDOW).equalTo(PupilWindows.SCHOOL_YEAR_TO_DATE)
            .and(col(PupilWindows.WINDOW_END).equalTo(lit(asOf))))
        .withColumn(ResearchExtract.SCHOOL_YEAR, lit(current.label()));
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("The warehouse " + settings.warehouse() + " has no school-year-to-date"
          + " windows at " + settings.asOf() + ": run `monitor weekly --as-of " + settings.asOf()
          + "` on it first (gold holds the figures of the last weekly run's reference date only)");
    }
    Dataset<Row> flags = read(PupilFlags.TABLE).withColumn(ResearchExtract.SCHOOL_YEAR, lit(current.label()));
    // The earlier school years: their year-end standing, kept by the weekly job.
    Dataset<Row> earlierWindows = read(EarlierYears.WINDOWS_TABLE)
        .filter(col(EarlierYears.SCHOOL_YEAR).lt(current.label()));
    // Both carry the column ResearchExtract.SCHOOL_YEAR.
    windows = windows.unionByName(earlierWindows);
    flags = flags.unionByName(read(EarlierYears.FLAGS_TABLE).filter(col(EarlierYears.SCHOOL_YEAR).lt(current.label())));
    List<String> earlier = earlierWindows.select(EarlierYears.SCHOOL_YEAR).distinct().orderBy(EarlierYears.SCHOOL_YEAR)
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    progress.stage("windows", "school years %s from their year-end standing, %s from gold", earlier, current.label());

    ResearchExtract.Outcomes outcomes = new ResearchExtract.Outcomes(
        outcomeTable(LeerplichtReports.TABLE, LeerplichtReports.REPORT_DATE, LeerplichtReports.VERZUIMSOORT),
        outcomeTable(VsvLeavers.TABLE, VsvLeavers.DEREGISTRATION_DATE),
        settings.research().thuiszitterVerzuimsoorten());
    progress.stage("outcomes", "%s: %s, %s: %s", LeerplichtReports.TABLE,
        outcomes.leerplichtReports().isPresent() ? "read" : "missing (outcomes null)", VsvLeavers.TABLE,
        outcomes.vsv().isPresent() ? "read" : "missing (outcome null)");

    Dataset<Row> exact = ResearchExtract.pupilYears(windows, flags, enrolments, schools, outcomes, settings.asOf());
    Dataset<Row> extract = ResearchExtract.generalise(exact, settings.research(),
        new ResearchPseudonymizer(settings.researchKey())).localCheckpoint();
    long generalisedRows = extract.count();
    List<String> qis = settings.research().quasiIdentifiers();
    int k = settings.research().k();
    extract = KAnonymity.withholdSmall(extract, qis, k).localCheckpoint();
    long rows = extract.count();
    long withheld = generalisedRows - rows;
    if (withheld * 100.0 > settings.research().maxWithheldPct() * generalisedRows) {
      // The check names the combinations; nothing is written.
      KAnonymity.check(ResearchExtract.generalise(exact, settings.research(),
          new ResearchPseudonymizer(settings.researchKey())), qis, k);
    }
    KAnonymity.check(extract, qis, k);
    long pupils = extract.select(ResearchExtract.RESEARCH_KEY).distinct().count();
    progress.stage("extract", "%,d rows (%,d pupils), %d-anonymous over %s; %d rows withheld (still in a"
        + " combination smaller than k after the fallback, at most %.2f%% allowed)", rows, pupils, k, qis, withheld,
        settings.research().maxWithheldPct());

    Path out = new Path(settings.out());
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    fs.mkdirs(out);
    Map<String, Long> files = new java.util.LinkedHashMap<>();
    Dataset<Row> ordered = extract.orderBy(ResearchExtract.SCHOOL_YEAR, ResearchExtract.RESEARCH_KEY,
        ResearchExtract.SECTOR, ResearchExtract.SCHOOL_TYPE);
    files.put(EXTRACT_CSV, CsvPublisher.write(fs, new Path(out, EXTRACT_CSV), ordered));
    spark.createDataFrame(extract.rdd(), ResearchExtract.SCHEMA).write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true").save(new Path(out, ResearchExtract.TABLE).toString());
    files.put(ResearchExtract.TABLE + "/", rows);
    files.put(SUMMARY_CSV, CsvPublisher.write(fs, new Path(out, SUMMARY_CSV), spark.createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create(settings.asOf().toString(), rows, pupils, withheld, k,
            String.join(";", qis))), SUMMARY)));
    files.put(CODEBOOK_CSV, CsvPublisher.write(fs, new Path(out, CODEBOOK_CSV),
        spark.createDataFrame(Codebook.rows(settings.research()), Codebook.SCHEMA)));
    progress.stage("written", "%s, %s/ (Delta), %s in %s", EXTRACT_CSV, ResearchExtract.TABLE, CODEBOOK_CSV, out);

    files.putAll(models(extract, current, fs, out));
    // The report reads the summary and model tables just written: on a local disk, where the researcher opens it.
    ResearchReport.writeIfLocal(fs.makeQualified(out).toUri())
        .ifPresent(index -> progress.stage("report", "%s", index));
    return new Result(rows, pupils, files);
  }

  /** The logistic regressions and trees: tier 3 this year, and each later outcome with enough positives. */
  private Map<String, Long> models(Dataset<Row> extract, SchoolYear current, FileSystem fs, Path out)
      throws IOException {
    List<Row> oddsRatios = new ArrayList<>();
    List<Row> metrics = new ArrayList<>();
    List<Row> calibration = new ArrayList<>();
    List<Row> importances = new ArrayList<>();
    record Outcome(String name, Dataset<Row> rows, Column label, boolean withThisYearsTier) {}
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.add(new Outcome(PredictorModel.TIER3_THIS_YEAR,
        extract.filter(col(ResearchExtract.SCHOOL_YEAR).equalTo(current.label())),
        col(ResearchExtract.TIER).equalTo(3), false));
    for (String later : List.of(ResearchExtract.LATER_LEERPLICHT_REPORT, ResearchExtract.LATER_THUISZITTER,
        ResearchExtract.LATER_VSV)) {
      outcomes.add(new Outcome(later, extract, col(later), true));
    }
    for (Outcome o : outcomes) {
      var predictors = PredictorModel.predictors(o.withThisYearsTier());
      Dataset<Row> design = PredictorModel.design(o.rows(), o.label(), predictors);
      long known = design.count();
      long positives = design.filter(col(PredictorModel.LABEL).equalTo(1.0)).count();
      if (known == 0) {
        progress.stage("model", "%s: unknown for every row: no model", o.name());
        continue;
      }
      if (positives < settings.research().model().minPositives()) {
        progress.stage("model", "%s: %d positives among %,d rows, fewer than %d: no model", o.name(), positives, known,
            settings.research().model().minPositives());
        continue;
      }
      PredictorModel.Results r = PredictorModel.fit(spark, o.name(), design, List.copyOf(predictors.keySet()),
          settings.research().model());
      oddsRatios.addAll(r.oddsRatios());
      metrics.addAll(r.metrics());
      calibration.addAll(r.calibration());
      importances.addAll(r.importances());
      progress.stage("model", "%s: %d positives; AUC logistic %.3f, trees %.3f", o.name(), positives,
          r.metrics().get(0).getDouble(2), r.metrics().get(1).getDouble(2));
    }
    Map<String, Long> files = new java.util.LinkedHashMap<>();
    files.put("odds_ratios.csv", CsvPublisher.write(fs, new Path(out, "odds_ratios.csv"),
        spark.createDataFrame(oddsRatios, PredictorModel.ODDS_RATIOS)));
    files.put("model_metrics.csv", CsvPublisher.write(fs, new Path(out, "model_metrics.csv"),
        spark.createDataFrame(metrics, PredictorModel.METRICS)));
    files.put("calibration.csv", CsvPublisher.write(fs, new Path(out, "calibration.csv"),
        spark.createDataFrame(calibration, PredictorModel.CALIBRATION)));
    files.put("feature_importance.csv", CsvPublisher.write(fs, new Path(out, "feature_importance.csv"),
        spark.createDataFrame(importances, PredictorModel.IMPORTANCES)));
    return files;
  }

  private Dataset<Row> read(String table) {
    return spark.read().format("delta").load(warehouse.table(table));
  }

  /** An outcome table when the warehouse has it; stops when it lacks the columns the extract expects. */
  private Optional<Dataset<Row>> outcomeTable(String table, String... columns) {
    if (!DeltaTable.isDeltaTable(spark, warehouse.table(table))) {
      return Optional.empty();
    }
    Dataset<Row> t = read(table);
    List<String> missing = new ArrayList<>();
    for (String c : concat(LeerplichtReports.PUPIL_KEY, columns)) {
      if (!Arrays.asList(t.columns()).contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Table " + table + " in " + settings.warehouse() + " has no column(s) " + missing
          + " (it has " + Arrays.toString(t.columns()) + "); the research extract expects "
          + concat(LeerplichtReports.PUPIL_KEY, columns) + "");
    }
    return Optional.of(t);
  }

  private static List<String> concat(String first, String... rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(Arrays.asList(rest));
    return all;
  }
}
