package nl.schoolmonitor.jobs.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * imply.
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

  /** A cell of a publication: table number, row, column. */
  record Cell(int table, int row, int column) {}

  /** A line and where it comes from, for messages. */
  record Line(List<Cell> cells, String why) {}

  private Lines() {}

  /** The grid columns of {@code table}: its own, then one implied count per percentage of pupils. */
  static List<String> gridColumns(PublishedTable table) {
    List<String> columns = new ArrayList<>(table.columns());
    table.impliedPercentages().forEach(p -> columns.add(PublishedTable.impliedCount(p)));
    return columns;
  }

  static List<Line> of(List<Grid> grids, UnitHierarchy hierarchy) {
    List<Line> lines = new ArrayList<>();
    for (int t = 0; t < grids.size(); t++) {
      Grid grid = grids.get(t);
      rowSums(t, grid, lines);
      units(t, grid, hierarchy, lines);
      acrossRows(t, grid, lines);
      links(t, grids, lines);
    }
    return lines;
  }

  private static void rowSums(int t, Grid grid, List<Line> lines) {
    for (PublishedTable.Sum sum : grid.table().sums()) {
      for (int r = 0; r < grid.text().size(); r++) {
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(t, r, grid.column(sum.total())));
        for (String part : sum.parts()) {
          cells.add(new Cell(t, r, grid.column(part)));
        }
        lines.add(new Line(cells, sum.total() + " = " + String.join(" + ", sum.parts())));
      }
    }
  }

  /** A parent unit and its children of one level, in the same slice, per additive column. */
  private static void units(int t, Grid grid, UnitHierarchy hierarchy, List<Line> lines) {
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
      String why = grid.value(p, table.levelColumn()) + " " + grid.value(p, table.unitColumn()) + " and its "
          + grid.value(group.getValue().get(0), table.levelColumn()) + " units";
      for (String column : table.additiveColumns()) {
        int c = grid.column(column);
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(t, p, c));
        group.getValue().forEach(r -> cells.add(new Cell(t, r, c)));
        lines.add(new Line(cells, why + ", " + column));
      }
    }
  }

  private static void acrossRows(int t, Grid grid, List<Line> lines) {
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
        if (group.getValue().size() > 1) {
          lines.add(new Line(group.getValue().stream().map(r -> new Cell(t, r, c)).toList(),
              across.column() + " over the " + across.across() + " values of " + group.getKey()));
        }
      }
    }
  }

  private static void links(int t, List<Grid> grids, List<Line> lines) {
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
      for (int r = 0; r < grid.text().size(); r++) {
        Integer m = otherRow.get(key(grid, r, link.keys()));
        if (m != null) {
          List<Cell> cells = new ArrayList<>();
          cells.add(new Cell(t, r, grid.column(link.column())));
          for (String c : link.otherColumns()) {
            cells.add(new Cell(o, m, other.column(c)));
          }
          lines.add(new Line(cells, link.column() + " is " + String.join(" + ", link.otherColumns()) + " of "
              + link.otherTable()));
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
