package nl.schoolmonitor.jobs.report;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * One published value as a person reads it: numbers in Dutch notation (4.989 pupils, 63,5%),
 * a suppressed cell as {@code x}, an empty cell as a dash.
 *
 * @param text       what the page shows
 * @param suppressed the published value was {@code x}: small-cell suppression (DOMAIN.md section 10,
 *                   the CBS convention), never a number
 */
record Cell(String text, boolean suppressed) {

  /** The marker small-cell suppression publishes instead of a count or a percentage. */
  static final String SUPPRESSED = "x";

  private static final Locale DUTCH = Locale.forLanguageTag("nl-NL");

  static Cell of(String published) {
    String value = published == null ? "" : published.strip();
    if (value.equalsIgnoreCase(SUPPRESSED)) {
      return new Cell(SUPPRESSED, true);
    }
    if (value.isEmpty()) {
      return new Cell("–", false);
    }
    BigDecimal number = parse(value);
    if (number == null) {
      return new Cell(value, false);
    }
    DecimalFormat format = new DecimalFormat(number.scale() > 0 ? "#,##0.0##" : "#,##0", DecimalFormatSymbols.getInstance(DUTCH));
    format.setMinimumFractionDigits(Math.max(0, number.scale()));
    return new Cell(format.format(number), false);
  }

  /** The number for a chart, or null (a gap in the chart) when the cell is empty, suppressed or text. */
  static Double number(String published) {
    BigDecimal number = published == null ? null : parse(published.strip());
    return number == null ? null : number.doubleValue();
  }

  private static BigDecimal parse(String value) {
    if (value.isEmpty() || !value.matches("-?\\d+(\\.\\d+)?")) {
      return null;
    }
    return new BigDecimal(value);
  }
}
