// Single-precision GEMM for Zoo's DSL.
//
// Blocked like BLIS/GotoBLAS: B is packed into KC x NR column panels, A into MR x KC row
// panels, and a register-blocked micro-kernel computes one MR x NR tile of C. The AVX2/FMA
// micro-kernel is compiled with a function-level target attribute and chosen at run time,
// so the package needs no compiler flag from its users; other CPUs use a portable kernel.
// The order of floating-point additions for an element of C depends only on K and the
// block sizes, never on threads, so results are reproducible.

#include "CKernels.h"
#include "scratch.h"
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ZOO_X86 1
#endif

enum { MR = 6, NR = 16, KC = 256, MC = 96, NC = 4096 };

typedef void (*micro_kernel_fn)(int k, const float *a, const float *b, float *c, int ldc,
                                float alpha, int m, int n);

// Thread-local packing buffers, grown on demand and reused across calls.
static _Thread_local float *pack_a_buf = NULL;
static _Thread_local size_t pack_a_cap = 0;
static _Thread_local float *pack_b_buf = NULL;
static _Thread_local size_t pack_b_cap = 0;

// op(A) element (i, p): A is M x K row-major, or K x M when transposed.
static inline float a_at(const float *A, int lda, bool trans, int i, int p) {
    return trans ? A[(size_t)p * lda + i] : A[(size_t)i * lda + p];
}

// op(B) element (p, j): B is K x N row-major, or N x K when transposed.
static inline float b_at(const float *B, int ldb, bool trans, int p, int j) {
    return trans ? B[(size_t)j * ldb + p] : B[(size_t)p * ldb + j];
}

// Packs rows [i0, i0+mc) x cols [p0, p0+kc) of op(A) into MR-row panels, zero padded.
static void pack_a(const float *A, int lda, bool trans, int i0, int mc, int p0, int kc,
                   float *dst) {
    for (int ir = 0; ir < mc; ir += MR) {
        int mr = mc - ir < MR ? mc - ir : MR;
        if (!trans && mr == MR) {
            const float *rows[MR];
            for (int r = 0; r < MR; r++) rows[r] = A + (size_t)(i0 + ir + r) * lda + p0;
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < MR; r++) dst[r] = rows[r][p];
                dst += MR;
            }
        } else if (trans && mr == MR) {
            for (int p = 0; p < kc; p++) {
                const float *src = A + (size_t)(p0 + p) * lda + i0 + ir;
                for (int r = 0; r < MR; r++) dst[r] = src[r];
                dst += MR;
            }
        } else {
            for (int p = 0; p < kc; p++) {
                for (int r = 0; r < MR; r++)
                    dst[r] = r < mr ? a_at(A, lda, trans, i0 + ir + r, p0 + p) : 0.0f;
                dst += MR;
            }
        }
    }
}

