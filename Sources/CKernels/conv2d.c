// 2-D convolution (NCHW, weight [out, in, kh, kw], groups = 1) for Zoo's DSL.
//
// The forward pass and the weight gradient are implicit GEMMs on the package's micro-kernel
// (gemm.h): it reads receptive fields straight from the input through a table of tap
// offsets, so nothing is unrolled. The input gradient cuts the batch into chunks of whole
// images and computes, with K = in·kh·kw and Q = the chunk's output positions,
//   drows[Q, K] = dY[out, Q]ᵀ · W[out, K]
// on zoo_sgemm, then adds each row (a receptive field's values) back into dx (row2im).
// Scratch buffers are thread-local and grown on demand, so steady-state calls allocate
// nothing. Forward position tiles and gradient chunks run on the pool's threads; no sum is
// split across threads, so every result bit is the same for every thread count.

#include "CKernels.h"
#include "gemm.h"
#include "scratch.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Target size of one chunk's unrolled matrix, in floats (about 1 MiB: stays in L2/L3).
enum { CHUNK_FLOATS = 1 << 18 };

static _Thread_local zoo_scratch rows_scratch;
static _Thread_local zoo_scratch out_scratch;
static _Thread_local zoo_scratch pad_scratch;
static _Thread_local zoo_scratch panels_scratch;
static _Thread_local zoo_scratch taps_scratch;
static _Thread_local zoo_scratch block_scratch;
static _Thread_local zoo_scratch dy_panels_scratch;
static _Thread_local zoo_scratch corners_scratch;
static _Thread_local zoo_scratch masked_scratch;
static _Thread_local zoo_scratch partials_scratch;

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

// dst[0..<n] += src[0..<n] for the short kernel rows of a receptive field; the common
// widths become fixed-size loops the compiler vectorises.
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

// Adds rows [P, K] (one row per output position: its receptive field's values) back into
// one image dx [C, H, W].
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

// Everything an input-gradient chunk task needs.
typedef struct {
    const zoo_conv2d_geometry *g;
    const float *x, *weight, *dy, *mask;
    float *dx;
    float scale;
    int images;  // images per chunk
} conv_job;

// The input as the implicit GEMMs read it (the forward pass and the weight gradient): planes
// of plane_w x plane/plane_w floats (a zero-padded copy when the convolution pads, so that
// every window lies inside), and the offset of every tap (c, i, j) from its window's corner.
typedef struct {
    const zoo_conv2d_geometry *g;
    const float *x;
    int plane_w, plane;
    const int *taps;
} windows;

// Offset of image n's input.
static size_t image_start(const windows *w, int n) { return (size_t)n * w->g->in_channels * w->plane; }

// Offset of the window of output position pos from its image's input.
static int corner_in_image(const windows *w, int pos) {
    const zoo_conv2d_geometry *g = w->g;
    return pos / g->out_w * g->stride_h * w->plane_w + pos % g->out_w * g->stride_w;
}

// Forward convolution as an implicit GEMM. Output position q (image-major) has its window's
// corner at x + corner(q), and tap p = (c, i, j) of the window at offset tap(p) from it, so
//   Yᵀ[q, o] = Σ_p x[corner(q) + tap(p)] · W[o, p].
// The GEMM micro-kernel reads the windows of MR positions straight from x through the tap
// table: nothing is unrolled, and only W is packed (once per call, as NR-channel panels).
// Each output is one chain of multiply-adds over all of K, so its bits do not depend on
// how positions are split into tasks.
typedef struct {
    windows in;
    const float *panels;  // W as ⌈out/NR⌉ packed panels of K x NR
    const float *bias;
    float scale;
    bool relu;
    float *y;
    int tiles, tiles_per_task;  // MR-position tiles in all, and per task
} forward_job;

static const float *window_corner(const forward_job *j, int q) {
    const int P = positions(j->in.g);
    return j->in.x + image_start(&j->in, q / P) + corner_in_image(&j->in, q % P);
}

