#ifndef LISTLENS_FTS_H
#define LISTLENS_FTS_H

/* Declared, not included: Swift sees SQLite through GRDB's module, and this header must not
 * bring a second copy of its declarations. */
typedef struct sqlite3 sqlite3;

/// Registers the FTS5 tokenizer `listlens` on a connection: words folded by `unicode61
/// remove_diacritics 2` and stemmed by Porter; documents keep each word as written beside its
/// stem, so a prefix query word, read as written, finds every word it starts (`generat*` finds
/// `generated`, whose stem is `gener`). Returns an SQLite result code.
int listlens_fts_register(sqlite3 *db);

#endif
