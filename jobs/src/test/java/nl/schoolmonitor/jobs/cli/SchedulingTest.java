package nl.schoolmonitor.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Which reference date a run without {@code --as-of} takes, and which weeks a backfill runs. */
class SchedulingTest {

  @ParameterizedTest(name = "on {0} the last completed week ends {1}")
  @CsvSource({
      "2026-03-30, 2026-03-27", // Monday 06:00, the schedule's day: last Friday
      "2026-03-28, 2026-03-27", // Saturday
      "2026-03-29, 2026-03-27", // Sunday
      "2026-03-27, 2026-03-20", // Friday: this week is not over yet
      "2026-03-26, 2026-03-20", // Thursday
      "2026-01-05, 2026-01-02"  // across the new year
  })
  void aRunWithoutReferenceDateTakesTheFridayOfTheLastCompletedWeek(LocalDate today, LocalDate expected) {
    assertThat(WeeklyCommand.lastCompletedWeek(today)).isEqualTo(expected);
  }

  @Test
  void aBackfillRunsEveryFridayOfTheRangeOldestFirst() {
    assertThat(BackfillCommand.fridays(LocalDate.parse("2025-09-01"), LocalDate.parse("2025-09-26")))
        .containsExactly(LocalDate.parse("2025-09-05"), LocalDate.parse("2025-09-12"), LocalDate.parse("2025-09-19"),
            LocalDate.parse("2025-09-26"));
    assertThat(BackfillCommand.fridays(LocalDate.parse("2025-09-05"), LocalDate.parse("2025-09-05")))
        .containsExactly(LocalDate.parse("2025-09-05"));
    assertThatThrownBy(() -> BackfillCommand.fridays(LocalDate.parse("2025-09-06"), LocalDate.parse("2025-09-11")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no Friday");
  }
}
