/**
 * What users can see, export and erase of their data; the core class is {@link
 * app.backcoach.privacy.UserData}.
 */
package app.backcoach.privacy;
