package io.etlx.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows-file contract: what the transform writes is exactly what every loader is told to read.
 */
class RowsFileTest {
  @TempDir Path dir;

  @Test
  void nullEmptyQuotesAndNewlinesSurviveARoundTrip() throws Exception {
    Path file = dir.resolve(RowsFile.NAME);
    List<String[]> rows =
        List.of(
            new String[] {"1", null, ""},
            new String[] {"2", "say \"hi\"", "two\nlines, and a comma"});

    RowsFile.write(file, List.of("id", "a", "b"), rows);

    try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("id,a,b\n\"1\",,\"\"\n\"2\",\"say \"\"hi\"\"\",\"two\nlines, and a comma\"\n");
    }
    List<String[]> read = RowsFile.read(file);
    assertThat(read).hasSize(3);
    assertThat(read.get(0)).containsExactly("id", "a", "b");
    assertThat(read.get(1)).containsExactly("1", null, "");
    assertThat(read.get(2)).containsExactly("2", "say \"hi\"", "two\nlines, and a comma");
  }
}
