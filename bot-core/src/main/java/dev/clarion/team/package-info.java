/** Teams: named groups of users, used as escalation targets and for ownership. */
package dev.clarion.team;
