package nl.schoolmonitor.jobs.publish;

import static nl.schoolmonitor.gold.Units.BOARD;
import static nl.schoolmonitor.gold.Units.CLASS;
import static nl.schoolmonitor.gold.Units.MUNICIPALITY;
import static nl.schoolmonitor.gold.Units.MUNICIPALITY_SECTOR;
import static nl.schoolmonitor.gold.Units.REGION;
import static nl.schoolmonitor.gold.Units.REGION_SECTOR;
import static nl.schoolmonitor.gold.Units.RESIDENCE_MUNICIPALITY;
import static nl.schoolmonitor.gold.Units.RMC_REGION;
import static nl.schoolmonitor.gold.Units.SCHOOL;
import static nl.schoolmonitor.gold.Units.SWV;
import static nl.schoolmonitor.gold.Units.YEAR_GROUP;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.schoolmonitor.silver.Municipalities;
import nl.schoolmonitor.silver.Schools;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which published unit is part of which (DOMAIN.md section 6; RULES.md section 3), so that a
 * parent minus its visible children cannot give a suppressed child away. The relations:
 * <ul>
 *   <li>region: its region sectors, RMC regions, municipalities, municipalities of residence,
 *       samenwerkingsverbanden and boards (each pupil once on both sides);</li>
 *   <li>RMC region: its municipalities; municipality: its municipality sectors; region sector: the
 *       municipality sectors of that sector;</li>
 *   <li>municipality, municipality sector, board and samenwerkingsverband: their schools
 *       ({@code schools.csv});</li>
 *   <li>school: its year groups ({@code brin:leerjaar}) and its classes ({@code brin:klas}).</li>
 * </ul>
 * Above a school a pupil counts once and at a school every enrolment counts, so a municipality is
 * its schools minus the pupils who changed school within it; a school is its year groups plus the
 * pupils without one (MBO). {@link Disclosure} treats every relation as if that difference were
 * published: it protects as though the parent were exactly the sum of its children, which it
 * nearly is. Classes are not tied to year groups: a class code says nothing reliable about its
 * year group.
 */
public final class UnitHierarchy {

  /** A published unit: its level and code. */
  public record Unit(String level, String code) {}

  /** A school location and the units above it, as in {@code schools.csv}; null where it has none. */
  public record School(String brinVestiging, String sector, String municipality, String board, String swv) {}

  private final String regionCode;
  private final Map<String, School> schools = new HashMap<>();
  private final Map<String, String> rmcOfMunicipality = new HashMap<>();

  private UnitHierarchy(String regionCode, List<School> schools, Map<String, String> rmcOfMunicipality) {
    this.regionCode = regionCode;
    schools.forEach(s -> this.schools.put(s.brinVestiging(), s));
    this.rmcOfMunicipality.putAll(rmcOfMunicipality);
  }

  public static UnitHierarchy of(String regionCode, List<School> schools, Map<String, String> rmcOfMunicipality) {
    return new UnitHierarchy(regionCode, schools, rmcOfMunicipality);
  }

  /** From the reference tables the run read ({@code schools.csv}, {@code municipalities.csv}). */
  public static UnitHierarchy fromReference(String regionCode, Dataset<Row> schools, Dataset<Row> municipalities) {
    List<School> list = new ArrayList<>();
    for (Row r : schools.select(Schools.BRIN_VESTIGING, Schools.SECTOR, Schools.MUNICIPALITY_CODE, Schools.BOARD_CODE,
        Schools.SWV_CODE).collectAsList()) {
      list.add(new School(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
    }
    Map<String, String> rmc = new HashMap<>();
    for (Row r : municipalities.select(Municipalities.MUNICIPALITY_CODE, Municipalities.RMC_REGION).collectAsList()) {
      if (r.get(1) != null) {
        rmc.put(r.getString(0), r.get(1).toString());
      }
    }
    return new UnitHierarchy(regionCode, list, rmc);
  }

  /** The units that {@code level}/{@code code} is part of; empty for the region or an unknown unit. */
  public List<Unit> parents(String level, String code) {
    List<Unit> parents = new ArrayList<>();
    if (level == null || code == null) {
      return parents;
    }
    switch (level) {
      case REGION_SECTOR, RMC_REGION, MUNICIPALITY, RESIDENCE_MUNICIPALITY, SWV, BOARD -> {
        parents.add(new Unit(REGION, regionCode));
        if (level.equals(MUNICIPALITY) && rmcOfMunicipality.containsKey(code)) {
          parents.add(new Unit(RMC_REGION, rmcOfMunicipality.get(code)));
        }
      }
      case MUNICIPALITY_SECTOR -> {
        int colon = code.lastIndexOf(':');
        if (colon > 0) {
          parents.add(new Unit(MUNICIPALITY, code.substring(0, colon)));
          parents.add(new Unit(REGION_SECTOR, regionCode + ":" + code.substring(colon + 1)));
        }
      }
      case SCHOOL -> {
        School s = schools.get(code);
        if (s != null) {
          if (s.municipality() != null) {
            parents.add(new Unit(MUNICIPALITY, s.municipality()));
            if (s.sector() != null) {
              parents.add(new Unit(MUNICIPALITY_SECTOR, s.municipality() + ":" + s.sector()));
            }
          }
          if (s.board() != null) {
            parents.add(new Unit(BOARD, s.board()));
          }
          if (s.swv() != null) {
            parents.add(new Unit(SWV, s.swv()));
          }
        }
      }
      case YEAR_GROUP, CLASS -> {
        // brin_vestiging:leerjaar and brin_vestiging:klas; a BRIN holds no colon.
        int colon = code.indexOf(':');
        if (colon > 0) {
          parents.add(new Unit(SCHOOL, code.substring(0, colon)));
        }
      }
      default -> { }
    }
    return parents;
  }
}
