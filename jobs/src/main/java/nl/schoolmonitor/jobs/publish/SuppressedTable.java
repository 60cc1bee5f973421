package nl.schoolmonitor.jobs.publish;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** A published table after disclosure control: its values and which cells are shown as {@code x}. */
public final class SuppressedTable {

  /** What a suppressed cell holds in every published file (CBS; CONTRACT.md section 6). */
  public static final String HIDDEN = "x";

  private final PublishedTable table;
  private final BitSet hidden;
  private final int width;

  SuppressedTable(PublishedTable table, BitSet hidden, int width) {
    this.table = table;
    this.hidden = hidden;
    this.width = width;
  }

  public PublishedTable table() {
    return table;
  }

  /** Whether the cell at {@code row}, published column {@code column}, is shown as {@code x}. */
  public boolean isHidden(int row, int column) {
    return hidden.get(row * width + column);
  }

  /** Number of cells shown as {@code x}. */
  public int hiddenCells() {
    int n = 0;
    for (int r = 0; r < table.rows().size(); r++) {
      for (int c = 0; c < table.columns().size(); c++) {
        n += isHidden(r, c) ? 1 : 0;
      }
    }
    return n;
  }

  /** The rows as the CSV file writes them, {@code x} in the suppressed cells. */
  public List<String[]> text() {
    List<String[]> text = new ArrayList<>();
    ColumnValues<String> shared = new ColumnValues<>(table.columns().size());
    for (int r = 0; r < table.rows().size(); r++) {
      Object[] values = table.rows().get(r);
      String[] row = new String[table.columns().size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = isHidden(r, c) ? HIDDEN : shared.shared(c, CsvPublisher.text(values[c]));
      }
      text.add(row);
    }
    return text;
  }
}
