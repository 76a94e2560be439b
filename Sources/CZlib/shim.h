#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
/* inflateInit2 is a function-like macro: Swift cannot call it. */
static inline int czlib_inflateInit2(z_streamp strm, int windowBits) { return inflateInit2(strm, windowBits); }
#endif
