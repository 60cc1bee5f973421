package nl.schoolmonitor.jobs.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Only statements that read: {@code SELECT}, {@code WITH ... SELECT}, {@code SHOW},
 * {@code DESCRIBE}. The warehouse is the weekly job's; a question asked of it must not change it.
 */
public final class ReadOnlyStatements {

  private static final Set<String> READING = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "(");

  /** Words that write, also inside a WITH (Spark accepts {@code WITH t AS (...) INSERT INTO ...}). */
  private static final Pattern WRITING = Pattern.compile(
      "\\b(INSERT|UPDATE|DELETE|MERGE|CREATE|DROP|ALTER|TRUNCATE|OVERWRITE|OPTIMIZE|VACUUM|RESTORE|CACHE)\\b", Pattern.CASE_INSENSITIVE);

  private ReadOnlyStatements() {}

  /** Throws, naming what is allowed, when the statement (without its trailing {@code ;}) could write. */
  public static void require(String statement) {
    String code = codeOnly(statement).strip();
    if (code.endsWith(";")) {
      code = code.substring(0, code.length() - 1).strip();
    }
    if (code.isEmpty()) {
      throw new IllegalArgumentException("Empty statement: give a SELECT, WITH, SHOW or DESCRIBE statement");
    }
    if (code.contains(";")) {
      throw new IllegalArgumentException("One statement at a time: \"" + statement.strip() + "\" holds more than one");
    }
    String first = code.startsWith("(") ? "(" : code.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
    var writing = WRITING.matcher(code);
    if (!READING.contains(first) || writing.find()) {
      String word = READING.contains(first) ? writing.group(1).toUpperCase(Locale.ROOT) : first;
      throw new IllegalArgumentException("Refused: \"" + word + "\" could change the warehouse; only SELECT, WITH ... SELECT,"
          + " SHOW and DESCRIBE statements are run (the weekly job owns the tables)");
    }
  }

  /** The statement with string literals, quoted names and comments blanked, so only the SQL words remain. */
  static String codeOnly(String statement) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < statement.length()) {
      char c = statement.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int j = i + 1;
        while (j < statement.length() && statement.charAt(j) != c) {
          j += statement.charAt(j) == '\\' && c != '`' ? 2 : 1;
        }
        out.append(' ');
        i = j + 1;
      } else if (statement.startsWith("--", i)) {
        int j = statement.indexOf('\n', i);
        i = j < 0 ? statement.length() : j;
      } else if (statement.startsWith("/*", i)) {
        int j = statement.indexOf("*/", i + 2);
        i = j < 0 ? statement.length() : j + 2;
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
