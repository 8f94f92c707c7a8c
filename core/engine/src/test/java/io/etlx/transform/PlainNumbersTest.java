package io.etlx.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.etlx.spi.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path answers exactly what the general conversion answers, or stands aside. */
class PlainNumbersTest {
  @Test
  void theCommonCasesTakeTheFastPath() {
    assertThat(PlainNumbers.integral("0", 18)).isEqualTo("0");
    assertThat(PlainNumbers.integral("-42", 18)).isEqualTo("-42");
    assertThat(PlainNumbers.decimal("2666.97", 12, 2)).isEqualTo("2666.97");
    assertThat(PlainNumbers.decimal("1", 12, 2)).isEqualTo("1.00");
    assertThat(PlainNumbers.decimal("-0.5", 12, 2)).isEqualTo("-0.50");
    assertThat(PlainNumbers.decimal("7", 5, 0)).isEqualTo("7");
    for (String general :
        new String[] {"+1", "01", "-0", " 1", "1e3", "1.", ".5", "1.234", "-0.00"}) {
      assertThat(PlainNumbers.decimal(general, 12, 2)).as(general).isNull();
    }
    assertThat(PlainNumbers.integral("1234567890", 9)).isNull();
  }

  @Test
  void randomTextGivesWhatTheGeneralConversionGives() throws Exception {
    Random random = new Random(2026);
    String alphabet = "-0123456789.+e ";
    int[][] types = {{12, 2}, {18, 6}, {5, 0}, {3, 3}, {38, 10}};
    for (int n = 0; n < 200_000; n++) {
      int length = 1 + random.nextInt(12);
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < length; i++) {
        // mostly digits, sometimes a sign, a point or something else
        text.append(
            random.nextInt(4) == 0
                ? alphabet.charAt(random.nextInt(alphabet.length()))
                : (char) ('0' + random.nextInt(10)));
      }
      String t = text.toString();
      for (int bits : new int[] {32, 64}) {
        String fast = PlainNumbers.integral(t, bits == 32 ? 9 : 18);
        if (fast != null) {
          BigInteger exact = new BigInteger(t);
          assertThat(exact.bitLength()).as(t).isLessThan(bits);
          assertThat(fast).as(t).isEqualTo(exact.toString());
        }
      }
      for (int[] type : types) {
        String fast = PlainNumbers.decimal(t, type[0], type[1]);
        if (fast != null) {
          DecimalConverter exact =
              new DecimalConverter(new ColumnType(ColumnType.Kind.DECIMAL, type[0], type[1]), null);
          assertThat(fast)
              .as(t + " as decimal(%d,%d)", type[0], type[1])
              .isEqualTo(exact.convert(new BigDecimal(t), t));
        }
      }
    }
  }
}
