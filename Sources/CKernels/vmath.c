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
// The AVX2 loops are written in assembly: the instructions, in order, that their former
// intrinsics compiled to (so the same bits): clamp, range reduction by ln 2 (floor of
// x·log2e + ½, two-part ln 2), the Cephes polynomial, 2^n by exponent bits; tanh as the
// scalar path. In assembly every value stays in a register however the file is compiled —
// a debug build compiles C at -O0, where each intrinsic's result went through the stack.
static const float vmath_constants[] __attribute__((aligned(32))) = {
    EXP_HI, EXP_LO, LOG2E, 0.5f, LN2_HI, LN2_LO, P0, P1, P2, P3, P4, P5, 1.0f, 0.0f,
    T0, T1, T2, T3, T4, 2.0f, 9.0f, 0.625f, -0.0f, INFINITY,
};
// Byte offsets into vmath_constants.
#define K_HI "0"
#define K_LO "4"
#define K_LOG2E "8"
#define K_HALF "12"
#define K_LN2HI "16"
#define K_LN2LO "20"
#define K_ONE "48"
#define K_TWO "76"
#define K_NINE "80"
#define K_SMALL "84"
#define K_SIGN "88"
#define K_INF "92"

// ymm0 = exp(ymm0) for inputs within [EXP_LO, EXP_HI] (clamped to it); uses ymm1–ymm6;
// %[k] points at vmath_constants (P0…P5 at bytes 24…44).
#define EXP_YMM0                                                            \
    "vbroadcastss " K_HI "(%[k]), %%ymm5\n\t"                                \
    "vminps %%ymm5, %%ymm0, %%ymm0\n\t"                                      \
    "vbroadcastss " K_LO "(%[k]), %%ymm5\n\t"                                \
    "vmaxps %%ymm5, %%ymm0, %%ymm0\n\t"                                      \
    "vbroadcastss " K_LOG2E "(%[k]), %%ymm1\n\t"                             \
    "vbroadcastss " K_HALF "(%[k]), %%ymm5\n\t"                              \
    "vfmadd213ps %%ymm5, %%ymm0, %%ymm1\n\t"                                 \
    "vroundps $1, %%ymm1, %%ymm1\n\t"                                        \
    "vmovaps %%ymm0, %%ymm2\n\t"                                             \
    "vbroadcastss " K_LN2HI "(%[k]), %%ymm5\n\t"                             \
    "vfnmadd231ps %%ymm5, %%ymm1, %%ymm2\n\t"                                \
    "vbroadcastss " K_LN2LO "(%[k]), %%ymm5\n\t"                             \
    "vfnmadd231ps %%ymm5, %%ymm1, %%ymm2\n\t"                                \
    "vmulps %%ymm2, %%ymm2, %%ymm3\n\t"                                      \
    "vbroadcastss 24(%[k]), %%ymm4\n\t"                                      \
    "vbroadcastss 28(%[k]), %%ymm5\n\t"                                      \
    "vfmadd213ps %%ymm5, %%ymm2, %%ymm4\n\t"                                 \
    "vbroadcastss 32(%[k]), %%ymm5\n\t"                                      \
    "vfmadd213ps %%ymm5, %%ymm2, %%ymm4\n\t"                                 \
    "vbroadcastss 36(%[k]), %%ymm5\n\t"                                      \
    "vfmadd213ps %%ymm5, %%ymm2, %%ymm4\n\t"                                 \
    "vbroadcastss 40(%[k]), %%ymm5\n\t"                                      \
    "vfmadd213ps %%ymm5, %%ymm2, %%ymm4\n\t"                                 \
    "vbroadcastss 44(%[k]), %%ymm5\n\t"                                      \
    "vfmadd213ps %%ymm5, %%ymm2, %%ymm4\n\t"                                 \
    "vbroadcastss " K_ONE "(%[k]), %%ymm5\n\t"                               \
    "vaddps %%ymm5, %%ymm2, %%ymm5\n\t"                                      \
    "vfmadd213ps %%ymm5, %%ymm3, %%ymm4\n\t"                                 \
    "vcvtps2dq %%ymm1, %%ymm6\n\t"                                           \
    "vpcmpeqd %%ymm5, %%ymm5, %%ymm5\n\t"                                    \
    "vpsrld $25, %%ymm5, %%ymm5\n\t"                                         \
    "vpaddd %%ymm5, %%ymm6, %%ymm6\n\t"                                      \
    "vpslld $23, %%ymm6, %%ymm6\n\t"                                         \
    "vmulps %%ymm6, %%ymm4, %%ymm0\n\t"