// y at positions [q0, q1) = scale · block + bias, clamped at 0 when relu (by a select, not
// a branch: the sign is a coin flip); block[o·ld + q - q0] holds the sums of channel o.
static void store_block(const forward_job *j, const float *block, int ld, int q0, int q1) {
    const int P = positions(j->in.g), O = j->in.g->out_channels;
    const float scale = j->scale;
    for (int q = q0; q < q1;) {
        const int image = q / P, pos = q % P, n = q1 - q < P - pos ? q1 - q : P - pos;
        for (int o = 0; o < O; o++) {
            const float *src = block + (size_t)o * ld + (q - q0);
            float *dst = j->y + ((size_t)image * O + o) * P + pos;
            const float bias = j->bias ? j->bias[o] : 0.0f;
            if (j->relu) {
                for (int i = 0; i < n; i++) {
                    const float v = src[i] * scale + bias;
                    dst[i] = v > 0.0f ? v : 0.0f;
                }
            } else {
                for (int i = 0; i < n; i++) dst[i] = src[i] * scale + bias;
            }
        }
        q += n;
    }
}

// One task: tiles [index·tiles_per_task, …) into a block of sums (a row per channel, so
// that y is then written along its rows), then into y.
static void forward_tiles(void *context, int index) {
    const forward_job *j = (const forward_job *)context;
    const zoo_conv2d_geometry *g = j->in.g;
    const int K = patch(g), O = g->out_channels, Q = g->batch * positions(g);
    const int t0 = index * j->tiles_per_task;
    const int t1 = t0 + j->tiles_per_task < j->tiles ? t0 + j->tiles_per_task : j->tiles;
    // A tile's columns are eight floats long; each next tile overwrites the last two.
    const int ld = (t1 - t0) * ZOO_MR + 8 - ZOO_MR;
    float *block = zoo_scratch_reserve(&block_scratch, (size_t)(O + ZOO_NR - 1) / ZOO_NR * ZOO_NR * ld * sizeof(float));
    for (int t = t0; t < t1; t++) {
        const int q0 = t * ZOO_MR;
        const float *rows[ZOO_MR];
        for (int r = 0; r < ZOO_MR; r++) rows[r] = window_corner(j, q0 + r < Q ? q0 + r : q0);
        for (int o0 = 0; o0 < O; o0 += ZOO_NR)
            zoo_gemm_tile(K, rows, j->in.taps, j->panels + (size_t)o0 * K, block + (size_t)o0 * ld + (q0 - t0 * ZOO_MR), ld,
                          ZOO_TILE_COLUMNS);
    }
    store_block(j, block, ld, t0 * ZOO_MR, t1 * ZOO_MR < Q ? t1 * ZOO_MR : Q);
}

// x with pad_h / pad_w zeros on each side of every plane, so that every window lies inside.
static const float *padded_input(const zoo_conv2d_geometry *g, const float *x) {
    const int H = g->in_h, W = g->in_w, Hp = H + 2 * g->pad_h, Wp = W + 2 * g->pad_w;
    const size_t planes = (size_t)g->batch * g->in_channels;
    float *dst = zoo_scratch_reserve(&pad_scratch, planes * Hp * Wp * sizeof(float));
    memset(dst, 0, planes * Hp * Wp * sizeof(float));
    for (size_t c = 0; c < planes; c++)
        for (int h = 0; h < H; h++)
            memcpy(dst + (c * Hp + h + g->pad_h) * Wp + g->pad_w, x + (c * H + h) * W, (size_t)W * sizeof(float));
    return dst;
}

// The offset of tap (c, i, j) from its window's corner in planes of plane_w x plane_h.
static int *tap_offsets(const zoo_conv2d_geometry *g, int plane_w, int plane) {
    int *taps = zoo_scratch_reserve(&taps_scratch, (size_t)patch(g) * sizeof(int));
    int *t = taps;
    for (int c = 0; c < g->in_channels; c++)
        for (int i = 0; i < g->kernel_h; i++)
            for (int k = 0; k < g->kernel_w; k++) *t++ = c * plane + i * g->dilation_h * plane_w + k * g->dilation_w;
    return taps;
}

// x's windows, built in the calling thread's scratch (the tasks share them).
static windows input_windows(const zoo_conv2d_geometry *g, const float *x) {
    const bool pads = g->pad_h > 0 || g->pad_w > 0;
    const int plane_w = g->in_w + 2 * g->pad_w, plane = (g->in_h + 2 * g->pad_h) * plane_w;
    return (windows){g, pads ? padded_input(g, x) : x, plane_w, plane, tap_offsets(g, plane_w, plane)};
}

// Multiply-adds per forward task (about 25 µs of work): enough to hide the pool's
// overhead, small enough to balance two threads.
enum { TASK_MACS = 1 << 20 };

