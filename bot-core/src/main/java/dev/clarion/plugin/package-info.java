/**
 * The PF4J host: finds {@link dev.clarion.api.ChannelPlugin}s in plugin jars/zips under the plugins
 * directory (each in its own class loader, sharing only {@code dev.clarion.api}, PF4J and slf4j-api
 * with the host) and, in development and tests, on the class path (reactor modules); reports and
 * skips a plugin that fails to load or start; gives each a {@link dev.clarion.api.ChannelContext}.
 */
package dev.clarion.plugin;
