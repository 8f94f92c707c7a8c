package io.etlx.cli;

import io.etlx.engine.StageStatusRow;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code status --grid}: one line per logical date, one column per stage, like a scheduler's grid
 * view — ok, stale (succeeded, but a rerun would run it again: the note says why), FAILED, running,
 * or - (never run). Colored on a terminal, plain when piped or with NO_COLOR.
 */
final class StatusGrid {
  private StatusGrid() {}

  static void print(
      List<StageStatusRow> rows,
      List<String> environments,
      String pipeline,
      LocalDate from,
      LocalDate to,
      Style style,
      PrintWriter out) {
    for (String environment : environments) {
      Map<LocalDate, Map<Stage, StageStatusRow>> byDate = new TreeMap<>();
      for (StageStatusRow row : rows) {
        StageRun run = row.run();
        if (run.key().run().environment().equals(environment)) {
          byDate
              .computeIfAbsent(run.key().run().date(), d -> new EnumMap<>(Stage.class))
              .put(run.key().stage(), row);
        }
      }
      LocalDate first = from != null ? from : byDate.isEmpty() ? null : firstKey(byDate);
      LocalDate last = to != null ? to : byDate.isEmpty() ? null : lastKey(byDate);
      out.println(pipeline + " (" + environment + ")");
      if (first == null || last == null || last.isBefore(first)) {
        out.println("  no runs yet");
        continue;
      }
      StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-10s", "DATE"));
      for (Stage stage : Stage.values()) {
        header.append(String.format(Locale.ROOT, "  %-9s", stage.yamlName()));
      }
      out.println(header.toString().stripTrailing());
      for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
        Map<Stage, StageStatusRow> stages = byDate.getOrDefault(date, Map.of());
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-10s", date));
        for (Stage stage : Stage.values()) {
          line.append("  ").append(cell(stages.get(stage), style));
        }
        out.println(line.toString().stripTrailing());
      }
    }
    out.println(
        "ok: succeeded · stale: a rerun would run it again (status without --grid says why)");
  }

  /** The stage's word, padded to its column, in its color. */
  private static String cell(StageStatusRow row, Style style) {
    String pad = "%-9s";
    if (row == null) {
      return style.dim(String.format(Locale.ROOT, pad, "-"));
    }
    StageStatus status = row.run().status();
    return switch (status) {
      case SUCCEEDED, SKIPPED ->
          row.note().isEmpty()
              ? style.good(String.format(Locale.ROOT, pad, "ok"))
              : style.warn(String.format(Locale.ROOT, pad, "stale"));
      case FAILED -> style.bad(String.format(Locale.ROOT, pad, "FAILED"));
      case RUNNING -> style.busy(String.format(Locale.ROOT, pad, "running"));
    };
  }

  private static LocalDate firstKey(Map<LocalDate, ?> map) {
    return ((TreeMap<LocalDate, ?>) map).firstKey();
  }

  private static LocalDate lastKey(Map<LocalDate, ?> map) {
    return ((TreeMap<LocalDate, ?>) map).lastKey();
  }
}
