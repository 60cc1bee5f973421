package nl.schoolmonitor.silver;

import static nl.schoolmonitor.common.RowRules.text;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import nl.schoolmonitor.bronze.ExportRows;
import nl.schoolmonitor.common.Category;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.SystemConfig;
import org.apache.spark.sql.Column;

/**
 * The canonical category of an absence registration (DOMAIN.md section 4, CONTRACT.md section 4):
 * the school's own code table first, then the system's default code table, then the first
 * fallback rule of the system that matches what the system itself says (Magister's
 * Verantwoordingtype, SOMtoday's absentieSoort, ...). Codes compare exactly after trimming:
 * schools define them, and ParnasSys values such as {@code Te laat} contain a space.
 */
final class CategoryLookup {

  /** Values of {@code category_source}. */
  static final String SCHOOL_CODE_TABLE = "school_code_table";
  static final String CODE_TABLE = "code_table";
  static final String SYSTEM_FALLBACK = "system_fallback";

  private record Match(Column condition, Category category, String source) {}

  private final List<Match> matches = new ArrayList<>();
  private final RegionConfig config;
  private final Set<String> systems;
  private final Function<String, Column> fieldValue;

  /**
   * @param code        the trimmed source code column
   * @param codeApplies false where the code must not be looked up (an MBO observation that is
   *                    not an absence: its afkorting is empty or describes the lesson)
   * @param fieldValue  for a canonical field named in a fallback rule, the column to compare with
   *                    the rule's value (booleans already as {@code "true"}/{@code "false"})
   */
  CategoryLookup(RegionConfig config, Set<String> systems, Column code, Column codeApplies,
      Function<String, Column> fieldValue) {
    this.config = config;
    this.systems = new TreeSet<>(systems);
    this.fieldValue = fieldValue;
    for (String name : this.systems) {
      SystemConfig s = config.systems().get(name);
      Column isSystem = col(ExportRows.SYSTEM).equalTo(lit(name));
      Column looksUp = isSystem.and(codeApplies);
      s.schoolCodes().forEach((brin, table) -> table.forEach((c, category) -> matches.add(new Match(
          looksUp.and(col(ExportRows.BRIN_VESTIGING).equalTo(lit(brin))).and(code.equalTo(lit(c))),
          category, SCHOOL_CODE_TABLE))));
      s.codes().forEach((c, category) -> matches.add(new Match(looksUp.and(code.equalTo(lit(c))), category, CODE_TABLE)));
      for (SystemConfig.FallbackRule rule : s.fallback()) {
        Column condition = isSystem;
        for (Map.Entry<String, String> w : rule.when().entrySet()) {
          condition = condition.and(fieldValue.apply(w.getKey()).equalTo(lit(w.getValue())));
        }
        matches.add(new Match(condition, rule.category(), SYSTEM_FALLBACK));
      }
    }
  }

  /** The category code (e.g. {@code sick}), or null when nothing matches: quarantine {@code unknown_code}. */
  Column category() {
    Column result = null;
    for (Match m : matches) {
      Column cond = coalesce(m.condition, lit(false));
      result = result == null ? when(cond, lit(m.category.code())) : result.when(cond, lit(m.category.code()));
    }
    return result == null ? lit(null).cast("string") : result;
  }

  /** Where the category came from: {@link #SCHOOL_CODE_TABLE}, {@link #CODE_TABLE} or {@link #SYSTEM_FALLBACK}. */
  Column source() {
    Column result = null;
    for (Match m : matches) {
      Column cond = coalesce(m.condition, lit(false));
      result = result == null ? when(cond, lit(m.source)) : result.when(cond, lit(m.source));
    }
    return result == null ? lit(null).cast("string") : result;
  }

  /** What the fallback rules of the row's system looked at, e.g. {@code system_type '9', authorised 'true'}. */
  Column fallbackInputs() {
    Column result = null;
    for (String name : systems) {
      Set<String> fields = new TreeSet<>();
      config.systems().get(name).fallback().forEach(r -> fields.addAll(r.when().keySet()));
      List<Object> parts = new ArrayList<>();
      for (String f : fields) {
        parts.add((parts.isEmpty() ? "" : ", ") + f + " '");
        parts.add(fieldValue.apply(f));
        parts.add("'");
      }
      Column inputs = parts.isEmpty() ? lit("no fallback rules") : text(parts.toArray());
      Column isSystem = col(ExportRows.SYSTEM).equalTo(lit(name));
      result = result == null ? when(isSystem, inputs) : result.when(isSystem, inputs);
    }
    return result == null ? lit("") : result;
  }
}
