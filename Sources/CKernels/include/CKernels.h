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

/// Threads the large kernels (GEMM, convolution) may use; 1 (the default) keeps all work
/// on the calling thread. Results are bitwise the same for every count.
void zoo_set_thread_count(int count);
int zoo_thread_count(void);

/// Runs fn(context, i) for i < count, spread over the pool's threads; returns when all are
/// done. Tasks must write disjoint outputs.
typedef void (*zoo_task_fn)(void *context, int index);
void zoo_parallel_for(int count, zoo_task_fn fn, void *context);

/// Sizes of a 2-D convolution over NCHW input with weight [out_channels, in_channels,
/// kernel_h, kernel_w] (groups = 1). out_h/out_w must be the sizes the other fields imply.
typedef struct {
    int batch, in_channels, in_h, in_w;
    int out_channels, kernel_h, kernel_w;
    int stride_h, stride_w, pad_h, pad_w, dilation_h, dilation_w;
    int out_h, out_w;
} zoo_conv2d_geometry;

/// y [batch, out_channels, out_h, out_w] = conv(input_scale * x, weight) + bias (bias may
/// be NULL), followed by max(·, 0) when relu.
void zoo_conv2d_forward(const zoo_conv2d_geometry *g, const float *x, float input_scale,
                        const float *weight, const float *bias, bool relu, float *y);

/// Gradients of that convolution given dy (shaped like y). relu_output is y when the
/// forward applied relu (dy then passes only where y > 0), else NULL. Each of dx, dweight,
/// dbias may be NULL (not wanted); the others are overwritten.
void zoo_conv2d_backward(const zoo_conv2d_geometry *g, const float *x, float input_scale,
                         const float *weight, const float *dy, const float *relu_output,
                         float *dx, float *dweight, float *dbias);

/// Sizes of a 2-D max pooling over NCHW input (padding is never the maximum).
typedef struct {
    int batch, channels, in_h, in_w;
    int kernel_h, kernel_w, stride_h, stride_w, pad_h, pad_w;
    int out_h, out_w;
} zoo_pool2d_geometry;

/// y [batch, channels, out_h, out_w] = maximum over each window (first maximum wins ties).
void zoo_maxpool2d_forward(const zoo_pool2d_geometry *g, const float *x, float *y);

/// dx (overwritten, shaped like x) = dy routed to each window's first maximum.
void zoo_maxpool2d_backward(const zoo_pool2d_geometry *g, const float *x, const float *dy, float *dx);

/// The constants of one Adam step (see optimizer.c).
typedef struct {
    float lerp_weight, beta2, square_weight, correction2_root, epsilon, negative_step_size;
} zoo_adam_constants;

/// One Adam update of n parameters w from gradients g, moments m and v updated in place:
/// m += lerp·(g − m); v = v·β₂ + sq·g·g; w += −step·(m / (√v / root + ε)) — torch's order,
/// bitwise the scalar loop's results.
void zoo_adam_step(long n, float *w, const float *g, float *m, float *v, const zoo_adam_constants *k);

/// The constants of one RMSprop step (see optimizer.c).
typedef struct {
    float alpha, keep, epsilon, negative_rate, momentum;
} zoo_rmsprop_constants;

/// One RMSprop update of n parameters w from gradients g, in torch's order:
/// sq = sq·α + keep·g·g; with ga (centred): ga += keep·(g − ga), avg = √(sq − ga·ga), else
/// avg = √sq; avg += ε; with b (momentum): b = b·μ + g / avg, w += −lr·b, else w += −lr·(g / avg).
/// ga and b may be NULL. Bitwise the scalar loop's results.
void zoo_rmsprop_step(long n, float *w, const float *g, float *sq, float *ga, float *b,
                      const zoo_rmsprop_constants *k);

/// sums[p] = Σⱼ x[p][j]² for p < count, each sum accumulated serially in j (bitwise a plain
/// loop), four arrays at a time; the arrays must come in order of length, longest first.
void zoo_sums_of_squares(long count, const float *const *x, const long *n, float *sums);

#endif
