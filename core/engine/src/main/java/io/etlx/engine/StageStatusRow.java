package io.etlx.engine;

import io.etlx.state.StageRun;

/** A stage's latest execution, with what a rerun would do about it ({@code note}, may be empty). */
public record StageStatusRow(StageRun run, String note) {}
