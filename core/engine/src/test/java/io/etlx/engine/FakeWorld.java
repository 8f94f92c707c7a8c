package io.etlx.engine;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import io.etlx.spi.DiffResult;
import io.etlx.spi.LedgerEntry;
import io.etlx.spi.LoadRequest;
import io.etlx.spi.LoadResult;
import io.etlx.spi.Notification;
import io.etlx.spi.Notifier;
import io.etlx.spi.NotifierPlugin;
import io.etlx.spi.PartitionKey;
import io.etlx.spi.Plugin;
import io.etlx.spi.PluginContext;
import io.etlx.spi.PluginOptions;
import io.etlx.spi.QueryResult;
import io.etlx.spi.RawManifest;
import io.etlx.spi.RawStore;
import io.etlx.spi.RawStorePlugin;
import io.etlx.spi.RecordSink;
import io.etlx.spi.RowsFile;
import io.etlx.spi.SchemaPlan;
import io.etlx.spi.Source;
import io.etlx.spi.SourcePlugin;
import io.etlx.spi.TableSpec;
import io.etlx.spi.Warehouse;
import io.etlx.spi.WarehouseCapabilities;
import io.etlx.spi.WarehousePlugin;
import io.etlx.spi.WriteMode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A source, raw store, warehouse and notifier in memory, for the engine's unit tests (the state
 * store is the real file store). The warehouse keeps each date's rows and a ledger like a SQL
 * warehouse does, and can be told to fail before its commit, or to commit and then lose the answer.
 */
final class FakeWorld {
  /** The records the source returns per date: {@code code → amount}. */
  final Map<LocalDate, Map<String, String>> source = new HashMap<>();

  final Map<PartitionKey, byte[]> rawRecords = new HashMap<>();
  final Map<PartitionKey, RawManifest> manifests = new HashMap<>();
  final Map<String, Path> artifacts = new HashMap<>();

  /** The table: per date, its rows (code → amount); absent when the table was dropped. */
  Map<LocalDate, Map<String, String>> table = new TreeMap<>();

  final Map<String, Map<LocalDate, LedgerEntry>> ledgers = new HashMap<>();
  final List<Notification> sent = new ArrayList<>();
  int extracts;
  int loadsApplied;

  /** The table as the last load saw it. */
  TableSpec loadedTable;

  /** The next load fails before its commit. */
  boolean failNextLoad;

  /** The next load commits, then fails as if the answer to its commit was lost. */
  boolean loseNextCommit;

  boolean notifierDown;

  /** The raw store refuses writes (a read-only mount). */
  boolean readOnlyRaw;

  /** The source fills the heap. */
  boolean outOfMemory;

  /** The source asks for its previous state and saves the highest code it saw. */
  boolean incremental;

  final List<String> statesSeen = new ArrayList<>();
  private final Path dir;

  FakeWorld(Path dir) {
    this.dir = dir;
  }

  List<Plugin> plugins() {
    return List.of(new SourceFake(), new RawFake(), new WarehouseFake(), new NotifierFake());
  }

  private abstract static class Fake implements Plugin {
    @Override
    public String type() {
      return "fake";
    }

    @Override
    public String optionsSchema() {
      return "/io/etlx/engine/fake/options.schema.json";
    }
  }

  private final class SourceFake extends Fake implements SourcePlugin {
    @Override
    public Source open(PluginOptions spec, PluginContext context) {
      LocalDate date = LocalDate.parse(context.templates().resolve("${date}"));
      return new Source() {
        @Override
        public String describe() {
          return "fake source for " + date;
        }

        @Override
        public void extract(RecordSink out) {
          extracts++;
          if (outOfMemory) {
            throw new OutOfMemoryError("Java heap space");
          }
          if (incremental) {
            statesSeen.add(out.previousState().orElse(null));
          }
          Map<String, String> records = new TreeMap<>(source.getOrDefault(date, Map.of()));
          records.forEach((code, amount) -> out.emit(Map.of("code", code, "amount", amount)));
          if (incremental && !records.isEmpty()) {
            out.saveState(((TreeMap<String, String>) records).lastKey()); // the highest code seen
          }
        }
      };
    }
  }

