package io.etlx.spi;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** All plug-ins on the classpath, by kind and type. Duplicate names fail at start-up. */
public final class PluginRegistry {
  private final Map<PluginKind, Map<String, Plugin>> plugins = new EnumMap<>(PluginKind.class);

  public PluginRegistry(Iterable<? extends Plugin> found) {
    for (PluginKind kind : PluginKind.values()) {
      plugins.put(kind, new TreeMap<>());
    }
    for (Plugin plugin : found) {
      Plugin previous = plugins.get(plugin.kind()).putIfAbsent(plugin.type(), plugin);
      if (previous != null) {
        throw new EtlxException(
            ErrorCode.INTERNAL,
            "two "
                + plugin.kind().yamlName()
                + " plug-ins are named '"
                + plugin.type()
                + "': "
                + previous.getClass().getName()
                + " and "
                + plugin.getClass().getName());
      }
    }
  }

  /** The plug-ins registered through {@code META-INF/services/io.etlx.spi.Plugin}. */
  public static PluginRegistry load() {
    return new PluginRegistry(ServiceLoader.load(Plugin.class));
  }

  /** The plug-in, or null when none has this type. */
  public Plugin find(PluginKind kind, String type) {
    return plugins.get(kind).get(type);
  }

  /** The plug-in of a validated spec: its type is known to exist. */
  public <T extends Plugin> T get(PluginKind kind, String type, Class<T> as) {
    Plugin plugin = find(kind, type);
    if (plugin == null) {
      throw new EtlxException(
          ErrorCode.UNKNOWN_PLUGIN, "unknown " + kind.yamlName() + " type '" + type + "'");
    }
    return as.cast(plugin);
  }

  public List<String> types(PluginKind kind) {
    return new ArrayList<>(plugins.get(kind).keySet());
  }
}
