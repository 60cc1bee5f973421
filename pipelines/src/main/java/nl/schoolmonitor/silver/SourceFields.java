package nl.schoolmonitor.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.transform_keys;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.config.Profile;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.SystemConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reading bronze export rows by canonical field: {@code src_<field>} is the text of the column the
 * row's profile maps that field to (CONTRACT.md section 2), trimmed, null when empty. Only mapped
 * fields are ever read, so names, addresses and free text stay in bronze (DOMAIN.md section 10).
 */
final class SourceFields {

  static final String PREFIX = "src_";
  /** Column holding the record's mapped fields as text, for the quarantine's {@code raw}. */
  static final String RAW = "raw";
  /** The bronze values keyed by normalised column name. */
  private static final String VALUES_BY_NAME = "values_by_name";

  /**
   * Identifiers shown in quarantine with all but their last three characters masked: the BSN, the
   * onderwijsnummer and the school's pupil number (DOMAIN.md section 10 pseudonymises all three;
   * the file and line find the record in the landing zone).
   */
  private static final Set<String> MASKED = Set.of(Profile.Field.BSN, Profile.Field.ONDERWIJSNUMMER,
      Profile.Field.PUPIL_NUMBER);

  private SourceFields() {}

  /** Column name of a field's source text. */
  static String src(String field) {
    return PREFIX + field;
  }

  /**
   * The profiles of {@code kind} in the configuration, after checking that every profile in
   * {@code bronze} is one of them and belongs to the row's system (a mismatch between the
   * ingest and this configuration is a set-up error, not a data error: fail with the names).
   */
  static List<Profile> profilesInUse(Dataset<Row> bronze, RegionConfig config, Profile.Kind kind) {
    List<Profile> known = config.profiles().stream().filter(p -> p.kind() == kind).toList();
    List<Row> seen = bronze.select(ExportRows.SYSTEM, ExportRows.PROFILE).distinct().collectAsList();
    for (Row r : seen) {
      String system = r.getString(0);
      String profile = r.getString(1);
      SystemConfig s = config.systems().get(system);
      boolean ok = s != null && s.profiles().stream().anyMatch(p -> p.name().equals(profile) && p.kind() == kind);
      if (!ok) {
        throw new IllegalArgumentException("Bronze rows of profile '" + profile + "' (system '" + system
            + "') cannot be staged as " + kind.code() + ": the configuration's " + kind.code() + " profiles are "
            + known.stream().map(p -> config.systemOf(p).system() + "/" + p.name()).toList());
      }
    }
    return known;
  }

  /**
   * Adds {@code src_<field>} for each of {@code fields}, and the masked {@link #RAW} text, in place
   * of the bronze record itself ({@link ExportRows#VALUES}): what is not mapped (names, addresses,
   * free text) stays in bronze, and the rows carried through staging stay narrow.
   */
  static Dataset<Row> withSourceFields(Dataset<Row> bronze, List<Profile> profiles, List<String> fields) {
    Map<String, Column> columns = new LinkedHashMap<>();
    for (String field : fields) {
      columns.put(src(field), byProfile(profiles, p -> {
        String column = p.source(field);
        return column == null ? null : trimmedOrNull(value(column));
      }));
    }
    columns.put(RAW, byProfile(profiles, SourceFields::raw));
    // The file's header matched its profile ignoring case and runs of white space
    // (Profile.matches), so its column names are looked up the same way.
    Column byNormalisedName = transform_keys(col(ExportRows.VALUES), (k, v) ->
        lower(trim(regexp_replace(regexp_replace(k, "\uFEFF", ""), "\\s+", " "))));
    return bronze.withColumn(VALUES_BY_NAME, byNormalisedName).withColumns(columns)
        .drop(VALUES_BY_NAME, ExportRows.VALUES, ExportRows.FILE_SHA256);
  }

  /**
   * {@code field=value} for every mapped column of the profile, in header order, values as they
   * arrived (untrimmed); BSN, onderwijsnummer and pupil number masked but for their last three
   * characters and the
   * postcode cut to its four digits, so quarantine holds no identifying number.
   */
  private static Column raw(Profile p) {
    List<Column> pairs = new ArrayList<>();
    Map<String, String> fields = p.fields();
    for (String column : p.header()) {
      for (Map.Entry<String, String> e : fields.entrySet()) {
        if (!e.getValue().equals(column)) {
          continue;
        }
        String field = e.getKey();
        Column value = value(column);
        if (MASKED.contains(field)) {
          value = regexp_replace(trim(value), ".(?=.{3})", "*");
        } else if (field.equals(Profile.Field.POSTCODE)) {
          value = when(length(trim(value)).gt(4), concat(substring(trim(value), 1, 4), lit("**"))).otherwise(value);
        }
        pairs.add(concat(lit(field + "="), coalesce(value, lit(""))));
      }
    }
    return concat_ws(", ", pairs.toArray(Column[]::new));
  }

  /** The raw text of a profile's column in the row's values. */
  private static Column value(String profileColumn) {
    return try_element_at(col(VALUES_BY_NAME), lit(Profile.normalise(profileColumn)));
  }

  /** Text with white space (including no-break spaces) removed at both ends; null when nothing is left. */
  static Column trimmedOrNull(Column text) {
    Column t = regexp_replace(text, "^[\\s\\u00A0]+|[\\s\\u00A0]+$", "");
    return when(t.notEqual(lit("")), t);
  }

  /** CASE over the row's profile; {@code perProfile} may return null for "not carried" (NULL). */
  static Column byProfile(List<Profile> profiles, Function<Profile, Column> perProfile) {
    Column result = null;
    for (Profile p : profiles) {
      Column value = perProfile.apply(p);
      if (value == null) {
        continue;
      }
      Column matches = col(ExportRows.PROFILE).equalTo(lit(p.name()));
      result = result == null ? when(matches, value) : result.when(matches, value);
    }
    return result == null ? lit(null).cast("string") : result;
  }

  /** CASE over the row's system; {@code perSystem} may return null for NULL. */
  static Column bySystem(RegionConfig config, Set<String> systems, Function<SystemConfig, Column> perSystem) {
    Column result = null;
    for (String name : new TreeSet<>(systems)) {
      Column value = perSystem.apply(config.systems().get(name));
      if (value == null) {
        continue;
      }
      Column matches = col(ExportRows.SYSTEM).equalTo(lit(name));
      result = result == null ? when(matches, value) : result.when(matches, value);
    }
    return result == null ? lit(null) : result;
  }

  /** Named columns in order, for one {@code withColumns} step: {@code columns("a", colA, "b", colB)}. */
  static Map<String, Column> columns(Object... namesAndColumns) {
    Map<String, Column> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndColumns.length; i += 2) {
      map.put((String) namesAndColumns[i], (Column) namesAndColumns[i + 1]);
    }
    return map;
  }

  /** The systems the profiles belong to. */
  static Set<String> systemsOf(RegionConfig config, List<Profile> profiles) {
    Set<String> names = new TreeSet<>();
    profiles.forEach(p -> names.add(config.systemOf(p).system()));
    return names;
  }
}
