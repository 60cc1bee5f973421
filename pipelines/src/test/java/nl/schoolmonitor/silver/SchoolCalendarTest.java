package nl.schoolmonitor.silver;

import static nl.schoolmonitor.silver.Fixtures.CONFIG;
import static nl.schoolmonitor.silver.Fixtures.d;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class SchoolCalendarTest {

  @Test
  void weekdaysMinusRegionHolidaysAndStudyDaysWithSectorMinutes(SparkSession spark) {
    // Wed 15 .. Mon 20 October 2025: the weekend and the Monday are in Herfstvakantie noord
    // (18-26 Oct); 16 Oct is a study day of 07AB00 only. Holiday region zuid (11-19 Oct) is ignored.
    Dataset<Row> schools = Fixtures.schools(spark);
    Dataset<Row> studyDays = Fixtures.studyDays(spark, RowFactory.create("07AB00", d("2025-10-16")));

    Dataset<Row> days = SchoolCalendar.build(schools, Fixtures.holidays(spark), studyDays, CONFIG,
        LocalDate.of(2025, 10, 15), LocalDate.of(2025, 10, 20));

    assertThat(days.schema()).isEqualTo(SchoolDays.SCHEMA);
    Row[] expected = {
        day("07AB00", "2025-10-15", 3, 225), day("07AB00", "2025-10-17", 5, 330),
        day("21CD00", "2025-10-15", 3, 300), day("21CD00", "2025-10-16", 4, 300), day("21CD00", "2025-10-17", 5, 300),
        day("23EF01", "2025-10-15", 3, 300), day("23EF01", "2025-10-16", 4, 300), day("23EF01", "2025-10-17", 5, 300),
        day("25GH00", "2025-10-15", 3, null), day("25GH00", "2025-10-16", 4, null), day("25GH00", "2025-10-17", 5, null)};
    assertThat(days.collectAsList()).containsExactlyInAnyOrder(expected);
  }

  @Test
  void schoolYearTurnsOnFirstAugust(SparkSession spark) {
    Dataset<Row> po = Fixtures.schools(spark).filter("brin_vestiging = '07AB00'");
    Dataset<Row> noHolidays = spark.createDataFrame(List.of(), Fixtures.HOLIDAYS);

    Dataset<Row> days = SchoolCalendar.build(po, noHolidays, Fixtures.studyDays(spark), CONFIG,
        LocalDate.of(2025, 7, 31), LocalDate.of(2025, 8, 1));

    assertThat(days.collectAsList()).containsExactlyInAnyOrder(
        RowFactory.create("07AB00", d("2025-07-31"), "2024-2025", d("2025-07-28"), 4, 330),
        RowFactory.create("07AB00", d("2025-08-01"), "2025-2026", d("2025-07-28"), 5, 330));
  }

  @Test
  void unknownSectorFailsNamingSchoolAndConfiguredSectors(SparkSession spark) {
    Dataset<Row> schools = spark.createDataFrame(List.of(
        RowFactory.create("99ZZ00", "Hogeschool", "HBO", "GM0153", null, null, null, "magister")), Schools.SCHEMA);

    assertThatThrownBy(() -> SchoolCalendar.build(schools, Fixtures.holidays(spark), Fixtures.studyDays(spark), CONFIG,
        LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("99ZZ00")
        .hasMessageContaining("'HBO'")
        .hasMessageContaining("[PO, SO, VO, VSO, MBO]");
  }

  private static Row day(String brin, String date, int weekday, Integer minutes) {
    return RowFactory.create(brin, d(date), "2025-2026", d("2025-10-13"), weekday, minutes);
  }
}
