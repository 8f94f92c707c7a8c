package io.etlx.spi;

/**
 * Resolves option templates for a run: {@code ${date}} and {@code ${date:FORMAT}} (the logical
 * date), {@code ${env.X}} (the environment's vars) and {@code ${VAR}} / {@code ${VAR:-default}}
 * (the process environment, where secrets come from). Options arrive unresolved; a plug-in resolves
 * them when it needs the value, and redacts them for anything shown to people.
 */
public interface Templates {
  /**
   * The template's value.
   *
   * @throws io.etlx.error.EtlxException {@code MISSING_ENV_VAR} naming every variable that is not
   *     set
   */
  String resolve(String template);

  /**
   * The template with the logical date and overlay values resolved but every process variable left
   * as {@code ${NAME}}: for messages, logs and manifests, which must never hold a secret.
   */
  String redact(String template);
}
