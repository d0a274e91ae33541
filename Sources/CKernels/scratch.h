// Scratch buffers shared by the C kernels: per-thread, grown on demand, reused across calls,
// so a kernel in steady state allocates nothing.
#ifndef ZOO_SCRATCH_H
#define ZOO_SCRATCH_H

#include <stddef.h>

// One buffer; zero-initialised (a static) it is empty.
typedef struct {
    void *data;
    size_t bytes;
} zoo_scratch;

// `s->data` with room for at least `bytes` (64-byte aligned), reallocated only when it is
// too small; aborts when memory runs out (a kernel has no error path).
void *zoo_scratch_reserve(zoo_scratch *s, size_t bytes);

#endif
