package nl.schoolmonitor.jobs.generate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The region's configuration files the generator needs (CONTRACT.md section 4), read and validated. */
final class RegionConf {

  enum Sector { PO, SO, VSO, VO, MBO }

  enum Lvs {
    PARNASSYS, MAGISTER, SOMTODAY, EDUARTE;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One row of {@code schools.csv}; {@code index} is its position in the file (0-based). */
  record School(int index, String brinVestiging, String name, Sector sector, String municipalityCode,
      String boardCode, String boardName, String swvCode, Lvs lvs) {

    /** The four-character BRIN of the school (the leerplicht and VSV files split BRIN and vestiging). */
    String brin() {
      return brinVestiging.substring(0, 4);
    }

    String vestiging() {
      return brinVestiging.substring(4);
    }
  }

  record Municipality(String code, String name, String rmcRegion, int residents5to18) {}

  record Holiday(String name, LocalDate start, LocalDate end) {}

  private static final Pattern BRIN_VESTIGING = Pattern.compile("\\d{2}[A-Z]{2}\\d{2}");
  private static final Pattern MUNICIPALITY_CODE = Pattern.compile("GM\\d{4}");

  final List<School> schools;
  final Map<String, Municipality> municipalities;
  final List<Holiday> holidays;
  final Map<String, NavigableSet<LocalDate>> studyDays;

  private RegionConf(List<School> schools, Map<String, Municipality> municipalities, List<Holiday> holidays,
      Map<String, NavigableSet<LocalDate>> studyDays) {
    this.schools = List.copyOf(schools);
    this.municipalities = Collections.unmodifiableMap(municipalities);
    this.holidays = List.copyOf(holidays);
    this.studyDays = Collections.unmodifiableMap(studyDays);
  }

  static RegionConf read(GeneratorSettings settings) throws IOException {
    Map<String, Municipality> municipalities = readMunicipalities(settings.municipalitiesCsv());
    List<School> schools = readSchools(settings.schoolsCsv(), municipalities);
    List<Holiday> holidays = readHolidays(settings.holidaysCsv(), settings.holidayRegion());
    Set<String> brins = new TreeSet<>();
    schools.forEach(s -> brins.add(s.brinVestiging()));
    Map<String, NavigableSet<LocalDate>> studyDays = Files.exists(settings.studyDaysCsv())
        ? readStudyDays(settings.studyDaysCsv(), brins)
        : new TreeMap<>();
    return new RegionConf(schools, municipalities, holidays, studyDays);
  }

  NavigableSet<LocalDate> studyDaysOf(School school) {
    return studyDays.getOrDefault(school.brinVestiging(), Collections.emptyNavigableSet());
  }

  static Map<String, Municipality> readMunicipalities(Path file) throws IOException {
    Map<String, Municipality> result = new LinkedHashMap<>();
    for (CSVRecord r : records(file, "municipality_code", "name", "rmc_region", "residents_5_18")) {
      String code = value(file, r, "municipality_code", MUNICIPALITY_CODE, "a CBS code like GM0153");
      int residents;
      try {
        residents = Integer.parseInt(r.get("residents_5_18"));
      } catch (NumberFormatException e) {
        throw error(file, r, "residents_5_18", r.get("residents_5_18"), "a whole number");
      }
      if (residents < 0) {
        throw error(file, r, "residents_5_18", r.get("residents_5_18"), "a number >= 0");
      }
      if (result.put(code, new Municipality(code, r.get("name"), r.get("rmc_region"), residents)) != null) {
        throw error(file, r, "municipality_code", code, "a code that is not in the file yet");
      }
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException(file + ": no municipalities; the generator needs at least one");
    }
    return result;
  }

