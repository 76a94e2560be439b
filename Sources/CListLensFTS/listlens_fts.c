#include "listlens_fts.h"
#include <sqlite3.h>
#include <string.h>

/* The `listlens` FTS5 tokenizer (see listlens_fts.h). It wraps two of FTS5's own tokenizers:
 * `porter` (over `unicode61 remove_diacritics 2`) and `unicode61 remove_diacritics 2` alone, which
 * split text into the same words, the first stemmed, the second as written (folded).
 *
 * A document's words are indexed stemmed and, where the stem differs, as written too, at the same
 * position (a colocated token). A query word is stemmed, as before, and finds every form that
 * stems alike; a prefix query word is read as written, and finds every word starting so: the
 * written forms are in the index, so `generat*` finds `generated` although its stem is `gener`,
 * and `prototy*` finds `prototype` although `prototy` alone would stem to `prototi`. */

typedef struct Tokenizer {
    fts5_tokenizer porter;
    Fts5Tokenizer *porterInstance;
    fts5_tokenizer plain;
    Fts5Tokenizer *plainInstance;
} Tokenizer;

typedef int (*TokenCallback)(void *, int, const char *, int, int, int);

static void tokenizerDelete(Fts5Tokenizer *p) {
    Tokenizer *t = (Tokenizer *)p;
    if (!t) return;
    if (t->porterInstance) t->porter.xDelete(t->porterInstance);
    if (t->plainInstance) t->plain.xDelete(t->plainInstance);
    sqlite3_free(t);
}

static int tokenizerCreate(void *context, const char **args, int argCount, Fts5Tokenizer **out) {
    fts5_api *api = (fts5_api *)context;
    (void)args;
    (void)argCount;
    *out = 0;
    Tokenizer *t = sqlite3_malloc(sizeof(Tokenizer));
    if (!t) return SQLITE_NOMEM;
    memset(t, 0, sizeof(Tokenizer));
    void *porterData = 0, *plainData = 0;
    static const char *porterArgs[] = {"unicode61", "remove_diacritics", "2"};
    static const char *plainArgs[] = {"remove_diacritics", "2"};
    int rc = api->xFindTokenizer(api, "porter", &porterData, &t->porter);
    if (rc == SQLITE_OK) rc = t->porter.xCreate(porterData, porterArgs, 3, &t->porterInstance);
    if (rc == SQLITE_OK) rc = api->xFindTokenizer(api, "unicode61", &plainData, &t->plain);
    if (rc == SQLITE_OK) rc = t->plain.xCreate(plainData, plainArgs, 2, &t->plainInstance);
    if (rc != SQLITE_OK) {
        tokenizerDelete((Fts5Tokenizer *)t);
        return rc;
    }
    *out = (Fts5Tokenizer *)t;
    return SQLITE_OK;
}

/* The words of one document as written, in order: their bytes one after another. */
typedef struct Written {
    char *bytes;
    int used, capacity;
    int *ends; /* where each word ends in `bytes` */
    int count, countCapacity;
    int next; /* the word the stemmed pass is at */
    void *context;
    TokenCallback callback;
} Written;

static int collectWritten(void *p, int flags, const char *token, int length, int start, int end) {
    Written *w = (Written *)p;
    (void)flags;
    (void)start;
    (void)end;
    if (w->used > 0x3fffffff - length || w->count >= 0x3fffffff) return SQLITE_TOOBIG;
    if (w->used + length > w->capacity) {
        int capacity = w->capacity ? w->capacity : 4096;
        while (capacity < w->used + length) capacity *= 2;
        char *bytes = sqlite3_realloc(w->bytes, capacity);
        if (!bytes) return SQLITE_NOMEM;
        w->bytes = bytes;
        w->capacity = capacity;
    }
    if (w->count == w->countCapacity) {
        int capacity = w->countCapacity ? w->countCapacity * 2 : 512;
        int *ends = sqlite3_realloc(w->ends, capacity * (int)sizeof(int));
        if (!ends) return SQLITE_NOMEM;
        w->ends = ends;
        w->countCapacity = capacity;
    }
    memcpy(w->bytes + w->used, token, (size_t)length);
    w->used += length;
    w->ends[w->count++] = w->used;
    return SQLITE_OK;
}

/* A stemmed word, then its written form at the same position when that differs. */
static int emitStemmedAndWritten(void *p, int flags, const char *token, int length, int start, int end) {
    Written *w = (Written *)p;
    int rc = w->callback(w->context, flags, token, length, start, end);
    if (rc != SQLITE_OK || w->next >= w->count) return rc;
    int i = w->next++;
    int from = i ? w->ends[i - 1] : 0;
    int writtenLength = w->ends[i] - from;
    if (writtenLength == length && memcmp(w->bytes + from, token, (size_t)length) == 0) return SQLITE_OK;
    return w->callback(w->context, FTS5_TOKEN_COLOCATED, w->bytes + from, writtenLength, start, end);
}

static int tokenizerTokenize(Fts5Tokenizer *p, void *context, int flags, const char *text, int length, TokenCallback callback) {
    Tokenizer *t = (Tokenizer *)p;
    if ((flags & FTS5_TOKENIZE_QUERY) && (flags & FTS5_TOKENIZE_PREFIX)) {
        return t->plain.xTokenize(t->plainInstance, context, flags, text, length, callback);
    }
    if (!(flags & FTS5_TOKENIZE_DOCUMENT)) {
        /* Query words, and the positions snippets and highlights read (colocated tokens take none). */
        return t->porter.xTokenize(t->porterInstance, context, flags, text, length, callback);
    }
    Written w;
    memset(&w, 0, sizeof w);
    w.context = context;
    w.callback = callback;
    int rc = t->plain.xTokenize(t->plainInstance, &w, flags, text, length, collectWritten);
    if (rc == SQLITE_OK) rc = t->porter.xTokenize(t->porterInstance, &w, flags, text, length, emitStemmedAndWritten);
    sqlite3_free(w.bytes);
    sqlite3_free(w.ends);
    return rc;
}

int listlens_fts_register(sqlite3 *db) {
    fts5_api *api = 0;
    sqlite3_stmt *statement = 0;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(statement);
    rc = sqlite3_finalize(statement);
    if (rc != SQLITE_OK) return rc;
    if (!api) return SQLITE_ERROR;
    fts5_tokenizer tokenizer = {tokenizerCreate, tokenizerDelete, tokenizerTokenize};
    return api->xCreateTokenizer(api, "listlens", (void *)api, &tokenizer, 0);
}