void zoo_conv2d_forward(const zoo_conv2d_geometry *g, const float *x, float input_scale,
                        const float *weight, const float *bias, bool relu, float *y) {
    if (g->batch <= 0 || positions(g) <= 0 || g->out_channels <= 0) return;
    const int K = patch(g), O = g->out_channels;
    float *panels = zoo_scratch_reserve(&panels_scratch, (size_t)K * ((O + ZOO_NR - 1) / ZOO_NR * ZOO_NR) * sizeof(float));
    zoo_gemm_pack_panels(weight, K, true, 0, K, 0, O, panels);
    forward_job j = {input_windows(g, x), panels, bias, input_scale, relu, y, 0, 0};
    j.tiles = (g->batch * positions(g) + ZOO_MR - 1) / ZOO_MR;
    const int per_tile = ZOO_MR * K * O;
    j.tiles_per_task = per_tile >= TASK_MACS ? 1 : TASK_MACS / per_tile;
    zoo_parallel_for((j.tiles + j.tiles_per_task - 1) / j.tiles_per_task, forward_tiles, &j);
}

// Input gradient of one chunk of images (each chunk writes its own images of dx).
static void input_gradient_chunk(void *context, int index) {
    const conv_job *j = (const conv_job *)context;
    const zoo_conv2d_geometry *g = j->g;
    const int P = positions(g), K = patch(g), O = g->out_channels;
    const size_t in_image = (size_t)g->in_channels * g->in_h * g->in_w;
    const int n0 = index * j->images;
    const int m = g->batch - n0 < j->images ? g->batch - n0 : j->images;
    float *rows = zoo_scratch_reserve(&rows_scratch, (size_t)m * P * K * sizeof(float));
    float *dyb = zoo_scratch_reserve(&out_scratch, (size_t)m * P * O * sizeof(float));
    gather_dy(g, j->dy, j->mask, n0, m, dyb);
    zoo_sgemm(true, false, m * P, K, O, j->scale, dyb, m * P, j->weight, K, 0.0f, rows, K);
    float *dx = j->dx + (size_t)n0 * in_image;
    memset(dx, 0, (size_t)m * in_image * sizeof(float));
    for (int b = 0; b < m; b++) row2im(g, rows + (size_t)b * P * K, dx + (size_t)b * in_image);
}

// Weight gradient as an implicit GEMM, with the input read through the forward pass's
// windows:  dWᵀ[p, o] = Σ_q x[corner(q) + tap(p)] · dY'[o, q]  (dY' = dY where the fused ReLU
// passed). The micro-kernel's row operand is MR taps, read at each position's corner (an
// offset table over positions); its column operand is dY'ᵀ, packed for a block of QC
// positions at a time, and each tile's chain of multiply-adds runs on over the blocks. The
// batch is cut into at most MAX_CHUNKS chunks of whole images, a number that depends only
// on the shapes; each chunk sums into its own partial dWᵀ, and the partials are added in
// chunk order, so the bits do not depend on the threads.
enum { QC = 256, MAX_CHUNKS = 16 };

typedef struct {
    windows in;
    const float *dy, *mask;
    int images;           // images per chunk
    int ld, size;         // row length (out rounded up to NR) and size of a partial dWᵀ
    float *partials;      // chunk c's sums at partials[c·size + p·ld + o]
} weight_job;

// dY' at positions [q0, q1) as NR-channel panels of dY'ᵀ: element (q, o) at
// panels[(o / NR)·QC·NR + (q - q0)·NR + o % NR], channels past out zero.
static void pack_dy_block(const weight_job *j, int q0, int q1, float *panels) {
    const int P = positions(j->in.g), O = j->in.g->out_channels;
    float *masked = zoo_scratch_reserve(&masked_scratch, (size_t)ZOO_NR * QC * sizeof(float));
    for (int q = q0; q < q1;) {
        const int image = q / P, pos = q % P, n = q1 - q < P - pos ? q1 - q : P - pos;
        for (int o0 = 0; o0 < O; o0 += ZOO_NR) {
            const int m = O - o0 < ZOO_NR ? O - o0 : ZOO_NR;
            const size_t at = ((size_t)image * O + o0) * P + pos;
            const float *src = j->dy + at;
            int ld = P;
            if (j->mask) {
                for (int c = 0; c < m; c++) masked_copy(masked + (size_t)c * n, src + (size_t)c * P, j->mask + at + (size_t)c * P, n);
                src = masked;
                ld = n;
            }
            zoo_gemm_pack_panels(src, ld, true, 0, n, 0, m, panels + (size_t)o0 * QC + (size_t)(q - q0) * ZOO_NR);
        }
        q += n;
    }
}

