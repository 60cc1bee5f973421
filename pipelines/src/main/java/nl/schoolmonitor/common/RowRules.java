package nl.schoolmonitor.common;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * An ordered list of data rules over a row. A row fails the first rule whose condition holds;
 * {@link #rule()} names it and {@link #detail()} explains it with the values involved, both null
 * when every rule passes. Conditions are wrapped in {@code coalesce(condition, false)}: a NULL in
 * a condition means "this rule does not fire", never "the row vanishes from both sides"
 * (STYLE.md: nothing is dropped silently). A rule that must fire on a NULL says so itself, e.g.
 * {@code value.isNull()}.
 */
public final class RowRules {

  private record Check(String rule, Column condition, Column detail) {}

  private final List<Check> checks = new ArrayList<>();

  private RowRules() {}

  public static RowRules inOrder() {
    return new RowRules();
  }

  /** Adds a rule; it only fires when no earlier rule did. */
  public RowRules check(String rule, Column condition, Column detail) {
    checks.add(new Check(rule, coalesce(condition, lit(false)), detail));
    return this;
  }

  /** Adds the checks of {@code more} after these. */
  public RowRules then(RowRules more) {
    checks.addAll(more.checks);
    return this;
  }

  /** The first failed rule's name, or null. */
  public Column rule() {
    Column result = null;
    for (Check c : checks) {
      result = result == null ? when(c.condition, lit(c.rule)) : result.when(c.condition, lit(c.rule));
    }
    return result == null ? lit(null).cast("string") : result;
  }

  /** The first failed rule's explanation, or null. */
  public Column detail() {
    Column result = null;
    for (Check c : checks) {
      result = result == null ? when(c.condition, c.detail) : result.when(c.condition, c.detail);
    }
    return result == null ? lit(null).cast("string") : result;
  }

  /**
   * A message from literal strings and columns; a null column value is written as
   * {@code (empty)} so the message itself is never null. Strings are literal text; put quotes
   * around values yourself, e.g. {@code text("date '", col("d"), "' is not ...")}.
   */
  public static Column text(Object... parts) {
    Column[] columns = new Column[parts.length];
    for (int i = 0; i < parts.length; i++) {
      columns[i] = parts[i] instanceof Column c
          ? coalesce(c.cast("string"), lit("(empty)"))
          : lit(String.valueOf(parts[i]));
    }
    return concat(columns);
  }
}
