/**
 * The console adapter: the same engine over stdin and stdout; the core class is {@link
 * app.backcoach.console.ConsoleChat}.
 */
package app.backcoach.console;
