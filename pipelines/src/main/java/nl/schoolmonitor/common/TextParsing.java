package nl.schoolmonitor.common;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turning the text of an export into typed values. Every parser returns null for text it cannot
 * read (and for null); the caller compares with the text to tell "empty" from "unreadable" and
 * quarantines the latter with the value and the expected format. Nothing here guesses: dates
 * are parsed strictly with the system's java.time pattern ({@code 31-02-2025} is no date), times
 * are {@code H:mm} or {@code HH:mm}.
 */
public final class TextParsing {

  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  private static final UserDefinedFunction DATE = udf(
      (UDF2<String, String, LocalDate>) TextParsing::parseDate, DataTypes.DateType);
  private static final UserDefinedFunction DATE_OF_DATE_TIME = udf(
      (UDF2<String, String, LocalDate>) (text, pattern) -> {
        LocalDateTime t = parseDateTime(text, pattern);
        return t == null ? null : t.toLocalDate();
      }, DataTypes.DateType);
  private static final UserDefinedFunction MINUTE_OF_DATE_TIME = udf(
      (UDF2<String, String, Integer>) (text, pattern) -> {
        LocalDateTime t = parseDateTime(text, pattern);
        return t == null ? null : t.getHour() * 60 + t.getMinute();
      }, DataTypes.IntegerType);

  private TextParsing() {}

  /** Strict date parse with a java.time pattern ({@code yyyy} works without an era); null when unreadable. */
  public static LocalDate parseDate(String text, String pattern) {
    if (text == null || pattern == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip(), formatter(pattern));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Strict date-time parse with a java.time pattern; null when unreadable. */
  public static LocalDateTime parseDateTime(String text, String pattern) {
    if (text == null || pattern == null) {
      return null;
    }
    try {
      return LocalDateTime.parse(text.strip(), formatter(pattern));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static DateTimeFormatter formatter(String pattern) {
    // STRICT rejects 31-02-2025 (SMART would silently make it 28-02); with STRICT a pattern's
    // "yyyy" (year of era) needs an era, which exports never write: default it to AD.
    return FORMATTERS.computeIfAbsent(pattern, p -> new DateTimeFormatterBuilder()
        .appendPattern(p)
        .parseDefaulting(ChronoField.ERA, 1)
        .toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT));
  }

  /** {@link #parseDate} as a column. */
  public static Column date(Column text, String pattern) {
    return DATE.apply(text, lit(pattern));
  }

  /** The date part of a date-time in {@code pattern}, or null. */
  public static Column dateOfDateTime(Column text, String pattern) {
    return DATE_OF_DATE_TIME.apply(text, lit(pattern));
  }

  /** Minutes after midnight of a date-time in {@code pattern}, or null. */
  public static Column minuteOfDateTime(Column text, String pattern) {
    return MINUTE_OF_DATE_TIME.apply(text, lit(pattern));
  }

  /** Minutes after midnight of a time {@code H:mm} / {@code HH:mm} (00:00-23:59), or null. */
  public static Column minuteOfDay(Column text) {
    String pattern = "^([01]?[0-9]|2[0-3]):([0-5][0-9])$";
    return when(text.rlike(pattern),
        regexp_extract(text, pattern, 1).try_cast("int").multiply(60)
            .plus(regexp_extract(text, pattern, 2).try_cast("int")));
  }

  /** A whole number (optional sign, at most 9 digits), or null. */
  public static Column integer(Column text) {
    return when(text.rlike("^[+-]?[0-9]{1,9}$"), text.try_cast("int"));
  }

  /** A decimal number with {@code .} or {@code ,} as decimal separator (Dutch exports use both), or null. */
  public static Column decimal(Column text) {
    Column dotted = regexp_replace(text, ",", ".");
    return when(dotted.rlike("^[+-]?[0-9]{1,9}(\\.[0-9]+)?$"), dotted.try_cast("double"));
  }

  /**
   * A boolean written in one of the system's spellings (compared ignoring case: {@code Ja},
   * {@code JA} and {@code ja} are the same answer), or null.
   */
  public static Column bool(Column text, List<String> trueValues, List<String> falseValues) {
    Column lowered = lower(text);
    return when(lowered.isin(lowerAll(trueValues)), lit(true))
        .when(lowered.isin(lowerAll(falseValues)), lit(false));
  }

  /** The value {@code mapping} gives {@code text} (keys compared ignoring case), or null. */
  public static Column mapped(Column text, Map<String, String> mapping) {
    Column result = null;
    for (Map.Entry<String, String> e : mapping.entrySet()) {
      Column matches = lower(text).equalTo(lit(e.getKey().toLowerCase(Locale.ROOT)));
      result = result == null ? when(matches, lit(e.getValue())) : result.when(matches, lit(e.getValue()));
    }
    return result == null ? lit(null).cast("string") : result;
  }

  private static Object[] lowerAll(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toArray();
  }
}
