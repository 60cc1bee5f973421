package nl.schoolmonitor.jobs.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance per distinct value of each column. A published table repeats few values many times
 * (levels, unit codes, weeks, windows, small counts, percentages with one decimal), and every row
 * of a large region is held on the driver several times: as values, as the text the rule reads
 * and as the text the check and the files read (and the report site reads the files again).
 * Equal values share one object, so the rows cost their arrays and little more. Per column, so
 * that values of different types that compare equal (a {@code java.sql.Date} and a
 * {@code Timestamp} of the same instant) never stand in for each other.
 */
public final class ColumnValues<T> {

  private final List<Map<T, T>> columns = new ArrayList<>();

  public ColumnValues(int width) {
    for (int c = 0; c < width; c++) {
      columns.add(new HashMap<>());
    }
  }

  /** {@code value}, or the equal value seen first in {@code column}. */
  public T shared(int column, T value) {
    if (value == null) {
      return null;
    }
    T first = columns.get(column).putIfAbsent(value, value);
    return first == null ? value : first;
  }
}
