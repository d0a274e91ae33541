#include "scratch.h"

#include <stdlib.h>

void *zoo_scratch_reserve(zoo_scratch *s, size_t bytes) {
    if (s->bytes < bytes) {
        free(s->data);
        s->data = aligned_alloc(64, (bytes + 63) / 64 * 64);
        s->bytes = s->data ? bytes : 0;
        if (!s->data) abort();
    }
    return s->data;
}
