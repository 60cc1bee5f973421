package nl.schoolmonitor.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdentitiesTest {

  @Test
  void theSampleBsnsPassTheElevenTestAndChangedOnesDoNot() {
    for (String bsn : List.of("999990007", "999990019", "999990020", "999990032", "999990044", "999990056",
        "999990068", "999990081", "999990093", "999990111")) {
      assertThat(Identities.passesElevenTest(bsn)).as(bsn).isTrue();
    }
    assertThat(Identities.passesElevenTest("999990008")).isFalse();
    assertThat(Identities.passesElevenTest("99999000")).isFalse();
    assertThat(Identities.passesElevenTest("99999000a")).isFalse();
    assertThat(Identities.passesElevenTest(null)).isFalse();
  }

  @Test
  void generatedNumbersAreUniqueSyntheticAndTellBsnFromOnderwijsnummer() {
    // The whole 999 range: every number it can issue is distinct and valid.
    Identities identities = new Identities(Identities.NARROW_BSNS);
    List<String> bsns = new ArrayList<>();
    List<String> onderwijsnummers = new ArrayList<>();
    for (int i = 0; i < Identities.NARROW_BSNS; i++) {
      bsns.add(identities.newBsn());
      onderwijsnummers.add(identities.newOnderwijsnummer());
    }
    Set<String> distinct = new HashSet<>(bsns);
    distinct.addAll(onderwijsnummers);
    assertThat(distinct).hasSize(bsns.size() + onderwijsnummers.size());
    assertThat(bsns).allSatisfy(b -> {
      assertThat(b).matches("999\\d{6}");
      assertThat(Identities.passesElevenTest(b)).isTrue();
    });
    assertThat(onderwijsnummers).allSatisfy(o -> {
      assertThat(o).matches("10\\d{7}");
      assertThat(Identities.passesElevenTest(o)).isFalse();
    });
    assertThatThrownBy(identities::newBsn).hasMessageContaining("generate fewer pupils");
  }

  @Test
  void largeRunsTakeBsnsFromTheWiderRangeStillUniqueAndValid() {
    Identities identities = new Identities(Identities.NARROW_BSNS + 1);
    Set<String> bsns = new HashSet<>();
    for (int i = 0; i < 300_000; i++) {
      String b = identities.newBsn();
      assertThat(b).matches("9\\d{8}");
      assertThat(Identities.passesElevenTest(b)).as(b).isTrue();
      bsns.add(b);
    }
    assertThat(bsns).hasSize(300_000);
  }

  @Test
  void movingBackIssuesTheSameNumbersAgain() {
    Identities identities = new Identities(1000);
    long[] start = identities.position();
    List<String> first = List.of(identities.newBsn(), identities.newOnderwijsnummer(), identities.newBsn());
    identities.moveTo(start);
    assertThat(List.of(identities.newBsn(), identities.newOnderwijsnummer(), identities.newBsn())).isEqualTo(first);
  }

  @Test
  void everyNameAndPlaceFitsWindows1252() {
    var encoder = java.nio.charset.Charset.forName("windows-1252").newEncoder();
    SplittableRandom rng = new SplittableRandom(2);
    for (int i = 0; i < 5000; i++) {
      assertThat(encoder.canEncode(Identities.firstName(rng).name())).isTrue();
      assertThat(encoder.canEncode(Identities.familyName(rng).full())).isTrue();
    }
    Identities.POSTCODES.values().forEach(ranges -> ranges.forEach(r -> {
      assertThat(encoder.canEncode(r.place())).isTrue();
      assertThat(r.from()).isBetween(7400, 7699);
      assertThat(r.to()).isBetween(r.from(), 7699);
    }));
  }
}
