package nl.schoolmonitor.jobs.weekly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import nl.schoolmonitor.jobs.Progress;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weekly run over ../shared/domain/samples, reference date Friday 3 October 2025, the figures
 * worked out by hand.
 *
 * <p>Calendar (holiday region noord): the summer holiday ends Sunday 24 August, so the school days
 * up to 3 October are the 6 weeks 25 Aug - 3 Oct, 30 days. PO (07AB00) schedules Mon/Tue/Thu/Fri
 * 330 minutes and Wednesday 225: 1545 a week, 9270 in 6 weeks. VO schedules 6 x 50 = 300 a day:
 * 9000 in 6 weeks.
 * <ul>
 *   <li>1001 (07AB00, groep 4a): Monday 1 Sept Ochtend + Middag Ziek = 210 + 120 = 330 sick;
 *       330 / 9270 = 3.6% -> tier 1.</li>
 *   <li>1002 (07AB00, 4a): Te laat 15 minutes: late, not missed -> 0% -> tier 1.</li>
 *   <li>1003 (07AB00, 6b, onderwijsnummer, leaves 31 Oct): Hele dag Ongeoorloofd Monday 8 Sept (330)
 *       + Hele dag Luxe verzuim Friday 26 Sept (330) = 660 / 9270 = 7.1% -> tier 2.</li>
 *   <li>20451 (21CD00, h2b): lessons 1-2 Z on 29 Sept (50 + 50) + lesson 3 S on 30 Sept (50) =
 *       150 / 9000 = 1.7% -> tier 1.</li>
 *   <li>20452 (21CD00, v3a): L late (0), HV not absence (0), U uitgestuurd lesson 5 (50) = 0.6% -> tier 1.</li>
 *   <li>78001 (23EF01, 4M2): sick Mon 15 - Wed 17 Sept, lessons 1..8 clipped to 1..6: 3 x 300 = 900;
 *       900 / 9000 = exactly 10.0% -> tier 3 (inclusive boundary).</li>
 *   <li>78002 (23EF01, 3M1): open sick report from Mon 29 Sept, until the reference date: 5 x 300 =
 *       1500 / 9000 = 16.7% -> tier 3.</li>
 *   <li>530001 (25GH00, MBO): observations on 1 Sept only (2 Sept is N, not scheduled): 1 school day
 *       &lt; 20 -> insufficient_days.</li>
 * </ul>
 * Region: 7 pupils with a tier: 4 / 1 / 2 = 57.1% / 14.3% / 28.6%, 1 insufficient.
 */
@ExtendWith(SharedSpark.class)
class WeeklyJobSamplesTest {

  static final Path SAMPLES = Path.of("../../shared/domain/samples");
  static final LocalDate AS_OF = LocalDate.of(2025, 10, 3);
  static final byte[] KEY = "test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  /** One run over the samples for the whole class: the run is what is tested, not each assertion. */
  @TempDir
  static Path work;
  static WeeklyJob.Result result;

  @BeforeAll
  static void runOnce(SparkSession spark) throws IOException {
    result = run(spark, SAMPLES.resolve("landing"), work);
  }

