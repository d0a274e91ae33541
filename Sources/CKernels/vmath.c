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
    EXP_HI, EXP_LO, LOG2E, 0.5f, LN2_HI, LN2_LO, P0, P1, P2, P3, P4, P5, 1.0f, INFINITY,
};
// Byte offsets into vmath_constants.
#define K_HI "0"
#define K_LO "4"
#define K_LOG2E "8"
#define K_HALF "12"
#define K_LN2HI "16"
#define K_LN2LO "20"
#define K_ONE "48"
#define K_INF "52"

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

// tanh's constants, each repeated across a vector, so that the instructions take them as
// memory operands: no broadcast and no register spent on a constant, which lets three
// vectors' chains interleave in the sixteen registers.
typedef union {
    float f[8];
    uint32_t u[8];
} wide_constant;
#define W8(x) {x, x, x, x, x, x, x, x}
static const wide_constant tanh_constants[] __attribute__((aligned(32))) = {
    {W8(EXP_HI)}, {W8(EXP_LO)}, {W8(LOG2E)}, {W8(0.5f)}, {W8(LN2_HI)}, {W8(LN2_LO)},
    {W8(P0)}, {W8(P1)}, {W8(P2)}, {W8(P3)}, {W8(P4)}, {W8(P5)}, {W8(1.0f)}, {W8(2.0f)},
    {W8(9.0f)}, {W8(0.625f)}, {W8(T0)}, {W8(T1)}, {W8(T2)}, {W8(T3)}, {W8(T4)},
    {.u = W8(0x7FFFFFFFu)}, {.u = W8(0x80000000u)}, {.u = W8(127u)},
};
// Byte offsets into tanh_constants.
#define C_HI "0"
#define C_LO "32"
#define C_LOG2E "64"
#define C_HALF "96"
#define C_LN2HI "128"
#define C_LN2LO "160"
#define C_P(k) #k "*32+192"
#define C_ONE "384"
#define C_TWO "416"
#define C_NINE "448"
#define C_SMALL "480"
#define C_T(k) #k "*32+512"
#define C_ABS "672"
#define C_SIGN "704"
#define C_BIAS "736"
#define K(c) c "(%[k])"

