package nl.schoolmonitor.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * One row per school location per school day: whether the day is the first school day after a
 * holiday or the last one before a holiday. Shared by {@link PupilFlags} ({@code
 * holiday_adjacent_absence}) and {@link Patterns} (the first school day after a holiday), so both
 * use one definition.
 *
 * <p>A school day of a location is a day on which some enrolment there has a pupil day (as for the
 * school weeks of {@link PupilWindows}): the calendar of that school with its own study days,
 * without needing a table of its own. A day <em>follows a holiday</em> when the calendar weekday
 * before it (Friday for a Monday) is no school day of that location: a weekend alone is no holiday,
 * a school holiday, public holiday or study day is. The first school day of the year follows the
 * summer holiday. A day <em>precedes a holiday</em> when the next calendar weekday is no school day
 * and is not after the reference date (a holiday still to come is not known yet).
 */
final class HolidayNeighbours {
  static final String BRIN_VESTIGING = PupilDays.BRIN_VESTIGING;
  static final String DATE = PupilDays.DATE;
  static final String AFTER_HOLIDAY = "after_holiday";
  static final String BEFORE_HOLIDAY = "before_holiday";

  /** {@code dayofweek}: 1 = Sunday, 2 = Monday, ..., 6 = Friday. */
  static final int MONDAY = 2;
  private static final int FRIDAY = 6;

  private HolidayNeighbours() {}

  /**
   * @param pupilDays rows of {@link PupilDays#SCHEMA} of the whole school year up to the reference date
   * @return {@code brin_vestiging, date, after_holiday, before_holiday}, both flags never null
   */
  static Dataset<Row> perSchoolDay(Dataset<Row> pupilDays, LocalDate referenceDate) {
    Column date = col(DATE);
    WindowSpec calendar = Window.partitionBy(BRIN_VESTIGING).orderBy(DATE);
    Column previousWeekday = date_sub(date, when(dayofweek(date).equalTo(MONDAY), lit(3)).otherwise(lit(1)));
    Column nextWeekday = date_add(date, when(dayofweek(date).equalTo(FRIDAY), lit(3)).otherwise(lit(1)));
    Column previousSchoolDay = lag(date, 1).over(calendar);
    Column nextSchoolDay = lead(date, 1).over(calendar);
    return pupilDays
        .where(coalesce(date.leq(lit(referenceDate)), lit(false)))
        .select(col(BRIN_VESTIGING), date)
        .distinct()
        .select(col(BRIN_VESTIGING), date,
            coalesce(previousSchoolDay.lt(previousWeekday), lit(true)).as(AFTER_HOLIDAY),
            nextWeekday.leq(lit(referenceDate))
                .and(coalesce(nextSchoolDay.gt(nextWeekday), lit(true))).as(BEFORE_HOLIDAY));
  }
}