  private static List<School> readSchools(Path file, Map<String, Municipality> municipalities) throws IOException {
    List<School> result = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (CSVRecord r : records(file, "brin_vestiging", "name", "sector", "municipality_code", "board_code",
        "board_name", "swv_code", "lvs")) {
      String brin = value(file, r, "brin_vestiging", BRIN_VESTIGING, "2 digits, 2 capitals, 2 digits like 21CD00");
      if (!seen.add(brin)) {
        throw error(file, r, "brin_vestiging", brin, "a school location that is not in the file yet");
      }
      Sector sector = enumValue(file, r, "sector", Sector.class, r.get("sector"));
      Lvs lvs = enumValue(file, r, "lvs", Lvs.class, r.get("lvs").toUpperCase(Locale.ROOT));
      String municipality = r.get("municipality_code");
      if (!municipalities.containsKey(municipality)) {
        throw error(file, r, "municipality_code", municipality, "one of " + municipalities.keySet());
      }
      result.add(new School(result.size(), brin, r.get("name"), sector, municipality, r.get("board_code"),
          r.get("board_name"), r.get("swv_code"), lvs));
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException(file + ": no schools; the generator needs at least one");
    }
    return result;
  }

  private static List<Holiday> readHolidays(Path file, String region) throws IOException {
    List<Holiday> result = new ArrayList<>();
    Set<String> regions = new TreeSet<>();
    for (CSVRecord r : records(file, "holiday_region", "name", "start_date", "end_date")) {
      regions.add(r.get("holiday_region"));
      if (!r.get("holiday_region").equalsIgnoreCase(region)) {
        continue;
      }
      LocalDate start = date(file, r, "start_date");
      LocalDate end = date(file, r, "end_date");
      if (end.isBefore(start)) {
        throw error(file, r, "end_date", r.get("end_date"), "a date on or after start_date " + start);
      }
      result.add(new Holiday(r.get("name"), start, end));
    }
    if (result.isEmpty()) {
      throw new IllegalArgumentException(file + ": no holidays for holiday region '" + region
          + "'; regions in the file: " + regions);
    }
    return result;
  }

  private static Map<String, NavigableSet<LocalDate>> readStudyDays(Path file, Set<String> schools)
      throws IOException {
    Map<String, NavigableSet<LocalDate>> result = new TreeMap<>();
    for (CSVRecord r : records(file, "brin_vestiging", "date")) {
      String brin = r.get("brin_vestiging");
      if (!schools.contains(brin)) {
        throw error(file, r, "brin_vestiging", brin, "a school location of schools.csv");
      }
      result.computeIfAbsent(brin, b -> new TreeSet<>()).add(date(file, r, "date"));
    }
    return result;
  }

  private static List<CSVRecord> records(Path file, String... header) throws IOException {
    CSVFormat format = CSVFormat.Builder.create(CSVFormat.DEFAULT).setHeader().setSkipHeaderRecord(true)
        .setTrim(true).setIgnoreEmptyLines(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> actual = parser.getHeaderNames();
      if (!actual.containsAll(Arrays.asList(header))) {
        throw new IllegalArgumentException(file + ": header " + actual + " lacks columns; expected "
            + Arrays.asList(header) + " (CONTRACT.md section 4)");
      }
      List<CSVRecord> rows = parser.getRecords();
      for (CSVRecord r : rows) {
        if (!r.isConsistent()) {
          throw new IllegalArgumentException(file + " record " + r.getRecordNumber() + ": "
              + r.size() + " fields, expected " + actual.size());
        }
      }
      return rows;
    }
  }

  private static String value(Path file, CSVRecord r, String column, Pattern pattern, String expected) {
    String v = r.get(column);
    if (!pattern.matcher(v).matches()) {
      throw error(file, r, column, v, expected);
    }
    return v;
  }

  private static <E extends Enum<E>> E enumValue(Path file, CSVRecord r, String column, Class<E> type, String v) {
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      List<String> valid = new ArrayList<>();
      for (E constant : type.getEnumConstants()) {
        valid.add(column.equals("lvs") ? constant.name().toLowerCase(Locale.ROOT) : constant.name());
      }
      throw error(file, r, column, r.get(column), "one of " + valid);
    }
  }

  private static LocalDate date(Path file, CSVRecord r, String column) {
    try {
      return LocalDate.parse(r.get(column));
    } catch (DateTimeParseException e) {
      throw error(file, r, column, r.get(column), "an ISO date like 2025-10-18");
    }
  }

  private static IllegalArgumentException error(Path file, CSVRecord r, String column, String value,
      String expected) {
    return new IllegalArgumentException(file + " record " + r.getRecordNumber() + ": " + column + " '" + value
        + "' is not valid; expected " + expected);
  }
}
