// 2-D convolution (NCHW, weight [out, in, kh, kw], groups = 1) for Zoo's DSL.
//
// Each batch is cut into chunks of whole images, and a chunk's receptive fields are
// unrolled so that the three products of a convolution are ordinary GEMMs on zoo_sgemm
// (and its run-time-dispatched AVX2/FMA kernel). With K = in·kh·kw and Q = the chunk's
// output positions (image-major):
//   forward      Y[out, Q]   = W[out, K] · rows[Q, K]ᵀ
//   weight grad  dW[out, K] += dY[out, Q] · rows[Q, K]
//   input grad   drows[Q, K] = dY[out, Q]ᵀ · W[out, K], added back into dx (row2im)
// where rows has one row per output position (im2row: receptive-field rows are short
// contiguous copies); the GEMM packs each large operand by copies or register transposes.
// Scratch matrices are thread-local and grown on demand, so steady-state calls allocate
// nothing.
// Chunks (forward, input gradient) and input-channel groups (weight gradient) run on the
// pool's threads; the chunk size depends only on the shapes and no sum is split, so every
// result bit is the same for every thread count.

#include "CKernels.h"
#include "scratch.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Target size of one chunk's unrolled matrix, in floats (about 1 MiB: stays in L2/L3).
enum { CHUNK_FLOATS = 1 << 18 };

static _Thread_local float *rows_buf = NULL;
static _Thread_local size_t rows_cap = 0;
static _Thread_local float *out_buf = NULL;
static _Thread_local size_t out_cap = 0;

static inline int positions(const zoo_conv2d_geometry *g) { return g->out_h * g->out_w; }
static inline int patch(const zoo_conv2d_geometry *g) {
    return g->in_channels * g->kernel_h * g->kernel_w;
}

// Images per chunk: as many as fit CHUNK_FLOATS of unrolled rows, at least one.
static int chunk_images(const zoo_conv2d_geometry *g) {
    size_t per = (size_t)positions(g) * (size_t)patch(g);
    int n = per == 0 ? g->batch : (int)(CHUNK_FLOATS / per);
    if (n < 1) n = 1;
    if (n > g->batch) n = g->batch;
    return n;
}

// dst[0..<n] = src[0..<n] and dst[0..<n] += src[0..<n] for the short kernel rows of a
// receptive field; the common widths become fixed-size moves the compiler vectorises.
static inline void copy_run(float *dst, const float *src, int n) {
    switch (n) {
    case 3: memcpy(dst, src, 3 * sizeof(float)); return;
    case 4: memcpy(dst, src, 4 * sizeof(float)); return;
    case 5: memcpy(dst, src, 5 * sizeof(float)); return;
    case 8: memcpy(dst, src, 8 * sizeof(float)); return;
    default: for (int j = 0; j < n; j++) dst[j] = src[j];
    }
}

static inline void add_fixed(float *dst, const float *src, int n) {
    for (int j = 0; j < n; j++) dst[j] += src[j];
}

static inline void add_run(float *dst, const float *src, int n) {
    switch (n) {
    case 3: add_fixed(dst, src, 3); return;
    case 4: add_fixed(dst, src, 4); return;
    case 8: add_fixed(dst, src, 8); return;
    default: add_fixed(dst, src, n);
    }
}

// Unrolls channels [c0, c1) of one image x [C, H, W] into rows [P, (c1 - c0)·kh·kw]
// (zero outside the padded input).
static void im2row(const zoo_conv2d_geometry *g, const float *x, int c0, int c1, float *rows) {
    const int H = g->in_h, W = g->in_w;
    const int kh = g->kernel_h, kw = g->kernel_w, dh = g->dilation_h, dw = g->dilation_w;
    float *dst = rows;
    for (int oh = 0; oh < g->out_h; oh++) {
        const int h0 = oh * g->stride_h - g->pad_h;
        for (int ow = 0; ow < g->out_w; ow++) {
            const int w0 = ow * g->stride_w - g->pad_w;
            const int inside = dw == 1 && w0 >= 0 && w0 + kw <= W;
            for (int c = c0; c < c1; c++) {
                const float *xc = x + (size_t)c * H * W;
                for (int i = 0; i < kh; i++) {
                    const int h = h0 + i * dh;
                    if (h < 0 || h >= H) {
                        for (int j = 0; j < kw; j++) dst[j] = 0.0f;
                    } else if (inside) {
                        copy_run(dst, xc + (size_t)h * W + w0, kw);
                    } else {
                        const float *xr = xc + (size_t)h * W;
                        for (int j = 0; j < kw; j++) {
                            const int w = w0 + j * dw;
                            dst[j] = (w >= 0 && w < W) ? xr[w] : 0.0f;
                        }
                    }
                    dst += kw;
                }
            }
        }
    }
}