__attribute__((target("avx2,fma")))
static void vexp_avx2(long n, const float *x, float *y) {
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        // EXP_YMM0 clamps; +inf above the range and 0 below, like the scalar path.
        __asm__ volatile(
            "vmovups (%[x]), %%ymm0\n\t"
            "vmovaps %%ymm0, %%ymm8\n\t"
            EXP_YMM0
            "vbroadcastss " K_HI "(%[k]), %%ymm5\n\t"
            "vcmpps $0x1e, %%ymm5, %%ymm8, %%ymm9\n\t"
            "vbroadcastss " K_INF "(%[k]), %%ymm5\n\t"
            "vblendvps %%ymm9, %%ymm5, %%ymm0, %%ymm0\n\t"
            "vbroadcastss " K_LO "(%[k]), %%ymm5\n\t"
            "vcmpps $0x11, %%ymm5, %%ymm8, %%ymm9\n\t"
            "vxorps %%ymm5, %%ymm5, %%ymm5\n\t"
            "vblendvps %%ymm9, %%ymm5, %%ymm0, %%ymm0\n\t"
            "vmovups %%ymm0, (%[y])\n\t"
            :
            : [x] "r"(x + i), [y] "r"(y + i), [k] "r"(vmath_constants)
            : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm8", "xmm9", "memory");
    }
    for (; i < n; i++) y[i] = exp_scalar(x[i]);
}

__attribute__((target("avx2,fma")))
static void vtanh_avx2(long n, const float *x, float *y) {
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __asm__ volatile(
            // v = ymm8, a = |v| = ymm9, z = v² = ymm10
            "vmovups (%[x]), %%ymm8\n\t"
            "vbroadcastss " K_SIGN "(%[k]), %%ymm13\n\t"
            "vandnps %%ymm8, %%ymm13, %%ymm9\n\t"
            "vmulps %%ymm8, %%ymm8, %%ymm10\n\t"
            // small = (poly(z) · z) · v + v = ymm11
            "vbroadcastss 56(%[k]), %%ymm11\n\t"
            "vbroadcastss 60(%[k]), %%ymm5\n\t"
            "vfmadd213ps %%ymm5, %%ymm10, %%ymm11\n\t"
            "vbroadcastss 64(%[k]), %%ymm5\n\t"
            "vfmadd213ps %%ymm5, %%ymm10, %%ymm11\n\t"
            "vbroadcastss 68(%[k]), %%ymm5\n\t"
            "vfmadd213ps %%ymm5, %%ymm10, %%ymm11\n\t"
            "vbroadcastss 72(%[k]), %%ymm5\n\t"
            "vfmadd213ps %%ymm5, %%ymm10, %%ymm11\n\t"
            "vmulps %%ymm10, %%ymm11, %%ymm11\n\t"
            "vfmadd213ps %%ymm8, %%ymm8, %%ymm11\n\t"
            // e = exp(2 · min(a, 9)) in ymm0
            "vbroadcastss " K_NINE "(%[k]), %%ymm12\n\t"
            "vminps %%ymm12, %%ymm9, %%ymm0\n\t"
            "vbroadcastss " K_TWO "(%[k]), %%ymm5\n\t"
            "vmulps %%ymm0, %%ymm5, %%ymm0\n\t"
            EXP_YMM0
            // big = 1 − 2 / (e + 1); 1 where a > 9; with v's sign
            "vbroadcastss " K_ONE "(%[k]), %%ymm5\n\t"
            "vaddps %%ymm5, %%ymm0, %%ymm0\n\t"
            "vbroadcastss " K_TWO "(%[k]), %%ymm1\n\t"
            "vdivps %%ymm0, %%ymm1, %%ymm0\n\t"
            "vsubps %%ymm0, %%ymm5, %%ymm0\n\t"
            "vcmpps $0x1e, %%ymm12, %%ymm9, %%ymm1\n\t"
            "vblendvps %%ymm1, %%ymm5, %%ymm0, %%ymm0\n\t"
            "vandps %%ymm8, %%ymm13, %%ymm1\n\t"
            "vorps %%ymm1, %%ymm0, %%ymm0\n\t"
            // |v| < 0.625: the polynomial
            "vbroadcastss " K_SMALL "(%[k]), %%ymm5\n\t"
            "vcmpps $0x11, %%ymm5, %%ymm9, %%ymm1\n\t"
            "vblendvps %%ymm1, %%ymm11, %%ymm0, %%ymm0\n\t"
            "vmovups %%ymm0, (%[y])\n\t"
            :
            : [x] "r"(x + i), [y] "r"(y + i), [k] "r"(vmath_constants)
            : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm8", "xmm9", "xmm10",
              "xmm11", "xmm12", "xmm13", "memory");
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