#ifdef ZOO_X86
// A full panel of op(B) = Bᵀ: rows j … j+15 of B, columns p0 … p0+kc-1, as dst[p·NR + c].
// Eight-by-eight blocks are transposed in registers, so stores stay contiguous.
__attribute__((target("avx2,fma")))
static void pack_b_trans_panel_avx2(const float *B, int ldb, int p0, int kc, int j, float *dst) {
    int p = 0;
    for (; p + 8 <= kc; p += 8) {
        for (int h = 0; h < 2; h++) {
            const float *s = B + (size_t)(j + 8 * h) * ldb + p0 + p;
            __m256 r0 = _mm256_loadu_ps(s), r1 = _mm256_loadu_ps(s + ldb);
            __m256 r2 = _mm256_loadu_ps(s + 2 * (size_t)ldb), r3 = _mm256_loadu_ps(s + 3 * (size_t)ldb);
            __m256 r4 = _mm256_loadu_ps(s + 4 * (size_t)ldb), r5 = _mm256_loadu_ps(s + 5 * (size_t)ldb);
            __m256 r6 = _mm256_loadu_ps(s + 6 * (size_t)ldb), r7 = _mm256_loadu_ps(s + 7 * (size_t)ldb);
            __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
            __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
            __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
            __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
            __m256 u0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
            __m256 u1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
            __m256 u2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
            __m256 u3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
            __m256 u4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
            __m256 u5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
            __m256 u6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
            __m256 u7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
            float *d = dst + (size_t)p * NR + 8 * h;
            _mm256_storeu_ps(d + 0 * NR, _mm256_permute2f128_ps(u0, u4, 0x20));
            _mm256_storeu_ps(d + 1 * NR, _mm256_permute2f128_ps(u1, u5, 0x20));
            _mm256_storeu_ps(d + 2 * NR, _mm256_permute2f128_ps(u2, u6, 0x20));
            _mm256_storeu_ps(d + 3 * NR, _mm256_permute2f128_ps(u3, u7, 0x20));
            _mm256_storeu_ps(d + 4 * NR, _mm256_permute2f128_ps(u0, u4, 0x31));
            _mm256_storeu_ps(d + 5 * NR, _mm256_permute2f128_ps(u1, u5, 0x31));
            _mm256_storeu_ps(d + 6 * NR, _mm256_permute2f128_ps(u2, u6, 0x31));
            _mm256_storeu_ps(d + 7 * NR, _mm256_permute2f128_ps(u3, u7, 0x31));
        }
    }
    for (; p < kc; p++)
        for (int c = 0; c < NR; c++) dst[(size_t)p * NR + c] = B[(size_t)(j + c) * ldb + p0 + p];
}
#endif

static int has_avx2_fma(void);

// Packs rows [p0, p0+kc) x cols [j0, j0+nc) of op(B) into NR-column panels, zero padded.
static void pack_b(const float *B, int ldb, bool trans, int p0, int kc, int j0, int nc,
                   float *dst) {
    for (int jr = 0; jr < nc; jr += NR) {
        int nr = nc - jr < NR ? nc - jr : NR;
        if (!trans && nr == NR) {
            for (int p = 0; p < kc; p++) {
                memcpy(dst, B + (size_t)(p0 + p) * ldb + j0 + jr, NR * sizeof(float));
                dst += NR;
            }
#ifdef ZOO_X86
        } else if (trans && nr == NR && has_avx2_fma()) {
            pack_b_trans_panel_avx2(B, ldb, p0, kc, j0 + jr, dst);
            dst += (size_t)kc * NR;
#endif
        } else if (trans) {
            // op(B) = Bᵀ (a linear layer's weight): column c of the panel is row j of B,
            // contiguous in memory; copy it down the panel, zero the padding columns.
            for (int c = 0; c < NR; c++) {
                if (c < nr) {
                    const float *src = B + (size_t)(j0 + jr + c) * ldb + p0;
                    for (int p = 0; p < kc; p++) dst[(size_t)p * NR + c] = src[p];
                } else {
                    for (int p = 0; p < kc; p++) dst[(size_t)p * NR + c] = 0.0f;
                }
            }
            dst += (size_t)kc * NR;
        } else {
            for (int p = 0; p < kc; p++) {
                for (int c = 0; c < NR; c++)
                    dst[c] = c < nr ? b_at(B, ldb, trans, p0 + p, j0 + jr + c) : 0.0f;
                dst += NR;
            }
        }
    }
}

static void micro_portable(int k, const float *a, const float *b, float *c, int ldc,
                           float alpha, int m, int n) {
    float acc[MR][NR];
    memset(acc, 0, sizeof(acc));
    for (int p = 0; p < k; p++) {
        for (int r = 0; r < MR; r++) {
            float av = a[r];
            for (int col = 0; col < NR; col++) acc[r][col] += av * b[col];
        }
        a += MR;
        b += NR;
    }
    for (int r = 0; r < m; r++)
        for (int col = 0; col < n; col++) c[(size_t)r * ldc + col] += alpha * acc[r][col];
}

