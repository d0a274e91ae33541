#include "scratch.h"

#include <stdlib.h>

float *zoo_scratch_reserve(float **buf, size_t *cap, size_t count) {
    if (*cap < count) {
        free(*buf);
        *buf = (float *)aligned_alloc(64, ((count * sizeof(float) + 63) / 64) * 64);
        *cap = *buf ? count : 0;
        if (!*buf) abort();
    }
    return *buf;
}
