#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H

#include <zlib.h>

// inflateInit2 is a macro (it passes zlib's version and the stream's size to inflateInit2_),
// which Swift cannot call; this function is the macro. Remove it if Swift ever imports
// function-like macros.
static inline int CZlib_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
