package io.etlx.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

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

  /**
   * The warehouse a run loads into and the schema it loads into by default, for a source that reads
   * the warehouse itself (a SQL model); empty where a plug-in is opened without one.
   */
  default Optional<Target> target() {
    return Optional.empty();
  }

  /** The environment's warehouse, opened on first use, and its target schema. */
  interface Target {
    Warehouse warehouse();

    String schema();
  }

  /** A path option resolved, and made absolute against the project directory. */
  default Path path(String template) {
    Path path = Path.of(templates().resolve(template));
    return path.isAbsolute() ? path : projectDir().resolve(path).normalize();
  }
}
