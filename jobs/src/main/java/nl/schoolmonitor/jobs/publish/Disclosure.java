package nl.schoolmonitor.jobs.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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

  /**
   * One suppression over a publication: every cell has its global number in a {@link Lines.Numbering};
   * values, lines and the lines of each cell are kept in flat arrays (a large region has millions of lines).
   */
  private static final class Run {
    private final List<PublishedTable> tables;
    private final DisclosureRule rule;
    private final List<Lines.Grid> grids = new ArrayList<>();
    private final Lines.Numbering numbering;
    private final double[] value; // NaN: empty or not a number (an empty cell is known and never hidden)
    private final BitSet hidden = new BitSet();
    private final Deque<Integer> newlyHidden = new ArrayDeque<>();
    private final List<int[][]> dependents = new ArrayList<>(); // per table and column: the columns hidden with it
    private int[] lineStart; // line l: lineCells[lineStart[l]] up to lineCells[lineStart[l + 1]], its total first
    private int[] lineCells;
    private int[] cellStart; // cell c: cellLines[cellStart[c]] up to cellLines[cellStart[c + 1]]
    private int[] cellLines;

    Run(List<PublishedTable> tables, UnitHierarchy hierarchy, DisclosureRule rule) {
      this.tables = tables;
      this.rule = rule;
      for (PublishedTable table : tables) {
        grids.add(new Lines.Grid(table, Lines.gridColumns(table), text(table)));
      }
      numbering = new Lines.Numbering(grids);
      value = new double[numbering.cells()];
      Arrays.fill(value, Double.NaN);
      for (int t = 0; t < tables.size(); t++) {
        values(t);
        dependents.add(dependencies(t));
      }
      lines(hierarchy);
    }

    List<SuppressedTable> run() {
      for (int t = 0; t < tables.size(); t++) {
        primary(t);
      }
      // Every line in turn, then (first in, first out) each line of a cell hidden since.
      int lines = lineStart.length - 1;
      int next = 0;
      IntQueue again = new IntQueue();
      while (true) {
        while (!newlyHidden.isEmpty()) {
          int cell = newlyHidden.poll();
          int t = numbering.table(cell);
          int r = numbering.row(cell);
          for (int d : dependents.get(t)[numbering.column(cell)]) {
            hide(numbering.cell(t, r, d));
          }
          for (int i = cellStart[cell]; i < cellStart[cell + 1]; i++) {
            again.add(cellLines[i]);
          }
        }
        int l;
        if (next < lines) {
          l = next++;
        } else if (!again.isEmpty()) {
          l = again.poll();
        } else {
          break;
        }
        if (hiddenIn(l) == 1) {
          int partner = partner(l);
          if (partner >= 0) {
            hide(partner);
          }
        }
      }
      List<SuppressedTable> result = new ArrayList<>();
      for (int t = 0; t < tables.size(); t++) {
        BitSet own = hidden.get(numbering.first(t), numbering.first(t + 1));
        result.add(new SuppressedTable(tables.get(t), own, grids.get(t).columns().size()));
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
          double v = value[numbering.cell(t, r, c)];
          if (!Double.isNaN(v) && rule.isSmallCount((long) v)) {
            hide(numbering.cell(t, r, c));
          }
        }
        for (Map.Entry<String, String> p : table.populations().entrySet()) {
          double pupils = value[numbering.cell(t, r, grid.column(p.getValue()))];
          if (Double.isNaN(pupils) || rule.isSmallDenominator((long) pupils)) {
            hide(numbering.cell(t, r, grid.column(p.getKey())));
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

    private int hiddenIn(int line) {
      int n = 0;
      for (int i = lineStart[line]; i < lineStart[line + 1]; i++) {
        n += hidden.get(lineCells[i]) ? 1 : 0;
      }
      return n;
    }

    /** The visible cell of {@code line} that is best hidden next: the smallest above 0, a total last. */
    private int partner(int line) {
      int total = lineCells[lineStart[line]];
      int best = -1;
      for (int i = lineStart[line]; i < lineStart[line + 1]; i++) {
        int c = lineCells[i];
        if (hidden.get(c) || Double.isNaN(value[c])) {
          continue;
        }
        if (best < 0 || better(c, c == total, best, best == total)) {
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

    private static List<String[]> text(PublishedTable table) {
      List<String[]> text = new ArrayList<>();
      List<String> implied = table.impliedPercentages();
      ColumnValues<String> shared = new ColumnValues<>(table.columns().size() + implied.size());
      for (Object[] values : table.rows()) {
        String[] row = new String[values.length + implied.size()];
        for (int c = 0; c < values.length; c++) {
          row[c] = shared.shared(c, CsvPublisher.text(values[c]));
        }
        for (int i = 0; i < implied.size(); i++) {
          String pct = implied.get(i);
          String denominator = table.populations().get(pct);
          Long n = PublishedTable.implied(values[table.index(pct)], values[table.index(denominator)]);
          row[values.length + i] = shared.shared(values.length + i, n == null ? "" : n.toString());
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
          value[numbering.cell(t, r, c)] = number(row[c]);
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

    /** Per column of table {@code t}: the columns of the same row hidden with it. */
    private int[][] dependencies(int t) {
      PublishedTable table = tables.get(t);
      Lines.Grid grid = grids.get(t);
      List<List<Integer>> with = new ArrayList<>();
      grid.columns().forEach(c -> with.add(new ArrayList<>()));
      table.followed().forEach((target, sources) -> sources.forEach(
          s -> with.get(grid.column(s)).add(grid.column(target))));
      for (String pct : table.impliedPercentages()) {
        int p = grid.column(pct);
        int n = grid.column(PublishedTable.impliedCount(pct));
        with.get(p).add(n);
        with.get(n).add(p);
      }
      return with.stream().map(d -> d.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /** The lines in flat arrays, empty cells left out (an empty cell is published and known), and per cell its lines. */
    private void lines(UnitHierarchy hierarchy) {
      IntQueue starts = new IntQueue();
      IntQueue cells = new IntQueue();
      Lines.of(grids, hierarchy, numbering, (line, why) -> {
        starts.add(cells.size());
        for (int c : line) {
          if (!Double.isNaN(value[c])) {
            cells.add(c);
          }
        }
      });
      starts.add(cells.size());
      lineStart = starts.toArray();
      lineCells = cells.toArray();
      cellStart = new int[value.length + 1];
      for (int c : lineCells) {
        cellStart[c + 1]++;
      }
      for (int c = 0; c < value.length; c++) {
        cellStart[c + 1] += cellStart[c];
      }
      cellLines = new int[lineCells.length];
      int[] filled = Arrays.copyOf(cellStart, value.length);
      for (int l = 0; l + 1 < lineStart.length; l++) {
        for (int i = lineStart[l]; i < lineStart[l + 1]; i++) {
          cellLines[filled[lineCells[i]]++] = l;
        }
      }
    }
  }

  /** A growing array of {@code int}, read first in, first out. */
  private static final class IntQueue {
    private int[] items = new int[1024];
    private int head;
    private int tail;

    void add(int item) {
      if (tail == items.length) {
        items = Arrays.copyOf(items, items.length * 2);
      }
      items[tail++] = item;
    }

    boolean isEmpty() {
      return head == tail;
    }

    int poll() {
      return items[head++];
    }

    int size() {
      return tail - head;
    }

    int[] toArray() {
      return Arrays.copyOfRange(items, head, tail);
    }
  }
}
