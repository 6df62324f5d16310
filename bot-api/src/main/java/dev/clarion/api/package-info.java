/**
 * Clarion's plugin SPI: the only package channel plugins see. It stays small and depends on PF4J
 * alone (provided by the host); when a plugin needs something from the core, a narrow method is
 * added to {@link dev.clarion.api.ChannelContext} rather than a core class leaking out. The host
 * shares exactly this package and slf4j-api with plugins; everything else a plugin bundles stays in
 * its own class loader.
 */
package dev.clarion.api;
