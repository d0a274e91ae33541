// The GEMM's building blocks, shared by the convolution (not part of the public header).
#ifndef ZOO_GEMM_H
#define ZOO_GEMM_H

#include <stdbool.h>

// A micro-tile of the product is MR rows by NR columns.
enum { ZOO_MR = 6, ZOO_NR = 16 };

// Whether this CPU runs the AVX2/FMA kernels.
bool zoo_cpu_has_avx2_fma(void);

// Packs rows [p0, p0+kc) x columns [j0, j0+nc) of op(B) (B is N x K when trans, else
// K x N) into NR-column panels, panel after panel, dst[panel·kc·NR + p·NR + c], the
// columns past nc zero.
void zoo_gemm_pack_panels(const float *B, int ldb, bool trans, int p0, int kc, int j0, int nc, float *dst);

// Where zoo_gemm_tile puts its sums S[r][c]:
typedef enum {
    ZOO_TILE_ROWS,        // tile[r·ldt + c]
    ZOO_TILE_ROWS_CHAIN,  // tile[r·ldt + c], the multiply-adds continuing from its values (a
                          // long sum in blocks, with the bits of one chain)
    ZOO_TILE_COLUMNS,     // tile[c·ldt + r] for r < 8, S[MR..7][c] = 0 (for vector stores)
} zoo_tile_layout;

// S[r][c] = Σ_{p < k} rows[r][offsets[p]] · panel[p·NR + c] for r < MR, c < NR, one
// multiply-add per p in increasing p (the same bits for every caller), stored as `layout`
// says. The MR-row operand is read through row pointers and a table of offsets, so it can
// be a packed panel (rows[r] = panel + r, offsets[p] = MR·p) or read in place (the
// receptive fields of MR output positions of a convolution, offsets the kernel's taps).
void zoo_gemm_tile(int k, const float *const rows[ZOO_MR], const int *offsets, const float *panel, float *tile, int ldt,
                   zoo_tile_layout layout);

#endif
