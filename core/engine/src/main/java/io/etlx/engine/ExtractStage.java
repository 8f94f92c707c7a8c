package io.etlx.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etlx.csv.CsvCopy;
import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.raw.Checksum;
import io.etlx.raw.Codec;
import io.etlx.spec.PipelineSpec;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.RawFormat;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore;
import io.etlx.spi.Source;
import io.etlx.state.Stage;
import io.etlx.state.StageContext;
import io.etlx.transform.EarlyTransform;
import io.etlx.transform.Transformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.util.Optional;

/**
 * Source → raw store, once per partition: an existing partition is never fetched again unless
 * {@code --re-extract} asks for it (and then the older copy is kept).
 */
final class ExtractStage {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExtractStage() {}

  static RawManifest run(RunContext ctx) {
    PartitionKey partition = ctx.partition();
    Evidence.Raw existing = new Evidence.Raw(existing(ctx, partition));
    StageInputs inputs = inputs(ctx.session, ctx.pipeline, ctx.upstreams);
    RerunRule.Decision decision = ctx.decide(Stage.EXTRACT, inputs, existing);
    if (!decision.run()) {
      ctx.skipped(Stage.EXTRACT, existing.manifest().get().records(), decision.reason());
      return existing.manifest().get();
    }
    int retries = (int) ctx.pipeline.source().integer("retries", ctx.retries);
    RawManifest[] written = new RawManifest[1];
    StageOutcome outcome =
        ctx.runner.run(
            ctx.stage(Stage.EXTRACT),
            inputs,
            StageContext.EMPTY,
            retries,
            () -> {
              written[0] = extract(ctx, partition);
              return new StageOutcome(written[0].records(), written[0].checksum());
            });
    ctx.ran(Stage.EXTRACT, outcome.rows(), written[0].request());
    return written[0];
  }

  /**
   * What the extract runs on: for a SQL model, the loads of the pipelines it reads, so that a
   * reload of one of them makes its extract stale; nothing for other sources, which are fetched
   * once.
   */
  static StageInputs inputs(
      EnvironmentSession session, PipelineSpec pipeline, Upstreams upstreams) {
    String read =
        Upstreams.isModel(pipeline)
            ? upstreams.fingerprint(session.modelQueryHash(pipeline))
            : null;
    return new StageInputs(null, pipeline.transform().version(), read);
  }

  /**
   * The partition's manifest; a damaged one counts as absent when --re-extract replaces it anyway.
   */
  private static Optional<RawManifest> existing(RunContext ctx, PartitionKey partition) {
    try {
      return ctx.session.rawStore().manifest(partition);
    } catch (EtlxException e) {
      if (e.code() == ErrorCode.CORRUPT_DATA && ctx.options.rerun(Stage.EXTRACT)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static RawManifest extract(RunContext ctx, PartitionKey partition) {
    Source source = ctx.session.source(ctx.pipeline.source(), ctx.key.date());
    RawStore store = ctx.session.rawStore();
    Progress progress = new Progress(ctx.what(Stage.EXTRACT));
    Checksum checksum = new Checksum();
    long[] count = {0};
    Optional<Source.CsvBytes> csv = source.csvBytes();
    EarlyTransform early = csv.map(c -> early(ctx, c.delimiter())).orElse(null);
    try (RawStore.RawWrite write = store.begin(partition)) {
      SourceStateSink sink = null;
      try (OutputStream compressed = Codec.compress(write.records());
          DigestOutputStream digest = checksum.wrap(compressed)) {
        if (csv.isPresent()) {
          count[0] = copy(csv.get(), digest, source, progress, early);
        } else {
          sink = records(ctx, source, digest, progress, count);
        }
      } catch (IOException | UncheckedIOException e) {
        throw new EtlxException(
            ErrorCode.RAW_STORE_FAILED,
            ctx.what(Stage.EXTRACT) + ": cannot write raw data: " + e.getMessage(),
            e);
      }
      progress.done(count[0]);
      if (count[0] == 0 && !ctx.pipeline.allowEmptySource()) {
        // thrown before the commit: nothing is kept, and a replace_partition load never empties the
        // day
        throw new EtlxException(
            ErrorCode.EMPTY_SOURCE,
            ctx.what(Stage.EXTRACT)
                + ": the source returned no records ("
                + source.describe()
                + "); a rerun once the data is there is safe; if an empty day is normal for this"
                + " source, set source.allow_empty: true");
      }
      RawManifest manifest =
          new RawManifest(
              ctx.key.pipeline(),
              ctx.key.date().toString(),
              source.describe(),
              ctx.clock.instant(),
              checksum.hex(),
              count[0],
              ctx.pipeline.transform().version(),
              sink == null ? null : sink.saved(),
              csv.map(c -> RawFormat.csv(c.delimiter())).orElse(RawFormat.NDJSON));
      CrashPoint.reach("extract:before-commit");
      RawManifest committed = write.commit(manifest);
      if (early != null) {
        ctx.keepEarly(committed.checksum(), early);
        early = null;
      }
      return committed;
    } finally {
      if (early != null) {
        early.close();
        TransformStage.deleteQuietly(early.target());
      }
    }
  }

  /**
   * The transform of the bytes being copied, started now: the transform stage that follows finds
   * its rows ready (null when no work file can be made; the transform stage then does the work).
   */
  private static EarlyTransform early(RunContext ctx, char delimiter) {
    try {
      return new Transformer(ctx.pipeline.transform())
          .early(ctx.key.date(), delimiter, ctx.session.work().newFile("rows-", ".csv.zst"));
    } catch (IOException e) {
      return null;
    }
  }

  /** A source's records, one by one, as NDJSON; returns the sink that saw them. */
  private static SourceStateSink records(
      RunContext ctx, Source source, OutputStream out, Progress progress, long[] count)
      throws IOException {
    try (JsonGenerator generator = JSON.getFactory().createGenerator(out)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller closes it
      generator.setRootValueSeparator(null);
      RawRecordWriter writer = new RawRecordWriter(generator);
      SourceStateSink sink =
          new SourceStateSink(
              ctx,
              record -> {
                try {
                  writer.write(record);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                progress.accept(++count[0]);
              });
      source.extract(sink);
      return sink;
    }
  }

  /**
   * A CSV source's bytes as they are, checked as reading them would check them; returns the
   * records. A failure to write is the raw store's; one to read is reported as the source reports
   * it.
   */
  private static long copy(
      Source.CsvBytes csv, OutputStream out, Source source, Progress progress, EarlyTransform early)
      throws IOException {
    OutputStream raw = new WriteFailures(out);
    try (InputStream in = csv.open()) {
      return CsvCopy.copy(
              in,
              raw,
              csv.delimiter(),
              source.describe(),
              progress::accept,
              early == null ? chunk -> {} : early::accept)
          .records();
    } catch (IOException e) {
      if (e instanceof WriteFailures.Failed failed) {
        throw failed.cause();
      }
      throw csv.failure(e);
    }
  }
}
