package nl.schoolmonitor.jobs.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A school year, 1 August up to and including 31 July, labelled like {@code 2025-2026} (DOMAIN.md section 3). */
record SchoolYear(int startYear) implements Comparable<SchoolYear> {

  private static final Pattern LABEL = Pattern.compile("(\\d{4})-(\\d{4})");

  /** Parses {@code 2025-2026}; {@code what} names the setting in the error message. */
  static SchoolYear parse(String label, String what) {
    Matcher m = label == null ? null : LABEL.matcher(label);
    if (m == null || !m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      throw new IllegalArgumentException(what + ": expected a school year like 2025-2026 (two consecutive years), got '"
          + label + "'");
    }
    return new SchoolYear(Integer.parseInt(m.group(1)));
  }

  /** Every school year from {@code first} up to and including {@code last}. */
  static List<SchoolYear> range(SchoolYear first, SchoolYear last) {
    List<SchoolYear> years = new ArrayList<>();
    for (int y = first.startYear; y <= last.startYear; y++) {
      years.add(new SchoolYear(y));
    }
    return years;
  }

  String label() {
    return startYear + "-" + (startYear + 1);
  }

  LocalDate firstDay() {
    return LocalDate.of(startYear, 8, 1);
  }

  LocalDate lastDay() {
    return LocalDate.of(startYear + 1, 7, 31);
  }

  boolean contains(LocalDate date) {
    return !date.isBefore(firstDay()) && !date.isAfter(lastDay());
  }

  /** The leerplicht peildatum of the year (1 October): year groups follow the age on this date. */
  LocalDate octoberFirst() {
    return LocalDate.of(startYear, 10, 1);
  }

  SchoolYear next() {
    return new SchoolYear(startYear + 1);
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
