"""Index: embedder, Chroma vector store, BM25 keyword index, hybrid retrieval."""
