package io.etlx.validate;

import io.etlx.error.ErrorCode;
import io.etlx.spec.EnvironmentSpec;
import io.etlx.spi.PluginKind;
import io.etlx.spi.PluginRegistry;
import io.etlx.spi.RawStorePlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Two environments whose raw stores overlap (the same bucket and prefix, or one inside the other)
 * would read each other's raw partitions — a dev extract superseding prod's raw data. Refused,
 * naming both, so each environment gets a location of its own.
 */
final class RawStoreOverlap {
  private RawStoreOverlap() {}

  record Located(EnvironmentSpec env, String location) {}

  /** A location inside the project is shown relative to it, as the files name it. */
  private static String shown(String location, Path root) {
    return location.replace("file:" + root.toAbsolutePath().normalize() + "/", "file:");
  }

  static void check(
      List<EnvironmentSpec> environments, PluginRegistry registry, Path root, Problems problems) {
    List<Located> located = new ArrayList<>();
    for (EnvironmentSpec env : environments.stream().filter(Objects::nonNull).toList()) {
      RawStorePlugin plugin =
          (RawStorePlugin) registry.find(PluginKind.RAW_STORE, env.rawStore().type());
      Optional<String> location =
          plugin == null ? Optional.empty() : plugin.location(env.rawStore().plain(), root);
      location.ifPresent(l -> located.add(new Located(env, l)));
    }
    for (int i = 0; i < located.size(); i++) {
      for (int j = 0; j < i; j++) {
        Located a = located.get(j);
        Located b = located.get(i);
        if (a.location().startsWith(b.location()) || b.location().startsWith(a.location())) {
          problems.add(
              ErrorCode.INVALID_VALUE,
              b.env().rawStore().options().origin(),
              "this raw store ("
                  + shown(b.location(), root)
                  + ") overlaps environment "
                  + a.env().name()
                  + "'s ("
                  + shown(a.location(), root)
                  + "): the two would read and supersede each other's raw partitions; give each"
                  + " environment its own prefix or path");
        }
      }
    }
  }
}
