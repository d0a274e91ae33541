// Vectorised exp and tanh for Zoo's DSL. Same algorithms as Cephes' expf/tanhf
// (range reduction by ln 2 and a degree-5 polynomial; tanh by a polynomial near 0 and
// 1 - 2/(exp(2|x|) + 1) elsewhere), with an AVX2/FMA path chosen at run time.

#include "CKernels.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ZOO_X86 1
#endif

#define EXP_HI 88.3762626647949f
#define EXP_LO -87.3365478515625f
#define LOG2E 1.44269504088896341f
#define LN2_HI 0.693359375f
#define LN2_LO -2.12194440e-4f
#define P0 1.9875691500E-4f
#define P1 1.3981999507E-3f
#define P2 8.3334519073E-3f
#define P3 4.1665795894E-2f
#define P4 1.6666665459E-1f
#define P5 5.0000001201E-1f
#define T0 -5.70498872745E-3f
#define T1 2.06390887954E-2f
#define T2 -5.37397155531E-2f
#define T3 1.33314422036E-1f
#define T4 -3.33332819422E-1f

static inline float exp_scalar(float x) {
    if (x > EXP_HI) return INFINITY;
    if (x < EXP_LO) return 0.0f;
    float fx = floorf(x * LOG2E + 0.5f);
    float r = x - fx * LN2_HI - fx * LN2_LO;
    float z = r * r;
    float y = ((((P0 * r + P1) * r + P2) * r + P3) * r + P4) * r + P5;
    y = y * z + r + 1.0f;
    int32_t bits = ((int32_t)fx + 127) << 23;
    float scale;
    memcpy(&scale, &bits, sizeof(scale));
    return y * scale;
}

static inline float tanh_scalar(float x) {
    float a = fabsf(x);
    if (a < 0.625f) {
        float z = x * x;
        return ((((T0 * z + T1) * z + T2) * z + T3) * z + T4) * z * x + x;
    }
    if (a > 9.0f) return x > 0 ? 1.0f : -1.0f;
    float e = exp_scalar(2.0f * a);
    float y = 1.0f - 2.0f / (e + 1.0f);
    return x > 0 ? y : -y;
}

#ifdef ZOO_X86
__attribute__((target("avx2,fma")))
static inline __m256 exp_avx2(__m256 x) {
    x = _mm256_min_ps(x, _mm256_set1_ps(EXP_HI));
    x = _mm256_max_ps(x, _mm256_set1_ps(EXP_LO));
    __m256 fx = _mm256_floor_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(LOG2E), _mm256_set1_ps(0.5f)));
    __m256 r = _mm256_fnmadd_ps(fx, _mm256_set1_ps(LN2_HI), x);
    r = _mm256_fnmadd_ps(fx, _mm256_set1_ps(LN2_LO), r);
    __m256 z = _mm256_mul_ps(r, r);
    __m256 y = _mm256_set1_ps(P0);
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(P1));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(P2));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(P3));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(P4));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(P5));
    y = _mm256_fmadd_ps(y, z, _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    __m256i n = _mm256_cvtps_epi32(fx);
    n = _mm256_slli_epi32(_mm256_add_epi32(n, _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(n));
}

__attribute__((target("avx2,fma")))
static void vexp_avx2(long n, const float *x, float *y) {
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        __m256 r = exp_avx2(v);
        // exp_avx2 clamps; restore +inf above the range like the scalar path.
        __m256 over = _mm256_cmp_ps(v, _mm256_set1_ps(EXP_HI), _CMP_GT_OQ);
        r = _mm256_blendv_ps(r, _mm256_set1_ps(INFINITY), over);
        __m256 under = _mm256_cmp_ps(v, _mm256_set1_ps(EXP_LO), _CMP_LT_OQ);
        r = _mm256_blendv_ps(r, _mm256_setzero_ps(), under);
        _mm256_storeu_ps(y + i, r);
    }
    for (; i < n; i++) y[i] = exp_scalar(x[i]);
}

__attribute__((target("avx2,fma")))
static void vtanh_avx2(long n, const float *x, float *y) {
    const __m256 signMask = _mm256_set1_ps(-0.0f);
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        __m256 a = _mm256_andnot_ps(signMask, v);
        __m256 z = _mm256_mul_ps(v, v);
        __m256 p = _mm256_set1_ps(T0);
        p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(T1));
        p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(T2));
        p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(T3));
        p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(T4));
        __m256 small = _mm256_fmadd_ps(_mm256_mul_ps(p, z), v, v);
        __m256 e = exp_avx2(_mm256_mul_ps(_mm256_set1_ps(2.0f), _mm256_min_ps(a, _mm256_set1_ps(9.0f))));
        __m256 big = _mm256_sub_ps(_mm256_set1_ps(1.0f),
                                   _mm256_div_ps(_mm256_set1_ps(2.0f), _mm256_add_ps(e, _mm256_set1_ps(1.0f))));
        big = _mm256_blendv_ps(big, _mm256_set1_ps(1.0f),
                               _mm256_cmp_ps(a, _mm256_set1_ps(9.0f), _CMP_GT_OQ));
        big = _mm256_or_ps(big, _mm256_and_ps(signMask, v));
        __m256 useSmall = _mm256_cmp_ps(a, _mm256_set1_ps(0.625f), _CMP_LT_OQ);
        _mm256_storeu_ps(y + i, _mm256_blendv_ps(big, small, useSmall));
    }
    for (; i < n; i++) y[i] = tanh_scalar(x[i]);
}

static int cpu_has_avx2(void) {
    static int has = -1;
    if (has < 0) {
        __builtin_cpu_init();
        has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return has;
}
#endif

void zoo_vexp(long n, const float *x, float *y) {
#ifdef ZOO_X86
    if (cpu_has_avx2()) {
        vexp_avx2(n, x, y);
        return;
    }
#endif
    for (long i = 0; i < n; i++) y[i] = exp_scalar(x[i]);
}

void zoo_vtanh(long n, const float *x, float *y) {
#ifdef ZOO_X86
    if (cpu_has_avx2()) {
        vtanh_avx2(n, x, y);
        return;
    }
#endif
    for (long i = 0; i < n; i++) y[i] = tanh_scalar(x[i]);
}
