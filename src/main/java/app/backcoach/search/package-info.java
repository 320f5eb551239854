/**
 * Free-text questions answered from the content bundle, with Lucene; the core class is {@link
 * app.backcoach.search.ContentIndex}.
 */
package app.backcoach.search;
