package nl.schoolmonitor.jobs.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import nl.schoolmonitor.jobs.generate.RegionConf.Lvs;
import nl.schoolmonitor.jobs.generate.RegionConf.Municipality;
import nl.schoolmonitor.jobs.generate.RegionConf.Sector;

/**
 * A region folder with as many school locations as the pupils need at realistic sizes: a {@code schools.csv} in
 * the format of the source region's (CONTRACT.md section 4), a {@code study_days.csv} for some of its schools, and
 * every other file of the source region copied unchanged (region file, municipalities, holidays, systems), so that
 * {@code monitor weekly --region} runs on it. The demo region Twente lists 62 locations; at 100,000 pupils that
 * makes schools of 1,600 pupils, where Twente has about 300 locations.
 *
 * <p>Locations per sector: the sector's share of the pupils divided by a typical location's size (numbers of the
 * Twente order of magnitude: DUO counts about 220 pupils per primary location, 1,000 per secondary location, and
 * MBO locations of thousands), at least one per sector and two in VO (one per student information system).
 * Municipalities are drawn by their residents aged 5-18. The same pupils and seed give the same files.
 */
public final class RegionPreset {

  /** The presets by name, as given on the command line. */
  public enum Kind {
    /** About 300 locations for 100,000 pupils, the size of Twente; scales with {@code --pupils}. */
    TWENTE_SIZE("twente-size", 100_000);

    private final String label;
    private final int defaultPupils;

    Kind(String label, int defaultPupils) {
      this.label = label;
      this.defaultPupils = defaultPupils;
    }

