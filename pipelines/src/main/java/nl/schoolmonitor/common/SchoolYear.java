package nl.schoolmonitor.common;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;

/** A school year runs from 1 August to 31 July and is labelled {@code 2025-2026} (DOMAIN.md section 3). */
public record SchoolYear(int startYear) implements Comparable<SchoolYear> {

  private static final Pattern LABEL = Pattern.compile("(\\d{4})-(\\d{4})");

  public static SchoolYear of(LocalDate date) {
    return new SchoolYear(date.getMonth().compareTo(Month.AUGUST) >= 0 ? date.getYear() : date.getYear() - 1);
  }

  /** The label of the school year holding {@code date} as a column ({@code 2025-2026}); null for null. */
  public static Column labelOf(Column date) {
    Column start = when(month(date).geq(8), year(date)).otherwise(year(date).minus(1));
    return concat(start.cast("string"), lit("-"), start.plus(1).cast("string"));
  }

  /** The first year of a label column ({@code 2025-2026} gives 2025), as an int column. */
  public static Column startYearOf(Column label) {
    return label.substr(1, 4).cast("int");
  }

  /** Parses {@code 2025-2026}; {@code what} names the setting in the error message. */
  public static SchoolYear parse(String label, String what) {
    Matcher m = label == null ? null : LABEL.matcher(label.trim());
    if (m == null || !m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      throw new IllegalArgumentException(what + ": expected a school year like 2025-2026 (two consecutive years), got '"
          + label + "'");
    }
    return new SchoolYear(Integer.parseInt(m.group(1)));
  }

  /** Every school year from {@code first} up to and including {@code last}. */
  public static List<SchoolYear> range(SchoolYear first, SchoolYear last) {
    List<SchoolYear> years = new ArrayList<>();
    for (int y = first.startYear; y <= last.startYear; y++) {
      years.add(new SchoolYear(y));
    }
    return years;
  }

  public LocalDate firstDay() {
    return LocalDate.of(startYear, Month.AUGUST, 1);
  }

  public LocalDate lastDay() {
    return LocalDate.of(startYear + 1, Month.JULY, 31);
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
  }

  /** The leerplicht peildatum of the year (1 October). */
  public LocalDate octoberFirst() {
    return LocalDate.of(startYear, Month.OCTOBER, 1);
  }

  public SchoolYear next() {
    return new SchoolYear(startYear + 1);
  }

  public String label() {
    return startYear + "-" + (startYear + 1);
  }

  @Override
  public int compareTo(SchoolYear other) {
    return Integer.compare(startYear, other.startYear);
  }

  @Override
  public String toString() {
    return label();
  }
}
