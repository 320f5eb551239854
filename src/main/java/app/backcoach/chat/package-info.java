/**
 * Applies events to stored state: {@link app.backcoach.chat.ChatService} is what every adapter
 * calls.
 */
package app.backcoach.chat;