// Adds rows [P, K] back into one image dx [C, H, W] (the adjoint of im2row).
static void row2im(const zoo_conv2d_geometry *g, const float *rows, float *dx) {
    const int C = g->in_channels, H = g->in_h, W = g->in_w;
    const int kh = g->kernel_h, kw = g->kernel_w, dh = g->dilation_h, dw = g->dilation_w;
    const float *src = rows;
    for (int oh = 0; oh < g->out_h; oh++) {
        const int h0 = oh * g->stride_h - g->pad_h;
        for (int ow = 0; ow < g->out_w; ow++) {
            const int w0 = ow * g->stride_w - g->pad_w;
            const int inside = dw == 1 && w0 >= 0 && w0 + kw <= W;
            for (int c = 0; c < C; c++) {
                float *xc = dx + (size_t)c * H * W;
                for (int i = 0; i < kh; i++) {
                    const int h = h0 + i * dh;
                    if (h >= 0 && h < H) {
                        float *xr = xc + (size_t)h * W;
                        if (inside) {
                            add_run(xr + w0, src, kw);
                        } else {
                            for (int j = 0; j < kw; j++) {
                                const int w = w0 + j * dw;
                                if (w >= 0 && w < W) xr[w] += src[j];
                            }
                        }
                    }
                    src += kw;
                }
            }
        }
    }
}

// dst[i] = keep[i] > 0 ? src[i] : 0, without branches (a ReLU's mask is a coin flip).
static inline float keep_if_positive(float value, float keep) {
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    bits &= (uint32_t)0 - (uint32_t)(keep > 0.0f);
    memcpy(&value, &bits, sizeof bits);
    return value;
}

static void masked_copy(float *restrict dst, const float *restrict src, const float *restrict keep, int n) {
    for (int i = 0; i < n; i++) dst[i] = keep_if_positive(src[i], keep[i]);
}

// dY of images [n0, n0 + m) as [out, image·pos] (row stride m·P), passed only where the
// fused relu's output is positive when mask is not NULL.
static void gather_dy(const zoo_conv2d_geometry *g, const float *dy, const float *mask, int n0, int m,
                      float *dyb) {
    const int P = positions(g), O = g->out_channels;
    const size_t ld = (size_t)m * P;
    for (int b = 0; b < m; b++) {
        for (int o = 0; o < O; o++) {
            const size_t at = ((size_t)(n0 + b) * O + o) * P;
            float *dst = dyb + (size_t)o * ld + (size_t)b * P;
            if (mask) {
                masked_copy(dst, dy + at, mask + at, P);
            } else {
                memcpy(dst, dy + at, (size_t)P * sizeof(float));
            }
        }
    }
}

// Everything a chunk or column-group task needs.
typedef struct {
    const zoo_conv2d_geometry *g;
    const float *x, *weight, *bias, *dy, *mask;
    float *y, *dx, *dweight;
    float scale;
    bool relu;
    int images;         // images per chunk
    int group_channels; // input channels per weight-gradient task
} conv_job;

static void forward_chunk(void *context, int index) {
    const conv_job *j = (const conv_job *)context;
    const zoo_conv2d_geometry *g = j->g;
    const int P = positions(g), K = patch(g), O = g->out_channels;
    const size_t in_image = (size_t)g->in_channels * g->in_h * g->in_w;
    const int n0 = index * j->images;
    const int m = g->batch - n0 < j->images ? g->batch - n0 : j->images;
    const size_t Q = (size_t)m * P;
    float *rows = zoo_scratch_reserve(&rows_buf, &rows_cap, Q * K);
    for (int b = 0; b < m; b++)
        im2row(g, j->x + (size_t)(n0 + b) * in_image, 0, g->in_channels, rows + (size_t)b * P * K);
    if (P % 16 == 0) {
        // Whole 16-column tiles per image: multiply straight into each image of y, on top
        // of the bias.
        for (int b = 0; b < m; b++) {
            float *dst = j->y + (size_t)(n0 + b) * O * P;
            for (int o = 0; o < O; o++) {
                const float bo = j->bias ? j->bias[o] : 0.0f;
                for (int p = 0; p < P; p++) dst[(size_t)o * P + p] = bo;
            }
            zoo_sgemm(false, true, O, P, K, j->scale, j->weight, K, rows + (size_t)b * P * K, K, 1.0f, dst, P);
            if (j->relu)
                for (size_t i = 0; i < (size_t)O * P; i++) dst[i] = dst[i] > 0.0f ? dst[i] : 0.0f;
        }
        return;
    }
    float *out = zoo_scratch_reserve(&out_buf, &out_cap, (size_t)O * Q);
    zoo_sgemm(false, true, O, (int)Q, K, j->scale, j->weight, K, rows, K, 0.0f, out, (int)Q);
    // [out, image, pos] -> [image, out, pos], adding the bias.
    for (int b = 0; b < m; b++) {
        float *dst = j->y + (size_t)(n0 + b) * O * P;
        for (int o = 0; o < O; o++) {
            const float bo = j->bias ? j->bias[o] : 0.0f;
            const float *src = out + (size_t)o * Q + (size_t)b * P;
            float *row = dst + (size_t)o * P;
            if (j->relu) {
                for (int p = 0; p < P; p++) {
                    const float v = src[p] + bo;
                    row[p] = v > 0.0f ? v : 0.0f;
                }
            } else {
                for (int p = 0; p < P; p++) row[p] = src[p] + bo;
            }
        }
    }
}