  private final class RawFake extends Fake implements RawStorePlugin {
    @Override
    public RawStore open(PluginOptions spec, PluginContext context) {
      return new RawStore() {
        @Override
        public Optional<RawManifest> manifest(PartitionKey key) {
          return Optional.ofNullable(manifests.get(key));
        }

        @Override
        public RawWrite begin(PartitionKey key) {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          return new RawWrite() {
            @Override
            public OutputStream records() {
              return bytes;
            }

            @Override
            public RawManifest commit(RawManifest manifest) {
              rawRecords.put(key, bytes.toByteArray());
              manifests.put(key, manifest);
              return manifest;
            }

            @Override
            public void close() {}
          };
        }

        @Override
        public InputStream openRecords(PartitionKey key) {
          return new ByteArrayInputStream(rawRecords.get(key));
        }

        @Override
        public void putArtifact(PartitionKey key, String name, Path file) {
          if (readOnlyRaw) {
            throw new EtlxException(ErrorCode.RAW_STORE_FAILED, "raw store is read-only");
          }
          try {
            Path copy = dir.resolve(key.pipeline() + "-" + key.date() + "-" + name);
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            artifacts.put(key + "/" + name, copy);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public Optional<Path> artifact(PartitionKey key, String name) {
          return Optional.ofNullable(artifacts.get(key + "/" + name));
        }

        @Override
        public List<LocalDate> dates(String pipeline) {
          return manifests.keySet().stream()
              .filter(k -> k.pipeline().equals(pipeline))
              .map(PartitionKey::date)
              .sorted()
              .toList();
        }

        @Override
        public void close() {}
      };
    }
  }

  private final class WarehouseFake extends Fake implements WarehousePlugin {
    @Override
    public WarehouseCapabilities capabilities() {
      return new WarehouseCapabilities(EnumSet.allOf(WriteMode.class), true, 63, false);
    }

    @Override
    public Warehouse open(PluginOptions spec, PluginContext context) {
      return new FakeWarehouse();
    }
  }

  /**
   * Rows per date (replace-partition style) and a ledger per table, as a SQL warehouse keeps them.
   */
  private final class FakeWarehouse implements Warehouse {
    @Override
    public LoadResult load(LoadRequest request) {
      loadedTable = request.table();
      LedgerEntry entry = request.ledger();
      Map<LocalDate, LedgerEntry> ledger =
          ledgers.computeIfAbsent(request.table().table(), t -> new TreeMap<>());
      if (table == null) {
        table = new TreeMap<>();
        ledger.clear(); // a table created anew holds none of the old loads
      }
      LedgerEntry previous = ledger.get(entry.date());
      if (previous != null && entry.loadId().equals(previous.loadId())) {
        return new LoadResult(0, 0, 0, true, previous.loadId());
      }
      if (failNextLoad) {
        failNextLoad = false;
        throw new EtlxException(
            ErrorCode.WAREHOUSE_UNAVAILABLE, "warehouse went away before the commit");
      }
      Map<String, String> rows = new LinkedHashMap<>();
      List<String[]> file = readRows(request.rows());
      for (String[] row : file.subList(1, file.size())) {
        rows.put(row[1], row[2]);
      }
      table.put(entry.date(), rows);
      ledger.put(entry.date(), entry);
      loadsApplied++;
      if (loseNextCommit) {
        loseNextCommit = false;
        throw new EtlxException(
            ErrorCode.WAREHOUSE_UNAVAILABLE, "connection lost after the commit");
      }
      return new LoadResult(rows.size(), rows.size(), 0, false, entry.loadId());
    }

    @Override
    public Optional<LedgerEntry> ledger(TableSpec spec, String pipeline, LocalDate date) {
      return table == null
          ? Optional.empty()
          : Optional.ofNullable(ledgers.getOrDefault(spec.table(), Map.of()).get(date));
    }

    @Override
    public List<LedgerEntry> ledger(TableSpec spec, String pipeline) {
      return table == null
          ? List.of()
          : List.copyOf(ledgers.getOrDefault(spec.table(), Map.of()).values());
    }

    @Override
    public SchemaPlan plan(TableSpec spec) {
      return new SchemaPlan(List.of(), true);
    }

    @Override
    public SchemaPlan migrate(TableSpec spec) {
      return plan(spec);
    }

    @Override
    public void replace(TableSpec target, String shadow) {
      ledgers.put(target.table(), ledgers.remove(shadow));
    }

    @Override
    public void drop(TableSpec spec) {
      ledgers.remove(spec.table());
    }

    @Override
    public DiffResult diff(LoadRequest request, int samples) {
      throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public QueryResult query(String sql, int maxRows) {
      throw new UnsupportedOperationException("not needed by the engine tests");
    }

    @Override
    public void close() {}
  }

  private final class NotifierFake extends Fake implements NotifierPlugin {
    @Override
    public Notifier open(PluginOptions spec, PluginContext context) {
      return notification -> {
        if (notifierDown) {
          throw new EtlxException(ErrorCode.NOTIFY_FAILED, "notifier down");
        }
        sent.add(notification);
      };
    }
  }

  private static List<String[]> readRows(Path file) {
    try {
      return RowsFile.read(io.etlx.raw.Codec.decompress(Files.newInputStream(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
