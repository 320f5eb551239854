/**
 * The Telegram adapter, the only package that imports the Telegram library. The core class is
 * {@link app.backcoach.telegram.TelegramBot}.
 */
package app.backcoach.telegram;
