package nl.schoolmonitor.jobs.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.schoolmonitor.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisclosureRuleLoaderTest {

  @TempDir
  Path dir;

  @Test
  void readsTheTwenteRule() {
    assertThat(DisclosureRuleLoader.load(Path.of("../conf/twente"))).isEqualTo(new DisclosureRule(5, 10));
  }

  @Test
  void aRegionWithoutTheBlockGetsTheConservativeDefault() throws IOException {
    assertThat(DisclosureRuleLoader.load(file("region:\n  code: x\n"))).isEqualTo(DisclosureRule.DEFAULT);
  }

  @Test
  void anErrorNamesTheKeyAndTheValue() throws IOException {
    Path file = file("disclosure:\n  min_count: 1\n");
    assertThatThrownBy(() -> DisclosureRuleLoader.load(file)).isInstanceOf(ConfigException.class)
        .hasMessage(file + ": disclosure.min_count must be at least 2 (a count of 1 names a pupil), got 1");
    Path notANumber = file("disclosure:\n  min_denominator: ten\n");
    assertThatThrownBy(() -> DisclosureRuleLoader.load(notANumber)).isInstanceOf(ConfigException.class)
        .hasMessage(notANumber + ": disclosure.min_denominator: expected a whole number, got 'ten'");
  }

  private Path file(String yaml) throws IOException {
    Path file = dir.resolve("region.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