    public int defaultPupils() {
      return defaultPupils;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** A sector's share of the region's pupils and the pupils of a typical location. */
  record SectorSize(double share, int pupilsPerLocation, int minimumLocations) {}

  static final Map<Sector, SectorSize> SIZES = new EnumMap<>(Map.of(
      Sector.PO, new SectorSize(0.52, 220, 2),
      Sector.SO, new SectorSize(0.02, 120, 1),
      Sector.VO, new SectorSize(0.30, 1000, 2),
      Sector.VSO, new SectorSize(0.015, 150, 1),
      Sector.MBO, new SectorSize(0.145, 2500, 1)));

  private static final List<String> PRIMARY_NAMES = List.of("De Esch", "De Regenboog", "De Wilgentuin",
      "Het Kompas", "De Bron", "De Vlinder", "De Zonnewijzer", "Sint Jozef", "De Akker", "Het Palet", "De Wegwijzer",
      "De Springplank", "De Kleine Wereld", "Het Ravelijn", "De Es", "Titus Brandsma", "De Morgenster", "De Toermalijn",
      "Het Mozaïek", "De Schakel", "Prinses Juliana", "De Horizon", "Het Drieblad", "De Linde", "Op de Bult");
  private static final List<String> SECONDARY_NAMES = List.of("Bataafs", "Twickel", "Het Erve", "Noordik",
      "Carmel", "Pius X", "Canisius", "Reggesteyn", "Het Stedelijk", "De Grundel", "Jacobus", "Vechtdal");

  private RegionPreset() {}

  /** Locations per sector for about {@code pupils} pupils. */
  static Map<Sector, Integer> locations(int pupils) {
    Map<Sector, Integer> result = new EnumMap<>(Sector.class);
    SIZES.forEach((sector, size) -> result.put(sector,
        Math.max(size.minimumLocations(), (int) Math.round(pupils * size.share() / size.pupilsPerLocation()))));
    return result;
  }

  /**
   * Writes the region folder {@code target} from the region folder {@code source} (which holds {@code region.yaml}):
   * the other files are copied, {@code schoolsFile} and {@code studyDaysFile} (named as in the source's region
   * file) are written. Returns the number of school locations.
   */
  public static int write(Kind kind, Path source, Path schoolsCsv, Path municipalitiesCsv, Path studyDaysFile,
      Path target, int pupils, long seed) throws IOException {
    for (Path file : studyDaysFile == null ? List.of(schoolsCsv) : List.of(schoolsCsv, studyDaysFile)) {
      if (!file.toAbsolutePath().normalize().startsWith(source)) {
        throw new IllegalArgumentException("A preset copies the region folder " + source + " and replaces its "
            + file.getFileName() + ", but the region file names " + file + " outside that folder: put it in the"
            + " folder or use a region whose files are in it");
      }
    }
    Path schoolsFile = target.resolve(source.relativize(schoolsCsv.toAbsolutePath().normalize()).toString());
    Path studyDays = studyDaysFile == null ? null
        : target.resolve(source.relativize(studyDaysFile.toAbsolutePath().normalize()).toString());
    copyTree(source, target, schoolsFile, studyDays);
    List<String> rows = schoolRows(RegionConf.readMunicipalities(municipalitiesCsv), pupils, seed);
    Files.createDirectories(schoolsFile.getParent());
    Files.write(schoolsFile, rows, StandardCharsets.UTF_8);
    if (studyDays != null) {
      Files.write(studyDays, studyDayRows(rows), StandardCharsets.UTF_8);
    }
    return rows.size() - 1;
  }

  /** The header and one row per location: PO, SO, VO, VSO, MBO, in that order. */
  static List<String> schoolRows(Map<String, Municipality> municipalities, int pupils, long seed) {
    SplittableRandom rng = new SplittableRandom(LandingZoneGenerator.mix(seed, 0x5C4001L));
    List<Municipality> places = List.copyOf(municipalities.values());
    double residents = places.stream().mapToDouble(Municipality::residents5to18).sum();
    List<String> rows = new ArrayList<>();
    rows.add("brin_vestiging,name,sector,municipality_code,board_code,board_name,swv_code,lvs");
    Map<Sector, Integer> counts = locations(pupils);
    int brin = 0;
    int vestiging = 0;
    String mainName = null;
    Municipality main = null;
    for (Sector sector : List.of(Sector.PO, Sector.SO, Sector.VO, Sector.VSO, Sector.MBO)) {
      for (int i = 0; i < counts.get(sector); i++) {
        // About one primary location in eight is another location of the school before it (same BRIN, same
        // municipality, vestiging 01, 02, ...).
        boolean otherLocation = sector == Sector.PO && i > 0 && rng.nextInt(8) == 0;
        Municipality m;
        if (otherLocation) {
          m = main;
          vestiging++;
        } else {
          m = pick(places, residents, rng);
          brin++;
          vestiging = 0;
        }
        String code = brinCode(brin) + String.format(Locale.ROOT, "%02d", vestiging);
        int board = 1 + places.indexOf(m);
        String primaryName = otherLocation
            ? mainName + " locatie " + PRIMARY_NAMES.get(rng.nextInt(PRIMARY_NAMES.size()))
            : "Basisschool " + PRIMARY_NAMES.get(rng.nextInt(PRIMARY_NAMES.size())) + " " + m.name();
        if (sector == Sector.PO && !otherLocation) {
          mainName = primaryName;
          main = m;
        }
        String row = switch (sector) {
          case PO -> String.join(",", code, primaryName, "PO", m.code(), String.valueOf(41000 + board),
              "Stichting Primair Onderwijs " + m.name(), "SWV 23-01", Lvs.PARNASSYS.code());
          case SO -> String.join(",", code, "SO De Twinkeling " + m.name(), "SO", m.code(), "44001",
              "Stichting Speciaal Onderwijs Twente", "SWV 23-01", Lvs.PARNASSYS.code());
          case VO -> String.join(",", code, secondaryName(i, m, rng), "VO", m.code(),
              String.valueOf(42000 + board), "Stichting VO " + m.name(), "SWV 23-02",
              (i % 2 == 0 ? Lvs.MAGISTER : Lvs.SOMTODAY).code());
          case VSO -> String.join(",", code, "VSO Het Mozaïek " + m.name(), "VSO", m.code(), "44001",
              "Stichting Speciaal Onderwijs Twente", "SWV 23-02", Lvs.MAGISTER.code());
          case MBO -> String.join(",", code, "ROC Twente locatie " + m.name(), "MBO", m.code(), "43004", "ROC Twente",
              "", Lvs.EDUARTE.code());
        };
        rows.add(row);
      }
    }
    return rows;
  }

  /** A municipality, drawn by its residents aged 5-18. */
  private static Municipality pick(List<Municipality> places, double residents, SplittableRandom rng) {
    double u = rng.nextDouble() * residents;
    for (Municipality candidate : places) {
      u -= candidate.residents5to18();
      if (u < 0) {
        return candidate;
      }
    }
    return places.get(places.size() - 1);
  }

  /** A secondary school's name: every fifth a lyceum (havo/vwo), every fifth a vakcollege (vmbo), else mixed. */
  private static String secondaryName(int i, Municipality m, SplittableRandom rng) {
    String name = SECONDARY_NAMES.get(rng.nextInt(SECONDARY_NAMES.size()));
    return switch (i % 5) {
      case 1 -> "Lyceum " + name + " " + m.name();
      case 3 -> "Vakcollege " + m.name();
      default -> name + " College " + m.name();
    };
  }

  /** A four-character BRIN, two digits and two capitals: 10AA, 10AB, ... */
  static String brinCode(int n) {
    int letters = n % (26 * 26);
    int digits = 10 + n / (26 * 26);
    if (digits > 99) {
      throw new IllegalArgumentException("More than " + 90 * 26 * 26 + " school locations: generate fewer pupils");
    }
    return String.format(Locale.ROOT, "%02d%c%c", digits, (char) ('A' + letters / 26), (char) ('A' + letters % 26));
  }

  /** Study days of the first location of each sector, on the dates the demo region uses. */
  private static List<String> studyDayRows(List<String> schoolRows) {
    List<String> rows = new ArrayList<>();
    rows.add("brin_vestiging,date");
    List<String> seen = new ArrayList<>();
    String[][] dates = {{"2024-11-15", "2025-11-14", "2026-02-20"}, {"2025-12-19"}, {"2025-02-14", "2025-10-17"},
        {"2026-01-05"}, {"2026-02-02"}};
    for (String row : schoolRows.subList(1, schoolRows.size())) {
      String[] fields = row.split(",", -1);
      if (!seen.contains(fields[2])) {
        for (String date : dates[seen.size()]) {
          rows.add(fields[0] + "," + date);
        }
        seen.add(fields[2]);
      }
    }
    return rows;
  }

  /** Copies the region folder, files and subfolders, except the two files this preset writes. */
  private static void copyTree(Path source, Path target, Path schoolsFile, Path studyDays) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      walk.forEach(from -> {
        Path to = target.resolve(source.relativize(from).toString());
        try {
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else if (!to.equals(schoolsFile) && !to.equals(studyDays)) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
      });
    }
  }
}
