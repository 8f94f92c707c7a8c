package io.etlx.state;

import java.time.LocalDate;

/** The identity of a run: pipeline, environment and logical date (never the wall clock). */
public record RunKey(String pipeline, String environment, LocalDate date) {
  public StageKey stage(Stage stage) {
    return new StageKey(this, stage);
  }

  @Override
  public String toString() {
    return pipeline + " " + date + " (" + environment + ")";
  }
}
