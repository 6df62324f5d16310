/**
 * Configuration: reading {@code clarion.yml} into a validated {@link
 * dev.clarion.config.ClarionConfig} (server, database and ingest settings plus the services, users,
 * teams and integrations of the domain packages), with every problem reported as file:line:column
 * and key path, {@code ${env:NAME}} secrets resolved from an injected environment, and the
 * in-memory {@link dev.clarion.config.ConfiguredDirectory} that serves the domain's directory
 * ports. SnakeYAML may be used here and nowhere in the domain; domain packages must not import this
 * package (they see configuration only through their own ports), and nothing here may log or print
 * a secret value.
 */
package dev.clarion.config;
