// Single-precision GEMM for Zoo's DSL.
//
// Blocked like BLIS/GotoBLAS: B is packed into KC x NR column panels, A into MR x KC row
// panels, and a register-blocked micro-kernel computes one MR x NR tile of C. The
// micro-kernel reads its MR-row operand through row pointers and a table of offsets, so the
// same kernel also reads an operand in place: the columns of a large op(B) when M is small
// (product_swapped), or the receptive fields of a convolution (conv2d.c, through gemm.h).
// The AVX2/FMA kernels are compiled with function-level target attributes and chosen at run
// time, so the package needs no compiler flag from its users; other CPUs use portable ones.
// The order of floating-point additions for an element of C depends only on K and the
// block sizes, never on threads or on which operand is packed, so results are reproducible.

#include "CKernels.h"
#include "gemm.h"
#include "scratch.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define ZOO_X86 1
#endif

enum { MR = ZOO_MR, NR = ZOO_NR, KC = 256, MC = 96, NC = 4096 };
// The most elements of an op(A) block read in place rather than packed (32 KB: level 1).
enum { A_IN_PLACE_ELEMENTS = 8192 };

// Thread-local packing buffers, grown on demand and reused across calls.
static _Thread_local zoo_scratch pack_a_scratch;
static _Thread_local zoo_scratch pack_b_scratch;

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
// Stores the transpose of the 8 x 8 block whose rows are r[0..7]: its column i (element i
// of every row) goes to dst[i·ld …].
__attribute__((target("avx2,fma")))
static void store_transposed_8x8_avx2(const __m256 r[8], float *dst, size_t ld) {
    __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]), t1 = _mm256_unpackhi_ps(r[0], r[1]);
    __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]), t3 = _mm256_unpackhi_ps(r[2], r[3]);
    __m256 t4 = _mm256_unpacklo_ps(r[4], r[5]), t5 = _mm256_unpackhi_ps(r[4], r[5]);
    __m256 t6 = _mm256_unpacklo_ps(r[6], r[7]), t7 = _mm256_unpackhi_ps(r[6], r[7]);
    __m256 u0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
    __m256 u1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
    __m256 u2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
    __m256 u3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
    __m256 u4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
    __m256 u5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
    __m256 u6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
    __m256 u7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
    _mm256_storeu_ps(dst + 0 * ld, _mm256_permute2f128_ps(u0, u4, 0x20));
    _mm256_storeu_ps(dst + 1 * ld, _mm256_permute2f128_ps(u1, u5, 0x20));
    _mm256_storeu_ps(dst + 2 * ld, _mm256_permute2f128_ps(u2, u6, 0x20));
    _mm256_storeu_ps(dst + 3 * ld, _mm256_permute2f128_ps(u3, u7, 0x20));
    _mm256_storeu_ps(dst + 4 * ld, _mm256_permute2f128_ps(u0, u4, 0x31));
    _mm256_storeu_ps(dst + 5 * ld, _mm256_permute2f128_ps(u1, u5, 0x31));
    _mm256_storeu_ps(dst + 6 * ld, _mm256_permute2f128_ps(u2, u6, 0x31));
    _mm256_storeu_ps(dst + 7 * ld, _mm256_permute2f128_ps(u3, u7, 0x31));
}

// A full panel of op(B) = Bᵀ: rows j … j+15 of B, columns p0 … p0+kc-1, as dst[p·NR + c].
// Eight-by-eight blocks are transposed in registers, so stores stay contiguous.
__attribute__((target("avx2,fma")))
static void pack_b_trans_panel_avx2(const float *B, int ldb, int p0, int kc, int j, float *dst) {
    int p = 0;
    for (; p + 8 <= kc; p += 8) {
        for (int h = 0; h < 2; h++) {
            const float *s = B + (size_t)(j + 8 * h) * ldb + p0 + p;
            __m256 r[8];
            for (int i = 0; i < 8; i++) r[i] = _mm256_loadu_ps(s + i * (size_t)ldb);
            store_transposed_8x8_avx2(r, dst + (size_t)p * NR + 8 * h, NR);
        }
    }
    for (; p < kc; p++)
        for (int c = 0; c < NR; c++) dst[(size_t)p * NR + c] = B[(size_t)(j + c) * ldb + p0 + p];
}
#endif