// The steps of tanh for one vector v = x[OFF/4 …] in registers V and R0–R3, the same
// operations in the same order as tanh_scalar's vector form: a = |v|; e = exp(2·min(a, 9))
// (clamp, range reduction, the Cephes polynomial, 2^n by exponent bits); big = 1 − 2/(e+1),
// 1 where a > 9, with v's sign; small = (poly(v²)·v²)·v + v; small where a < 0.625.
#define T_LOAD(V, R0, R1, R2, R3, OFF) "vmovups " OFF "(%[x]), " V "\n\t"
#define T_ABS(V, R0, R1, R2, R3, OFF) "vandps " K(C_ABS) ", " V ", " R0 "\n\t"
#define T_MIN9(V, R0, R1, R2, R3, OFF) "vminps " K(C_NINE) ", " R0 ", " R0 "\n\t"
#define T_TWICE(V, R0, R1, R2, R3, OFF) "vmulps " K(C_TWO) ", " R0 ", " R0 "\n\t"
#define T_CLAMPHI(V, R0, R1, R2, R3, OFF) "vminps " K(C_HI) ", " R0 ", " R0 "\n\t"
#define T_CLAMPLO(V, R0, R1, R2, R3, OFF) "vmaxps " K(C_LO) ", " R0 ", " R0 "\n\t"
#define T_LOG2E(V, R0, R1, R2, R3, OFF) "vmovaps " K(C_LOG2E) ", " R1 "\n\t"
#define T_SCALE(V, R0, R1, R2, R3, OFF) "vfmadd213ps " K(C_HALF) ", " R0 ", " R1 "\n\t"
#define T_FLOOR(V, R0, R1, R2, R3, OFF) "vroundps $1, " R1 ", " R1 "\n\t"
#define T_REDHI(V, R0, R1, R2, R3, OFF) "vfnmadd231ps " K(C_LN2HI) ", " R1 ", " R0 "\n\t"
#define T_REDLO(V, R0, R1, R2, R3, OFF) "vfnmadd231ps " K(C_LN2LO) ", " R1 ", " R0 "\n\t"
#define T_SQUARE(V, R0, R1, R2, R3, OFF) "vmulps " R0 ", " R0 ", " R2 "\n\t"
#define T_P0(V, R0, R1, R2, R3, OFF) "vmovaps " K(C_P(0)) ", " R3 "\n\t"
#define T_P(k) "vfmadd213ps " K(C_P(k)) ", "
#define T_P1(V, R0, R1, R2, R3, OFF) T_P(1) R0 ", " R3 "\n\t"
#define T_P2(V, R0, R1, R2, R3, OFF) T_P(2) R0 ", " R3 "\n\t"
#define T_P3(V, R0, R1, R2, R3, OFF) T_P(3) R0 ", " R3 "\n\t"
#define T_P4(V, R0, R1, R2, R3, OFF) T_P(4) R0 ", " R3 "\n\t"
#define T_P5(V, R0, R1, R2, R3, OFF) T_P(5) R0 ", " R3 "\n\t"
#define T_RPLUS1(V, R0, R1, R2, R3, OFF) "vaddps " K(C_ONE) ", " R0 ", " R0 "\n\t"
#define T_POLY(V, R0, R1, R2, R3, OFF) "vfmadd213ps " R0 ", " R2 ", " R3 "\n\t"
#define T_INT(V, R0, R1, R2, R3, OFF) "vcvtps2dq " R1 ", " R1 "\n\t"
#define T_BIAS(V, R0, R1, R2, R3, OFF) "vpaddd " K(C_BIAS) ", " R1 ", " R1 "\n\t"
#define T_SHIFT(V, R0, R1, R2, R3, OFF) "vpslld $23, " R1 ", " R1 "\n\t"
#define T_EXP(V, R0, R1, R2, R3, OFF) "vmulps " R1 ", " R3 ", " R0 "\n\t"
#define T_EPLUS1(V, R0, R1, R2, R3, OFF) "vaddps " K(C_ONE) ", " R0 ", " R0 "\n\t"
#define T_TWO(V, R0, R1, R2, R3, OFF) "vmovaps " K(C_TWO) ", " R1 "\n\t"
#define T_DIV(V, R0, R1, R2, R3, OFF) "vdivps " R0 ", " R1 ", " R0 "\n\t"
#define T_ONE(V, R0, R1, R2, R3, OFF) "vmovaps " K(C_ONE) ", " R1 "\n\t"
#define T_BIG(V, R0, R1, R2, R3, OFF) "vsubps " R0 ", " R1 ", " R0 "\n\t"
#define T_ABS2(V, R0, R1, R2, R3, OFF) "vandps " K(C_ABS) ", " V ", " R2 "\n\t"
#define T_OVER9(V, R0, R1, R2, R3, OFF) "vcmpps $0x1e, " K(C_NINE) ", " R2 ", " R3 "\n\t"
#define T_SATURATE(V, R0, R1, R2, R3, OFF) "vblendvps " R3 ", " R1 ", " R0 ", " R0 "\n\t"
#define T_SIGNOF(V, R0, R1, R2, R3, OFF) "vandps " K(C_SIGN) ", " V ", " R3 "\n\t"
#define T_SIGNED(V, R0, R1, R2, R3, OFF) "vorps " R3 ", " R0 ", " R0 "\n\t"
#define T_VSQ(V, R0, R1, R2, R3, OFF) "vmulps " V ", " V ", " R3 "\n\t"
#define T_T0(V, R0, R1, R2, R3, OFF) "vmovaps " K(C_T(0)) ", " R1 "\n\t"
#define T_T(k) "vfmadd213ps " K(C_T(k)) ", "
#define T_T1(V, R0, R1, R2, R3, OFF) T_T(1) R3 ", " R1 "\n\t"
#define T_T2(V, R0, R1, R2, R3, OFF) T_T(2) R3 ", " R1 "\n\t"
#define T_T3(V, R0, R1, R2, R3, OFF) T_T(3) R3 ", " R1 "\n\t"
#define T_T4(V, R0, R1, R2, R3, OFF) T_T(4) R3 ", " R1 "\n\t"
#define T_TIMESZ(V, R0, R1, R2, R3, OFF) "vmulps " R3 ", " R1 ", " R1 "\n\t"
#define T_SMALL(V, R0, R1, R2, R3, OFF) "vfmadd213ps " V ", " V ", " R1 "\n\t"
#define T_UNDER(V, R0, R1, R2, R3, OFF) "vcmpps $0x11, " K(C_SMALL) ", " R2 ", " R3 "\n\t"
#define T_PICK(V, R0, R1, R2, R3, OFF) "vblendvps " R3 ", " R1 ", " R0 ", " R0 "\n\t"
#define T_STORE(V, R0, R1, R2, R3, OFF) "vmovups " R0 ", " OFF "(%[y])\n\t"

