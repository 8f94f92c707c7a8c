package io.etlx.cli;

import io.etlx.engine.EnvironmentSession;
import io.etlx.validate.ResolvedPipeline;
import io.etlx.validate.Workspace;

/** The project a command works on: its workspace and, per pipeline and environment, a session. */
final class Project {
  private final Main main;

  Project(Main main) {
    this.main = main;
  }

  Workspace workspace() {
    return new Workspace(main.projectDir, main.registry(), main.processEnv);
  }

  ResolvedPipeline resolve(String pipeline, String environment) {
    return workspace().resolve(pipeline, environment);
  }

  EnvironmentSession session(ResolvedPipeline resolved) {
    return new EnvironmentSession(
        main.registry(), resolved.environment(), main.projectDir, main.processEnv);
  }
}
