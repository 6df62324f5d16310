/**
 * The Slack channel: Block Kit incident messages posted and edited through Slack's Web API, and the
 * {@code /clarion} slash command and message buttons coming back over HTTP, signature-checked here
 * and dispatched by Bolt's transport-agnostic {@code App.run}. Sees only {@code dev.clarion.api};
 * queueing, ordering, limits and retries are the core's. Bolt and its okhttp/gson/kotlin stay in
 * this plugin's class loader.
 */
package dev.clarion.plugins.slack;
