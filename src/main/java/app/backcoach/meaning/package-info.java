/**
 * Sentence meaning: {@link app.backcoach.meaning.Embedder} turns text into a vector whose cosine
 * similarity to another reflects how close their meanings are. The model (all-MiniLM-L6-v2,
 * quantized, in-process through ONNX Runtime) ships inside a Maven artifact, loads in the
 * background, and is never downloaded at run time.
 */
package app.backcoach.meaning;
