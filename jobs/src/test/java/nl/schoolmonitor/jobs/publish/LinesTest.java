package nl.schoolmonitor.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The numbering of a publication's cells, which the small-cell protection and its check share. */
class LinesTest {

  @Test
  void everyCellHasOneNumberAndGivesBackItsTableRowAndColumnAlsoAfterATableWithoutRows() {
    List<Lines.Grid> grids = List.of(grid("a", 2, 3), grid("empty", 0, 4), grid("b", 3, 2));
    Lines.Numbering numbering = new Lines.Numbering(grids);

    assertThat(numbering.cells()).isEqualTo(2 * 3 + 3 * 2);
    assertThat(numbering.first(1)).isEqualTo(6);
    assertThat(numbering.first(2)).isEqualTo(6);
    assertThat(numbering.first(3)).isEqualTo(12);
    List<Integer> seen = new ArrayList<>();
    for (int t = 0; t < grids.size(); t++) {
      for (int r = 0; r < grids.get(t).text().size(); r++) {
        for (int c = 0; c < grids.get(t).columns().size(); c++) {
          int cell = numbering.cell(t, r, c);
          seen.add(cell);
          assertThat(List.of(numbering.table(cell), numbering.row(cell), numbering.column(cell)))
              .as("cell %d", cell).containsExactly(t, r, c);
        }
      }
    }
    assertThat(seen).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
  }

  private static Lines.Grid grid(String name, int rows, int columns) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      names.add("c" + c);
    }
    List<Object[]> values = new ArrayList<>();
    List<String[]> text = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      values.add(new Object[columns]);
      text.add(new String[columns]);
    }
    return new Lines.Grid(PublishedTable.of(name, names, values), names, text);
  }
}
