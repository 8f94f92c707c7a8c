package io.etlx.yaml;

import io.etlx.error.ErrorCode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one YAML document into a {@link YamlNode} tree with positions. Syntax errors and duplicate
 * keys become {@link Problem}s naming the file, line and column.
 */
public final class YamlReader {
  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  private YamlReader(String file) {
    this.file = file;
  }

  /** Reads {@code path}, naming it {@code displayName} in positions and errors. */
  public static YamlNode read(Path path, String displayName) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      Origin origin = new Origin(displayName, 1, 1, "");
      throw new SpecException(
          List.of(
              Problem.at(
                  ErrorCode.FILE_UNREADABLE, origin, "cannot read file: " + e.getMessage())));
    }
    return parse(text, displayName);
  }

  public static YamlNode parse(String text, String displayName) {
    return new YamlReader(displayName).parse(new StringReader(text));
  }

  private YamlNode parse(Reader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported below, with both positions
    options.setMaxAliasesForCollections(50);
    options.setNestingDepthLimit(100);
    Node root;
    try {
      root = new Yaml(new SafeConstructor(options)).compose(reader);
    } catch (MarkedYAMLException e) {
      throw new SpecException(List.of(syntaxProblem(e)));
    } catch (YAMLException e) {
      Origin origin = new Origin(file, 1, 1, "");
      throw new SpecException(
          List.of(Problem.at(ErrorCode.YAML_SYNTAX, origin, "invalid YAML: " + e.getMessage())));
    }
    if (root == null) {
      return YamlMap.empty(new Origin(file, 1, 1, ""));
    }
    YamlNode tree = convert(root, new Origin(file, 1, 1, ""));
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    return tree;
  }

  private Problem syntaxProblem(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    Origin origin =
        mark == null
            ? new Origin(file, 1, 1, "")
            : new Origin(file, mark.getLine() + 1, mark.getColumn() + 1, "");
    String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
    String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
    return Problem.at(ErrorCode.YAML_SYNTAX, origin, "invalid YAML: " + problem + context);
  }

  private YamlNode convert(Node node, Origin path) {
    Origin origin = path.at(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    if (node instanceof ScalarNode scalar) {
      return YamlScalar.of(origin, scalar.getValue(), scalar.isPlain());
    }
    if (node instanceof SequenceNode sequence) {
      List<YamlNode> items = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        items.add(convert(item, origin.child(items.size())));
      }
      return new YamlList(origin, items);
    }
    return convertMap((MappingNode) node, origin);
  }

  private YamlMap convertMap(MappingNode mapping, Origin origin) {
    Map<String, YamlNode> values = new LinkedHashMap<>();
    Map<String, Origin> keyOrigins = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Mark keyMark = keyNode.getStartMark();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        Origin at = origin.at(keyMark.getLine() + 1, keyMark.getColumn() + 1);
        problems.add(Problem.at(ErrorCode.YAML_SYNTAX, at, "map keys must be plain text"));
        continue;
      }
      String key = scalarKey.getValue();
      Origin child = origin.child(key);
      Origin keyOrigin = child.at(keyMark.getLine() + 1, keyMark.getColumn() + 1);
      if (values.containsKey(key)) {
        Origin first = keyOrigins.get(key);
        problems.add(
            Problem.at(
                ErrorCode.YAML_DUPLICATE_KEY,
                keyOrigin,
                "duplicate key '" + key + "' (first defined at line " + first.line() + ")"));
        continue;
      }
      keyOrigins.put(key, keyOrigin);
      values.put(key, convert(tuple.getValueNode(), child));
    }
    return new YamlMap(origin, values, keyOrigins);
  }
}
