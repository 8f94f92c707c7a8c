package io.etlx.transform;

import io.etlx.csv.CsvChunks;
import io.etlx.spec.TransformSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The transform of a CSV source's bytes done while the extract copies them, on the chunks the copy
 * already cut, so the transform stage that follows in the same run finds its rows ready instead of
 * reading, decompressing and cutting the raw copy again. Only an optimisation: it never fails the
 * extract, and anything short of a complete, clean result (a bad value, a missing field, garbage)
 * leaves it empty — the transform stage then does the work itself and reports what it finds.
 */
public final class EarlyTransform implements AutoCloseable {
  private final Path target;
  private CsvTransform.Pipeline pipeline;

  EarlyTransform(TransformSpec spec, LocalDate date, char delimiter, Path target) {
    this.target = target;
    try {
      pipeline =
          new CsvTransform(spec, date, spec.version(), delimiter, "early transform")
              .pipeline(target, n -> {});
    } catch (IOException | RuntimeException | Error e) {
      pipeline = null; // the transform stage does the work
    }
  }

  /** Where the rows are written. */
  public Path target() {
    return target;
  }

  /** Converts a chunk (the first holds the header); a failure only ends the early transform. */
  public void accept(CsvChunks.Chunk chunk) {
    if (pipeline == null) {
      return;
    }
    try {
      pipeline.add(chunk);
    } catch (IOException | RuntimeException | Error e) {
      close(); // even out of memory: the extract itself must not fail for an optimisation
    }
  }

  /** The rows of every chunk accepted, or empty when the early transform gave up. */
  public Optional<TransformResult> finish() {
    if (pipeline == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(pipeline.finish());
    } catch (IOException | RuntimeException | Error e) {
      close();
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    if (pipeline != null) {
      try {
        pipeline.close();
      } catch (IOException | RuntimeException | Error e) {
        // nothing depends on it
      }
      pipeline = null;
    }
  }
}