  @Test
  void computesThePyramidOfTheSamplesAndPublishesItProtected(SparkSession spark) throws IOException {
    assertThat(result.filesSeen()).isEqualTo(11);
    assertThat(result.filesRejected()).isZero();
    assertThat(result.rowsQuarantined()).isZero();

    // The figures as computed (gold); the published file hides every count below 5 (see the end).
    List<CSVRecord> rows = gold(spark, work.resolve("warehouse"), "gold_pyramid");
    Map<String, CSVRecord> pyramid = byUnit(inWindow(rows, "school_year_to_date"));
    assertThat(pyramid.get("region/twente").toList()).containsExactly("2025-2026", "2025-10-03", "school_year_to_date",
        "region", "twente", "Twente", "7", "1", "4", "1", "2", "57.1", "14.3", "28.6", "80.0", "15.0", "5.0",
        "-22.9", "-0.7", "23.6");
    // The last 4 school weeks (8 Sept - 3 Oct, 20 school days): 1001's sick Monday 1 Sept falls out; 1003's
    // 660 / 6180 = 10.7%, 78001's 900 / 6000 and 78002's open report 1500 / 6000 are tier 3; the MBO student
    // is still enrolled, with too few school days.
    assertThat(counts(byUnit(inWindow(rows, "rolling_4_weeks")), "region/twente"))
        .containsExactly("7", "1", "4", "0", "3");
    assertThat(counts(pyramid, "school/07AB00")).containsExactly("3", "0", "2", "1", "0");
    assertThat(counts(pyramid, "school/21CD00")).containsExactly("2", "0", "2", "0", "0");
    assertThat(counts(pyramid, "school/23EF01")).containsExactly("2", "0", "0", "0", "2");
    assertThat(counts(pyramid, "school/25GH00")).containsExactly("0", "1", "0", "0", "0");
    assertThat(pyramid.get("school/25GH00").get("tier1_pct")).isEmpty();
    assertThat(counts(pyramid, "municipality/GM0153")).containsExactly("3", "1", "2", "1", "0");
    assertThat(counts(pyramid, "residence_municipality/GM0164")).containsExactly("2", "0", "2", "0", "0");
    assertThat(counts(pyramid, "swv/SWV 23-02")).containsExactly("4", "0", "2", "0", "2");
    assertThat(counts(pyramid, "board/41001")).containsExactly("3", "0", "2", "1", "0");
    assertThat(counts(pyramid, "year_group/07AB00:4")).containsExactly("2", "0", "2", "0", "0");
    assertThat(counts(pyramid, "class/23EF01:4M2")).containsExactly("1", "0", "0", "0", "1");
    assertThat(counts(pyramid, "class/25GH00:ENT1A")).containsExactly("0", "1", "0", "0", "0");
    assertThat(counts(pyramid, "rmc_region/22")).containsExactly("7", "1", "4", "1", "2");
    assertThat(pyramid.keySet()).noneMatch(k -> k.startsWith("swv/") && k.contains("25GH00"));

    // Published: 1 / 4 / 1 / 2 are small counts, and so are their percentages; the 7 pupils go too, as flags.csv
    // shows the 8 pupils of the region and 8 - 7 would give the 1 with too few school days back.
    CSVRecord region = byUnit(inWindow(read(Path.of(result.publishedIn()).resolve("pyramid.csv")), "school_year_to_date"))
        .get("region/twente");
    assertThat(counts(Map.of("region/twente", region), "region/twente")).containsExactly("x", "x", "x", "x", "x");
    assertThat(region.get("tier3_pct")).isEqualTo("x");
    assertThat(Path.of(result.publishedIn()).resolve("schoolaanwezigheid_2025-2026_2025-10-03.xlsx")).isNotEmptyFile();
  }

  /**
   * Week of 15 September, region: scheduled 3 PO pupils x 1545 + 4 VO pupils x 1500 = 10635 (the
   * MBO student has no observation that week); missed: 78001's 900 sick minutes -> 8.5%, all sick.
   * School year to date at the end of that week (20 school days): 1001 has 330 / 6180 = 5.3% (tier
   * 2), 1003 330 / 6180 (tier 2), 78001 900 / 6000 = 15% (tier 3), the others 0: 7 pupils, 1 in
   * tier 3 = 14.3%. The three weeks before have fewer than 20 school days: no pupil has a tier.
   */
  @Test
  void trendCountsTier3OnTheSchoolYearToDateEndingEachWeek(SparkSession spark) throws IOException {
    Map<String, CSVRecord> trend = new java.util.HashMap<>();
    for (CSVRecord r : gold(spark, work.resolve("warehouse"), "gold_trend_weekly")) {
      trend.put(r.get("level") + "/" + r.get("unit_code") + "/" + r.get("week_start"), r);
    }
    assertThat(trend.get("region/twente/2025-09-15").toList()).containsExactly("2025-2026", "2025-09-15", "region",
        "twente", "Twente", "7", "10635", "900", "8.5", "0.0", "8.5", "14.3", "7");
    assertThat(trend.get("region/twente/2025-09-08").get("pupils")).isEqualTo("0");
    assertThat(trend.get("region/twente/2025-09-08").get("tier3_pct")).isEmpty();
    assertThat(trend.get("region/twente/2025-09-29").get("tier3_pct")).isEqualTo("28.6");
  }

  /**
   * No sample pupil meets a flag: the most unauthorised time is 1003's 660 minutes (the 16-hour rule
   * needs 960), the longest sick run is 78002's 5 school days (M@ZL needs 7). {@code pupils} counts
   * every pupil, with or without a tier: 8 in the region, 1 at the MBO school.
   */
  @Test
  void countsTheFlags(SparkSession spark) throws IOException {
    Map<String, CSVRecord> flags = byUnit(gold(spark, work.resolve("warehouse"), "gold_flag_counts"));

    // holiday_adjacent_absence: an MBO location's school days are the days its students have observations; the
    // sample's one student is first observed on Monday 1 September, so 29 August is no school day there and his
    // unauthorised lesson that Monday is "the first school day after a holiday" (a limit of the rule on tiny data).
    assertThat(flags.get("region/twente").toList()).containsExactly("2025-2026", "2025-10-03", "region", "twente",
        "Twente", "8", "0", "0", "0", "0", "1");
    assertThat(flags.get("school/25GH00").get("holiday_adjacent_absence")).isEqualTo("1");
    assertThat(flags.get("school/25GH00").get("pupils")).isEqualTo("1");
    assertThat(flags.get("school/07AB00").get("pupils")).isEqualTo("3");
  }

