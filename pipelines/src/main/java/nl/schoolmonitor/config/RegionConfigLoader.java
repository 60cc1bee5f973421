package nl.schoolmonitor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.schoolmonitor.common.Category;

/**
 * Reads and validates a region file ({@code conf/<region>/region.yaml}) and the system files of
 * its {@code systems/} folder into one {@link RegionConfig}. Every error names the file, the key,
 * the value and what would be valid. Paths in the region file are relative to the file itself.
 */
public final class RegionConfigLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> SECTORS = List.of("PO", "SO", "VO", "VSO", "MBO");

  private RegionConfigLoader() {}

  /** Loads {@code regionFileOrFolder}; a folder means its {@code region.yaml}. */
  public static RegionConfig load(Path regionFileOrFolder) {
    Path file = Files.isDirectory(regionFileOrFolder) ? regionFileOrFolder.resolve("region.yaml") : regionFileOrFolder;
    Node root = read(file);
    Path dir = file.toAbsolutePath().getParent();

    Node region = root.child("region");
    Node files = root.child("files");
    // Data files are checked when they are read: the command line may override them.
    RegionConfig.Files paths = new RegionConfig.Files(
        dir.resolve(files.text("schools")).normalize(),
        dir.resolve(files.text("municipalities")).normalize(),
        dir.resolve(files.text("holidays")).normalize(),
        files.optionalText("study_days").map(dir::resolve),
        files.optionalText("postcodes").map(dir::resolve));
    Path systemsDir = existing(files, "systems", dir);

    return new RegionConfig(
        region.text("code"),
        region.text("name"),
        region.oneOf("holiday_region", List.of("noord", "midden", "zuid")),
        paths,
        tiers(root.child("tiers")),
        norm(root.child("norm")),
        flags(root.child("flags")),
        root.optionalChild("categories").map(c -> c.bool("removed_from_class_authorised")).orElse(false),
        schedule(root.child("schedule")),
        systems(systemsDir),
        root.optionalChild("leerplicht").map(RegionConfigLoader::leerplicht).orElse(LeerplichtRule.DEFAULT));
  }

  /** Reads one system file (profiles and code tables). */
  public static SystemConfig loadSystem(Path file) {
    Node root = read(file);
    Optional<SystemConfig.AbsenceFormat> format = root.optionalText("absence_format")
        .map(v -> enumValue(root, "absence_format", v, SystemConfig.AbsenceFormat.class));
    List<Profile> profiles = new ArrayList<>();
    for (Node p : root.list("profiles")) {
      profiles.add(new Profile(
          p.text("name"),
          enumValue(p, "kind", p.text("kind"), Profile.Kind.class),
          p.textList("header"),
          p.textMap("fields")));
    }
    for (Profile p : profiles) {
      for (var e : p.fields().entrySet()) {
        if (!p.header().contains(e.getValue())) {
          throw new ConfigException(file + ": profile " + p.name() + ": field " + e.getKey() + " maps to column '"
              + e.getValue() + "', which is not in its header " + p.header());
        }
      }
    }
    String dateFormat = root.text("date_format");
    checkPattern(root, "date_format", dateFormat);
    Optional<String> dateTimeFormat = root.optionalText("date_time_format");
    dateTimeFormat.ifPresent(f -> checkPattern(root, "date_time_format", f));

    List<SystemConfig.FallbackRule> fallback = new ArrayList<>();
    for (Node rule : root.optionalList("fallback")) {
      fallback.add(new SystemConfig.FallbackRule(rule.textMap("when"), category(rule, "category", rule.text("category"))));
    }
    Map<String, Map<String, Category>> schoolCodes = new TreeMap<>();
    root.optionalChild("school_codes").ifPresent(sc -> sc.fieldNames().forEach(brin ->
        schoolCodes.put(brin, categories(sc.child(brin)))));

    return new SystemConfig(
        root.text("system"),
        format.orElse(null),
        dateFormat,
        dateTimeFormat.orElse(null),
        root.textList("true_values"),
        root.textList("false_values"),
        root.optionalChild("sex_values").map(n -> n.textMap(null)).orElse(Map.of()),
        root.optionalChild("part_of_day_values").map(n -> n.textMap(null)).orElse(Map.of()),
        List.copyOf(profiles),
        root.optionalChild("codes").map(RegionConfigLoader::categories).orElse(Map.of()),
        List.copyOf(fallback),
        schoolCodes);
  }

  private static TierRule tiers(Node n) {
    try {
      return new TierRule(
          n.decimal("tier1_max_pct"),
          n.decimal("tier3_min_pct"),
          enumValue(n, "boundaries", n.text("boundaries"), TierRule.Boundaries.class),
          n.integer("min_school_days"),
          n.has("rolling_min_school_days") ? n.integer("rolling_min_school_days") : n.integer("min_school_days"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(n.file + ": " + e.getMessage(), e);
    }
  }

  private static Norm norm(Node n) {
    try {
      return new Norm(n.decimal("tier1_pct"), n.decimal("tier2_pct"), n.decimal("tier3_pct"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(n.file + ": " + e.getMessage(), e);
    }
  }

  /** Every flag threshold is a whole number above 0; an error names the key and the value. */
  private static FlagRule flags(Node n) {
    try {
      return new FlagRule(n.positive("reportable_minutes"), n.positive("reportable_weeks"), n.positive("mazl_episodes"),
          n.positive("mazl_weeks"), n.positive("mazl_episode_days"), n.positive("long_absence_days"),
          n.positive("late_count"), n.positive("late_minutes"), n.positive("late_weeks"),
          n.positive("holiday_adjacent_minutes"), n.positive("holiday_adjacent_days"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(n.file + ": " + e.getMessage(), e);
    }
  }

  /** The optional leerplicht section; a key left out keeps its default. */
  private static LeerplichtRule leerplicht(Node n) {
    LeerplichtRule d = LeerplichtRule.DEFAULT;
    try {
      return new LeerplichtRule(
          n.json.has("followup_weeks") ? n.positive("followup_weeks") : d.followupWeeks(),
          n.json.has("thuiszitter_days") ? n.positive("thuiszitter_days") : d.thuiszitterDays(),
          n.json.has("long_thuiszitter_months") ? n.positive("long_thuiszitter_months") : d.longThuiszitterMonths());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(n.file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, SectorSchedule> schedule(Node n) {
    Map<String, SectorSchedule> bySector = new LinkedHashMap<>();
    n.fieldNames().forEach(sector -> {
      if (!SECTORS.contains(sector)) {
        throw new ConfigException(n.file + ": schedule." + sector + ": unknown sector; valid: " + SECTORS);
      }
      Node s = n.child(sector);
      if (s.optionalText("from_observations").map(Boolean::parseBoolean).orElse(false)) {
        bySector.put(sector, SectorSchedule.observationBased());
      } else if (s.has("lessons")) {
        int lessons = s.positive("lessons");
        int minutes = s.positive("lesson_minutes");
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (int i = 1; i <= lessons; i++) {
          slots.put("L" + i, minutes);
        }
        bySector.put(sector, new SectorSchedule(slots, Map.of(), false));
      } else {
        Map<String, Integer> slots = s.child("slots").minutesMap();
        Map<DayOfWeek, Map<String, Integer>> byWeekday = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
          String key = day.name().toLowerCase(Locale.ROOT);
          if (s.has(key)) {
            byWeekday.put(day, s.child(key).minutesMap());
          }
        }
        bySector.put(sector, new SectorSchedule(slots, byWeekday, false));
      }
    });
    return bySector;
  }

  private static Map<String, SystemConfig> systems(Path dir) {
    Map<String, SystemConfig> systems = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        SystemConfig s = loadSystem(f);
        if (systems.put(s.system(), s) != null) {
          throw new ConfigException(f + ": system '" + s.system() + "' is defined twice in " + dir);
        }
      }
    } catch (IOException e) {
      throw new ConfigException("Cannot list the systems folder " + dir + ": " + e.getMessage(), e);
    }
    if (systems.isEmpty()) {
      throw new ConfigException("The systems folder " + dir + " holds no *.yaml system file");
    }
    List<String> names = new ArrayList<>();
    systems.values().forEach(s -> s.profiles().forEach(p -> {
      if (names.contains(p.name())) {
        throw new ConfigException("Profile name '" + p.name() + "' is used twice in " + dir);
      }
      names.add(p.name());
    }));
    return systems;
  }

  private static Map<String, Category> categories(Node n) {
    Map<String, Category> codes = new LinkedHashMap<>();
    n.textMap(null).forEach((code, cat) -> codes.put(code, category(n, code, cat)));
    return codes;
  }

  private static Category category(Node n, String key, String value) {
    try {
      return Category.fromCode(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(n.where(key) + ": " + e.getMessage(), e);
    }
  }

  private static <E extends Enum<E>> E enumValue(Node n, String key, String value, Class<E> type) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(n.where(key) + ": '" + value + "' is not valid; valid: "
          + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList(), e);
    }
  }

  private static void checkPattern(Node n, String key, String pattern) {
    try {
      java.time.format.DateTimeFormatter.ofPattern(pattern);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(n.where(key) + ": '" + pattern + "' is not a date pattern: " + e.getMessage(), e);
    }
  }

  private static Path existing(Node files, String key, Path dir) {
    Path p = dir.resolve(files.text(key)).normalize();
    if (!Files.exists(p)) {
      throw new ConfigException(files.where(key) + ": " + p + " does not exist");
    }
    return p;
  }

  private static Node read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Region configuration " + file + " does not exist; give the region folder"
          + " (e.g. conf/twente) or its region.yaml");
    }
    try {
      JsonNode tree = YAML.readTree(file.toFile());
      if (tree == null || !tree.isObject()) {
        throw new ConfigException(file + ": expected a YAML mapping at the top level");
      }
      return new Node(file, "", tree);
    } catch (IOException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
    }
  }

  /** A YAML node that knows where it is, for error messages. */
  private record Node(Path file, String path, JsonNode json) {

    String where(String key) {
      return file + ": " + (path.isEmpty() ? key : path + "." + key);
    }

    boolean has(String key) {
      return json.has(key) && !json.get(key).isNull();
    }

    Node child(String key) {
      if (!has(key)) {
        throw new ConfigException(where(key) + ": missing");
      }
      return new Node(file, path.isEmpty() ? key : path + "." + key, json.get(key));
    }

    Optional<Node> optionalChild(String key) {
      return has(key) ? Optional.of(child(key)) : Optional.empty();
    }

    Stream<String> fieldNames() {
      List<String> names = new ArrayList<>();
      json.fieldNames().forEachRemaining(names::add);
      return names.stream();
    }

    String text(String key) {
      JsonNode v = child(key).json;
      if (!v.isValueNode() || v.asText().isBlank()) {
        throw new ConfigException(where(key) + ": expected a value, got " + v);
      }
      return v.asText();
    }

    Optional<String> optionalText(String key) {
      return has(key) ? Optional.of(text(key)) : Optional.empty();
    }

    String oneOf(String key, List<String> valid) {
      String v = text(key);
      if (!valid.contains(v)) {
        throw new ConfigException(where(key) + ": '" + v + "' is not valid; valid: " + valid);
      }
      return v;
    }

    boolean bool(String key) {
      String v = text(key);
      if (!v.equals("true") && !v.equals("false")) {
        throw new ConfigException(where(key) + ": expected true or false, got '" + v + "'");
      }
      return Boolean.parseBoolean(v);
    }

    BigDecimal decimal(String key) {
      String v = text(key);
      try {
        return new BigDecimal(v);
      } catch (NumberFormatException e) {
        throw new ConfigException(where(key) + ": expected a number, got '" + v + "'", e);
      }
    }

    int integer(String key) {
      try {
        return decimal(key).intValueExact();
      } catch (ArithmeticException e) {
        throw new ConfigException(where(key) + ": expected a whole number, got '" + text(key) + "'", e);
      }
    }

    int positive(String key) {
      int v = integer(key);
      if (v <= 0) {
        throw new ConfigException(where(key) + ": expected a number above 0, got " + v);
      }
      return v;
    }

    List<Node> list(String key) {
      Node n = child(key);
      if (!n.json.isArray()) {
        throw new ConfigException(where(key) + ": expected a list");
      }
      List<Node> items = new ArrayList<>();
      for (int i = 0; i < n.json.size(); i++) {
        items.add(new Node(file, n.path + "[" + i + "]", n.json.get(i)));
      }
      return items;
    }

    List<Node> optionalList(String key) {
      return has(key) ? list(key) : List.of();
    }

    List<String> textList(String key) {
      return list(key).stream().map(n -> n.json.asText()).toList();
    }

    /** A mapping of texts; {@code key} null means this node itself. */
    Map<String, String> textMap(String key) {
      Node n = key == null ? this : child(key);
      if (!n.json.isObject()) {
        throw new ConfigException(file + ": " + n.path + ": expected a mapping");
      }
      Map<String, String> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.json.fields(); it.hasNext(); ) {
        var e = it.next();
        if (!e.getValue().isValueNode()) {
          throw new ConfigException(file + ": " + n.path + "." + e.getKey() + ": expected a value");
        }
        map.put(e.getKey(), e.getValue().asText());
      }
      return map;
    }

    Map<String, Integer> minutesMap() {
      Map<String, Integer> map = new LinkedHashMap<>();
      textMap(null).forEach((slot, minutes) -> {
        try {
          int m = Integer.parseInt(minutes);
          if (m < 0 || m > 24 * 60) {
            throw new NumberFormatException();
          }
          map.put(slot, m);
        } catch (NumberFormatException e) {
          throw new ConfigException(where(slot) + ": expected minutes between 0 and 1440, got '" + minutes + "'", e);
        }
      });
      return map;
    }
  }
}
