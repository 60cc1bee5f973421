package nl.schoolmonitor.common;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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

  /** Intermediate column of {@link #applyTo}: the position of the first failed check. */
  private static final String FIRST_FAILED = "_first_failed_check";

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
  private Column rule() {
    Column result = null;
    for (Check c : checks) {
      result = result == null ? when(c.condition, lit(c.rule)) : result.when(c.condition, lit(c.rule));
    }
    return result == null ? lit(null).cast("string") : result;
  }

  /** The first failed rule's explanation, or null. */
  private Column detail() {
    Column result = null;
    for (Check c : checks) {
      result = result == null ? when(c.condition, c.detail) : result.when(c.condition, c.detail);
    }
    return result == null ? lit(null).cast("string") : result;
  }

  /**
   * {@code df} with {@code ruleColumn} and {@code detailColumn}: {@link #rule()} and
   * {@link #detail()}, with every condition evaluated once per row. The position of the first
   * failed rule is computed in one step and both columns are looked up from it, so the
   * conditions are not repeated in the explanation: with {@code rule()} and {@code detail()} side
   * by side a long rule list is evaluated twice per row and doubles the generated code, which
   * helps push Spark's whole-stage code over the JVM's 64 KB method limit (slow fallback).
   */
  public Dataset<Row> applyTo(Dataset<Row> df, String ruleColumn, String detailColumn) {
    Column position = null;
    for (int i = 0; i < checks.size(); i++) {
      Column p = lit(i);
      position = position == null ? when(checks.get(i).condition, p) : position.when(checks.get(i).condition, p);
    }
    if (position == null) {
      return df.withColumn(ruleColumn, rule()).withColumn(detailColumn, detail());
    }
    Column failed = col(FIRST_FAILED);
    Column rule = null;
    Column detail = null;
    for (int i = 0; i < checks.size(); i++) {
      Column isThis = failed.equalTo(i);
      rule = rule == null ? when(isThis, lit(checks.get(i).rule)) : rule.when(isThis, lit(checks.get(i).rule));
      detail = detail == null ? when(isThis, checks.get(i).detail) : detail.when(isThis, checks.get(i).detail);
    }
    return df.withColumn(FIRST_FAILED, position)
        .withColumn(ruleColumn, rule)
        .withColumn(detailColumn, detail)
        .drop(FIRST_FAILED);
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
