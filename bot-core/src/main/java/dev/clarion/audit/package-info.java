/**
 * Who did what, when: the append-only audit log and the {@link dev.clarion.audit.Actor} that every
 * change names (a user through a surface, an integration, or Clarion itself).
 */
package dev.clarion.audit;
