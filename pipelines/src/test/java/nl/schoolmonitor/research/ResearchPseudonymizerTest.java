package nl.schoolmonitor.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nl.schoolmonitor.common.Pseudonymizer;
import org.junit.jupiter.api.Test;

/** An extract's pseudonym must not be matchable to the operational one, and differs per project key. */
class ResearchPseudonymizerTest {

  private static final byte[] OPERATIONAL = "operational-key-of-the-bureau".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PROJECT_A = "research-key-project-a".getBytes(StandardCharsets.UTF_8);
  private static final byte[] PROJECT_B = "research-key-project-b".getBytes(StandardCharsets.UTF_8);
  private static final List<String> BSNS = List.of("111222333", "123456782", "999999990", "O1234567");

  @Test
  void researchKeysCannotBeMatchedToOperationalKeysOfTheSamePupils() {
    Pseudonymizer operational = new Pseudonymizer(OPERATIONAL);
    ResearchPseudonymizer research = new ResearchPseudonymizer(PROJECT_A);
    Set<String> warehouseKeys = new HashSet<>();
    Set<String> extractKeys = new HashSet<>();
    for (String pgn : BSNS) {
      String pupilKey = operational.pupilKey(pgn);
      warehouseKeys.add(pupilKey);
      // What someone holding the extract and the warehouse could try: the same HMAC under either key.
      warehouseKeys.add(new Pseudonymizer(PROJECT_A).pupilKey(pgn));
      warehouseKeys.add(new ResearchPseudonymizer(OPERATIONAL).researchKey(pupilKey));
      extractKeys.add(research.researchKey(pupilKey));
    }
    assertThat(extractKeys).hasSize(BSNS.size()).doesNotContainAnyElementsOf(warehouseKeys);
  }

  @Test
  void theSamePupilGetsAnotherPseudonymUnderAnotherProjectKeyAndTheSameUnderTheSameKey() {
    String pupilKey = new Pseudonymizer(OPERATIONAL).pupilKey("111222333");
    String a = new ResearchPseudonymizer(PROJECT_A).researchKey(pupilKey);
    assertThat(new ResearchPseudonymizer(PROJECT_A).researchKey(pupilKey)).isEqualTo(a);
    assertThat(new ResearchPseudonymizer(PROJECT_B).researchKey(pupilKey)).isNotEqualTo(a).hasSize(64);
    assertThat(new ResearchPseudonymizer(PROJECT_A).researchKey((String) null)).isNull();
  }

  @Test
  void aShortKeyIsRefusedAndTheKeyIsNeverShown() {
    assertThatThrownBy(() -> new ResearchPseudonymizer("short".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("at least 16 bytes").hasMessageContaining("MONITOR_RESEARCH_KEY");
    assertThat(new ResearchPseudonymizer(PROJECT_A).toString()).doesNotContain("project-a");
  }
}
