package nl.schoolmonitor.jobs.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An independent check of a publication as written: it reads the text of every table (what the
 * CSV files hold, {@code x} included), not what {@link Disclosure} decided, and lists every cell
 * that breaks the rule of DOMAIN.md section 10:
 * <ul>
 *   <li>a count of 1 up to {@code min_count - 1} that is shown, also one a shown percentage of
 *       pupils gives back ({@code tier3_pct * pupils / 100});</li>
 *   <li>a percentage or minute total shown over fewer than {@code min_denominator} pupils, or while
 *       its pupils are {@code x};</li>
 *   <li>a percentage or difference shown while a cell it is computed from is {@code x};</li>
 *   <li>a line (row total and parts, parent unit and children, rows splitting a unit, a figure in
 *       two tables) with exactly one {@code x}: subtraction gives it back.</li>
 * </ul>
 * The publication fails when the list is not empty.
 */
public final class DisclosureCheck {

  private DisclosureCheck() {}

  /** Every violation in {@code written} (per table, its rows as text, in the order of {@code tables}). */
  public static List<String> violations(List<PublishedTable> tables, List<List<String[]>> written,
      UnitHierarchy hierarchy, DisclosureRule rule) {
    List<String> found = new ArrayList<>();
    List<Lines.Grid> grids = new ArrayList<>();
    for (int t = 0; t < tables.size(); t++) {
      grids.add(grid(tables.get(t), written.get(t)));
    }
    for (Lines.Grid grid : grids) {
      cells(grid, rule, found);
    }
    Lines.Numbering numbering = new Lines.Numbering(grids);
    Lines.of(grids, hierarchy, numbering, (line, why) -> {
      int hidden = 0;
      int only = -1;
      for (int c : line) {
        if (SuppressedTable.HIDDEN.equals(text(grids, numbering, c))) {
          hidden++;
          only = c;
        }
      }
      if (hidden == 1) {
        Lines.Grid grid = grids.get(numbering.table(only));
        found.add(where(grid, numbering.row(only)) + ": " + grid.columns().get(numbering.column(only))
            + " is the only x in the line '" + why.get() + "', so the other cells give it back");
      }
    });
    return found;
  }

  private static String text(List<Lines.Grid> grids, Lines.Numbering numbering, int cell) {
    return grids.get(numbering.table(cell)).text().get(numbering.row(cell))[numbering.column(cell)];
  }

  /** Throws {@link DisclosureException} listing every violation, if there is one. */
  public static void requireNone(List<PublishedTable> tables, List<List<String[]>> written, UnitHierarchy hierarchy,
      DisclosureRule rule) {
    List<String> found = violations(tables, written, hierarchy, rule);
    if (!found.isEmpty()) {
      throw new DisclosureException(found);
    }
  }

  /** The written text with the implied counts appended: {@code x} when the percentage or its pupils are. */
  private static Lines.Grid grid(PublishedTable table, List<String[]> written) {
    List<String> columns = Lines.gridColumns(table);
    List<String[]> text = new ArrayList<>();
    for (String[] row : written) {
      String[] extended = java.util.Arrays.copyOf(row, columns.size());
      for (String pct : table.impliedPercentages()) {
        String p = row[table.index(pct)];
        String pupils = row[table.index(table.populations().get(pct))];
        String count;
        if (SuppressedTable.HIDDEN.equals(p) || SuppressedTable.HIDDEN.equals(pupils)) {
          count = SuppressedTable.HIDDEN;
        } else if (p.isEmpty() || pupils.isEmpty()) {
          count = "";
        } else {
          count = PublishedTable.implied(p, pupils).toString();
        }
        extended[columns.indexOf(PublishedTable.impliedCount(pct))] = count;
      }
      text.add(extended);
    }
    return new Lines.Grid(table, columns, text);
  }

