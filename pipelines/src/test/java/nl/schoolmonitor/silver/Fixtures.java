package nl.schoolmonitor.silver;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.common.Pseudonymizer;
import nl.schoolmonitor.config.Profile;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.RegionConfigLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Inputs for the silver staging tests: bronze rows that look exactly like the records of
 * ../shared/domain/samples/landing/schools, the sample conf/ tables, and the Twente region file.
 */
final class Fixtures {

  static final RegionConfig CONFIG = RegionConfigLoader.load(Path.of("../conf/twente/region.yaml"));
  static final Pseudonymizer KEYS = new Pseudonymizer("test-only-key-not-for-real-data".getBytes(StandardCharsets.UTF_8));
  static final String LOAD = "20251006T0600-0001";

  static final StructType HOLIDAYS = new StructType()
      .add("holiday_region", StringType, false).add("name", StringType, false)
      .add("start_date", DateType, false).add("end_date", DateType, false);
  static final StructType STUDY_DAYS = new StructType()
      .add("brin_vestiging", StringType, false).add("date", DateType, false);

  private Fixtures() {}

  /** A bronze row of {@code profile} from one CSV record ({@code ;} separated, SOMtoday {@code ,}). */
  static Row bronze(String profile, String brin, String file, long line, String record) {
    return bronze(profile, brin, file, LOAD, line, record);
  }

  static Row bronze(String profile, String brin, String file, String loadId, long line, String record) {
    return bronzeAsWritten(profile, brin, file, loadId, line, profile(profile).header(), record);
  }

  /**
   * A bronze row of a file whose header is spelled {@code header} (a profile matches ignoring case
   * and runs of white space, and bronze keeps the file's own spelling).
   */
  static Row bronzeAsWritten(String profile, String brin, String file, String loadId, long line, List<String> header,
      String record) {
    Profile p = profile(profile);
    String system = CONFIG.systemOf(p).system();
    String[] values = record.split(system.equals("somtoday") ? "," : ";", -1);
    if (values.length != header.size()) {
      throw new IllegalArgumentException("Fixture record has " + values.length + " fields, header " + header.size());
    }
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      // Spark's CSV reader gives an empty field as null
      map.put(header.get(i), values[i].isEmpty() ? null : values[i]);
    }
    return RowFactory.create(loadId, file, "sha256-of-" + file, receivedAt(loadId), brin, system, profile, line, map,
        null);
  }

  /** A record Spark could not split into the header's columns. */
  static Row malformed(String profile, String brin, String file, long line, Map<String, String> values, String why) {
    String system = CONFIG.systemOf(profile(profile)).system();
    return RowFactory.create(LOAD, file, "sha256-of-" + file, receivedAt(LOAD), brin, system, profile, line, values,
        why);
  }

  /** The fixtures' files arrive when their load starts: a load id begins with yyyyMMdd'T'HHmm. */
  static Timestamp receivedAt(String loadId) {
    return Timestamp.valueOf(LocalDateTime.parse(loadId.substring(0, 13), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm")));
  }

  static Profile profile(String name) {
    return CONFIG.profiles().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
  }

  static Dataset<Row> bronzeRows(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, ExportRows.SCHEMA);
  }

  /** ../shared/domain/samples/conf/schools.csv */
  static Dataset<Row> schools(SparkSession spark) {
    return spark.createDataFrame(List.of(
        RowFactory.create("07AB00", "Basisschool De Esch", "PO", "GM0153", "41001", "Stichting Primair Enschede", "SWV 23-01", "parnassys"),
        RowFactory.create("21CD00", "Lyceum Hengelo", "VO", "GM0164", "42002", "Stichting VO Hengelo", "SWV 23-02", "magister"),
        RowFactory.create("23EF01", "Scholengemeenschap Almelo locatie Noord", "VO", "GM0141", "42003", "Stichting VO Almelo", "SWV 23-02", "somtoday"),
        RowFactory.create("25GH00", "ROC Twente Enschede", "MBO", "GM0153", "43004", "ROC Twente", null, "eduarte")),
        Schools.SCHEMA);
  }

  /** ../shared/domain/samples/conf/holidays.csv */
  static Dataset<Row> holidays(SparkSession spark) {
    String[][] rows = {
        {"Zomervakantie 2025", "2025-07-12", "2025-08-24"}, {"Herfstvakantie", "2025-10-18", "2025-10-26"},
        {"Kerstvakantie", "2025-12-20", "2026-01-04"}, {"Voorjaarsvakantie", "2026-02-21", "2026-03-01"},
        {"Goede Vrijdag en Pasen", "2026-04-03", "2026-04-06"}, {"Meivakantie", "2026-04-25", "2026-05-03"},
        {"Bevrijdingsdag", "2026-05-05", "2026-05-05"}, {"Hemelvaart", "2026-05-14", "2026-05-15"},
        {"Pinksteren", "2026-05-25", "2026-05-25"}, {"Zomervakantie", "2026-07-04", "2026-08-16"}};
    List<Row> list = new java.util.ArrayList<>();
    for (String[] r : rows) {
      list.add(RowFactory.create("noord", r[0], d(r[1]), d(r[2])));
    }
    list.add(RowFactory.create("zuid", "Herfstvakantie zuid", d("2025-10-11"), d("2025-10-19")));
    return spark.createDataFrame(list, HOLIDAYS);
  }

  /** ../shared/domain/samples/conf/municipalities.csv */
  static Dataset<Row> municipalities(SparkSession spark) {
    return spark.createDataFrame(List.of(
        RowFactory.create("GM0141", "Almelo", "22", 10900),
        RowFactory.create("GM0153", "Enschede", "22", 24100),
        RowFactory.create("GM0164", "Hengelo", "22", 12400)), Municipalities.SCHEMA);
  }

  static Dataset<Row> studyDays(SparkSession spark, Row... rows) {
    return spark.createDataFrame(List.of(rows), STUDY_DAYS);
  }

  static Date d(String iso) {
    return Date.valueOf(iso);
  }

  static String schoolPupilKey(String brin, String pupilNumber) {
    return KEYS.schoolPupilKey(brin, pupilNumber);
  }
}
