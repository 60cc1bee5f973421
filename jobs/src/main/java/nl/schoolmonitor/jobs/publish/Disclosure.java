package nl.schoolmonitor.jobs.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Disclosure control of a publication (DOMAIN.md section 10; CBS practice): which cells of the
 * published tables are shown as {@code x}.
 * <ol>
 *   <li><b>Primary.</b> A count of 1 up to {@code min_count - 1} pupils (0 names nobody and stays);
 *       a percentage, or a minute total, over fewer than {@code min_denominator} pupils; the count
 *       a percentage of pupils implies ({@code tier3_pct * pupils / 100}) when it is such a count.</li>
 *   <li><b>Along the row.</b> A percentage goes with its numerator and denominator, a difference
 *       with the percentage it is taken from, minutes with the pupils they are about.</li>
 *   <li><b>Secondary.</b> No line (see {@link Lines}: a row total and its parts, a parent unit and
 *       its children, the rows that split a unit, the same figure in two tables) may hold exactly one
 *       {@code x}: when it does, the smallest other non-zero cell of that line is hidden too (a zero
 *       only when nothing else is left), so the total minus the rest gives no single figure.
 *       Hiding a cell can leave another line with one {@code x}; that is repeated until no line
 *       does. The smallest cell is the one that costs the reader least.</li>
 * </ol>
 * This is the line rule of secondary suppression, checked independently by
 * {@link DisclosureCheck}. It does not solve the tables as a system of equations (as tau-argus
 * does): two {@code x} in every line stop subtraction, not every combination of lines.
 */
public final class Disclosure {

  private Disclosure() {}

  /** Suppresses {@code tables} together (cells shared between tables are hidden in both). */
  public static List<SuppressedTable> protect(List<PublishedTable> tables, UnitHierarchy hierarchy, DisclosureRule rule) {
    return new Run(tables, hierarchy, rule).run();
  }

  /** One suppression over a publication; every cell has a global number {@code offset[table] + row * width + column}. */
  private static final class Run {
    private final List<PublishedTable> tables;
    private final DisclosureRule rule;
    private final List<Lines.Grid> grids = new ArrayList<>();
    private final int[] offset;
    private final int[] width;
    private final double[] value; // NaN: empty or not a number (an empty cell is known and never hidden)
    private final BitSet hidden = new BitSet();
    private final Deque<Integer> newlyHidden = new ArrayDeque<>();
    private final List<int[]> dependents; // per cell: the cells hidden with it
    private int[][] lines;
    private int[][] linesOfCell;

    Run(List<PublishedTable> tables, UnitHierarchy hierarchy, DisclosureRule rule) {
      this.tables = tables;
      this.rule = rule;
      offset = new int[tables.size()];
      width = new int[tables.size()];
      int cells = 0;
      for (int t = 0; t < tables.size(); t++) {
        PublishedTable table = tables.get(t);
        List<String> columns = Lines.gridColumns(table);
        grids.add(new Lines.Grid(table, columns, text(table)));
        offset[t] = cells;
        width[t] = columns.size();
        cells += table.rows().size() * columns.size();
      }
      value = new double[cells];
      Arrays.fill(value, Double.NaN);
      dependents = new ArrayList<>(Collections.nCopies(cells, (int[]) null));
      for (int t = 0; t < tables.size(); t++) {
        values(t);
        dependencies(t);
      }
      lines(Lines.of(grids, hierarchy), cells);
    }

    List<SuppressedTable> run() {
      for (int t = 0; t < tables.size(); t++) {
        primary(t);
      }
      Deque<Integer> linesToLook = new ArrayDeque<>();
      for (int l = 0; l < lines.length; l++) {
        linesToLook.add(l);
      }
      while (true) {
        while (!newlyHidden.isEmpty()) {
          int cell = newlyHidden.poll();
          int[] deps = dependents.get(cell);
          if (deps != null) {
            for (int d : deps) {
              hide(d);
            }
          }
          for (int l : linesOfCell[cell]) {
            linesToLook.add(l);
          }
        }
        if (linesToLook.isEmpty()) {
          break;
        }
        int l = linesToLook.poll();
        if (hiddenIn(lines[l]) == 1) {
          int partner = partner(lines[l]);
          if (partner >= 0) {
            hide(partner);
          }
        }
      }
      List<SuppressedTable> result = new ArrayList<>();
      for (int t = 0; t < tables.size(); t++) {
        BitSet own = hidden.get(offset[t], offset[t] + tables.get(t).rows().size() * width[t]);
        result.add(new SuppressedTable(tables.get(t), own, width[t]));
      }
      return result;
    }

