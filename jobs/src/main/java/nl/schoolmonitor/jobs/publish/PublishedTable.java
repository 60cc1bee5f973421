package nl.schoolmonitor.jobs.publish;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One published table: its file name, its rows in publication order, and what each column is,
 * so that {@link Disclosure} knows what to protect and how cells hang together. Published tables
 * are small aggregates: the rows are collected to the driver.
 *
 * <p>Column roles (DOMAIN.md section 10):
 * <ul>
 *   <li>{@link #counts}: counts of pupils; 1 up to the rule's minimum becomes {@code x}. Counts add
 *       up from child units to their parent (see {@link UnitHierarchy}).</li>
 *   <li>{@link #amounts}: additive measures over a group of pupils (minutes); {@code x} when that
 *       group is below the minimum denominator, as the percentage they make.</li>
 *   <li>{@link #percentage}: a percentage of a published count; {@code x} when its denominator is
 *       below the minimum or hidden, or when its numerator is hidden.</li>
 *   <li>{@link #percentageOfPupils}: a percentage whose count is not published (trend's
 *       {@code tier3_pct}); the count it implies ({@code pct * pupils / 100}) is protected as a count.</li>
 *   <li>{@link #rate}: a percentage of minutes over a group of pupils.</li>
 *   <li>{@link #follows}: a column computed from others of its row ({@code diff_tier1_pp}); hidden
 *       with any of them.</li>
 *   <li>{@link #sum}: a row total ({@code pupils = tier1 + tier2 + tier3}).</li>
 *   <li>{@link #addsUpAcross}: rows of one unit whose values of a column add up (patterns: the
 *       values of one dimension split the unit's minutes).</li>
 *   <li>{@link #sameAs} / {@link #sumOf}: a cell published in another table of the same
 *       publication, so that it is hidden in both or in neither.</li>
 * </ul>
 * A table with none of these (files, codes) is published as it is.
 */
public final class PublishedTable {

  /** A row total: {@code total = parts[0] + parts[1] + ...}. */
  record Sum(String total, List<String> parts) {}

  /** Rows of one unit and slice that differ only in {@code across} and add up in {@code column}. */
  record AcrossRows(String column, String across, String whereColumn, Set<String> whereValues) {}

  /**
   * {@code column} of this table equals the sum of {@code otherColumns} of the row of
   * {@code otherTable} with the same {@code keys} (and {@code otherWhere}).
   */
  record Link(String column, String otherTable, List<String> otherColumns, List<String> keys,
      Map<String, String> otherWhere) {}

  /** Name of the virtual column holding the count a {@link #percentageOfPupils} implies. */
  static String impliedCount(String percentage) {
    return percentage + "#count";
  }

  private final String name;
  private final List<String> columns;
  private final List<Object[]> rows;
  private String levelColumn;
  private String unitColumn;
  private final List<String> slices = new ArrayList<>();
  private final Set<String> counts = new LinkedHashSet<>();
  private final Map<String, String> populationOf = new LinkedHashMap<>();
  private final Map<String, List<String>> follows = new LinkedHashMap<>();
  private final Set<String> additive = new LinkedHashSet<>();
  private final List<String> implied = new ArrayList<>();
  private final List<Sum> sums = new ArrayList<>();
  private final List<AcrossRows> acrossRows = new ArrayList<>();
  private final List<Link> links = new ArrayList<>();

  private PublishedTable(String name, List<String> columns, List<Object[]> rows) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.rows = rows;
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException(name + ": a row has " + row.length + " values for " + columns.size()
            + " columns " + columns);
      }
    }
  }

  /** {@code name}.csv with the rows of {@code table} in the order given (collected to the driver). */
  public static PublishedTable of(String name, Dataset<Row> table) {
    List<Object[]> rows = new ArrayList<>();
    ColumnValues<Object> shared = new ColumnValues<>(table.columns().length);
    for (Row r : table.collectAsList()) {
      Object[] values = new Object[r.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = shared.shared(i, r.get(i));
      }
      rows.add(values);
    }
    return new PublishedTable(name, Arrays.asList(table.columns()), rows);
  }

  /** {@code name}.csv with {@code rows} (values in the order of {@code columns}). */
  public static PublishedTable of(String name, List<String> columns, List<Object[]> rows) {
    return new PublishedTable(name, columns, List.copyOf(rows));
  }

  /** The columns that name the unit of a row ({@code level}, {@code unit_code}). */
  public PublishedTable units(String level, String unit) {
    this.levelColumn = known(level);
    this.unitColumn = known(unit);
    return this;
  }

  /** The other columns of a row's key ({@code window}, {@code week_start}, ...): units add up within one slice. */
  public PublishedTable slices(String... columns) {
    Arrays.stream(columns).map(this::known).forEach(slices::add);
    return this;
  }

  public PublishedTable counts(String... columns) {
    Arrays.stream(columns).map(this::known).forEach(c -> {
      counts.add(c);
      additive.add(c);
    });
    return this;
  }

  /** Additive measures (minutes) over the pupils of {@code population}. */
  public PublishedTable amounts(String population, String... columns) {
    known(population);
    Arrays.stream(columns).map(this::known).forEach(c -> {
      populationOf.put(c, population);
      additive.add(c);
      follows.computeIfAbsent(c, k -> new ArrayList<>()).add(population);
    });
    return this;
  }

  /** {@code column = 100 * numerator / denominator}, both published counts. */
  public PublishedTable percentage(String column, String numerator, String denominator) {
    populationOf.put(known(column), known(denominator));
    follows.computeIfAbsent(column, k -> new ArrayList<>()).addAll(List.of(known(numerator), denominator));
    return this;
  }

  /** A percentage of the pupils in {@code denominator} whose count is not published. */
  public PublishedTable percentageOfPupils(String column, String denominator) {
    populationOf.put(known(column), known(denominator));
    follows.computeIfAbsent(column, k -> new ArrayList<>()).add(denominator);
    implied.add(column);
    return this;
  }

  /** A percentage of minutes (or another measure) over the pupils of {@code population}. */
  public PublishedTable rate(String column, String population, String... computedFrom) {
    populationOf.put(known(column), known(population));
    List<String> sources = follows.computeIfAbsent(column, k -> new ArrayList<>());
    sources.add(population);
    Arrays.stream(computedFrom).map(this::known).forEach(sources::add);
    return this;
  }

  /** A column computed from others of its row: hidden when any of them is. */
  public PublishedTable follows(String column, String... sources) {
    List<String> list = follows.computeIfAbsent(known(column), k -> new ArrayList<>());
    Arrays.stream(sources).map(this::known).forEach(list::add);
    return this;
  }

  public PublishedTable sum(String total, String... parts) {
    sums.add(new Sum(known(total), Arrays.stream(parts).map(this::known).toList()));
    return this;
  }

  /** Rows of a unit that differ only in {@code across} add up in {@code column}. */
  public PublishedTable addsUpAcross(String column, String across) {
    acrossRows.add(new AcrossRows(known(column), known(across), null, Set.of()));
    return this;
  }

  /** As {@link #addsUpAcross(String, String)}, for the rows whose {@code whereColumn} is one of {@code whereValues}. */
  public PublishedTable addsUpAcross(String column, String across, String whereColumn, Set<String> whereValues) {
    acrossRows.add(new AcrossRows(known(column), known(across), known(whereColumn), Set.copyOf(whereValues)));
    return this;
  }

  /** {@code columns} hold the same figures as in {@code otherTable}, at the row with the same {@code keys}. */
  public PublishedTable sameAs(String otherTable, List<String> keys, String... columns) {
    keys.forEach(this::known);
    for (String c : columns) {
      links.add(new Link(known(c), otherTable, List.of(c), List.copyOf(keys), Map.of()));
    }
    return this;
  }

  /** {@code column} is the sum of {@code otherColumns} of {@code otherTable}'s row with the same keys and {@code where}. */
  public PublishedTable sumOf(String column, String otherTable, List<String> keys, Map<String, String> where,
      String... otherColumns) {
    keys.forEach(this::known);
    links.add(new Link(known(column), otherTable, List.of(otherColumns), List.copyOf(keys), Map.copyOf(where)));
    return this;
  }

  public String name() {
    return name;
  }

  public String fileName() {
    return name + ".csv";
  }

  /** The published columns, in order. */
  public List<String> columns() {
    return columns;
  }

  /** The published values, one array per row, in publication order (not copied: do not change). */
  public List<Object[]> rows() {
    return rows;
  }

  /** Whether anything in the table is about pupils, so the rule applies to it. */
  boolean isProtected() {
    return !counts.isEmpty() || !populationOf.isEmpty();
  }

  String levelColumn() {
    return levelColumn;
  }

  String unitColumn() {
    return unitColumn;
  }

  List<String> sliceColumns() {
    return slices;
  }

  Set<String> countColumns() {
    return counts;
  }

  Map<String, String> populations() {
    return populationOf;
  }

  Map<String, List<String>> followed() {
    return follows;
  }

  Set<String> additiveColumns() {
    Set<String> all = new LinkedHashSet<>(additive);
    implied.forEach(p -> all.add(impliedCount(p)));
    return all;
  }

  List<String> impliedPercentages() {
    return implied;
  }

  List<Sum> sums() {
    return sums;
  }

  List<AcrossRows> acrossRows() {
    return acrossRows;
  }

  List<Link> links() {
    return links;
  }

  int index(String column) {
    return columns.indexOf(column);
  }

  /**
   * The count a percentage of pupils implies: {@code pct * pupils / 100}, rounded half up; null when
   * either is empty. One decimal and fewer than 1000 pupils give the count back exactly.
   */
  static Long implied(Object pct, Object pupils) {
    if (pct == null || pupils == null) {
      return null;
    }
    BigDecimal p = new BigDecimal(pct.toString());
    BigDecimal n = new BigDecimal(pupils.toString());
    return p.multiply(n).divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
  }

  private String known(String column) {
    if (!columns.contains(column)) {
      throw new IllegalArgumentException(name + ": no column '" + column + "'; columns: " + columns);
    }
    return column;
  }
}
