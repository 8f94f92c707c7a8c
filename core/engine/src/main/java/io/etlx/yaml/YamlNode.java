package io.etlx.yaml;

/** An immutable YAML tree node that remembers where it was written. */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {
  Origin origin();

  /**
   * What kind of value this is, in the words an error message uses ("a map", "a list", "a string").
   */
  String describe();
}
