/**
 * Clarion's plugin SPI: the only package channel plugins see. It stays small and dependency-free;
 * when a plugin needs something from the core, a narrow method is added here rather than a core
 * class leaking out. The channel extension point itself arrives with the delivery work.
 */
package dev.clarion.api;
