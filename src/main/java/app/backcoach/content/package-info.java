/**
 * The coaching content bundle: validated records loaded from YAML; the core class is {@link
 * app.backcoach.content.ContentBundle}.
 */
package app.backcoach.content;
