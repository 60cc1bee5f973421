package nl.schoolmonitor.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResearchKeyTest {

  @Test
  void withoutAResearchKeyTheExtractStopsAndSaysWhatToSet() {
    assertThatThrownBy(() -> ResearchKey.resolve(null, Map.<String, String>of()::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MONITOR_RESEARCH_KEY").hasMessageContaining("--research-key-file");
  }

  @Test
  void theOperationalKeyIsRefusedAsResearchKey() {
    Map<String, String> env = Map.of("MONITOR_RESEARCH_KEY", "the-same-secret-for-both", "MONITOR_PSEUDONYM_KEY",
        "the-same-secret-for-both");
    assertThatThrownBy(() -> ResearchKey.resolve(null, env::get)).hasMessageContaining("operational key");
  }

  @Test
  void aSeparateKeyIsUsed() {
    Map<String, String> env = Map.of("MONITOR_RESEARCH_KEY", " project-2026-absence-key ", "MONITOR_PSEUDONYM_KEY",
        "operational-secret-key");
    assertThat(ResearchKey.resolve(null, env::get)).isEqualTo("project-2026-absence-key".getBytes(StandardCharsets.UTF_8));
  }
}
