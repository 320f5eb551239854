/**
 * The red-flag screen: {@link app.backcoach.safety.RedFlagScreen} finds red-flag concepts in what a
 * user types, by lay vocabulary and, as a second net, by meaning; context rules (negated, past,
 * hypothetical, someone else) clear mentions that are not the user's own current problem.
 */
package app.backcoach.safety;