#ifdef ZOO_X86
__attribute__((target("avx2,fma")))
static void micro_avx2(int k, const float *a, const float *b, float *c, int ldc, float alpha,
                       int m, int n) {
    __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps();
    __m256 c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
    __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps();
    __m256 c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
    __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps();
    __m256 c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
    // The k loop in assembly: the same fused multiply-adds in the same order as the
    // intrinsics would give (so the same bits), but with the twelve accumulators held in
    // registers however the file is compiled — a debug build compiles C without
    // optimisation and would otherwise spill them to the stack on every step.
    if (k > 0) {
        long remaining = k;
        __asm__ volatile(
        "1:\n\t"
        "vmovaps (%[b]), %%ymm12\n\t"
        "vmovaps 32(%[b]), %%ymm13\n\t"
        "vbroadcastss 0(%[a]), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c00]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c01]\n\t"
        "vbroadcastss 4(%[a]), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c10]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c11]\n\t"
        "vbroadcastss 8(%[a]), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c20]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c21]\n\t"
        "vbroadcastss 12(%[a]), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c30]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c31]\n\t"
        "vbroadcastss 16(%[a]), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c40]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c41]\n\t"
        "vbroadcastss 20(%[a]), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c50]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c51]\n\t"
        "addq $24, %[a]\n\t"
        "addq $64, %[b]\n\t"
        "decq %[k]\n\t"
        "jnz 1b\n\t"
        : [a] "+r"(a), [b] "+r"(b), [k] "+r"(remaining),
          [c00] "+x"(c00), [c01] "+x"(c01), [c10] "+x"(c10), [c11] "+x"(c11),
          [c20] "+x"(c20), [c21] "+x"(c21), [c30] "+x"(c30), [c31] "+x"(c31),
          [c40] "+x"(c40), [c41] "+x"(c41), [c50] "+x"(c50), [c51] "+x"(c51)
        :
        : "xmm12", "xmm13", "xmm14", "cc", "memory");
    }
    __m256 va = _mm256_set1_ps(alpha);
    __m256 acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21},
                         {c30, c31}, {c40, c41}, {c50, c51}};
    if (m == MR && n == NR) {
        for (int r = 0; r < MR; r++) {
            float *row = c + (size_t)r * ldc;
            _mm256_storeu_ps(row, _mm256_fmadd_ps(va, acc[r][0], _mm256_loadu_ps(row)));
            _mm256_storeu_ps(row + 8, _mm256_fmadd_ps(va, acc[r][1], _mm256_loadu_ps(row + 8)));
        }
    } else {
        float tile[NR] __attribute__((aligned(32)));
        for (int r = 0; r < m; r++) {
            _mm256_store_ps(tile, acc[r][0]);
            _mm256_store_ps(tile + 8, acc[r][1]);
            float *row = c + (size_t)r * ldc;
            for (int col = 0; col < n; col++) row[col] += alpha * tile[col];
        }
    }
}
#endif