void zoo_conv2d_forward(const zoo_conv2d_geometry *g, const float *x, float input_scale,
                        const float *weight, const float *bias, bool relu, float *y) {
    if (g->batch <= 0 || positions(g) <= 0 || g->out_channels <= 0) return;
    conv_job j = {g, x, weight, bias, NULL, NULL, y, NULL, NULL, input_scale, relu, chunk_images(g), 0};
    zoo_parallel_for((g->batch + j.images - 1) / j.images, forward_chunk, &j);
}

// Input gradient of one chunk of images (each chunk writes its own images of dx).
static void input_gradient_chunk(void *context, int index) {
    const conv_job *j = (const conv_job *)context;
    const zoo_conv2d_geometry *g = j->g;
    const int P = positions(g), K = patch(g), O = g->out_channels;
    const size_t in_image = (size_t)g->in_channels * g->in_h * g->in_w;
    const int n0 = index * j->images;
    const int m = g->batch - n0 < j->images ? g->batch - n0 : j->images;
    float *rows = zoo_scratch_reserve(&rows_buf, &rows_cap, (size_t)m * P * K);
    float *dyb = zoo_scratch_reserve(&out_buf, &out_cap, (size_t)m * P * O);
    gather_dy(g, j->dy, j->mask, n0, m, dyb);
    zoo_sgemm(true, false, m * P, K, O, j->scale, dyb, m * P, j->weight, K, 0.0f, rows, K);
    float *dx = j->dx + (size_t)n0 * in_image;
    memset(dx, 0, (size_t)m * in_image * sizeof(float));
    for (int b = 0; b < m; b++) row2im(g, rows + (size_t)b * P * K, dx + (size_t)b * in_image);
}

// Weight gradient columns of input channels [c0, c1), summed over the whole batch chunk by
// chunk. Group boundaries fall on multiples of 16 columns, so the columns are computed by
// the same operations whatever the number of groups.
static void weight_gradient_group(void *context, int index) {
    const conv_job *j = (const conv_job *)context;
    const zoo_conv2d_geometry *g = j->g;
    const int P = positions(g), O = g->out_channels, area = g->kernel_h * g->kernel_w, K = patch(g);
    const int c0 = index * j->group_channels;
    const int c1 = c0 + j->group_channels < g->in_channels ? c0 + j->group_channels : g->in_channels;
    const int Kg = (c1 - c0) * area;
    const size_t in_image = (size_t)g->in_channels * g->in_h * g->in_w;
    float *dw = j->dweight + (size_t)c0 * area;
    for (int o = 0; o < O; o++) memset(dw + (size_t)o * K, 0, (size_t)Kg * sizeof(float));
    for (int n0 = 0; n0 < g->batch; n0 += j->images) {
        const int m = g->batch - n0 < j->images ? g->batch - n0 : j->images;
        float *rows = zoo_scratch_reserve(&rows_buf, &rows_cap, (size_t)m * P * Kg);
        float *dyb = zoo_scratch_reserve(&out_buf, &out_cap, (size_t)m * P * O);
        gather_dy(g, j->dy, j->mask, n0, m, dyb);
        for (int b = 0; b < m; b++)
            im2row(g, j->x + (size_t)(n0 + b) * in_image, c0, c1, rows + (size_t)b * P * Kg);
        zoo_sgemm(false, false, O, Kg, m * P, j->scale, dyb, m * P, rows, Kg, 1.0f, dw, K);
    }
}

