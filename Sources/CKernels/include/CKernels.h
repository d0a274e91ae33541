#ifndef ZOO_CKERNELS_H
#define ZOO_CKERNELS_H
#include <stddef.h>
#include <stdbool.h>

/// C = alpha * op(A) * op(B) + beta * C, row-major, single precision.
/// op(A) is M x K (A is K x M when transA), op(B) is K x N (B is N x K when transB).
void zoo_sgemm(bool transA, bool transB, int M, int N, int K,
               float alpha, const float *A, int lda, const float *B, int ldb,
               float beta, float *C, int ldc);

/// Which kernel zoo_sgemm dispatches to on this CPU: "avx2-fma" or "portable".
const char *zoo_sgemm_kernel_name(void);

/// y[i] = exp(x[i]) for i < n (Cephes-style polynomial, about 1 ulp; x and y may alias).
void zoo_vexp(long n, const float *x, float *y);

/// y[i] = tanh(x[i]) for i < n (Cephes-style, about 2 ulp; x and y may alias).
void zoo_vtanh(long n, const float *x, float *y);

#endif