  private static void cells(Lines.Grid grid, DisclosureRule rule, List<String> found) {
    PublishedTable table = grid.table();
    for (int r = 0; r < grid.text().size(); r++) {
      String[] row = grid.text().get(r);
      for (String c : table.countColumns()) {
        Long n = whole(row[grid.column(c)]);
        if (n != null && rule.isSmallCount(n)) {
          found.add(where(grid, r) + ": " + c + " = " + n + " is a count below " + rule.minCount() + " and is shown");
        }
      }
      for (String pct : table.impliedPercentages()) {
        Long n = whole(row[grid.column(PublishedTable.impliedCount(pct))]);
        if (n != null && rule.isSmallCount(n)) {
          found.add(where(grid, r) + ": " + pct + " = " + row[grid.column(pct)] + " of " + row[grid.column(
              table.populations().get(pct))] + " pupils gives back a count of " + n);
        }
      }
      for (Map.Entry<String, String> p : table.populations().entrySet()) {
        String shown = row[grid.column(p.getKey())];
        String pupils = row[grid.column(p.getValue())];
        if (shown.isEmpty() || SuppressedTable.HIDDEN.equals(shown)) {
          continue;
        }
        if (SuppressedTable.HIDDEN.equals(pupils)) {
          found.add(where(grid, r) + ": " + p.getKey() + " is shown while its pupils (" + p.getValue() + ") are x");
        } else if (pupils.isEmpty() || rule.isSmallDenominator(Math.round(Double.parseDouble(pupils)))) {
          found.add(where(grid, r) + ": " + p.getKey() + " = " + shown + " is shown over " + (pupils.isEmpty() ? "no"
              : pupils) + " pupils (" + p.getValue() + "), fewer than " + rule.minDenominator());
        }
      }
      for (Map.Entry<String, List<String>> f : table.followed().entrySet()) {
        String shown = row[grid.column(f.getKey())];
        if (shown.isEmpty() || SuppressedTable.HIDDEN.equals(shown)) {
          continue;
        }
        for (String source : f.getValue()) {
          if (SuppressedTable.HIDDEN.equals(row[grid.column(source)])) {
            found.add(where(grid, r) + ": " + f.getKey() + " = " + shown + " is shown while " + source
                + ", which it is computed from, is x");
          }
        }
      }
    }
  }

  private static Long whole(String text) {
    if (text.isEmpty() || SuppressedTable.HIDDEN.equals(text)) {
      return null;
    }
    try {
      return Math.round(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** "pyramid.csv line 7 (school 07AB00, school_year_to_date)": the line number as in the file, header = 1. */
  private static String where(Lines.Grid grid, int row) {
    PublishedTable table = grid.table();
    StringBuilder where = new StringBuilder(table.fileName() + " line " + (row + 2));
    List<String> parts = new ArrayList<>();
    if (table.levelColumn() != null) {
      parts.add(grid.value(row, table.levelColumn()) + " " + grid.value(row, table.unitColumn()));
    }
    table.sliceColumns().forEach(s -> parts.add(grid.value(row, s)));
    if (!parts.isEmpty()) {
      where.append(" (").append(String.join(", ", parts)).append(')');
    }
    return where.toString();
  }

  /** A publication that would show a cell the rule protects; the message lists every such cell. */
  public static final class DisclosureException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 50;
    private final List<String> violations;

    DisclosureException(List<String> violations) {
      super(message(violations));
      this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
      return violations;
    }

    private static String message(List<String> violations) {
      StringBuilder m = new StringBuilder("Publication stopped: " + violations.size()
          + " cell(s) would disclose a small group of pupils (DOMAIN.md section 10); nothing was written. "
          + "This is a bug in the disclosure control or in a table's column roles, please report it with this list:");
      violations.stream().limit(SHOWN).forEach(v -> m.append("\n  ").append(v));
      if (violations.size() > SHOWN) {
        m.append("\n  ... and ").append(violations.size() - SHOWN).append(" more");
      }
      return m.toString();
    }
  }
}
