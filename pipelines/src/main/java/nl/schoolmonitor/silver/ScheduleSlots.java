package nl.schoolmonitor.silver;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.schoolmonitor.config.RegionConfig;
import nl.schoolmonitor.config.SectorSchedule;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * One row per sector per weekday per time slot of the region's timetable ({@code schedule:} in
 * the region file, CONTRACT.md section 5): {@code morning}/{@code afternoon} for PO and SO,
 * {@code L1}..{@code L6} for VO and VSO. MBO has no rows: its observations are the timetable.
 * A slot with 0 minutes (PO Wednesday afternoon) is a row: a registration there is kept with
 * 0 minutes rather than rejected.
 */
final class ScheduleSlots {

  static final String SECTOR = "tt_sector";
  static final String WEEKDAY = "tt_weekday";
  static final String SLOT = "tt_slot";
  /** 1 for the first slot of the day, 2 for the next, ... */
  static final String POSITION = "tt_position";
  /** n for a slot named {@code L<n>} (a lesson hour), else null. */
  static final String LESSON = "tt_lesson";
  static final String MINUTES = "tt_minutes";
  /** The highest lesson hour of that sector and weekday: "until the last lesson". */
  static final String LAST_LESSON = "tt_last_lesson";

  private static final Pattern LESSON_SLOT = Pattern.compile("L([0-9]+)");

  static final StructType SCHEMA = new StructType()
      .add(SECTOR, StringType, false)
      .add(WEEKDAY, IntegerType, false)
      .add(SLOT, StringType, false)
      .add(POSITION, IntegerType, false)
      .add(LESSON, IntegerType, true)
      .add(MINUTES, IntegerType, false)
      .add(LAST_LESSON, IntegerType, true);

  private ScheduleSlots() {}

  static Dataset<Row> table(SparkSession spark, RegionConfig config) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, SectorSchedule> e : config.schedule().entrySet()) {
      if (e.getValue().fromObservations()) {
        continue;
      }
      for (DayOfWeek day : DayOfWeek.values()) {
        Map<String, Integer> slots = e.getValue().slots(day);
        Integer last = slots.keySet().stream().map(ScheduleSlots::lessonNumber)
            .filter(n -> n != null).max(Integer::compare).orElse(null);
        int position = 0;
        for (Map.Entry<String, Integer> slot : slots.entrySet()) {
          position++;
          rows.add(RowFactory.create(e.getKey(), day.getValue(), slot.getKey(), position, lessonNumber(slot.getKey()),
              slot.getValue(), last));
        }
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** The slot names of a sector on an ISO weekday, e.g. {@code [L1, L2, L3, L4, L5, L6]}, for messages. */
  static Column slotNames(RegionConfig config, Column sector, Column isoWeekday) {
    Column result = null;
    for (Map.Entry<String, SectorSchedule> e : config.schedule().entrySet()) {
      for (DayOfWeek day : DayOfWeek.values()) {
        String names = e.getValue().fromObservations()
            ? "none (the observations are the timetable)"
            : e.getValue().slots(day).keySet().toString();
        Column matches = sector.equalTo(lit(e.getKey())).and(isoWeekday.equalTo(day.getValue()));
        result = result == null ? when(matches, lit(names)) : result.when(matches, lit(names));
      }
    }
    return result == null ? lit("none") : result.otherwise(lit("none"));
  }

  private static Integer lessonNumber(String slot) {
    Matcher m = LESSON_SLOT.matcher(slot);
    return m.matches() ? Integer.valueOf(m.group(1)) : null;
  }
}
