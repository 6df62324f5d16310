/**
 * The storage port shared by all domain packages: {@link dev.clarion.store.Transactions}. Each
 * domain package declares its own store interface; {@code store.jdbc} implements them all.
 */
package dev.clarion.store;
