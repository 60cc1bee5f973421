package nl.schoolmonitor.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a run needs to know about a region, built once at start-up from the region file
 * and validated (jobs' {@code RegionConfigLoader}). Precedence: command line &gt; region file &gt;
 * defaults (documented in the README).
 *
 * @param code            region code, e.g. {@code twente}
 * @param name            region name as published
 * @param holidayRegion   noord / midden / zuid
 * @param files           the region's data files
 * @param tiers           tier boundaries and the minimum number of school days
 * @param norm            the 80/15/5 norm
 * @param flags           thresholds of the early-warning and legal flags
 * @param removedFromClassAuthorised whether {@code removed_from_class} counts as authorised
 * @param schedule        per sector (PO, SO, VSO, VO, MBO) its timetable
 * @param systems         per system name its profiles and code tables
 * @param leerplicht      settings of the leerplicht and VSV tables (optional section, defaults otherwise)
 */
public record RegionConfig(
    String code,
    String name,
    String holidayRegion,
    Files files,
    TierRule tiers,
    Norm norm,
    FlagRule flags,
    boolean removedFromClassAuthorised,
    Map<String, SectorSchedule> schedule,
    Map<String, SystemConfig> systems,
    LeerplichtRule leerplicht) {

  /** A region without a {@code leerplicht:} section: {@link LeerplichtRule#DEFAULT}. */
  public RegionConfig(String code, String name, String holidayRegion, Files files, TierRule tiers, Norm norm,
      FlagRule flags, boolean removedFromClassAuthorised, Map<String, SectorSchedule> schedule,
      Map<String, SystemConfig> systems) {
    this(code, name, holidayRegion, files, tiers, norm, flags, removedFromClassAuthorised, schedule, systems,
        LeerplichtRule.DEFAULT);
  }

  /** Paths of the region's data files (absolute after loading). */
  public record Files(Path schools, Path municipalities, Path holidays, Optional<Path> studyDays, Optional<Path> postcodes) {}

  public RegionConfig withFiles(Files newFiles) {
    return new RegionConfig(code, name, holidayRegion, newFiles, tiers, norm, flags, removedFromClassAuthorised, schedule,
        systems, leerplicht);
  }

  /** Every profile of every system. */
  public List<Profile> profiles() {
    return systems.values().stream().flatMap(s -> s.profiles().stream()).toList();
  }

  /** The system a profile belongs to. */
  public SystemConfig systemOf(Profile profile) {
    return systems.values().stream().filter(s -> s.profiles().contains(profile)).findFirst().orElseThrow();
  }
}
