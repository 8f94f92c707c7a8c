package io.etlx.engine;

import io.etlx.spec.PipelineSpec;
import io.etlx.spec.SlaSpec;
import io.etlx.state.Stage;
import io.etlx.state.StageRun;
import io.etlx.state.StageStatus;
import io.etlx.state.StateStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How current a pipeline is in an environment, from its recorded stage executions: the latest
 * logical date loaded, the dates whose latest execution of a stage failed, and, with an {@code
 * sla:}, whether the latest date now due is loaded. What {@code check-sla} and the metrics report.
 *
 * @param lastLoaded the latest logical date whose load succeeded; null when none did
 * @param lastLoadedAt when that load ended
 * @param failedDates per stage, the dates whose latest execution of it failed
 * @param due the latest date whose deadline passed; null without an SLA
 * @param dueAt that date's deadline; null without an SLA
 * @param late the due date is not loaded
 */
public record Freshness(
    String pipeline,
    String environment,
    LocalDate lastLoaded,
    Instant lastLoadedAt,
    Map<Stage, Integer> failedDates,
    LocalDate due,
    ZonedDateTime dueAt,
    boolean late) {
  public Freshness {
    failedDates = Map.copyOf(failedDates);
  }

  public static Freshness of(
      PipelineSpec pipeline, String environment, Iterable<StageRun> latest, Instant now) {
    Set<LocalDate> loaded = new TreeSet<>();
    Optional<StageRun> lastLoad = Optional.empty();
    Map<Stage, Integer> failed = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      failed.put(stage, 0);
    }
    for (StageRun run : latest) {
      LocalDate date = run.key().run().date();
      if (date.equals(StateStore.WHOLE_PIPELINE)) {
        continue;
      }
      if (run.status() == StageStatus.FAILED) {
        failed.merge(run.key().stage(), 1, Integer::sum);
      }
      if (run.key().stage() == Stage.LOAD && run.status() == StageStatus.SUCCEEDED) {
        loaded.add(date);
        if (lastLoad.isEmpty() || date.isAfter(lastLoad.get().key().run().date())) {
          lastLoad = Optional.of(run);
        }
      }
    }
    SlaSpec sla = pipeline.sla();
    LocalDate due = sla == null ? null : sla.latestDue(now, pipeline.timezone());
    return new Freshness(
        pipeline.name(),
        environment,
        lastLoad.map(run -> run.key().run().date()).orElse(null),
        lastLoad.map(StageRun::endedAt).orElse(null),
        failed,
        due,
        due == null ? null : sla.due(due, pipeline.timezone()),
        due != null && !loaded.contains(due));
  }

  /** The stages with failed dates, e.g. {@code extract=2}, for a one-line summary. */
  public String failures() {
    return failedDates.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .sorted(Comparator.comparing(Map.Entry::getKey))
        .map(e -> e.getKey().yamlName() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
