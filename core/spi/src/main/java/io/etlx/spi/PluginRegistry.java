package io.etlx.spi;

import io.etlx.error.ErrorCode;
import io.etlx.error.EtlxException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

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

  /**
   * The built-in plug-ins and those of the jars in {@code dir} (a project's {@code plugins/}), each
   * registered like the built-ins through {@code META-INF/services/io.etlx.spi.Plugin}. A jar's
   * plug-in may not take a built-in's name.
   */
  public static PluginRegistry load(Path dir) {
    List<Path> jars = jars(dir);
    if (jars.isEmpty()) {
      return load();
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    ClassLoader parent = PluginRegistry.class.getClassLoader();
    URLClassLoader loader = new URLClassLoader("etlx-project-plugins", urls, parent);
    List<Plugin> found = new ArrayList<>();
    ServiceLoader.load(Plugin.class).forEach(found::add);
    List<Plugin> added = new ArrayList<>();
    try {
      ServiceLoader.load(Plugin.class, loader).stream()
          .filter(provider -> provider.type().getClassLoader() == loader) // not a built-in again
          .forEach(provider -> added.add(provider.get()));
    } catch (ServiceConfigurationError e) {
      throw new EtlxException(
          ErrorCode.USAGE,
          "a plug-in jar in "
              + dir
              + " cannot be loaded: "
              + e.getMessage()
              + "; it must be built against this etlx version's io.etlx.spi");
    }
    for (Plugin plugin : added) {
      boolean clash =
          found.stream().anyMatch(p -> p.kind() == plugin.kind() && p.type().equals(plugin.type()));
      if (clash) {
        throw new EtlxException(
            ErrorCode.USAGE,
            plugin.getClass().getName()
                + " in "
                + dir
                + " is a "
                + plugin.kind().yamlName()
                + " named '"
                + plugin.type()
                + "', like one etlx has: give it a name of its own");
      }
    }
    found.addAll(added);
    return new PluginRegistry(found);
  }

  private static List<Path> jars(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new EtlxException(ErrorCode.USAGE, "cannot list " + dir + ": " + e.getMessage());
    }
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