static int gcd(int a, int b) {
    while (b) {
        const int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

void zoo_conv2d_backward(const zoo_conv2d_geometry *g, const float *x, float input_scale,
                         const float *weight, const float *dy, const float *relu_output,
                         float *dx, float *dweight, float *dbias) {
    const int P = positions(g), K = patch(g), O = g->out_channels;
    const size_t in_image = (size_t)g->in_channels * g->in_h * g->in_w;
    if (g->batch <= 0 || P <= 0 || O <= 0) {
        if (dx) memset(dx, 0, (size_t)(g->batch > 0 ? g->batch : 0) * in_image * sizeof(float));
        if (dweight) memset(dweight, 0, (size_t)O * K * sizeof(float));
        if (dbias) memset(dbias, 0, (size_t)(O > 0 ? O : 0) * sizeof(float));
        return;
    }
    if (dbias) {
        for (int o = 0; o < O; o++) dbias[o] = 0.0f;
        for (int n = 0; n < g->batch; n++) {
            for (int o = 0; o < O; o++) {
                const float *row = dy + ((size_t)n * O + o) * P;
                float s = 0.0f;
                if (relu_output) {
                    const float *mask = relu_output + ((size_t)n * O + o) * P;
                    for (int p = 0; p < P; p++) s += keep_if_positive(row[p], mask[p]);
                } else {
                    for (int p = 0; p < P; p++) s += row[p];
                }
                dbias[o] += s;
            }
        }
    }
    conv_job j = {g, x, weight, NULL, dy, relu_output, NULL, dx, dweight, input_scale, false, chunk_images(g), 0};
    if (dweight) {
        // Channel groups whose first column is a multiple of 16 (the GEMM's tile width).
        const int unit = 16 / gcd(16, g->kernel_h * g->kernel_w);
        const int units = (g->in_channels + unit - 1) / unit;
        int groups = zoo_thread_count();
        if (groups > units) groups = units;
        if (groups < 1) groups = 1;
        j.group_channels = (units + groups - 1) / groups * unit;
        zoo_parallel_for((g->in_channels + j.group_channels - 1) / j.group_channels, weight_gradient_group, &j);
    }
    if (dx) zoo_parallel_for((g->batch + j.images - 1) / j.images, input_gradient_chunk, &j);
}

// Max pooling. Windows are clipped to the input (padding never wins), and the first
// maximum in scan order wins ties; NaN propagates.
static inline int window_argmax(const zoo_pool2d_geometry *g, const float *xc, int oh, int ow) {
    const int h0 = oh * g->stride_h - g->pad_h, w0 = ow * g->stride_w - g->pad_w;
    int best = -1;
    float m = -INFINITY;
    for (int i = 0; i < g->kernel_h; i++) {
        const int h = h0 + i;
        if (h < 0 || h >= g->in_h) continue;
        for (int j = 0; j < g->kernel_w; j++) {
            const int w = w0 + j;
            if (w < 0 || w >= g->in_w) continue;
            const int idx = h * g->in_w + w;
            const float v = xc[idx];
            if (best < 0 || v > m || isnan(v)) {
                best = idx;
                m = v;
                if (isnan(v)) return best;
            }
        }
    }
    return best;
}

void zoo_maxpool2d_forward(const zoo_pool2d_geometry *g, const float *x, float *y) {
    const size_t planes = (size_t)g->batch * g->channels;
    const size_t in_plane = (size_t)g->in_h * g->in_w, out_plane = (size_t)g->out_h * g->out_w;
    for (size_t c = 0; c < planes; c++) {
        const float *xc = x + c * in_plane;
        float *yc = y + c * out_plane;
        for (int oh = 0; oh < g->out_h; oh++) {
            for (int ow = 0; ow < g->out_w; ow++) {
                const int idx = window_argmax(g, xc, oh, ow);
                yc[oh * g->out_w + ow] = idx < 0 ? -INFINITY : xc[idx];
            }
        }
    }
}

void zoo_maxpool2d_backward(const zoo_pool2d_geometry *g, const float *x, const float *dy, float *dx) {
    const size_t planes = (size_t)g->batch * g->channels;
    const size_t in_plane = (size_t)g->in_h * g->in_w, out_plane = (size_t)g->out_h * g->out_w;
    memset(dx, 0, planes * in_plane * sizeof(float));
    for (size_t c = 0; c < planes; c++) {
        const float *xc = x + c * in_plane;
        const float *gc = dy + c * out_plane;
        float *dc = dx + c * in_plane;
        for (int oh = 0; oh < g->out_h; oh++) {
            for (int ow = 0; ow < g->out_w; ow++) {
                const int idx = window_argmax(g, xc, oh, ow);
                if (idx >= 0) dc[idx] += gc[oh * g->out_w + ow];
            }
        }
    }
}
