package io.etlx.state;

/** One stage of one run: the unit the state store records. */
public record StageKey(RunKey run, Stage stage) {}
