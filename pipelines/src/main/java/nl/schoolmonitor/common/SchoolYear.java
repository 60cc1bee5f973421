package nl.schoolmonitor.common;

import java.time.LocalDate;
import java.time.Month;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A school year runs from 1 August to 31 July and is labelled {@code 2025-2026} (DOMAIN.md section 3). */
public record SchoolYear(int startYear) {

  private static final Pattern LABEL = Pattern.compile("(\\d{4})-(\\d{4})");

  public static SchoolYear of(LocalDate date) {
    return new SchoolYear(date.getMonth().compareTo(Month.AUGUST) >= 0 ? date.getYear() : date.getYear() - 1);
  }

  public static SchoolYear parse(String label) {
    Matcher m = LABEL.matcher(label == null ? "" : label.trim());
    if (!m.matches() || Integer.parseInt(m.group(2)) != Integer.parseInt(m.group(1)) + 1) {
      throw new IllegalArgumentException("'" + label + "' is not a school year; expected e.g. 2025-2026");
    }
    return new SchoolYear(Integer.parseInt(m.group(1)));
  }

  public LocalDate firstDay() {
    return LocalDate.of(startYear, Month.AUGUST, 1);
  }

  public LocalDate lastDay() {
    return LocalDate.of(startYear + 1, Month.JULY, 31);
  }

  public String label() {
    return startYear + "-" + (startYear + 1);
  }

  @Override
  public String toString() {
    return label();
  }
}
