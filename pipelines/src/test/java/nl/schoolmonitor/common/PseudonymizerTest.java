package nl.schoolmonitor.common;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import nl.schoolmonitor.testing.SharedSpark;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class PseudonymizerTest {

  private static final byte[] KEY = "operator-secret-key-one".getBytes(StandardCharsets.UTF_8);
  private static final byte[] OTHER_KEY = "operator-secret-key-two".getBytes(StandardCharsets.UTF_8);

  @Test
  void pupilKeyIsHmacSha256OfPgnInLowerCaseHex() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal("pgn:999990007".getBytes(StandardCharsets.UTF_8)));

    assertThat(new Pseudonymizer(KEY).pupilKey("999990007")).isEqualTo(expected).matches("[0-9a-f]{64}");
  }

  @Test
  void schoolPupilKeyIsScopedToTheSchoolAndTrimsThePupilNumber() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String expected = HexFormat.of().formatHex(mac.doFinal("school:07AB00:1001".getBytes(StandardCharsets.UTF_8)));
    Pseudonymizer p = new Pseudonymizer(KEY);

    assertThat(p.schoolPupilKey("07AB00", " 1001 ")).isEqualTo(expected);
    assertThat(p.schoolPupilKey("21CD00", "1001")).isNotEqualTo(expected);
    assertThat(p.schoolPupilKey(null, "1001")).isNull();
    assertThat(p.pupilKey((String) null)).isNull();
  }

  @Test
  void stableForOneKeyDifferentForAnother() {
    assertThat(new Pseudonymizer(KEY).pupilKey("999990007")).isEqualTo(new Pseudonymizer(KEY.clone()).pupilKey("999990007"));
    assertThat(new Pseudonymizer(KEY).pupilKey("999990007")).isNotEqualTo(new Pseudonymizer(OTHER_KEY).pupilKey("999990007"));
    assertThat(new Pseudonymizer(KEY).pupilKey("999990007")).isNotEqualTo(new Pseudonymizer(KEY).pupilKey("999990019"));
  }

  @Test
  void columnVersionsGiveTheSameValuesOnExecutors(SparkSession spark) {
    Pseudonymizer p = new Pseudonymizer(KEY);
    StructType schema = new StructType()
        .add("brin", DataTypes.StringType).add("number", DataTypes.StringType).add("pgn", DataTypes.StringType);
    var df = spark.createDataFrame(List.of(
        RowFactory.create("07AB00", "1001", "999990007"), RowFactory.create("07AB00", null, null)), schema);

    List<Row> rows = df.select(p.schoolPupilKey(col("brin"), col("number")), p.pupilKey(col("pgn"))).collectAsList();

    assertThat(rows).containsExactlyInAnyOrder(
        RowFactory.create(p.schoolPupilKey("07AB00", "1001"), p.pupilKey("999990007")),
        RowFactory.create(null, null));
  }

  @Test
  void refusesShortKeysAndNeverShowsTheKey() {
    assertThatThrownBy(() -> new Pseudonymizer("short".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 bytes")
        .hasMessageNotContaining("short");
    assertThat(new Pseudonymizer(KEY).toString()).doesNotContain("operator-secret");
  }
}
