package app.backcoach.search;

import app.backcoach.content.ContentBundle;
import app.backcoach.content.Exercise;
import app.backcoach.content.Guidance;
import app.backcoach.content.Mistake;
import app.backcoach.content.Routine;
import app.backcoach.conversation.Search;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * An in-memory Lucene index of the bundle's mistakes, exercises, routines and guidance, built at
 * startup. Titles, keywords and signs weigh more than body text; synonyms from the bundle widen the
 * query; a fuzzy clause on exact words forgives typos. Only hits scoring at least {@link
 * #MIN_SCORE} count, so an unrelated question gets no answer.
 */
public final class ContentIndex implements Search {
  /**
   * Below this BM25 score a hit is not a real answer; set from the labelled question set
   * (docs/SEARCH.md).
   */
  static final double MIN_SCORE = 16.0;

  static final Map<String, Float> BOOSTS =
      Map.of("title", 3f, "keywords", 2.5f, "signs", 2f, "body", 1f);
  private static final float FUZZY_BOOST = 1.2f;

  private final IndexSearcher searcher;
  private final QueryBuilder queries;
  private final Analyzer exact = Analyzers.exact();
  private final double minScore;

  private ContentIndex(IndexSearcher searcher, Analyzer queryAnalyzer, double minScore) {
    this.searcher = searcher;
    this.queries = new QueryBuilder(queryAnalyzer);
    this.minScore = minScore;
  }

  public static ContentIndex build(ContentBundle content) {
    return build(content, MIN_SCORE);
  }

  static ContentIndex build(ContentBundle content, double minScore) {
    try {
      ByteBuffersDirectory dir = new ByteBuffersDirectory();
      Map<String, Analyzer> perField = new HashMap<>();
      perField.put("exact", Analyzers.exact());
      Analyzer indexAnalyzer = new PerFieldAnalyzerWrapper(Analyzers.index(), perField);
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(indexAnalyzer))) {
        for (Mistake m : content.mistakes()) {
          w.addDocument(
              doc(
                  "mistake",
                  m.id(),
                  m.title(),
                  m.keywords(),
                  String.join(". ", m.signs()),
                  m.why() + " " + String.join(" ", m.fix())));
        }
        for (Exercise e : content.exercises()) {
          w.addDocument(
              doc(
                  "exercise",
                  e.id(),
                  e.name(),
                  e.keywords(),
                  "",
                  String.join(" ", e.steps()) + " " + String.join(" ", e.cues())));
        }
        for (Routine r : content.routines()) {
          w.addDocument(doc("routine", r.id(), r.title(), r.keywords(), "", r.purpose()));
        }
        for (Guidance g : content.guidance()) {
          w.addDocument(doc("guidance", g.id(), g.title(), g.keywords(), "", g.text()));
        }
      }
      IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
      return new ContentIndex(searcher, Analyzers.query(content.synonyms()), minScore);
    } catch (IOException e) {
      throw new UncheckedIOException("building the question index failed", e);
    }
  }

  private static Document doc(
      String kind, String id, String title, List<String> keywords, String signs, String body) {
    Document d = new Document();
    d.add(new StoredField("kind", kind));
    d.add(new StoredField("id", id));
    String kw = String.join(" ; ", keywords);
    d.add(new TextField("title", title, Field.Store.NO));
    d.add(new TextField("keywords", kw, Field.Store.NO));
    d.add(new TextField("signs", signs, Field.Store.NO));
    d.add(new TextField("body", body, Field.Store.NO));
    d.add(new TextField("exact", title + " ; " + kw, Field.Store.NO));
    return d;
  }

  /** The score a hit needs to count as an answer. */
  public double minScore() {
    return minScore;
  }

  @Override
  public List<Found> find(String question, int max) {
    return search(question, max, minScore);
  }

  /** Every hit with its score, unfiltered: for content authors tuning the bundle ({@code ask}). */
  public List<Found> explain(String question, int max) {
    return search(question, max, 0);
  }

  private List<Found> search(String question, int max, double floor) {
    String text = question.length() > 1_000 ? question.substring(0, 1_000) : question;
    Query query = query(text);
    if (query == null) {
      return List.of();
    }
    try {
      List<Found> out = new ArrayList<>();
      for (ScoreDoc sd : searcher.search(query, max).scoreDocs) {
        if (sd.score < floor) {
          break;
        }
        Document d = searcher.storedFields().document(sd.doc);
        out.add(new Found(d.get("kind"), d.get("id"), sd.score));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("searching the question index failed", e);
    }
  }

  Query query(String text) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    int clauses = 0;
    for (var field : BOOSTS.entrySet()) {
      Query q = queries.createBooleanQuery(field.getKey(), text, BooleanClause.Occur.SHOULD);
      if (q != null) {
        b.add(new BoostQuery(q, field.getValue()), BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    for (String word : words(text)) {
      if (word.length() >= 4) {
        int edits = word.length() >= 7 ? 2 : 1;
        b.add(
            new BoostQuery(new FuzzyQuery(new Term("exact", word), edits, 1), FUZZY_BOOST),
            BooleanClause.Occur.SHOULD);
        clauses++;
      }
    }
    return clauses == 0 ? null : b.build();
  }

  private Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = exact.tokenStream("exact", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && out.size() < 30) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
