package nl.schoolmonitor.jobs.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lines of a publication: sets of cells of which, when all but one are visible, the last can
 * be worked out (a row total and its parts, a parent unit and its children, rows that split a
 * unit, the same figure in two tables). The line rule of secondary suppression: a line holds no
 * hidden cell or at least two. Built from the key columns only (level, unit code, slices), which
 * are never hidden, so {@link Disclosure} and {@link DisclosureCheck} find the same lines, the
 * check from the written text.
 *
 * <p>A cell is {@code (table, row, column)} with the column an index into the table's
 * {@link Grid#columns()}: its published columns followed by the counts its percentages of pupils
 * imply. A line reaches its {@link Sink} as the cells' numbers in a {@link Numbering}, and its
 * description only when asked for: a publication of a large region has tens of millions of cells
 * in millions of lines, which as objects did not fit in the heap.
 */
final class Lines {

  /** One table as text, with its implied-count columns appended. */
  record Grid(PublishedTable table, List<String> columns, List<String[]> text) {

    int column(String name) {
      return columns.indexOf(name);
    }

    String value(int row, String column) {
      return text.get(row)[column(column)];
    }
  }

  /** Receives the lines one by one: the numbers of their cells, and where they come from, for messages. */
  interface Sink {
    void line(int[] cells, Supplier<String> why);
  }

  /** One number per cell of a publication: the tables one after the other, each row by row. */
  static final class Numbering {
    private final int[] offset;
    private final int[] width;
    private final int cells;

    Numbering(List<Grid> grids) {
      offset = new int[grids.size()];
      width = new int[grids.size()];
      int n = 0;
      for (int t = 0; t < grids.size(); t++) {
        offset[t] = n;
        width[t] = grids.get(t).columns().size();
        n = Math.addExact(n, Math.multiplyExact(grids.get(t).text().size(), width[t]));
      }
      cells = n;
    }

    int cells() {
      return cells;
    }

    int cell(int table, int row, int column) {
      return offset[table] + row * width[table] + column;
    }

    /** The first cell of {@code table}; its cells are {@code first(table)} up to {@code first(table + 1)}. */
    int first(int table) {
      return table < offset.length ? offset[table] : cells;
    }

    int table(int cell) {
      int t = Arrays.binarySearch(offset, cell);
      if (t < 0) {
        return -t - 2;
      }
      while (t + 1 < offset.length && offset[t + 1] == cell) {
        t++; // tables without rows share their offset with the next
      }
      return t;
    }

    int row(int cell) {
      int t = table(cell);
      return (cell - offset[t]) / width[t];
    }

    int column(int cell) {
      int t = table(cell);
      return (cell - offset[t]) % width[t];
    }
  }

  private Lines() {}

  /** The grid columns of {@code table}: its own, then one implied count per percentage of pupils. */
  static List<String> gridColumns(PublishedTable table) {
    List<String> columns = new ArrayList<>(table.columns());
    table.impliedPercentages().forEach(p -> columns.add(PublishedTable.impliedCount(p)));
    return columns;
  }

  /** Gives every line of {@code grids} to {@code sink}, its cells numbered by {@code numbering}, always in the same order. */
  static void of(List<Grid> grids, UnitHierarchy hierarchy, Numbering numbering, Sink sink) {
    for (int t = 0; t < grids.size(); t++) {
      Grid grid = grids.get(t);
      rowSums(t, grid, numbering, sink);
      units(t, grid, hierarchy, numbering, sink);
      acrossRows(t, grid, numbering, sink);
      links(t, grids, numbering, sink);
    }
  }

  private static void rowSums(int t, Grid grid, Numbering numbering, Sink sink) {
    for (PublishedTable.Sum sum : grid.table().sums()) {
      int[] columns = new int[1 + sum.parts().size()];
      columns[0] = grid.column(sum.total());
      for (int i = 0; i < sum.parts().size(); i++) {
        columns[i + 1] = grid.column(sum.parts().get(i));
      }
      Supplier<String> why = () -> sum.total() + " = " + String.join(" + ", sum.parts());
      for (int r = 0; r < grid.text().size(); r++) {
        int[] cells = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
          cells[i] = numbering.cell(t, r, columns[i]);
        }
        sink.line(cells, why);
      }
    }
  }

  /** A parent unit and its children of one level, in the same slice, per additive column. */
  private static void units(int t, Grid grid, UnitHierarchy hierarchy, Numbering numbering, Sink sink) {
    PublishedTable table = grid.table();
    if (table.levelColumn() == null || hierarchy == null) {
      return;
    }
    Map<String, Integer> rowOf = new HashMap<>();
    for (int r = 0; r < grid.text().size(); r++) {
      rowOf.put(slice(grid, r) + "|" + grid.value(r, table.levelColumn()) + "|" + grid.value(r, table.unitColumn()), r);
    }
    Map<String, List<Integer>> children = new LinkedHashMap<>();
    Map<String, Integer> parentRow = new HashMap<>();
    for (int r = 0; r < grid.text().size(); r++) {
      String level = grid.value(r, table.levelColumn());
      for (UnitHierarchy.Unit parent : hierarchy.parents(level, grid.value(r, table.unitColumn()))) {
        Integer p = rowOf.get(slice(grid, r) + "|" + parent.level() + "|" + parent.code());
        if (p != null) {
          String group = p + "|" + level;
          parentRow.put(group, p);
          children.computeIfAbsent(group, g -> new ArrayList<>()).add(r);
        }
      }
    }
    for (var group : children.entrySet()) {
      int p = parentRow.get(group.getKey());
      List<Integer> rows = group.getValue();
      for (String column : table.additiveColumns()) {
        int c = grid.column(column);
        int[] cells = new int[1 + rows.size()];
        cells[0] = numbering.cell(t, p, c);
        for (int i = 0; i < rows.size(); i++) {
          cells[i + 1] = numbering.cell(t, rows.get(i), c);
        }
        sink.line(cells, () -> grid.value(p, table.levelColumn()) + " " + grid.value(p, table.unitColumn())
            + " and its " + grid.value(rows.get(0), table.levelColumn()) + " units, " + column);
      }
    }
  }

  private static void acrossRows(int t, Grid grid, Numbering numbering, Sink sink) {
    PublishedTable table = grid.table();
    for (PublishedTable.AcrossRows across : table.acrossRows()) {
      Map<String, List<Integer>> groups = new LinkedHashMap<>();
      for (int r = 0; r < grid.text().size(); r++) {
        if (across.whereColumn() != null && !across.whereValues().contains(grid.value(r, across.whereColumn()))) {
          continue;
        }
        StringBuilder key = new StringBuilder();
        if (table.levelColumn() != null) {
          key.append(grid.value(r, table.levelColumn())).append('|').append(grid.value(r, table.unitColumn()));
        }
        for (String s : table.sliceColumns()) {
          if (!s.equals(across.across())) {
            key.append('|').append(grid.value(r, s));
          }
        }
        groups.computeIfAbsent(key.toString(), k -> new ArrayList<>()).add(r);
      }
      int c = grid.column(across.column());
      for (var group : groups.entrySet()) {
        List<Integer> rows = group.getValue();
        if (rows.size() > 1) {
          int[] cells = new int[rows.size()];
          for (int i = 0; i < cells.length; i++) {
            cells[i] = numbering.cell(t, rows.get(i), c);
          }
          sink.line(cells, () -> across.column() + " over the " + across.across() + " values of " + group.getKey());
        }
      }
    }
  }

  private static void links(int t, List<Grid> grids, Numbering numbering, Sink sink) {
    Grid grid = grids.get(t);
    for (PublishedTable.Link link : grid.table().links()) {
      int o = -1;
      for (int i = 0; i < grids.size(); i++) {
        if (grids.get(i).table().name().equals(link.otherTable())) {
          o = i;
        }
      }
      if (o < 0) {
        continue; // the other table is not in this publication
      }
      Grid other = grids.get(o);
      Map<String, Integer> otherRow = new HashMap<>();
      for (int r = 0; r < other.text().size(); r++) {
        final int row = r;
        if (link.otherWhere().entrySet().stream().allMatch(e -> e.getValue().equals(other.value(row, e.getKey())))) {
          otherRow.put(key(other, r, link.keys()), r);
        }
      }
      int column = grid.column(link.column());
      int[] otherColumns = link.otherColumns().stream().mapToInt(other::column).toArray();
      Supplier<String> why = () -> link.column() + " is " + String.join(" + ", link.otherColumns()) + " of "
          + link.otherTable();
      for (int r = 0; r < grid.text().size(); r++) {
        Integer m = otherRow.get(key(grid, r, link.keys()));
        if (m != null) {
          int[] cells = new int[1 + otherColumns.length];
          cells[0] = numbering.cell(t, r, column);
          for (int i = 0; i < otherColumns.length; i++) {
            cells[i + 1] = numbering.cell(o, m, otherColumns[i]);
          }
          sink.line(cells, why);
        }
      }
    }
  }

  private static String key(Grid grid, int row, List<String> columns) {
    StringBuilder key = new StringBuilder();
    columns.forEach(c -> key.append(grid.value(row, c)).append('|'));
    return key.toString();
  }

  private static String slice(Grid grid, int row) {
    StringBuilder key = new StringBuilder();
    grid.table().sliceColumns().forEach(c -> key.append(grid.value(row, c)).append('|'));
    return key.toString();
  }
}
