package io.etlx.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rows-file contract: what the transform writes is exactly what every loader is told to read.
 */
class RowsFileTest {
  @Test
  void nullEmptyQuotesAndNewlinesSurviveARoundTrip() throws Exception {
    List<String[]> rows =
        List.of(
            new String[] {"1", null, ""},
            new String[] {"2", "say \"hi\"", "two\nlines, and a comma"},
            new String[] {"3", " padded", "back\\slash"},
            new String[] {"4", "café", "2020-12-01 00:00:00.000000"});
    ByteArrayOutputStream text = new ByteArrayOutputStream();

    RowsFile.write(text, List.of("id", "a", "b"), rows);

    assertThat(text.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "id,a,b\n"
                + "1,,\"\"\n"
                + "2,\"say \"\"hi\"\"\",\"two\nlines, and a comma\"\n"
                + "3,\" padded\",\"back\\slash\"\n"
                + "4,café,2020-12-01 00:00:00.000000\n");
    List<String[]> read = RowsFile.read(new ByteArrayInputStream(text.toByteArray()));
    assertThat(read).hasSize(5);
    assertThat(read.get(0)).containsExactly("id", "a", "b");
    assertThat(read.get(1)).containsExactly("1", null, "");
    assertThat(read.get(2)).containsExactly("2", "say \"hi\"", "two\nlines, and a comma");
    assertThat(read.get(3)).containsExactly("3", " padded", "back\\slash");
    assertThat(read.get(4)).containsExactly("4", "café", "2020-12-01 00:00:00.000000");
  }
}
