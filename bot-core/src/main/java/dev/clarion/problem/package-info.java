/**
 * How the domain says "no": one exception type carrying a kind (not found, invalid, conflict, ...),
 * the field at fault and a sentence for people. Adapters translate kinds to HTTP statuses, CLI exit
 * codes and chat replies in one place each.
 */
package dev.clarion.problem;
