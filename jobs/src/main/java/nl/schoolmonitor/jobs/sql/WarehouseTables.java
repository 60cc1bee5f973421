package nl.schoolmonitor.jobs.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Delta tables of a warehouse folder by their short names: folder {@code gold_pyramid} is
 * {@code gold.pyramid}. A statement's short names are rewritten to Delta path identifiers
 * ({@code delta.`/warehouse/gold_pyramid`}) before Spark parses it, so Delta's own time travel
 * ({@code VERSION AS OF}, {@code TIMESTAMP AS OF}) and {@code DESCRIBE HISTORY} work on them
 * without a metastore.
 */
public final class WarehouseTables {

  static final List<String> LAYERS = List.of("bronze", "silver", "gold", "ops");

  /** layer.table outside quotes; the lookbehind keeps {@code x.gold.pyramid} and {@code `a`.gold} alone. */
  private static final Pattern SHORT_NAME =
      Pattern.compile("(?<![\\w.`])(bronze|silver|gold|ops)\\.([A-Za-z_][A-Za-z0-9_]*)(?![\\w`])", Pattern.CASE_INSENSITIVE);

  private final Path warehouse;
  private final Map<String, Path> tables;

  private WarehouseTables(Path warehouse, Map<String, Path> tables) {
    this.warehouse = warehouse;
    this.tables = tables;
  }

  /** The table folders ({@code <layer>_<name>} holding a {@code _delta_log}) of a warehouse folder. */
  public static WarehouseTables of(Path warehouse) {
    Path root = warehouse.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("No warehouse folder " + root + ": give the --warehouse of a weekly run");
    }
    Map<String, Path> tables = new TreeMap<>();
    try (Stream<Path> folders = Files.list(root)) {
      folders.filter(f -> Files.isDirectory(f.resolve("_delta_log"))).forEach(folder -> {
        String name = folder.getFileName().toString();
        int underscore = name.indexOf('_');
        if (underscore > 0 && LAYERS.contains(name.substring(0, underscore))) {
          tables.put(name.substring(0, underscore) + "." + name.substring(underscore + 1), folder);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the warehouse folder " + root + ": " + e.getMessage(), e);
    }
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("The warehouse folder " + root + " holds no Delta table (no <layer>_<name>/_delta_log,"
          + " layers " + LAYERS + "): give the --warehouse of a weekly run");
    }
    return new WarehouseTables(root, tables);
  }

  /** Short name to table folder, sorted by name. */
  public Map<String, Path> tables() {
    return tables;
  }

  public Path warehouse() {
    return warehouse;
  }

  /**
   * The statement with every short table name outside string literals, back-quoted names and
   * comments replaced by its Delta path; an unknown short name is an error naming the known ones.
   */
  public String rewrite(String statement) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int plainStart = 0;
    while (i < statement.length()) {
      char c = statement.charAt(i);
      int end = -1;
      if (c == '\'' || c == '"' || c == '`') {
        end = closing(statement, i, c);
      } else if (c == '-' && statement.startsWith("--", i)) {
        end = statement.indexOf('\n', i);
        end = end < 0 ? statement.length() : end;
      } else if (c == '/' && statement.startsWith("/*", i)) {
        end = statement.indexOf("*/", i + 2);
        end = end < 0 ? statement.length() : end + 2;
      }
      if (end >= 0) {
        out.append(replaceNames(statement.substring(plainStart, i))).append(statement, i, end);
        i = end;
        plainStart = end;
      } else {
        i++;
      }
    }
    out.append(replaceNames(statement.substring(plainStart)));
    return out.toString();
  }

  private static int closing(String s, int open, char quote) {
    int i = open + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && quote != '`') {
        i += 2;
        continue;
      }
      if (c == quote) {
        return i + 1;
      }
      i++;
    }
    return s.length();
  }

  private String replaceNames(String plain) {
    Matcher m = SHORT_NAME.matcher(plain);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).toLowerCase(Locale.ROOT) + "." + m.group(2).toLowerCase(Locale.ROOT);
      Path folder = tables.get(name);
      if (folder == null) {
        throw new IllegalArgumentException("No table " + name + " in the warehouse " + warehouse + "; known tables: "
            + String.join(", ", tables.keySet()));
      }
      m.appendReplacement(out, Matcher.quoteReplacement("delta.`" + folder.toString().replace("`", "``") + "`"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