static int has_avx2_fma(void) {
#ifdef ZOO_X86
    static int has_avx2 = -1;
    if (has_avx2 < 0) {
        __builtin_cpu_init();
        has_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    return has_avx2;
#else
    return 0;
#endif
}

static micro_kernel_fn chosen_kernel(void) {
#ifdef ZOO_X86
    if (has_avx2_fma()) return micro_avx2;
#endif
    return micro_portable;
}

const char *zoo_sgemm_kernel_name(void) {
    return chosen_kernel() == micro_portable ? "portable" : "avx2-fma";
}

static void scale_c(int M, int N, float beta, float *C, int ldc) {
    if (beta == 1.0f) return;
    for (int i = 0; i < M; i++) {
        float *row = C + (size_t)i * ldc;
        if (beta == 0.0f) {
            memset(row, 0, (size_t)N * sizeof(float));
        } else {
            for (int j = 0; j < N; j++) row[j] *= beta;
        }
    }
}

static void sgemm_serial(bool transA, bool transB, int M, int N, int K, float alpha, const float *A,
                         int lda, const float *B, int ldb, float beta, float *C, int ldc) {
    if (M <= 0 || N <= 0) return;
    scale_c(M, N, beta, C, ldc);
    if (K <= 0 || alpha == 0.0f) return;
    micro_kernel_fn kernel = chosen_kernel();
    int ncMax = N < NC ? N : NC;
    int kcMax = K < KC ? K : KC;
    int mcMax = M < MC ? M : MC;
    float *bp = zoo_scratch_reserve(&pack_b_buf, &pack_b_cap,
                                    (size_t)kcMax * (size_t)((ncMax + NR - 1) / NR * NR));
    float *ap = zoo_scratch_reserve(&pack_a_buf, &pack_a_cap,
                                    (size_t)kcMax * (size_t)((mcMax + MR - 1) / MR * MR));
    for (int j0 = 0; j0 < N; j0 += NC) {
        int nc = N - j0 < NC ? N - j0 : NC;
        for (int p0 = 0; p0 < K; p0 += KC) {
            int kc = K - p0 < KC ? K - p0 : KC;
            pack_b(B, ldb, transB, p0, kc, j0, nc, bp);
            for (int i0 = 0; i0 < M; i0 += MC) {
                int mc = M - i0 < MC ? M - i0 : MC;
                pack_a(A, lda, transA, i0, mc, p0, kc, ap);
                for (int jr = 0; jr < nc; jr += NR) {
                    int nr = nc - jr < NR ? nc - jr : NR;
                    const float *bpanel = bp + (size_t)jr * kc;
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = mc - ir < MR ? mc - ir : MR;
                        kernel(kc, ap + (size_t)ir * kc, bpanel,
                               C + (size_t)(i0 + ir) * ldc + j0 + jr, ldc, alpha, mr, nr);
                    }
                }
            }
        }
    }
}

// Products of at least this many flops are split over the pool's threads.
#define PARALLEL_FLOPS 4.0e6

typedef struct {
    bool transA, transB, split_rows;
    int M, N, K, step, lda, ldb, ldc;
    float alpha, beta;
    const float *A, *B;
    float *C;
} gemm_job;

// One slice of rows (or columns) of C. Slices start at multiples of MR (NR), where the
// serial product's tiles start too, so every element is computed by the same operations.
static void gemm_slice(void *context, int index) {
    const gemm_job *j = (const gemm_job *)context;
    const int start = index * j->step;
    if (j->split_rows) {
        const int m = j->M - start < j->step ? j->M - start : j->step;
        const float *a = j->transA ? j->A + start : j->A + (size_t)start * j->lda;
        sgemm_serial(j->transA, j->transB, m, j->N, j->K, j->alpha, a, j->lda, j->B, j->ldb, j->beta,
                     j->C + (size_t)start * j->ldc, j->ldc);
    } else {
        const int n = j->N - start < j->step ? j->N - start : j->step;
        const float *b = j->transB ? j->B + (size_t)start * j->ldb : j->B + start;
        sgemm_serial(j->transA, j->transB, j->M, n, j->K, j->alpha, j->A, j->lda, b, j->ldb, j->beta,
                     j->C + start, j->ldc);
    }
}

void zoo_sgemm(bool transA, bool transB, int M, int N, int K, float alpha, const float *A,
               int lda, const float *B, int ldb, float beta, float *C, int ldc) {
    const int threads = zoo_thread_count();
    const int tilesM = (M + MR - 1) / MR, tilesN = (N + NR - 1) / NR;
    if (threads > 1 && M > 0 && N > 0 && 2.0 * M * N * K >= PARALLEL_FLOPS && (tilesM > 1 || tilesN > 1)) {
        gemm_job j = {transA, transB, tilesM * MR >= tilesN * NR, M, N, K, 0, lda, ldb, ldc, alpha, beta, A, B, C};
        const int tiles = j.split_rows ? tilesM : tilesN;
        const int parts = threads < tiles ? threads : tiles;
        j.step = (tiles + parts - 1) / parts * (j.split_rows ? MR : NR);
        const int count = ((j.split_rows ? M : N) + j.step - 1) / j.step;
        zoo_parallel_for(count, gemm_slice, &j);
        return;
    }
    sgemm_serial(transA, transB, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}
