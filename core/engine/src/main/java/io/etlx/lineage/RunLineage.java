package io.etlx.lineage;

import io.etlx.state.Stage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.time.Instant;

/** Turns the attempts of one run's stages into events; never throws. */
final class RunLineage implements StageListener {
  private final PipelineRun run;
  private final Events events;
  private final Delivery delivery;

  RunLineage(PipelineRun run, Events events, Delivery delivery) {
    this.run = run;
    this.events = events;
    this.delivery = delivery;
  }

  @Override
  public void started(Stage stage, int attempt, Instant at) {
    emit(stage, attempt, EventType.START, at, 0, null);
  }

  @Override
  public void succeeded(Stage stage, int attempt, Instant at, long rows) {
    emit(stage, attempt, EventType.COMPLETE, at, rows, null);
  }

  @Override
  public void failed(Stage stage, int attempt, Instant at, String error) {
    emit(stage, attempt, EventType.FAIL, at, 0, error);
  }

  private void emit(Stage stage, int attempt, EventType type, Instant at, long rows, String error) {
    String event;
    try {
      event = events.json(run, stage, attempt, type, at, rows, error);
    } catch (RuntimeException e) {
      delivery.failed("any transport (the event could not be made)", e);
      return;
    }
    delivery.send(event);
  }
}
