package io.etlx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script, run by a real bash: commands, options, pipelines and environments. */
class CompletionTest {
  @TempDir Path dir;

  @Test
  void bashCompletesCommandsOptionsPipelinesAndEnvironments() throws Exception {
    ShippedFiles.copyInto(dir);
    CliRun completion = CliRun.of(Map.of(), "completion");
    assertThat(completion.exitCode()).as(completion.err()).isZero();
    Path script = dir.resolve("etlx-completion.bash");
    Files.writeString(script, completion.out());

    assertThat(complete(script, "etlx", "ru")).isEqualTo("run");
    assertThat(complete(script, "etlx", "-C", dir.toString(), "run", ""))
        .isEqualTo("daily_revenue_usd exchange_rates order_items");
    assertThat(complete(script, "etlx", "-C", dir.toString(), "run", "order_items", "--env", ""))
        .isEqualTo("dev prod snowflake");
    assertThat(complete(script, "etlx", "backfill", "order_items", "--re-"))
        .isEqualTo("--re-extract");
  }

  /** What bash offers for the last word. */
  private String complete(Path script, String... words) throws IOException, InterruptedException {
    StringBuilder array = new StringBuilder();
    for (String word : words) {
      array.append(" '").append(word).append("'");
    }
    String bash =
        "source '"
            + script
            + "' 2>/dev/null\n"
            + "compopt() { :; }\n" // only works inside a real completion
            + "COMP_WORDS=("
            + array
            + ")\n"
            + "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=\"${COMP_WORDS[*]}\";"
            + " COMP_POINT=${#COMP_LINE}\n"
            + "_complete_etlx etlx \"${COMP_WORDS[-1]}\" \"${COMP_WORDS[-2]}\"\n"
            + "echo \"${COMPREPLY[*]}\"\n";
    Path out = dir.resolve("out.txt");
    Process process =
        new ProcessBuilder("bash", "-c", bash)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectErrorStream(false)
            .start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return Files.readString(out, StandardCharsets.UTF_8).strip();
  }
}
