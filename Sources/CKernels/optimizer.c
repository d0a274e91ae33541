// Optimiser loops for Zoo's DSL: the Adam and RMSprop updates and the per-parameter sums of
// squares of gradient-norm clipping. Both exist because the Swift loops they replace were slow for
// reasons that do not touch the arithmetic: Swift's SIMD8 square root is scalarised (a
// call per lane) on baseline x86-64, and a float sum is one serial chain of additions.
//
// Bitwise contract: every element goes through exactly the operations, in the order, of
// the scalar Swift code (`torch.optim.Adam`'s order), each correctly rounded. Contraction
// into fused multiply-adds is off for the whole file, and the AVX path is compiled for
// "avx" only (no FMA instructions exist there), so no compiler setting can change a bit.

#pragma STDC FP_CONTRACT OFF

#include "CKernels.h"
#include <math.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ZOO_X86 1
#endif

static inline void adam_scalar(long i, float *w, const float *g, float *m, float *v,
                               const zoo_adam_constants *k) {
    float gi = g[i];
    float mi = m[i] + k->lerp_weight * (gi - m[i]);
    float vi = v[i] * k->beta2 + k->square_weight * gi * gi;
    float denom = sqrtf(vi) / k->correction2_root + k->epsilon;
    w[i] = w[i] + k->negative_step_size * (mi / denom);
    m[i] = mi;
    v[i] = vi;
}

#ifdef ZOO_X86
__attribute__((target("avx")))
static long adam_avx(long n, float *w, const float *g, float *m, float *v, const zoo_adam_constants *k) {
    const __m256 lerp = _mm256_set1_ps(k->lerp_weight), beta2 = _mm256_set1_ps(k->beta2);
    const __m256 square = _mm256_set1_ps(k->square_weight), root = _mm256_set1_ps(k->correction2_root);
    const __m256 eps = _mm256_set1_ps(k->epsilon), step = _mm256_set1_ps(k->negative_step_size);
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i), mi = _mm256_loadu_ps(m + i), vi = _mm256_loadu_ps(v + i);
        mi = _mm256_add_ps(mi, _mm256_mul_ps(lerp, _mm256_sub_ps(gi, mi)));
        vi = _mm256_add_ps(_mm256_mul_ps(vi, beta2), _mm256_mul_ps(_mm256_mul_ps(square, gi), gi));
        __m256 denom = _mm256_add_ps(_mm256_div_ps(_mm256_sqrt_ps(vi), root), eps);
        __m256 wi = _mm256_add_ps(_mm256_loadu_ps(w + i), _mm256_mul_ps(step, _mm256_div_ps(mi, denom)));
        _mm256_storeu_ps(m + i, mi);
        _mm256_storeu_ps(v + i, vi);
        _mm256_storeu_ps(w + i, wi);
    }
    return i;
}

static int cpu_has_avx(void) {
    static int has = -1;
    if (has < 0) {
        __builtin_cpu_init();
        has = __builtin_cpu_supports("avx");
    }
    return has;
}
#endif

void zoo_adam_step(long n, float *w, const float *g, float *m, float *v, const zoo_adam_constants *k) {
    long i = 0;
#ifdef ZOO_X86
    if (cpu_has_avx()) i = adam_avx(n, w, g, m, v, k);
#endif
    for (; i < n; i++) adam_scalar(i, w, g, m, v, k);
}

static inline void rmsprop_scalar(long i, float *w, const float *g, float *sq, float *ga, float *b,
                                  const zoo_rmsprop_constants *k) {
    float gi = g[i];
    float si = sq[i] * k->alpha + k->keep * gi * gi;
    sq[i] = si;
    float average;
    if (ga) {
        float ai = ga[i] + k->keep * (gi - ga[i]);
        ga[i] = ai;
        average = sqrtf(si + -1.0f * ai * ai);
    } else {
        average = sqrtf(si);
    }
    average = average + k->epsilon;
    if (b) {
        float bi = b[i] * k->momentum + gi / average;
        b[i] = bi;
        w[i] = w[i] + k->negative_rate * bi;
    } else {
        w[i] = w[i] + k->negative_rate * (gi / average);
    }
}

