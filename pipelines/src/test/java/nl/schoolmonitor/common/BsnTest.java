package nl.schoolmonitor.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BsnTest {

  @ParameterizedTest
  @ValueSource(strings = {"999990007", "999990019", "111222333", " 999990068 "})
  void passesTheElevenTest(String bsn) {
    assertThat(Bsn.isValid(bsn)).isTrue();
  }

  @Test
  void eightDigitsGetTheirLeadingZeroBack() {
    // 0*9 + 1*8 + 2*7 + 3*6 + 4*5 + 5*4 + 6*3 + 7*2 - 2 = 110 = 10 * 11
    assertThat(Bsn.normalise("12345672")).isEqualTo("012345672");
    assertThat(Bsn.normalise("999990007")).isEqualTo("999990007");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"999990008", "000000000", "1234567", "9999900070", "99999000A", "999 990 007", "-99990007"})
  void failsTheElevenTest(String bsn) {
    assertThat(Bsn.isValid(bsn)).isFalse();
    assertThat(Bsn.normalise(bsn)).isNull();
  }
}
