package nl.schoolmonitor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The benchmark's baseline: the school-level attendance pyramid (school_year_to_date) computed by
 * DuckDB with SQL ({@code pyramid.sql}) straight from the landing CSVs, and optionally its
 * agreement, school by school, with the monitor's school pyramid ({@code gold.pyramid}, written as CSV
 * by {@code monitor sql --format csv}: the published {@code pyramid.csv} hides small cells).
 *
 * <pre>
 * java -cp 'bench/target/monitor-bench.jar:bench/target/lib/*' nl.schoolmonitor.bench.DuckDbPyramid \
 *   --region conf/twente --landing DIR --as-of 2026-03-27 --out school_pyramid.csv \
 *   [--compare spark_school_pyramid.csv] [--threads 2]
 * </pre>
 *
 * Files are recognised by their header row, as the monitor does (never by name), against the
 * profiles of {@code conf/<region>/systems/*.yaml}; the code tables come from the same files and the
 * timetable, tiers and minimum days from {@code region.yaml}. Prints one {@code key=value} line per
 * measure for {@code bench/run}. Exit code 0 when the pyramid was computed and (with
 * {@code --compare}) every school agrees; 3 when some school differs.
 */
public final class DuckDbPyramid {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** Landing files per {@code read_csv}. */
  private static final int FILES_PER_READ = 100;

  /** Profiles the SQL reads, as raw_<system>_<kind>: the pupil lists and absence exports. */
  private static final List<String> TABLES = List.of(
      "parnassys_pupils", "parnassys_absences", "magister_pupils", "magister_absences",
      "somtoday_pupils", "somtoday_absences", "eduarte_pupils", "eduarte_observations");

  private DuckDbPyramid() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    Path region = Path.of(opt.getOrDefault("region", "conf/twente")).toAbsolutePath();
    Path landing = Path.of(required(opt, "landing")).toAbsolutePath();
    LocalDate asOf = LocalDate.parse(required(opt, "as-of"));
    Path out = Path.of(opt.getOrDefault("out", "school_pyramid.csv"));
    int threads = Integer.parseInt(opt.getOrDefault("threads", "2"));

    long start = System.nanoTime();
    JsonNode regionYaml = YAML.readTree(region.resolve("region.yaml").toFile());
    Map<String, Profile> profiles = profiles(region.resolve(regionYaml.at("/files/systems").asText("systems")));
    Map<String, List<Path>> files = classify(landing, profiles);

    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      run(db, "SET threads = " + threads);
      loadConfiguration(db, region, regionYaml, profiles);
      for (String table : TABLES) {
        createRawTable(db, table, files.getOrDefault(table, List.of()), profiles.get(table));
      }
      long loaded = System.nanoTime();
      String sql = substitute(resource("pyramid.sql"), regionYaml, asOf);
      for (String statement : statements(sql)) {
        run(db, statement);
      }
      long computed = System.nanoTime();
      int schools = writeCsv(db, "SELECT * FROM school_pyramid ORDER BY brin_vestiging", out);

      System.out.println("duckdb_version=" + scalar(db, "SELECT version()"));
      System.out.println("input_rows=" + inputRows(db));
      System.out.println("files=" + files.values().stream().mapToInt(List::size).sum());
      System.out.println("enrolments=" + scalar(db, "SELECT count(*) FROM pupil_windows"));
      System.out.println("schools=" + schools);
      System.out.printf(Locale.ROOT, "load_seconds=%.2f%n", (loaded - start) / 1e9);
      System.out.printf(Locale.ROOT, "query_seconds=%.2f%n", (computed - loaded) / 1e9);

      if (opt.containsKey("compare")) {
        int differing = compare(db, Path.of(opt.get("compare")), Path.of(out + ".agreement.md"));
        System.out.println("schools_differing=" + differing);
        if (differing > 0) {
          System.exit(3);
        }
      }
    }
  }

  /** A header profile of a system: which raw table its files go to, and how the files are written. */
  record Profile(String system, String table, List<String> header, String delimiter, String encoding) {}

  /** The absence and pupil-list profiles of every system file, keyed by raw table name. */
  private static Map<String, Profile> profiles(Path systemsDir) throws IOException {
    Map<String, Profile> byTable = new TreeMap<>();
    try (Stream<Path> yamls = Files.list(systemsDir)) {
      for (Path yaml : yamls.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode system = YAML.readTree(yaml.toFile());
        String name = system.path("system").asText();
        for (JsonNode p : system.path("profiles")) {
          String kind = p.path("kind").asText();
          if (!kind.equals("pupils") && !kind.equals("absences")) {
            continue;
          }
          String table = name + "_" + (kind.equals("absences") && name.equals("eduarte") ? "observations" : kind);
          List<String> header = new ArrayList<>();
          p.path("header").forEach(h -> header.add(h.asText()));
          // CONTRACT.md section 2: SOMtoday writes ',', the others ';'; ParnasSys Windows-1252 (read as
          // latin-1: the fields used here are ASCII), the others UTF-8.
          String delimiter = name.equals("somtoday") ? "," : ";";
          String encoding = name.equals("parnassys") ? "latin-1" : "utf-8";
          byTable.put(table, new Profile(name, table, header, delimiter, encoding));
        }
      }
    }
    return byTable;
  }

  /** Every file under landing/schools/<brin>/, by the profile its header matches (case and order ignored). */
  private static Map<String, List<Path>> classify(Path landing, Map<String, Profile> profiles) throws IOException {
    Map<String, List<Path>> byTable = new TreeMap<>();
    try (Stream<Path> all = Files.walk(landing.resolve("schools"))) {
      for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
        String header = firstLine(file).toLowerCase(Locale.ROOT);
        for (Profile p : profiles.values()) {
          List<String> cols = List.of(header.split(p.delimiter(), -1)).stream().map(String::strip).sorted().toList();
          List<String> expected = p.header().stream().map(h -> h.toLowerCase(Locale.ROOT)).sorted().toList();
          if (cols.equals(expected)) {
            byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(file);
          }
        }
      }
    }
    return byTable;
  }

  private static String firstLine(Path file) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      String line = r.readLine();
      if (line == null) {
        return "";
      }
      return line.startsWith("\u00ef\u00bb\u00bf") ? line.substring(3) : line; // UTF-8 BOM read as latin-1
    }
  }

  /** schools, holidays of the region's holiday region, study_days, slots, codes and categories. */
  private static void loadConfiguration(Connection db, Path region, JsonNode regionYaml, Map<String, Profile> profiles)
      throws Exception {
    Path schools = region.resolve(regionYaml.at("/files/schools").asText("schools.csv"));
    Path holidays = region.resolve(regionYaml.at("/files/holidays").asText("holidays.csv"));
    String studyDays = regionYaml.at("/files/study_days").asText("");
    run(db, "CREATE TABLE schools AS SELECT * FROM read_csv(" + quote(schools) + ", header = true, all_varchar = true)");
    run(db, "CREATE TABLE holidays AS SELECT CAST(start_date AS DATE) AS start_date, CAST(end_date AS DATE) AS end_date"
        + " FROM read_csv(" + quote(holidays) + ", header = true, all_varchar = true)"
        + " WHERE holiday_region = " + quote(regionYaml.at("/region/holiday_region").asText()));
    if (!studyDays.isEmpty() && Files.exists(region.resolve(studyDays))) {
      run(db, "CREATE TABLE study_days AS SELECT brin_vestiging, CAST(date AS DATE) AS date FROM read_csv("
          + quote(region.resolve(studyDays)) + ", header = true, all_varchar = true)");
    } else {
      run(db, "CREATE TABLE study_days (brin_vestiging VARCHAR, date DATE)");
    }

    // region.yaml `schedule`: per sector half-day slots (with weekday exceptions) or n lessons.
    run(db, "CREATE TABLE slots (sector VARCHAR, dow INT, slot VARCHAR, lesson INT, position INT, minutes INT,"
        + " last_lesson INT)");
    String[] weekdays = {"monday", "tuesday", "wednesday", "thursday", "friday"};
    StringBuilder rows = new StringBuilder();
    for (Iterator<Map.Entry<String, JsonNode>> it = regionYaml.path("schedule").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> sector = it.next();
      JsonNode s = sector.getValue();
      for (int dow = 1; dow <= 5; dow++) {
        if (s.has("lessons")) {
          int lessons = s.path("lessons").asInt();
          for (int l = 1; l <= lessons; l++) {
            row(rows, sector.getKey(), dow, "L" + l, l, l, s.path("lesson_minutes").asInt(), lessons);
          }
        } else if (s.has("slots")) {
          JsonNode day = s.has(weekdays[dow - 1]) ? s.path(weekdays[dow - 1]) : s.path("slots");
          int position = 0;
          for (Iterator<Map.Entry<String, JsonNode>> slots = s.path("slots").fields(); slots.hasNext(); ) {
            String slot = slots.next().getKey();
            position++;
            row(rows, sector.getKey(), dow, slot, null, position, day.path(slot).asInt(0), null);
          }
        } // from_observations: no timetable
      }
    }
    run(db, "INSERT INTO slots VALUES " + rows);

    run(db, "CREATE TABLE codes (system VARCHAR, code VARCHAR, category VARCHAR)");
    Path systemsDir = region.resolve(regionYaml.at("/files/systems").asText("systems"));
    for (String system : profiles.values().stream().map(Profile::system).distinct().toList()) {
      JsonNode codes = YAML.readTree(systemsDir.resolve(system + ".yaml").toFile()).path("codes");
      for (Iterator<Map.Entry<String, JsonNode>> it = codes.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> c = it.next();
        run(db, "INSERT INTO codes VALUES (" + quote(system) + ", " + quote(c.getKey()) + ", "
            + quote(c.getValue().asText()) + ")");
      }
    }
    // Category.java: the missed categories in priority order (lower wins a slot), then the others.
    boolean removedAuthorised = regionYaml.at("/categories/removed_from_class_authorised").asBoolean(false);
    run(db, "CREATE TABLE categories AS SELECT * FROM (VALUES ('sick', 0, true), ('medical', 1, true),"
        + " ('leave', 2, true), ('suspended', 3, true), ('removed_from_class', 4, true), ('unauthorised', 5, true),"
        + " ('luxury_leave', 6, true), ('late', 7, false), ('exempt', 8, false), ('not_absence', 9, false),"
        + " ('present', 10, false)) t(category, priority, missed)");
    if (removedAuthorised) {
      System.err.println("note: removed_from_class_authorised changes no total of the pyramid");
    }
  }

  private static void row(StringBuilder rows, String sector, int dow, String slot, Integer lesson, int position,
      int minutes, Integer lastLesson) {
    if (rows.length() > 0) {
      rows.append(", ");
    }
    rows.append('(').append(quote(sector)).append(", ").append(dow).append(", ").append(quote(slot)).append(", ")
        .append(lesson).append(", ").append(position).append(", ").append(minutes).append(", ").append(lastLesson)
        .append(')');
  }

  /**
   * raw_<table>: every column as text, header names as in the files, plus the file name. Records
   * that do not split into the header's columns are skipped (the monitor quarantines them). Read
   * {@value #FILES_PER_READ} files at a time: one {@code read_csv} over the 1,195 pupil lists of
   * 400,000 pupils ran out of DuckDB's 18.8 GB at once.
   */
  private static void createRawTable(Connection db, String table, List<Path> files, Profile profile)
      throws SQLException {
    if (files.isEmpty()) {
      String cols = String.join(", ", profile.header().stream().map(h -> "\"" + h + "\" VARCHAR").toList());
      run(db, "CREATE TABLE raw_" + table + " (" + cols + ", filename VARCHAR)");
      return;
    }
    for (int from = 0; from < files.size(); from += FILES_PER_READ) {
      List<Path> batch = files.subList(from, Math.min(files.size(), from + FILES_PER_READ));
      String list = "[" + String.join(", ", batch.stream().map(DuckDbPyramid::quote).toList()) + "]";
      String read = "SELECT * FROM read_csv(" + list + ", header = true, all_varchar = true,"
          + " delim = " + quote(profile.delimiter()) + ", quote = '\"', escape = '\"', encoding = "
          + quote(profile.encoding()) + ", union_by_name = true, filename = true, ignore_errors = true,"
          + " auto_detect = true)";
      run(db, (from == 0 ? "CREATE TABLE raw_" + table + " AS " : "INSERT INTO raw_" + table + " BY NAME ") + read);
    }
  }

  private static long inputRows(Connection db) throws SQLException {
    long rows = 0;
    for (String table : TABLES) {
      rows += Long.parseLong(scalar(db, "SELECT count(*) FROM raw_" + table));
    }
    return rows;
  }

  private static String substitute(String sql, JsonNode regionYaml, LocalDate asOf) {
    JsonNode tiers = regionYaml.path("tiers");
    boolean strict = tiers.path("boundaries").asText("inclusive").equals("strict");
    LocalDate yearStart = LocalDate.of(asOf.getMonthValue() >= 8 ? asOf.getYear() : asOf.getYear() - 1, 8, 1);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("as_of", asOf.toString());
    values.put("year_start", yearStart.toString());
    values.put("min_school_days", String.valueOf(tiers.path("min_school_days").asInt(20)));
    values.put("tier1_tenths", String.valueOf(Math.round(tiers.path("tier1_max_pct").asDouble(5.0) * 10)));
    values.put("tier3_tenths", String.valueOf(Math.round(tiers.path("tier3_min_pct").asDouble(10.0) * 10)));
    values.put("tier1_op", strict ? "<" : "<=");
    values.put("tier3_op", strict ? ">" : ">=");
    for (Map.Entry<String, String> v : values.entrySet()) {
      sql = sql.replace("${" + v.getKey() + "}", v.getValue());
    }
    return sql;
  }

  /** Statements end with ';' at a line end; comment lines are dropped. */
  private static List<String> statements(String sql) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.strip().endsWith(";")) {
        result.add(current.toString().strip().replaceAll(";$", ""));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      result.add(current.toString());
    }
    return result;
  }

  /**
   * Per school: the DuckDB pyramid next to the monitor's (level school, window school_year_to_date).
   * Writes a Markdown report and returns the number of schools whose five counts differ.
   */
  private static int compare(Connection db, Path sparkPyramid, Path report) throws Exception {
    run(db, "CREATE TABLE spark_pyramid AS SELECT unit_code AS brin_vestiging, CAST(pupils AS BIGINT) AS pupils,"
        + " CAST(insufficient_days AS BIGINT) AS insufficient_days, CAST(tier1 AS BIGINT) AS tier1,"
        + " CAST(tier2 AS BIGINT) AS tier2, CAST(tier3 AS BIGINT) AS tier3 FROM read_csv(" + quote(sparkPyramid)
        + ", header = true, all_varchar = true) WHERE level = 'school' AND \"window\" = 'school_year_to_date'");
    String differs = "SELECT coalesce(s.brin_vestiging, d.brin_vestiging) AS school,"
        + " s.pupils AS spark_pupils, d.pupils AS duckdb_pupils, s.insufficient_days AS spark_insufficient,"
        + " d.insufficient_days AS duckdb_insufficient, s.tier1 AS spark_t1, d.tier1 AS duckdb_t1,"
        + " s.tier2 AS spark_t2, d.tier2 AS duckdb_t2, s.tier3 AS spark_t3, d.tier3 AS duckdb_t3"
        + " FROM spark_pyramid s FULL JOIN school_pyramid d ON s.brin_vestiging = d.brin_vestiging"
        + " WHERE (s.pupils, s.insufficient_days, s.tier1, s.tier2, s.tier3)"
        + " IS DISTINCT FROM (d.pupils, d.insufficient_days, d.tier1, d.tier2, d.tier3) ORDER BY school";
    int compared = Integer.parseInt(scalar(db, "SELECT count(*) FROM spark_pyramid s FULL JOIN school_pyramid d"
        + " ON s.brin_vestiging = d.brin_vestiging"));
    int differing = 0;
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(report));
         Statement st = db.createStatement(); ResultSet rs = st.executeQuery(differs)) {
      while (rs.next()) {
        if (differing++ == 0) {
          w.println("| school | pupils spark / duckdb | insufficient_days | tier1 | tier2 | tier3 |");
          w.println("|---|---|---|---|---|---|");
        }
        w.printf("| %s | %s / %s | %s / %s | %s / %s | %s / %s | %s / %s |%n", rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getString(9), rs.getString(10), rs.getString(11));
      }
      w.printf(differing == 0 ? "All %2$d schools equal (%1$d differ).%n" : "%n%d of %d schools differ.%n",
          differing, compared);
    }
    System.out.println("schools_compared=" + compared);
    System.out.println("agreement_report=" + report);
    return differing;
  }

  private static int writeCsv(Connection db, String query, Path out) throws Exception {
    int rows = 0;
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out));
         Statement st = db.createStatement(); ResultSet rs = st.executeQuery(query)) {
      int n = rs.getMetaData().getColumnCount();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        names.add(rs.getMetaData().getColumnName(i));
      }
      w.println(String.join(",", names));
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          values.add(rs.getString(i));
        }
        w.println(String.join(",", values));
        rows++;
      }
    }
    return rows;
  }

  /** One statement per query: in duckdb_jdbc 2.0.0.1 a failed query closes its Statement (STACK.md). */
  private static void run(Connection db, String sql) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + "\nin statement:\n" + sql, e);
    }
  }

  private static String scalar(Connection db, String sql) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String quote(Object value) {
    return "'" + value.toString().replace("'", "''") + "'";
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DuckDbPyramid.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " missing from the bench jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
      }
      opt.put(args[i].substring(2), args[++i]);
    }
    return opt;
  }

  private static String required(Map<String, String> opt, String key) {
    String v = opt.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return v;
  }
}
