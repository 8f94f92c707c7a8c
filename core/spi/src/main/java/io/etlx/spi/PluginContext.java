package io.etlx.spi;

import java.nio.file.Path;
import java.time.Clock;

/**
 * What a plug-in may use when it is opened: the project directory (relative paths in specs are
 * relative to it), the run's templates (bound to the logical date for sources and notifiers) and
 * the engine's clock.
 */
public interface PluginContext {
  Path projectDir();

  Templates templates();

  /** The engine's clock: use it instead of the wall clock, so tests and replays see one time. */
  Clock clock();

  /**
   * A local directory for the plug-in's temporary files (downloads, bodies), private to this
   * process and removed when it ends — also when it is killed: the next process cleans up. Never
   * the system's temporary directory.
   */
  Path workDir();

  /** A path option resolved, and made absolute against the project directory. */
  default Path path(String template) {
    Path path = Path.of(templates().resolve(template));
    return path.isAbsolute() ? path : projectDir().resolve(path).normalize();
  }
}