#define T_CALL(step, ...) step(__VA_ARGS__)
#define T_SET_A "%%ymm0", "%%ymm1", "%%ymm2", "%%ymm3", "%%ymm4", "0"
#define T_SET_B "%%ymm5", "%%ymm6", "%%ymm7", "%%ymm8", "%%ymm9", "32"
#define T_SET_C "%%ymm10", "%%ymm11", "%%ymm12", "%%ymm13", "%%ymm14", "64"
#define T_ONE_WAY(step) T_CALL(step, T_SET_A)
#define T_THREE_WAY(step) T_CALL(step, T_SET_A) T_CALL(step, T_SET_B) T_CALL(step, T_SET_C)
#define T_ALL_STEPS(way)                                                                      \
    way(T_LOAD) way(T_ABS) way(T_MIN9) way(T_TWICE) way(T_CLAMPHI) way(T_CLAMPLO)            \
    way(T_LOG2E) way(T_SCALE) way(T_FLOOR) way(T_REDHI) way(T_REDLO) way(T_SQUARE)           \
    way(T_P0) way(T_P1) way(T_P2) way(T_P3) way(T_P4) way(T_P5) way(T_RPLUS1) way(T_POLY)    \
    way(T_INT) way(T_BIAS) way(T_SHIFT) way(T_EXP) way(T_EPLUS1) way(T_TWO) way(T_DIV)       \
    way(T_ONE) way(T_BIG) way(T_ABS2) way(T_OVER9) way(T_SATURATE) way(T_SIGNOF)             \
    way(T_SIGNED) way(T_VSQ) way(T_T0) way(T_T1) way(T_T2) way(T_T3) way(T_T4) way(T_TIMESZ) \
    way(T_SMALL) way(T_UNDER) way(T_PICK) way(T_STORE)

// Three vectors at a time, their steps interleaved: one vector's chain of dependent
// instructions is long (the exponential's polynomial, the division), and interleaving
// keeps the vector units busy with the others' meanwhile (twice the throughput of one).
__attribute__((target("avx2,fma")))
static void vtanh_avx2(long n, const float *x, float *y) {
    long i = 0;
    for (; i + 24 <= n; i += 24) {
        __asm__ volatile(T_ALL_STEPS(T_THREE_WAY)
                         :
                         : [x] "r"(x + i), [y] "r"(y + i), [k] "r"(tanh_constants)
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9",
                           "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "memory");
    }
    for (; i + 8 <= n; i += 8) {
        __asm__ volatile(T_ALL_STEPS(T_ONE_WAY)
                         :
                         : [x] "r"(x + i), [y] "r"(y + i), [k] "r"(tanh_constants)
                         : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "memory");
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
