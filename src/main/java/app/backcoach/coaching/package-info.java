/**
 * Plans and the rules that choose them; the core class is {@link
 * app.backcoach.coaching.PlanBuilder}.
 */
package app.backcoach.coaching;
