package nl.schoolmonitor.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.schoolmonitor.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResearchConfigLoaderTest {

  @Test
  void theDemoRegionsRulesLoad() {
    ResearchConfig c = ResearchConfigLoader.load(Path.of("../conf/twente"));
    assertThat(c.k()).isEqualTo(5);
    assertThat(c.pc4MinPupils()).isEqualTo(50);
    assertThat(c.fallback()).startsWith(KAnonymity.Step.PC4_SUPPRESSED);
    assertThat(c.quasiIdentifiers()).contains(ResearchExtract.PC4, ResearchExtract.BIRTH_YEAR);
    assertThat(c.thuiszitterVerzuimsoorten()).isEqualTo(List.of("LRV", "ABS"));
  }

  @Test
  void anUnknownStepOrColumnIsNamedWithWhatIsValid(@TempDir Path dir) throws IOException {
    String good = Files.readString(Path.of("../conf/twente/research.yaml"));
    Files.writeString(dir.resolve("research.yaml"), good.replace("- sex_suppressed", "- sex_hidden"));
    assertThatThrownBy(() -> ResearchConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("sex_hidden").hasMessageContaining("sex_suppressed");
    Files.writeString(dir.resolve("research.yaml"), good.replace("birth_year, pc4", "birth_date, pc4"));
    assertThatThrownBy(() -> ResearchConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("birth_date").hasMessageContaining("no column of the extract");
  }
}
