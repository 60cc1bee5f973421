package nl.schoolmonitor.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a published file for the site: the levels kept, the lines as maps, the lines of a unit or a school. */
class PublishedCsvTest {

  @TempDir
  Path publication;

  private void write(String file, String... lines) throws IOException {
    Files.writeString(publication.resolve(file), String.join("\n", lines) + "\n");
  }

  @Test
  void keepsTheLevelsAskedForInFileOrderAndEveryLineOfAFileWithoutLevels() throws IOException {
    write("trend_weekly.csv", "level,unit_code,week_start,pupils",
        "region,twente,2025-09-01,900",
        "class,07AB00-1A,2025-09-01,x",
        "school,07AB00,2025-09-01,300",
        "school,07AB00,2025-09-08,301",
        "class,07AB00-1A,2025-09-08,12");
    write("data_quality_weekly.csv", "brin_vestiging,week_start,events",
        "07AB00,2025-09-01,12", "08CD00,2025-09-01,0", "07AB00,2025-09-08,15");

    PublishedCsv trend = PublishedCsv.read(publication, "trend_weekly.csv", Set.of("region", "school"));
    PublishedCsv quality = PublishedCsv.read(publication, "data_quality_weekly.csv", Set.of("region", "school"));

    assertThat(trend.rows()).extracting(r -> r.get("unit_code") + " " + r.get("week_start") + " " + r.get("pupils"))
        .containsExactly("twente 2025-09-01 900", "07AB00 2025-09-01 300", "07AB00 2025-09-08 301");
    assertThat(trend.ofUnit("school", "07AB00")).extracting(r -> r.get("pupils")).containsExactly("300", "301");
    assertThat(trend.ofUnit("region", "07AB00")).isEmpty();
    assertThat(trend.ofUnit("class", "07AB00-1A")).isEmpty();
    assertThat(trend.linesLeftOut()).containsExactly(Map.entry("class", 2));
    assertThat(quality.rows()).hasSize(3);
    assertThat(quality.with("brin_vestiging", "07AB00")).extracting(r -> r.get("events")).containsExactly("12", "15");
    assertThat(quality.with("brin_vestiging", "09EF00")).isEmpty();
    assertThat(quality.linesLeftOut()).isEmpty();
    assertThat(PublishedCsv.read(publication, "trend_weekly.csv").rows()).hasSize(5);
  }

  @Test
  void aLineIsAMapInHeaderOrderThatCannotChange() throws IOException {
    write("pyramid.csv", "level,unit_code,tier3_pct,pupils", "school,07AB00,x,\"1,5\"");

    Map<String, String> line = PublishedCsv.read(publication, "pyramid.csv").rows().get(0);

    assertThat(line).containsExactly(Map.entry("level", "school"), Map.entry("unit_code", "07AB00"),
        Map.entry("tier3_pct", "x"), Map.entry("pupils", "1,5"));
    assertThat(line.get("window")).isNull();
    assertThat(line.getOrDefault("window", "-")).isEqualTo("-");
    assertThat(line).isEqualTo(Map.of("level", "school", "unit_code", "07AB00", "tier3_pct", "x", "pupils", "1,5"));
    assertThatThrownBy(() -> line.put("pupils", "2")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aMissingFileHasNoRowsAndAShortLineOrAMissingColumnIsAClearError() throws IOException {
    assertThat(PublishedCsv.read(publication, "flags.csv", Set.of("school")).ofUnit("school", "07AB00")).isEmpty();

    write("data_quality_files.csv", "file,rows", "absences.csv,12");
    assertThatThrownBy(() -> PublishedCsv.read(publication, "data_quality_files.csv").with("brin_vestiging", "null"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data_quality_files.csv has no column brin_vestiging (file,rows)");

    write("patterns.csv", "level,unit_code,dimension", "school,07AB00");
    assertThatThrownBy(() -> PublishedCsv.read(publication, "patterns.csv", Set.of("school")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2 has 2 fields where the header has 3 (level,unit_code,dimension)");
  }

  @Test
  void equalValuesOfAColumnAreOneObject() throws IOException {
    write("flags.csv", "level,unit_code,mazl", "school,07AB00,3", "school,07AB00,3");

    List<Map<String, String>> rows = PublishedCsv.read(publication, "flags.csv").rows();

    assertThat(rows.get(0).get("unit_code")).isSameAs(rows.get(1).get("unit_code"));
    assertThat(rows.get(0).get("mazl")).isSameAs(rows.get(1).get("mazl"));
  }
}
