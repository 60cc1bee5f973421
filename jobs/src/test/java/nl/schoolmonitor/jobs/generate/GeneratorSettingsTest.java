package nl.schoolmonitor.jobs.generate;

import nl.schoolmonitor.common.SchoolYear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

  private static GeneratorSettings settings(String from, String year, LocalDate until, int pupils) {
    Path conf = Path.of("conf");
    return new GeneratorSettings(conf.resolve("schools.csv"), conf.resolve("municipalities.csv"),
        conf.resolve("holidays.csv"), "noord", from, year, until, pupils, 42, Path.of("out"));
  }

  @Test
  void acceptsTheDemoDefaults() {
    GeneratorSettings s = settings("2025-2026", "2025-2026", LocalDate.of(2026, 3, 27), 5000);
    assertThat(s.firstYear()).isEqualTo(new SchoolYear(2025));
    assertThat(s.studyDaysCsv()).isEqualTo(Path.of("conf", "study_days.csv").toAbsolutePath());
  }

  @Test
  void untilMustBeInTheSchoolYear() {
    assertThatThrownBy(() -> settings("2025-2026", "2025-2026", LocalDate.of(2026, 8, 1), 5000))
        .hasMessage("until 2026-08-01 is not in school year 2025-2026 (2025-08-01 .. 2026-07-31)");
  }

  @Test
  void schoolYearsMustBeLabelsInOrder() {
    assertThatThrownBy(() -> settings("2025-2027", "2025-2026", LocalDate.of(2026, 3, 27), 5000))
        .hasMessage("fromSchoolYear: expected a school year like 2025-2026 (two consecutive years), got '2025-2027'");
    assertThatThrownBy(() -> settings("2025-2026", "2024-2025", LocalDate.of(2025, 3, 27), 5000))
        .hasMessage("fromSchoolYear 2025-2026 is after schoolYear 2024-2025: give an earlier or the same school year");
  }

  @Test
  void pupilsMustBePositive() {
    assertThatThrownBy(() -> settings("2025-2026", "2025-2026", LocalDate.of(2026, 3, 27), 0))
        .hasMessage("pupils must be between 1 and 2500000, got 0");
  }
}
