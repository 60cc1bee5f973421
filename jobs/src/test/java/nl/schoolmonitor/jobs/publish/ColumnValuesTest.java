package nl.schoolmonitor.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

class ColumnValuesTest {

  @Test
  void anEqualValueOfTheSameColumnIsTheFirstOneSeen() {
    ColumnValues<Object> values = new ColumnValues<>(2);
    BigDecimal first = new BigDecimal("12.5");

    assertThat(values.shared(0, first)).isSameAs(first);
    assertThat(values.shared(0, new BigDecimal("12.5"))).isSameAs(first);
    assertThat(values.shared(0, new BigDecimal("12.50"))).isNotSameAs(first).hasToString("12.50");
    assertThat(values.shared(0, null)).isNull();
  }

  @Test
  void columnsNeverShareValuesSoADateStaysADate() {
    ColumnValues<Object> values = new ColumnValues<>(2);
    Timestamp midnight = Timestamp.valueOf("2026-03-27 00:00:00");
    Date day = new Date(midnight.getTime());
    assertThat(day).isEqualTo(midnight); // java.util.Date's equality: the reason values are shared per column

    values.shared(0, midnight);

    assertThat(values.shared(1, day)).isSameAs(day).hasToString("2026-03-27");
  }
}
