/**
 * SQLite storage: {@link app.backcoach.storage.Database} owns the connections; one repository per
 * aggregate.
 */
package app.backcoach.storage;
