package app.backcoach.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * The English analysis chains: the index side stems and drops stop words; the query side also
 * expands the bundle's synonyms ("rdl" is "romanian deadlift"); the exact side only lower-cases,
 * for typo-tolerant fuzzy matching.
 */
final class Analyzers {
  private Analyzers() {}

  static Analyzer index() {
    return chain(null, true);
  }

  static Analyzer query(List<List<String>> synonyms) {
    return chain(synonymMap(synonyms), true);
  }

  static Analyzer exact() {
    return chain(null, false);
  }

  private static Analyzer chain(SynonymMap synonyms, boolean stem) {
    CharArraySet stop = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream t = new EnglishPossessiveFilter(source);
        t = new LowerCaseFilter(t);
        t = new ASCIIFoldingFilter(t);
        if (synonyms != null) {
          t = new SynonymGraphFilter(t, synonyms, true);
        }
        t = new StopFilter(t, stop);
        if (stem) {
          t = new PorterStemFilter(t);
        }
        return new TokenStreamComponents(source, t);
      }
    };
  }

  /** Each group's phrases all mean each other. */
  static SynonymMap synonymMap(List<List<String>> groups) {
    try {
      SynonymMap.Builder b = new SynonymMap.Builder(true);
      for (List<String> group : groups) {
        for (String from : group) {
          for (String to : group) {
            if (!from.equals(to)) {
              b.add(phrase(from), phrase(to), true);
            }
          }
        }
      }
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException("building the synonym map failed", e);
    }
  }

  private static CharsRef phrase(String text) {
    String[] words = text.toLowerCase(java.util.Locale.ROOT).trim().split("[\\s-]+");
    return SynonymMap.Builder.join(words, new CharsRefBuilder());
  }
}
