package nl.schoolmonitor.jobs.weekly;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.schoolmonitor.config.ConfigException;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.silver.Municipalities;
import nl.schoolmonitor.silver.Schools;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The region's small configuration tables (schools, municipalities, holidays, study days),
 * read on the driver and validated row by row: a mistake here is the operator's to fix, so the run
 * stops with the file, the line and the value instead of publishing wrong figures.
 */
public record ReferenceTables(Dataset<Row> schools, Dataset<Row> municipalities, Dataset<Row> holidays,
    Dataset<Row> studyDays, Map<String, String> systemBySchool) {

  public static final StructType HOLIDAYS_SCHEMA = new StructType()
      .add("holiday_region", StringType, false)
      .add("name", StringType, false)
      .add("start_date", DateType, false)
      .add("end_date", DateType, false);
  public static final StructType STUDY_DAYS_SCHEMA = new StructType()
      .add("brin_vestiging", StringType, false)
      .add("date", DateType, false);

  private static final Set<String> SECTORS = Set.of("PO", "SO", "VSO", "VO", "MBO");

  public static ReferenceTables read(SparkSession spark, RegionConfig config) {
    List<Row> schools = new ArrayList<>();
    Map<String, String> systemBySchool = new LinkedHashMap<>();
    List<Row> municipalities = new ArrayList<>();
    Set<String> municipalityCodes = new java.util.HashSet<>();
    for (CSVRecord r : records(config.files().municipalities(), List.of("municipality_code", "name", "rmc_region", "residents_5_18"))) {
      String code = required(r, config.files().municipalities(), "municipality_code");
      if (!code.matches("GM\\d{4}")) {
        throw fail(config.files().municipalities(), r, "municipality_code", code, "a CBS code like GM0153");
      }
      municipalityCodes.add(code);
      String residents = r.get("residents_5_18").trim();
      municipalities.add(RowFactory.create(code, required(r, config.files().municipalities(), "name"),
          required(r, config.files().municipalities(), "rmc_region"),
          residents.isEmpty() ? null : integer(config.files().municipalities(), r, "residents_5_18")));
    }
    Path schoolsFile = config.files().schools();
    for (CSVRecord r : records(schoolsFile, List.of("brin_vestiging", "name", "sector", "municipality_code", "board_code",
        "board_name", "swv_code", "lvs"))) {
      String brin = required(r, schoolsFile, "brin_vestiging");
      String sector = required(r, schoolsFile, "sector");
      if (!SECTORS.contains(sector) || !config.schedule().containsKey(sector)) {
        throw fail(schoolsFile, r, "sector", sector, "one of the sectors with a schedule in the region file: "
            + config.schedule().keySet());
      }
      String municipality = required(r, schoolsFile, "municipality_code");
      if (!municipalityCodes.contains(municipality)) {
        throw fail(schoolsFile, r, "municipality_code", municipality, "a code of municipalities.csv");
      }
      String lvs = required(r, schoolsFile, "lvs");
      if (!config.systems().containsKey(lvs) || config.systems().get(lvs).absenceFormat() == null) {
        throw fail(schoolsFile, r, "lvs", lvs, "a student information system of the region's systems folder");
      }
      if (systemBySchool.put(brin, lvs) != null) {
        throw fail(schoolsFile, r, "brin_vestiging", brin, "a school location listed once");
      }
      schools.add(RowFactory.create(brin, required(r, schoolsFile, "name"), sector, municipality,
          emptyToNull(r.get("board_code")), emptyToNull(r.get("board_name")), emptyToNull(r.get("swv_code")), lvs));
    }
    List<Row> holidays = new ArrayList<>();
    Path holidaysFile = config.files().holidays();
    for (CSVRecord r : records(holidaysFile, List.of("holiday_region", "name", "start_date", "end_date"))) {
      LocalDate start = date(holidaysFile, r, "start_date");
      LocalDate end = date(holidaysFile, r, "end_date");
      if (end.isBefore(start)) {
        throw fail(holidaysFile, r, "end_date", end.toString(), "a date on or after start_date " + start);
      }
      holidays.add(RowFactory.create(required(r, holidaysFile, "holiday_region"), required(r, holidaysFile, "name"),
          java.sql.Date.valueOf(start), java.sql.Date.valueOf(end)));
    }
    if (holidays.stream().noneMatch(h -> h.getString(0).equals(config.holidayRegion()))) {
      throw new ConfigException(holidaysFile + ": no holidays for holiday region '" + config.holidayRegion()
          + "' of the region file");
    }
    List<Row> studyDays = new ArrayList<>();
    Optional<Path> studyDaysFile = config.files().studyDays().filter(Files::exists);
    if (studyDaysFile.isPresent()) {
      for (CSVRecord r : records(studyDaysFile.get(), List.of("brin_vestiging", "date"))) {
        studyDays.add(RowFactory.create(required(r, studyDaysFile.get(), "brin_vestiging"),
            java.sql.Date.valueOf(date(studyDaysFile.get(), r, "date"))));
      }
    }
    return new ReferenceTables(
        spark.createDataFrame(schools, Schools.SCHEMA),
        spark.createDataFrame(municipalities, Municipalities.SCHEMA),
        spark.createDataFrame(holidays, HOLIDAYS_SCHEMA),
        spark.createDataFrame(studyDays, STUDY_DAYS_SCHEMA),
        Map.copyOf(systemBySchool));
  }

  private static List<CSVRecord> records(Path file, List<String> columns) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Configuration file " + file + " does not exist");
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setIgnoreEmptyLines(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser parser = CSVParser.parse(in, format)) {
      List<String> header = parser.getHeaderNames().stream().map(h -> h.replace("\uFEFF", "")).toList();
      if (!header.equals(columns)) {
        throw new ConfigException(file + ": header is " + header + "; expected " + columns);
      }
      return parser.getRecords();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String required(CSVRecord r, Path file, String column) {
    String v = r.get(column);
    if (v == null || v.isBlank()) {
      throw fail(file, r, column, "", "a value");
    }
    return v.trim();
  }

  private static LocalDate date(Path file, CSVRecord r, String column) {
    String v = required(r, file, column);
    try {
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw fail(file, r, column, v, "an ISO date like 2025-10-18");
    }
  }

  private static Integer integer(Path file, CSVRecord r, String column) {
    String v = r.get(column).trim();
    try {
      return Integer.valueOf(v);
    } catch (NumberFormatException e) {
      throw fail(file, r, column, v, "a whole number");
    }
  }

  private static String emptyToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static ConfigException fail(Path file, CSVRecord r, String column, String value, String expected) {
    return new ConfigException(file + " line " + (r.getRecordNumber() + 1) + ", column " + column + ": '" + value
        + "' is not valid; expected " + expected);
  }

  /**
   * A hash of everything silver and gold are computed from besides the exports: the region file
   * (with its systems and code tables), these tables, the school year and the pseudonymisation key
   * (through an HMAC, from which the key cannot be found). When it changes, a run rebuilds silver
   * and gold from all of bronze instead of only the schools with new files.
   */
  public String fingerprint(RegionConfig config, String schoolYear, byte[] key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      sha.update(hmac.doFinal("run fingerprint".getBytes(StandardCharsets.UTF_8)));
      sha.update(config.toString().getBytes(StandardCharsets.UTF_8));
      sha.update(schoolYear.getBytes(StandardCharsets.UTF_8));
      for (Dataset<Row> table : List.of(schools, municipalities, holidays, studyDays)) {
        table.collectAsList().stream().map(Row::toString).sorted()
            .forEach(r -> sha.update((r + "\n").getBytes(StandardCharsets.UTF_8)));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 and HmacSHA256 are part of every Java runtime", e);
    }
  }
}
