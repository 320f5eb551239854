/**
 * The conversation as a pure function, {@link app.backcoach.conversation.Engine}: (state, event,
 * now) to (next state, replies). No Telegram types, no I/O, no clock reads.
 */
package app.backcoach.conversation;