void zoo_gemm_pack_panels(const float *B, int ldb, bool trans, int p0, int kc, int j0, int nc, float *dst) {
    for (int jr = 0; jr < nc; jr += NR) {
        int nr = nc - jr < NR ? nc - jr : NR;
        if (!trans && nr == NR) {
            for (int p = 0; p < kc; p++) {
                memcpy(dst, B + (size_t)(p0 + p) * ldb + j0 + jr, NR * sizeof(float));
                dst += NR;
            }
#ifdef ZOO_X86
        } else if (trans && nr == NR && zoo_cpu_has_avx2_fma()) {
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

// The portable micro-kernel (CPUs without AVX2/FMA).
static void tile_portable(int k, const float *const rows[MR], const int *offsets, const float *b, float *tile, int ldt,
                          zoo_tile_layout layout) {
    float acc[MR][NR];
    for (int r = 0; r < MR; r++) {
        if (layout == ZOO_TILE_ROWS_CHAIN) {
            memcpy(acc[r], tile + (size_t)r * ldt, sizeof(acc[r]));
        } else {
            memset(acc[r], 0, sizeof(acc[r]));
        }
    }
    for (int p = 0; p < k; p++) {
        for (int r = 0; r < MR; r++) {
            float av = rows[r][offsets[p]];
            for (int col = 0; col < NR; col++) acc[r][col] += av * b[col];
        }
        b += NR;
    }
    if (layout != ZOO_TILE_COLUMNS) {
        for (int r = 0; r < MR; r++) memcpy(tile + (size_t)r * ldt, acc[r], sizeof(acc[r]));
    } else {
        for (int col = 0; col < NR; col++)
            for (int r = 0; r < 8; r++) tile[(size_t)col * ldt + r] = r < MR ? acc[r][col] : 0.0f;
    }
}

// C[i·ldc + j] += alpha · tile[i·ldt + j] for i < m, j < n: a tile stored as rows into
// C, or one stored as columns into a transposed C. A fresh C is taken as zeros, not read
// (the first block of K when beta = 0: the bits of adding to zeros, without a pass to
// write them).
static void add_tile_portable(float alpha, const float *tile, int ldt, float *c, int ldc, int m, int n, bool fresh) {
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            float *at = c + (size_t)i * ldc + j;
            *at = (fresh ? 0.0f : *at) + alpha * tile[(size_t)i * ldt + j];
        }
}

#ifdef ZOO_X86
__attribute__((target("avx2,fma")))
static void tile_avx2(int k, const float *const rows[MR], const int *offsets, const float *b, float *tile, int ldt,
                      zoo_tile_layout layout) {
    __m256 c[MR][2];
    for (int r = 0; r < MR; r++) {
        const bool chain = layout == ZOO_TILE_ROWS_CHAIN;
        c[r][0] = chain ? _mm256_loadu_ps(tile + (size_t)r * ldt) : _mm256_setzero_ps();
        c[r][1] = chain ? _mm256_loadu_ps(tile + (size_t)r * ldt + 8) : _mm256_setzero_ps();
    }
    __m256 c00 = c[0][0], c01 = c[0][1], c10 = c[1][0], c11 = c[1][1], c20 = c[2][0], c21 = c[2][1];
    __m256 c30 = c[3][0], c31 = c[3][1], c40 = c[4][0], c41 = c[4][1], c50 = c[5][0], c51 = c[5][1];
    // The k loop in assembly: the twelve accumulators stay in registers however the file
    // is compiled (a debug build compiles C without optimisation and would otherwise spill
    // them to the stack on every step).
    if (k > 0) {
        const float *a0 = rows[0], *a1 = rows[1], *a2 = rows[2], *a3 = rows[3], *a4 = rows[4], *a5 = rows[5];
        long remaining = k, at;
        __asm__ volatile(
        "1:\n\t"
        "movslq (%[off]), %[at]\n\t"
        "vmovaps (%[b]), %%ymm12\n\t"
        "vmovaps 32(%[b]), %%ymm13\n\t"
        "vbroadcastss (%[a0],%[at],4), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c00]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c01]\n\t"
        "vbroadcastss (%[a1],%[at],4), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c10]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c11]\n\t"
        "vbroadcastss (%[a2],%[at],4), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c20]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c21]\n\t"
        "vbroadcastss (%[a3],%[at],4), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c30]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c31]\n\t"
        "vbroadcastss (%[a4],%[at],4), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c40]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c41]\n\t"
        "vbroadcastss (%[a5],%[at],4), %%ymm14\n\t"
        "vfmadd231ps %%ymm14, %%ymm12, %[c50]\n\t"
        "vfmadd231ps %%ymm14, %%ymm13, %[c51]\n\t"
        "addq $4, %[off]\n\t"
        "addq $64, %[b]\n\t"
        "decq %[k]\n\t"
        "jnz 1b\n\t"
        : [off] "+r"(offsets), [b] "+r"(b), [k] "+r"(remaining), [at] "=&r"(at),
          [c00] "+x"(c00), [c01] "+x"(c01), [c10] "+x"(c10), [c11] "+x"(c11),
          [c20] "+x"(c20), [c21] "+x"(c21), [c30] "+x"(c30), [c31] "+x"(c31),
          [c40] "+x"(c40), [c41] "+x"(c41), [c50] "+x"(c50), [c51] "+x"(c51)
        : [a0] "r"(a0), [a1] "r"(a1), [a2] "r"(a2), [a3] "r"(a3), [a4] "r"(a4), [a5] "r"(a5)
        : "xmm12", "xmm13", "xmm14", "cc", "memory");
    }
    if (layout != ZOO_TILE_COLUMNS) {
        const __m256 acc[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
        for (int r = 0; r < MR; r++) {
            _mm256_storeu_ps(tile + (size_t)r * ldt, acc[r][0]);
            _mm256_storeu_ps(tile + (size_t)r * ldt + 8, acc[r][1]);
        }
    } else {
        const __m256 zero = _mm256_setzero_ps();
        const __m256 left[8] = {c00, c10, c20, c30, c40, c50, zero, zero};
        const __m256 right[8] = {c01, c11, c21, c31, c41, c51, zero, zero};
        store_transposed_8x8_avx2(left, tile, (size_t)ldt);
        store_transposed_8x8_avx2(right, tile + 8 * (size_t)ldt, (size_t)ldt);
    }
}

__attribute__((target("avx2,fma")))
static void add_tile_avx2(float alpha, const float *tile, int ldt, float *c, int ldc, int m, int n, bool fresh) {
    if (m == MR && n == NR && ldt == NR) {
        const __m256 va = _mm256_set1_ps(alpha), zero = _mm256_setzero_ps();
        for (int r = 0; r < MR; r++) {
            float *row = c + (size_t)r * ldc;
            for (int h = 0; h < NR; h += 8) {
                const __m256 old = fresh ? zero : _mm256_loadu_ps(row + h);
                _mm256_storeu_ps(row + h, _mm256_fmadd_ps(va, _mm256_loadu_ps(tile + r * NR + h), old));
            }
        }
    } else {
        for (int i = 0; i < m; i++) {
            float *row = c + (size_t)i * ldc;
            for (int j = 0; j < n; j++) row[j] = fmaf(alpha, tile[(size_t)i * ldt + j], fresh ? 0.0f : row[j]);
        }
    }
}
#endif

bool zoo_cpu_has_avx2_fma(void) {
#ifdef ZOO_X86
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return false;
#endif
}

typedef void (*tile_fn)(int k, const float *const rows[MR], const int *offsets, const float *b, float *tile, int ldt,
                        zoo_tile_layout layout);
typedef void (*add_tile_fn)(float alpha, const float *tile, int ldt, float *c, int ldc, int m, int n, bool fresh);

typedef struct {
    tile_fn tile;
    add_tile_fn add_tile;
    const char *name;
} kernels;

static kernels chosen_kernels(void) {
#ifdef ZOO_X86
    if (zoo_cpu_has_avx2_fma()) return (kernels){tile_avx2, add_tile_avx2, "avx2-fma"};
#endif
    return (kernels){tile_portable, add_tile_portable, "portable"};
}

const char *zoo_sgemm_kernel_name(void) { return chosen_kernels().name; }

void zoo_gemm_tile(int k, const float *const rows[MR], const int *offsets, const float *panel, float *tile, int ldt,
                   zoo_tile_layout layout) {
    chosen_kernels().tile(k, rows, offsets, panel, tile, ldt, layout);
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

// C += alpha·op(A)·op(B) as Cᵀ += alpha·op(B)ᵀ·op(A)ᵀ: MR columns of op(B) at a time are the
// micro-kernel's row operand, read in place, and only op(A) is packed (whole, as NR-column
// panels of op(A)ᵀ). For a small M (a batch through a layer's weight) this skips packing
// the large operand, which otherwise costs as much as a quarter of the product. The K
// blocks and the operations on each element are those of sgemm_serial: the same bits.
static void product_swapped(const kernels *kernel, bool transA, bool transB, int M, int N, int K, float alpha,
                            const float *A, int lda, const float *B, int ldb, bool fresh, float *C, int ldc) {
    const int kcMax = K < KC ? K : KC;
    float *ap = zoo_scratch_reserve(&pack_a_scratch, (size_t)kcMax * ((M + NR - 1) / NR * NR) * sizeof(float));
    int offsets[KC];  // op(B)(p, j) is B[j·ldb + p] when transB, else B[p·ldb + j]
    for (int p = 0; p < kcMax; p++) offsets[p] = transB ? p : p * ldb;
    float tile[NR * 8] __attribute__((aligned(32)));
    for (int p0 = 0; p0 < K; p0 += KC) {
        const int kc = K - p0 < KC ? K - p0 : KC;
        zoo_gemm_pack_panels(A, lda, !transA, p0, kc, 0, M, ap);
        for (int j0 = 0; j0 < N; j0 += MR) {
            const int nr = N - j0 < MR ? N - j0 : MR;
            const float *rows[MR];
            for (int r = 0; r < MR; r++) {
                const int j = j0 + (r < nr ? r : 0);
                rows[r] = transB ? B + (size_t)j * ldb + p0 : B + (size_t)p0 * ldb + j;
            }
            for (int i0 = 0; i0 < M; i0 += NR) {
                kernel->tile(kc, rows, offsets, ap + (size_t)i0 * kc, tile, 8, ZOO_TILE_COLUMNS);
                kernel->add_tile(alpha, tile, 8, C + (size_t)i0 * ldc + j0, ldc, M - i0 < NR ? M - i0 : NR, nr,
                                 fresh && p0 == 0);
            }
        }
    }
}

// Whether product_swapped beats packing op(B). A tile is NR x MR swapped and MR x NR
// otherwise, so the cheaper orientation is the one whose tiles waste fewer padded rows and
// columns: each tile costs its K multiply-add steps plus a fixed part (larger swapped: its
// tile is stored transposed), and packing op(B) costs about a sixteenth of a step per
// element of its padded panels. Fitted to timings of every product of the 64-64 networks
// (batches of 1 to 512 rows, outputs of 1 to 64) and of the Nature-CNN's 3136→512 layer
// and its input gradient; the bits are the same either way.
static bool swap_pays(int M, int N, int K) {
    const long tilesSwapped = (long)((M + NR - 1) / NR) * ((N + MR - 1) / MR);
    const long tilesPacked = (long)((M + MR - 1) / MR) * ((N + NR - 1) / NR);
    const long panelsB = (N + NR - 1) / NR;
    return tilesSwapped * (K + 16) <= tilesPacked * (K + 8) + (long)K * panelsB;
}

static void sgemm_serial(bool transA, bool transB, int M, int N, int K, float alpha, const float *A,
                         int lda, const float *B, int ldb, float beta, float *C, int ldc) {
    if (M <= 0 || N <= 0) return;
    // With beta = 0 the first block of K stores its products instead of adding them to zeros.
    const bool fresh = beta == 0.0f && K > 0 && alpha != 0.0f;
    if (!fresh) scale_c(M, N, beta, C, ldc);
    if (K <= 0 || alpha == 0.0f) return;
    const kernels kernel = chosen_kernels();
    if (swap_pays(M, N, K)) {
        product_swapped(&kernel, transA, transB, M, N, K, alpha, A, lda, B, ldb, fresh, C, ldc);
        return;
    }
    int ncMax = N < NC ? N : NC;
    int kcMax = K < KC ? K : KC;
    int mcMax = M < MC ? M : MC;
    float *bp = zoo_scratch_reserve(&pack_b_scratch, (size_t)kcMax * ((ncMax + NR - 1) / NR * NR) * sizeof(float));
    // A block of op(A) that stays in the level-1 cache is read in place, its rows through
    // the micro-kernel's row pointers; a larger one is packed into MR-row panels.
    const bool packA = (size_t)mcMax * kcMax > A_IN_PLACE_ELEMENTS;
    float *ap = packA ? zoo_scratch_reserve(&pack_a_scratch, (size_t)kcMax * ((mcMax + MR - 1) / MR * MR) * sizeof(float))
                      : NULL;
    int offsets[KC];  // a packed panel holds element (r, p) at MR·p + r; in place, row r at p (or p·lda)
    for (int p = 0; p < kcMax; p++) offsets[p] = packA ? MR * p : (transA ? p * lda : p);
    float tile[MR * NR] __attribute__((aligned(32)));
    for (int j0 = 0; j0 < N; j0 += NC) {
        int nc = N - j0 < NC ? N - j0 : NC;
        for (int p0 = 0; p0 < K; p0 += KC) {
            int kc = K - p0 < KC ? K - p0 : KC;
            zoo_gemm_pack_panels(B, ldb, transB, p0, kc, j0, nc, bp);
            for (int i0 = 0; i0 < M; i0 += MC) {
                int mc = M - i0 < MC ? M - i0 : MC;
                if (packA) pack_a(A, lda, transA, i0, mc, p0, kc, ap);
                const float *rows[(MC + MR - 1) / MR][MR];  // each MR-row panel's row pointers
                for (int ir = 0; ir < mc; ir += MR) {
                    const int mr = mc - ir < MR ? mc - ir : MR;
                    for (int r = 0; r < MR; r++) {
                        // Rows past the last read row 0 again; their sums are not stored.
                        const int i = i0 + ir + (r < mr ? r : 0);
                        rows[ir / MR][r] = packA ? ap + (size_t)ir * kc + r
                                                 : (transA ? A + (size_t)p0 * lda + i : A + (size_t)i * lda + p0);
                    }
                }
                for (int jr = 0; jr < nc; jr += NR) {
                    int nr = nc - jr < NR ? nc - jr : NR;
                    const float *bpanel = bp + (size_t)jr * kc;
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = mc - ir < MR ? mc - ir : MR;
                        kernel.tile(kc, rows[ir / MR], offsets, bpanel, tile, NR, ZOO_TILE_ROWS);
                        kernel.add_tile(alpha, tile, NR, C + (size_t)(i0 + ir) * ldc + j0 + jr, ldc, mr, nr,
                                        fresh && p0 == 0);
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