#ifdef ZOO_X86
__attribute__((target("avx")))
static long rmsprop_avx(long n, float *w, const float *g, float *sq, float *ga, float *b,
                        const zoo_rmsprop_constants *k) {
    const __m256 alpha = _mm256_set1_ps(k->alpha), keep = _mm256_set1_ps(k->keep);
    const __m256 eps = _mm256_set1_ps(k->epsilon), rate = _mm256_set1_ps(k->negative_rate);
    const __m256 momentum = _mm256_set1_ps(k->momentum), minus_one = _mm256_set1_ps(-1.0f);
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 gi = _mm256_loadu_ps(g + i);
        __m256 si = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(sq + i), alpha),
                                  _mm256_mul_ps(_mm256_mul_ps(keep, gi), gi));
        _mm256_storeu_ps(sq + i, si);
        __m256 average;
        if (ga) {
            __m256 ai = _mm256_loadu_ps(ga + i);
            ai = _mm256_add_ps(ai, _mm256_mul_ps(keep, _mm256_sub_ps(gi, ai)));
            _mm256_storeu_ps(ga + i, ai);
            average = _mm256_sqrt_ps(_mm256_add_ps(si, _mm256_mul_ps(_mm256_mul_ps(minus_one, ai), ai)));
        } else {
            average = _mm256_sqrt_ps(si);
        }
        average = _mm256_add_ps(average, eps);
        __m256 wi = _mm256_loadu_ps(w + i);
        if (b) {
            __m256 bi = _mm256_add_ps(_mm256_mul_ps(_mm256_loadu_ps(b + i), momentum), _mm256_div_ps(gi, average));
            _mm256_storeu_ps(b + i, bi);
            wi = _mm256_add_ps(wi, _mm256_mul_ps(rate, bi));
        } else {
            wi = _mm256_add_ps(wi, _mm256_mul_ps(rate, _mm256_div_ps(gi, average)));
        }
        _mm256_storeu_ps(w + i, wi);
    }
    return i;
}
#endif

void zoo_rmsprop_step(long n, float *w, const float *g, float *sq, float *ga, float *b,
                      const zoo_rmsprop_constants *k) {
    long i = 0;
#ifdef ZOO_X86
    if (cpu_has_avx()) i = rmsprop_avx(n, w, g, sq, ga, b, k);
#endif
    for (; i < n; i++) rmsprop_scalar(i, w, g, sq, ga, b, k);
}

// Sums of squares of up to four arrays: all four chains advance together while every array
// has elements left, then three, two, one (so the arrays must come longest first).
static void sums_of_squares4(int k, const float *const *x, const long *n, float *sums) {
    const float *a = x[0], *b = k > 1 ? x[1] : x[0], *c = k > 2 ? x[2] : x[0], *d = k > 3 ? x[3] : x[0];
    float sa = 0, sb = 0, sc = 0, sd = 0;
    long j = 0;
    for (int active = k; active > 0; active--) {
        long end = n[active - 1];
        switch (active) {
        case 4:
            for (; j < end; j++) {
                sa = sa + a[j] * a[j];
                sb = sb + b[j] * b[j];
                sc = sc + c[j] * c[j];
                sd = sd + d[j] * d[j];
            }
            break;
        case 3:
            for (; j < end; j++) {
                sa = sa + a[j] * a[j];
                sb = sb + b[j] * b[j];
                sc = sc + c[j] * c[j];
            }
            break;
        case 2:
            for (; j < end; j++) {
                sa = sa + a[j] * a[j];
                sb = sb + b[j] * b[j];
            }
            break;
        default:
            for (; j < end; j++) sa = sa + a[j] * a[j];
        }
    }
    float all[4] = {sa, sb, sc, sd};
    for (int i = 0; i < k; i++) sums[i] = all[i];
}

void zoo_sums_of_squares(long count, const float *const *x, const long *n, float *sums) {
    // Independent chains advance together (each still adds its own elements in order), so
    // the additions' latencies overlap instead of adding up; with the arrays longest first,
    // the long chains overlap each other.
    for (long p = 0; p < count; p += 4) {
        int k = count - p < 4 ? (int)(count - p) : 4;
        sums_of_squares4(k, x + p, n + p, sums + p);
    }
}