    private void primary(int t) {
      PublishedTable table = tables.get(t);
      Lines.Grid grid = grids.get(t);
      List<Integer> counts = new ArrayList<>();
      table.countColumns().forEach(c -> counts.add(grid.column(c)));
      table.impliedPercentages().forEach(p -> counts.add(grid.column(PublishedTable.impliedCount(p))));
      for (int r = 0; r < table.rows().size(); r++) {
        for (int c : counts) {
          double v = value[cell(t, r, c)];
          if (!Double.isNaN(v) && rule.isSmallCount((long) v)) {
            hide(cell(t, r, c));
          }
        }
        for (Map.Entry<String, String> p : table.populations().entrySet()) {
          double pupils = value[cell(t, r, grid.column(p.getValue()))];
          if (Double.isNaN(pupils) || rule.isSmallDenominator((long) pupils)) {
            hide(cell(t, r, grid.column(p.getKey())));
          }
        }
      }
    }

    private void hide(int cell) {
      if (!Double.isNaN(value[cell]) && !hidden.get(cell)) {
        hidden.set(cell);
        newlyHidden.add(cell);
      }
    }

    private int hiddenIn(int[] line) {
      int n = 0;
      for (int c : line) {
        n += hidden.get(c) ? 1 : 0;
      }
      return n;
    }

    /** The visible cell of {@code line} that is best hidden next: the smallest above 0, a total last. */
    private int partner(int[] line) {
      int best = -1;
      for (int i = 0; i < line.length; i++) {
        int c = line[i];
        if (hidden.get(c) || Double.isNaN(value[c])) {
          continue;
        }
        if (best < 0 || better(c, i == 0, best, best == line[0])) {
          best = c;
        }
      }
      return best;
    }

    private boolean better(int c, boolean cIsTotal, int best, boolean bestIsTotal) {
      boolean cZero = value[c] == 0;
      boolean bestZero = value[best] == 0;
      if (cZero != bestZero) {
        return !cZero;
      }
      if (cIsTotal != bestIsTotal) {
        return !cIsTotal;
      }
      return value[c] < value[best];
    }

    private int cell(int t, int row, int column) {
      return offset[t] + row * width[t] + column;
    }

    private static List<String[]> text(PublishedTable table) {
      List<String[]> text = new ArrayList<>();
      List<String> implied = table.impliedPercentages();
      for (Object[] values : table.rows()) {
        String[] row = new String[values.length + implied.size()];
        for (int c = 0; c < values.length; c++) {
          row[c] = CsvPublisher.text(values[c]);
        }
        for (int i = 0; i < implied.size(); i++) {
          String pct = implied.get(i);
          String denominator = table.populations().get(pct);
          Long n = PublishedTable.implied(values[table.index(pct)], values[table.index(denominator)]);
          row[values.length + i] = n == null ? "" : n.toString();
        }
        text.add(row);
      }
      return text;
    }

    private void values(int t) {
      Lines.Grid grid = grids.get(t);
      for (int r = 0; r < grid.text().size(); r++) {
        String[] row = grid.text().get(r);
        for (int c = 0; c < row.length; c++) {
          value[cell(t, r, c)] = number(row[c]);
        }
      }
    }

    private static double number(String text) {
      if (text.isEmpty()) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        return 0; // a text or a date: may be hidden (never chosen before a number), worth nothing
      }
    }

    private void dependencies(int t) {
      PublishedTable table = tables.get(t);
      Lines.Grid grid = grids.get(t);
      List<int[]> edges = new ArrayList<>(); // {source column, dependent column}
      table.followed().forEach((target, sources) -> sources.forEach(
          s -> edges.add(new int[] {grid.column(s), grid.column(target)})));
      for (String pct : table.impliedPercentages()) {
        int p = grid.column(pct);
        int n = grid.column(PublishedTable.impliedCount(pct));
        edges.add(new int[] {p, n});
        edges.add(new int[] {n, p});
      }
      for (int r = 0; r < table.rows().size(); r++) {
        for (int[] e : edges) {
          int source = cell(t, r, e[0]);
          int[] old = dependents.get(source);
          int[] now = old == null ? new int[1] : Arrays.copyOf(old, old.length + 1);
          now[now.length - 1] = cell(t, r, e[1]);
          dependents.set(source, now);
        }
      }
    }

    /** The lines as arrays of global cells, empty cells left out (an empty cell is published and known). */
    private void lines(List<Lines.Line> found, int cells) {
      lines = new int[found.size()][];
      int[] perCell = new int[cells];
      for (int l = 0; l < found.size(); l++) {
        lines[l] = found.get(l).cells().stream().mapToInt(c -> cell(c.table(), c.row(), c.column()))
            .filter(c -> !Double.isNaN(value[c])).toArray();
        for (int c : lines[l]) {
          perCell[c]++;
        }
      }
      linesOfCell = new int[cells][];
      for (int c = 0; c < cells; c++) {
        linesOfCell[c] = new int[perCell[c]];
        perCell[c] = 0;
      }
      for (int l = 0; l < lines.length; l++) {
        for (int c : lines[l]) {
          linesOfCell[c][perCell[c]++] = l;
        }
      }
    }
  }
}