// One chunk of images: its sums over QC-position blocks into its partial dWᵀ.
static void weight_gradient_chunk(void *context, int index) {
    const weight_job *j = (const weight_job *)context;
    const zoo_conv2d_geometry *g = j->in.g;
    const int P = positions(g), K = patch(g), O = g->out_channels;
    const int n0 = index * j->images, n1 = n0 + j->images < g->batch ? n0 + j->images : g->batch;
    float *partial = j->partials + (size_t)index * j->size;
    float *panels = zoo_scratch_reserve(&dy_panels_scratch, (size_t)j->ld * QC * sizeof(float));
    int *corners = zoo_scratch_reserve(&corners_scratch, QC * sizeof(int));
    const float *x = j->in.x + image_start(&j->in, n0);
    for (int q0 = n0 * P; q0 < n1 * P; q0 += QC) {
        const int q1 = q0 + QC < n1 * P ? q0 + QC : n1 * P;
        pack_dy_block(j, q0, q1, panels);
        for (int q = q0; q < q1; q++) corners[q - q0] = (int)image_start(&j->in, q / P - n0) + corner_in_image(&j->in, q % P);
        const zoo_tile_layout layout = q0 == n0 * P ? ZOO_TILE_ROWS : ZOO_TILE_ROWS_CHAIN;
        for (int o0 = 0; o0 < O; o0 += ZOO_NR) {
            for (int p0 = 0; p0 < K; p0 += ZOO_MR) {
                const float *rows[ZOO_MR];
                for (int r = 0; r < ZOO_MR; r++) rows[r] = x + j->in.taps[p0 + r < K ? p0 + r : p0];
                zoo_gemm_tile(q1 - q0, rows, corners, panels + (size_t)o0 * QC, partial + (size_t)p0 * j->ld + o0, j->ld,
                              layout);
            }
        }
    }
}

// dW = scale · Σ over chunks of x's windows times dY'.
static void weight_gradient(const zoo_conv2d_geometry *g, const float *x, float scale, const float *dy,
                            const float *mask, float *dweight) {
    const int K = patch(g), O = g->out_channels, ld = (O + ZOO_NR - 1) / ZOO_NR * ZOO_NR;
    // Rows up to a whole tile of taps: a last, partial tile writes them too.
    const int size = (K + ZOO_MR - 1) / ZOO_MR * ZOO_MR * ld;
    weight_job j = {input_windows(g, x), dy, mask, (g->batch + MAX_CHUNKS - 1) / MAX_CHUNKS, ld, size, NULL};
    const int chunks = (g->batch + j.images - 1) / j.images;
    j.partials = zoo_scratch_reserve(&partials_scratch, (size_t)chunks * size * sizeof(float));
    zoo_parallel_for(chunks, weight_gradient_chunk, &j);
    for (int c = 1; c < chunks; c++)
        for (int i = 0; i < size; i++) j.partials[i] += j.partials[(size_t)c * size + i];
    for (int o = 0; o < O; o++)
        for (int p = 0; p < K; p++) dweight[(size_t)o * K + p] = scale * j.partials[(size_t)p * ld + o];
}

// Σ row[i] passed by the mask (when not NULL), in eight interleaved partial sums: the
// compiler vectorises it, and the order of additions is still fixed.
static float row_sum(const float *row, const float *mask, int n) {
    float lanes[8] = {0};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; l++) lanes[l] += mask ? keep_if_positive(row[i + l], mask[i + l]) : row[i + l];
    float sum = 0.0f;
    for (int l = 0; l < 8; l++) sum += lanes[l];
    for (; i < n; i++) sum += mask ? keep_if_positive(row[i], mask[i]) : row[i];
    return sum;
}

// dbias[o] = Σ over images and positions of dY'.
static void bias_gradient(const zoo_conv2d_geometry *g, const float *dy, const float *mask, float *dbias) {
    const int P = positions(g), O = g->out_channels;
    for (int o = 0; o < O; o++) dbias[o] = 0.0f;
    for (int n = 0; n < g->batch; n++) {
        for (int o = 0; o < O; o++) {
            const size_t at = ((size_t)n * O + o) * P;
            dbias[o] += row_sum(dy + at, mask ? mask + at : NULL, P);
        }
    }
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
    if (dbias) bias_gradient(g, dy, relu_output, dbias);
    if (dweight) weight_gradient(g, x, input_scale, dy, relu_output, dweight);
    conv_job j = {g, x, weight, dy, relu_output, dx, input_scale, chunk_images(g)};
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
