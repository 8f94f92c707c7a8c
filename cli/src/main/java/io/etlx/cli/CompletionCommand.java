package io.etlx.cli;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code etlx completion}: a bash (and zsh, through bashcompinit) completion script for commands,
 * options, and the pipeline and environment names of the project at hand — read from {@code
 * pipelines/} and {@code environments/} (or those of {@code -C DIR}) each time TAB is pressed.
 */
@Command(
    name = "completion",
    description = {
      "Print a bash/zsh completion script: commands, options, and the project's pipeline and"
          + " environment names.",
      "bash: source <(etlx completion)    zsh: autoload -U +X bashcompinit && bashcompinit &&"
          + " source <(etlx completion)"
    })
final class CompletionCommand implements Callable<Integer> {
  /** Stand-ins the script replaces with the names found when TAB is pressed. */
  private static final String PIPELINES = "__etlx_pipelines__";

  private static final String ENVIRONMENTS = "__etlx_environments__";

  @Spec CommandSpec spec;
  @Mixin HelpOption help;

  /** The pipelines of the project, as the script lists them. */
  static final class Pipelines implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(PIPELINES).iterator();
    }
  }

  /** The environments of the project, as the script lists them. */
  static final class Environments implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of(ENVIRONMENTS).iterator();
    }
  }

  @Override
  public Integer call() {
    String script = AutoComplete.bash("etlx", spec.root().commandLine());
    String names =
        """
        # The YAML files of DIR (pipelines or environments) under the project given by -C, or here.
        _etlx_names() {
          local dir=. i
          for ((i = 1; i < COMP_CWORD; i++)); do
            case "${COMP_WORDS[i]}" in
              -C|--project-dir) dir="${COMP_WORDS[i+1]}" ;;
              --project-dir=*) dir="${COMP_WORDS[i]#--project-dir=}" ;;
            esac
          done
          local f
          for f in "$dir/$1"/*.yaml; do
            [ -e "$f" ] && { f="${f##*/}"; echo "${f%.yaml}"; }
          done
        }
        """;
    script =
        script
            .replace("(\"" + PIPELINES + "\")", "($(_etlx_names pipelines))")
            .replace("(\"" + ENVIRONMENTS + "\")", "($(_etlx_names environments))")
            .replace("(" + PIPELINES + ")", "($(_etlx_names pipelines))")
            .replace("(" + ENVIRONMENTS + ")", "($(_etlx_names environments))");
    spec.commandLine().getOut().print(script + "\n" + names);
    return ExitCode.OK;
  }
}