  @Test
  void keepsEveryRecordAccountedForAndNamesNobody(SparkSession spark) throws IOException {
    List<CSVRecord> files = read(Path.of(result.publishedIn()).resolve("data_quality_files.csv"));
    assertThat(files).hasSize(11).allSatisfy(f -> assertThat(f.get("status")).isEqualTo("loaded"));
    CSVRecord parnassys = files.stream().filter(f -> f.get("source_file").endsWith("leerlingen_export.csv")).findFirst()
        .orElseThrow();
    assertThat(parnassys.get("encoding")).isEqualTo("windows-1252");
    assertThat(List.of(parnassys.get("rows_read"), parnassys.get("rows_accepted"), parnassys.get("rows_quarantined")))
        .containsExactly("3", "3", "0");
    CSVRecord vsv = files.stream().filter(f -> f.get("source_file").startsWith("vsv/")).findFirst().orElseThrow();
    assertThat(List.of(vsv.get("rows_read"), vsv.get("rows_accepted"), vsv.get("rows_quarantined")))
        .containsExactly("1", "1", "0");

    List<String> silverText = spark.read().format("delta").load(work.resolve("warehouse/silver_enrolments").toString())
        .toJSON().collectAsList();
    assertThat(silverText).hasSize(8).noneMatch(t -> t.contains("999990007") || t.contains("Zo") || t.contains("7511AB"));
  }

  @Test
  void aRerunChangesNothing(SparkSession spark) throws IOException {
    String pyramid = Files.readString(Path.of(result.publishedIn()).resolve("pyramid.csv"));

    // Same warehouse, another publication folder: the other tests read the first run's files.
    WeeklyJob.Result second = run(spark, SAMPLES.resolve("landing"), work.resolve("warehouse"),
        work.resolve("publish-rerun"));

    assertThat(second.filesLoaded()).isZero();
    assertThat(Files.readString(Path.of(second.publishedIn()).resolve("pyramid.csv"))).isEqualTo(pyramid);
    assertThat(spark.read().format("delta").load(work.resolve("warehouse/bronze_export_rows").toString()).count())
        .isEqualTo(30);
  }

  static WeeklyJob.Result run(SparkSession spark, Path landing, Path work) throws IOException {
    return run(spark, landing, work.resolve("warehouse"), work.resolve("publish"));
  }

  static WeeklyJob.Result run(SparkSession spark, Path landing, Path warehouse, Path publish) throws IOException {
    RegionConfig twente = RegionConfigLoader.load(Path.of("../conf/twente"));
    Path conf = SAMPLES.resolve("conf");
    RegionConfig config = twente.withFiles(new RegionConfig.Files(conf.resolve("schools.csv"),
        conf.resolve("municipalities.csv"), conf.resolve("holidays.csv"), Optional.empty(), Optional.empty()));
    WeeklySettings settings = new WeeklySettings(config, landing.toAbsolutePath().toString(),
        warehouse.toString(), publish.toString(), AS_OF, KEY);
    return new WeeklyJob(spark, settings, new Progress(new PrintStream(java.io.OutputStream.nullOutputStream()))).run();
  }

  static List<CSVRecord> read(Path csv) throws IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(in, format)) {
      return parser.getRecords();
    }
  }

  /** A gold table as the CSV the publisher would write without the small-cell rule: the figures as computed. */
  static List<CSVRecord> gold(SparkSession spark, Path warehouse, String table) throws IOException {
    Path csv = Files.createTempFile(warehouse.getParent(), table, ".csv");
    org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
    nl.schoolmonitor.jobs.publish.CsvPublisher.write(fs, new org.apache.hadoop.fs.Path(csv.toUri()),
        spark.read().format("delta").load(warehouse.resolve(table).toString()));
    return read(csv);
  }

  static List<CSVRecord> inWindow(List<CSVRecord> rows, String window) {
    return rows.stream().filter(r -> r.get("window").equals(window)).toList();
  }

  static Map<String, CSVRecord> byUnit(List<CSVRecord> rows) {
    Map<String, CSVRecord> map = new java.util.HashMap<>();
    rows.forEach(r -> map.put(r.get("level") + "/" + r.get("unit_code"), r));
    return map;
  }

  /** pupils, insufficient_days, tier1, tier2, tier3 of one unit. */
  static List<String> counts(Map<String, CSVRecord> pyramid, String unit) {
    CSVRecord r = pyramid.get(unit);
    assertThat(r).as(unit).isNotNull();
    return Stream.of("pupils", "insufficient_days", "tier1", "tier2", "tier3").map(r::get).toList();
  }
}
