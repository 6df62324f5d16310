/**
 * The FreeMarker adapter behind {@link dev.clarion.api.Templates}: sandboxed (no class
 * instantiation, no {@code ?api}, no files outside the templates directory), per-channel and
 * per-locale lookup with an English fallback. Values are escaped before FreeMarker sees them, so a
 * template cannot forget to.
 */
package dev.clarion.template;
