// Scratch buffers shared by the C kernels: per-thread, grown on demand, reused across calls,
// so a kernel in steady state allocates nothing.
#ifndef ZOO_SCRATCH_H
#define ZOO_SCRATCH_H

#include <stddef.h>

// `*buf` with room for at least `count` floats (64-byte aligned), reallocated only when it
// is too small; aborts when memory runs out (a kernel has no error path).
float *zoo_scratch_reserve(float **buf, size_t *cap, size_t count);

#endif
