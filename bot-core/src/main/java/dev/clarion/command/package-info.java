/**
 * The command catalogue: every chat-facing command (incident list, show, ack, resolve, comment, new,
 * help) defined once with its arguments, required role and a reply <em>model</em>. The CLI, the REST
 * API and every chat plugin run commands through {@link dev.clarion.command.CommandCatalog}; they
 * only render the {@link dev.clarion.command.Reply}. Nothing here knows Slack JSON or Telegram HTML.
 */
package dev.clarion.command;
