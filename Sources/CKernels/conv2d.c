// 2-D convolution (NCHW, weight [out, in, kh, kw], groups = 1) for Zoo's DSL.
//
// Each batch is cut into chunks of whole images. A chunk's receptive fields are unrolled
// into a row-major matrix with one row per output position and one column per
// (in-channel, ky, kx) — "im2row" — so that the three products of a convolution are
// ordinary GEMMs on zoo_sgemm (and its run-time-dispatched AVX2/FMA kernel):
//   forward        Y[pos, out]  = rows[pos, K] · W[out, K]ᵀ
//   weight grad    dW[out, K]  += dY[pos, out]ᵀ · rows[pos, K]
//   input grad     drows[pos, K] = dY[pos, out] · W[out, K], scattered back (row2im)
// Scratch matrices are thread-local and grown on demand, so steady-state calls allocate
// nothing. The chunk size depends only on the shapes, so the order of floating-point
// additions (and so every result bit) is the same on every run and thread count.

#include "CKernels.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

// Target size of one chunk's unrolled matrix, in floats (about 1 MiB: stays in L2/L3).
enum { CHUNK_FLOATS = 1 << 18 };

static _Thread_local float *rows_buf = NULL;
static _Thread_local size_t rows_cap = 0;
static _Thread_local float *out_buf = NULL;
static _Thread_local size_t out_cap = 0;

static float *grow(float **buf, size_t *cap, size_t count) {
    if (*cap < count) {
        free(*buf);
        *buf = (float *)aligned_alloc(64, ((count * sizeof(float) + 63) / 64) * 64);
        *cap = *buf ? count : 0;
        if (!*buf) abort();
    }
    return *buf;
}

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

// Unrolls one image x [C, H, W] into rows [P, K] (zero outside the padded input).
static void im2row(const zoo_conv2d_geometry *g, const float *x, float *rows) {
    const int C = g->in_channels, H = g->in_h, W = g->in_w;
    const int kh = g->kernel_h, kw = g->kernel_w, dh = g->dilation_h, dw = g->dilation_w;
    float *dst = rows;
    for (int oh = 0; oh < g->out_h; oh++) {
        const int h0 = oh * g->stride_h - g->pad_h;
        for (int ow = 0; ow < g->out_w; ow++) {
            const int w0 = ow * g->stride_w - g->pad_w;
            const int inside = dw == 1 && w0 >= 0 && w0 + kw <= W;
            for (int c = 0; c < C; c++) {
                const float *xc = x + (size_t)c * H * W;
                for (int i = 0; i < kh; i++) {
                    const int h = h0 + i * dh;
                    if (h < 0 || h >= H) {
                        for (int j = 0; j < kw; j++) dst[j] = 0.0f;
                    } else if (inside) {
                        const float *src = xc + (size_t)h * W + w0;
                        for (int j = 0; j < kw; j++) dst[j] = src[j];
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
                            for (int j = 0; j < kw; j++) xr[w0 + j] += src[j];
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

void zoo_conv2d_forward(const zoo_conv2d_geometry *g, const float *x, const float *weight,
                        const float *bias, float *y) {
    const int P = positions(g), K = patch(g), O = g->out_channels;
    if (g->batch <= 0 || P <= 0 || O <= 0) return;
    const int nb = chunk_images(g);
    float *rows = grow(&rows_buf, &rows_cap, (size_t)nb * P * K);
    float *out = grow(&out_buf, &out_cap, (size_t)nb * P * O);
    const size_t in_image = (size_t)g->in_channels * g->in_h * g->in_w;
    for (int n0 = 0; n0 < g->batch; n0 += nb) {
        const int m = g->batch - n0 < nb ? g->batch - n0 : nb;
        for (int b = 0; b < m; b++) im2row(g, x + (size_t)(n0 + b) * in_image, rows + (size_t)b * P * K);
        zoo_sgemm(false, true, m * P, O, K, 1.0f, rows, K, weight, K, 0.0f, out, O);
        // [image, pos, out] -> [image, out, pos], adding the bias.
        for (int b = 0; b < m; b++) {
            const float *src = out + (size_t)b * P * O;
            float *dst = y + (size_t)(n0 + b) * O * P;
            for (int o = 0; o < O; o++) {
                const float bo = bias ? bias[o] : 0.0f;
                float *row = dst + (size_t)o * P;
                for (int p = 0; p < P; p++) row[p] = src[(size_t)p * O + o] + bo;
            }
        }
    }
}

void zoo_conv2d_backward(const zoo_conv2d_geometry *g, const float *x, const float *weight,
                         const float *dy, float *dx, float *dweight, float *dbias) {
    const int P = positions(g), K = patch(g), O = g->out_channels;
    const size_t in_image = (size_t)g->in_channels * g->in_h * g->in_w;
    if (dx) memset(dx, 0, (size_t)g->batch * in_image * sizeof(float));
    if (dweight) memset(dweight, 0, (size_t)O * K * sizeof(float));
    if (dbias) memset(dbias, 0, (size_t)O * sizeof(float));
    if (g->batch <= 0 || P <= 0 || O <= 0) return;
    if (dbias) {
        for (int n = 0; n < g->batch; n++) {
            for (int o = 0; o < O; o++) {
                const float *row = dy + ((size_t)n * O + o) * P;
                float s = 0.0f;
                for (int p = 0; p < P; p++) s += row[p];
                dbias[o] += s;
            }
        }
    }
    if (!dx && !dweight) return;
    const int nb = chunk_images(g);
    float *rows = grow(&rows_buf, &rows_cap, (size_t)nb * P * K);
    float *dyr = grow(&out_buf, &out_cap, (size_t)nb * P * O);
    for (int n0 = 0; n0 < g->batch; n0 += nb) {
        const int m = g->batch - n0 < nb ? g->batch - n0 : nb;
        // dY chunk as [image, pos, out].
        for (int b = 0; b < m; b++) {
            const float *src = dy + (size_t)(n0 + b) * O * P;
            float *dst = dyr + (size_t)b * P * O;
            for (int o = 0; o < O; o++) {
                const float *row = src + (size_t)o * P;
                for (int p = 0; p < P; p++) dst[(size_t)p * O + o] = row[p];
            }
        }
        if (dweight) {
            for (int b = 0; b < m; b++)
                im2row(g, x + (size_t)(n0 + b) * in_image, rows + (size_t)b * P * K);
            zoo_sgemm(true, false, O, K, m * P, 1.0f, dyr, O, rows, K, 1.0f, dweight, K);
        }
        if (dx) {
            zoo_sgemm(false, false, m * P, K, O, 1.0f, dyr, O, weight, K, 0.0f, rows, K);
            for (int b = 0; b < m; b++)
                row2im(g, rows + (size_t)b * P * K, dx + (size_t)(n0 + b) * in_image);
        }
    }
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
