package nl.schoolmonitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.common.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionConfigLoaderTest {

  private static final Path TWENTE = Path.of("../conf/twente");

  @Test
  void readsTheDemoRegion() {
    RegionConfig config = RegionConfigLoader.load(TWENTE);

    assertThat(config.code()).isEqualTo("twente");
    assertThat(config.holidayRegion()).isEqualTo("noord");
    assertThat(config.tiers()).isEqualTo(TierRule.DEFAULT);
    assertThat(config.norm().tier1Pct()).isEqualByComparingTo("80");
    assertThat(config.flags()).isEqualTo(FlagRule.DEFAULT);
    assertThat(config.removedFromClassAuthorised()).isFalse();
    assertThat(config.files().studyDays()).isPresent();
    assertThat(config.systems()).containsOnlyKeys("parnassys", "magister", "somtoday", "eduarte", "registrations");
    assertThat(config.profiles()).hasSize(11);
  }

  @Test
  void expandsTheTimetables() {
    RegionConfig config = RegionConfigLoader.load(TWENTE);

    SectorSchedule po = config.schedule().get("PO");
    assertThat(po.slots(DayOfWeek.MONDAY)).containsExactly(Map.entry("morning", 210), Map.entry("afternoon", 120));
    assertThat(po.scheduledMinutes(DayOfWeek.MONDAY)).isEqualTo(330);
    assertThat(po.scheduledMinutes(DayOfWeek.WEDNESDAY)).isEqualTo(225);
    SectorSchedule vo = config.schedule().get("VO");
    assertThat(vo.slots(DayOfWeek.FRIDAY)).containsOnlyKeys("L1", "L2", "L3", "L4", "L5", "L6");
    assertThat(vo.scheduledMinutes(DayOfWeek.FRIDAY)).isEqualTo(300);
    assertThat(config.schedule().get("MBO").scheduledMinutes(DayOfWeek.MONDAY)).isNull();
  }

  @Test
  void readsProfilesAndCodeTables() {
    SystemConfig magister = RegionConfigLoader.load(TWENTE).systems().get("magister");

    Profile absences = magister.profile(Profile.Kind.ABSENCES).orElseThrow();
    assertThat(absences.name()).isEqualTo("magister-absences");
    assertThat(absences.source(Profile.Field.SYSTEM_TYPE)).isEqualTo("Verantwoordingtype");
    assertThat(absences.matches(List.of("stamnr", "KLAS", " Datum", "Lesuur", "Start", "Eind", "Code", "Omschrijving",
        "Verantwoordingtype", "Geoorloofd", "Afgehandeld"))).isTrue();
    assertThat(absences.matches(List.of("Stamnr", "Klas", "Datum"))).isFalse();
    assertThat(magister.codes()).containsEntry("Z", Category.SICK).containsEntry("U", Category.REMOVED_FROM_CLASS);
    assertThat(magister.fallback().get(0))
        .isEqualTo(new SystemConfig.FallbackRule(Map.of("system_type", "1", "authorised", "true"), Category.LEAVE));
    assertThat(magister.absenceFormat()).isEqualTo(SystemConfig.AbsenceFormat.LESSON_HOURS);
  }

  @Test
  void namesTheKeyAndTheValidValuesOnABadValue(@TempDir Path dir) throws IOException {
    Path region = copyRegion(dir);
    Files.writeString(region, Files.readString(region).replace("boundaries: inclusive", "boundaries: sometimes"));

    assertThatThrownBy(() -> RegionConfigLoader.load(region))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tiers.boundaries")
        .hasMessageContaining("'sometimes'")
        .hasMessageContaining("[inclusive, strict]");
  }

  @Test
  void rejectsTiersThatOverlapAndANormThatIsNotAHundred(@TempDir Path dir) throws IOException {
    Path region = copyRegion(dir);
    String text = Files.readString(region);
    Files.writeString(region, text.replace("tier3_min_pct: 10.0", "tier3_min_pct: 4.0"));
    assertThatThrownBy(() -> RegionConfigLoader.load(region)).hasMessageContaining("tier1_max_pct < tier3_min_pct");

    Files.writeString(region, text.replace("tier3_pct: 5", "tier3_pct: 6"));
    assertThatThrownBy(() -> RegionConfigLoader.load(region)).hasMessageContaining("must be 100");
  }

  @Test
  void rejectsAMissingKey(@TempDir Path dir) throws IOException {
    Path region = copyRegion(dir);
    Files.writeString(region, Files.readString(region).replace("  min_school_days: 20", ""));

    assertThatThrownBy(() -> RegionConfigLoader.load(region)).hasMessageContaining("tiers.min_school_days: missing");
  }

  @Test
  void namesTheFlagKeyOfAThresholdThatIsNotAboveZeroOrMissing(@TempDir Path dir) throws IOException {
    Path region = copyRegion(dir);
    String text = Files.readString(region);
    Files.writeString(region, text.replace("late_count: 10", "late_count: 0"));
    assertThatThrownBy(() -> RegionConfigLoader.load(region))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("flags.late_count: expected a number above 0, got 0");

    Files.writeString(region, text.replace("holiday_adjacent_minutes: 1 ", "holiday_adjacent_minutes: 0.5 "));
    assertThatThrownBy(() -> RegionConfigLoader.load(region))
        .hasMessageContaining("flags.holiday_adjacent_minutes: expected a whole number, got '0.5'");

    Files.writeString(region, text.replace("  holiday_adjacent_days: 1", ""));
    assertThatThrownBy(() -> RegionConfigLoader.load(region)).hasMessageContaining("flags.holiday_adjacent_days: missing");
  }

  @Test
  void acceptsStrictBoundaries(@TempDir Path dir) throws IOException {
    Path region = copyRegion(dir);
    Files.writeString(region, Files.readString(region).replace("boundaries: inclusive", "boundaries: strict"));

    assertThat(RegionConfigLoader.load(region).tiers().boundaries()).isEqualTo(TierRule.Boundaries.STRICT);
    assertThat(RegionConfigLoader.load(region).tiers().tier1MaxPct()).isEqualTo(new BigDecimal("5.0"));
  }

  /** The region file in a temporary folder, its data files pointing back at conf/twente. */
  private static Path copyRegion(Path dir) throws IOException {
    String abs = TWENTE.toAbsolutePath().normalize() + "/";
    String text = Files.readString(TWENTE.resolve("region.yaml"))
        .replace("schools: schools.csv", "schools: " + abs + "schools.csv")
        .replace("municipalities: municipalities.csv", "municipalities: " + abs + "municipalities.csv")
        .replace("holidays: holidays.csv", "holidays: " + abs + "holidays.csv")
        .replace("study_days: study_days.csv", "study_days: " + abs + "study_days.csv")
        .replace("systems: systems", "systems: " + abs + "systems");
    Path region = dir.resolve("region.yaml");
    Files.writeString(region, text);
    return region;
  }
}
