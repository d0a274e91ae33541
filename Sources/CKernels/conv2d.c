// 2-D convolution (NCHW, weight [out, in, kh, kw], groups = 1) for Zoo's DSL.
//
// All three products are implicit GEMMs on the package's micro-kernel (gemm.h), which reads
// its row operand through row pointers and a table of offsets: receptive fields are read
// straight from the input through the offsets of the kernel's taps, so nothing is unrolled
// (no im2col), and only small operands are packed (W, and dY block by block). Scratch
// buffers are thread-local and grown on demand, so steady-state calls allocate nothing.
// Work is split over the pool's threads only where each task writes its own outputs, and
// the order of every sum depends only on the shapes, so every result bit is the same for
// every thread count.

#include "CKernels.h"
#include "gemm.h"
#include "scratch.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local zoo_scratch pad_scratch;
static _Thread_local zoo_scratch taps_scratch;
static _Thread_local zoo_scratch panels_scratch;
static _Thread_local zoo_scratch block_scratch;
static _Thread_local zoo_scratch dy_panels_scratch;
static _Thread_local zoo_scratch corners_scratch;
static _Thread_local zoo_scratch channels_scratch;
static _Thread_local zoo_scratch masked_scratch;
static _Thread_local zoo_scratch drows_scratch;
static _Thread_local zoo_scratch partials_scratch;
static _Thread_local zoo_scratch bias_partials_scratch;
static _Thread_local zoo_scratch padded_dx_scratch;

static inline int positions(const zoo_conv2d_geometry *g) { return g->out_h * g->out_w; }
static inline int patch(const zoo_conv2d_geometry *g) {
    return g->in_channels * g->kernel_h * g->kernel_w;
}
static inline int round_up(int n, int unit) { return (n + unit - 1) / unit * unit; }

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

// The input as the implicit GEMMs see it: planes of plane_w x plane/plane_w floats (a
// zero-padded copy when the convolution pads, so that every window lies inside), and the
// offset of every tap (c, i, j) from its window's corner.
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

// x's windows, built in the calling thread's scratch (the tasks share them); x may be NULL
// when only the geometry is wanted (the input gradient).
static windows input_windows(const zoo_conv2d_geometry *g, const float *x) {
    const bool pads = g->pad_h > 0 || g->pad_w > 0;
    const int plane_w = g->in_w + 2 * g->pad_w, plane = (g->in_h + 2 * g->pad_h) * plane_w;
    return (windows){g, x && pads ? padded_input(g, x) : x, plane_w, plane, tap_offsets(g, plane_w, plane)};
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
    bool prefetch;              // whether to prefetch the next output row's input rows
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

// Input images larger than this (the L1 data cache) are read from farther away, and the
// forward pass prefetches the input rows of the next output row while it computes one
// (conv1 of the Nature CNN, 113 KB images: 8% faster; conv3, 20 KB: 3% slower).
enum { PREFETCH_IMAGE_BYTES = 32 << 10 };

// Prefetches the input rows of output row `row` (counted over the whole batch) that the row
// before it, in the same image, did not read.
static void prefetch_output_row(const forward_job *j, int row) {
    const zoo_conv2d_geometry *g = j->in.g;
    if (row >= g->batch * g->out_h) return;
    const int oh = row % g->out_h;
    const int reread = oh == 0 ? 0 : g->kernel_h - (g->stride_h + g->dilation_h - 1) / g->dilation_h;
    const float *corner = j->in.x + image_start(&j->in, row / g->out_h) + (size_t)oh * g->stride_h * j->in.plane_w;
    for (int c = 0; c < g->in_channels; c++) {
        for (int i = reread > 0 ? reread : 0; i < g->kernel_h; i++) {
            const float *line = corner + (size_t)c * j->in.plane + (size_t)i * g->dilation_h * j->in.plane_w;
            for (int e = 0; e < j->in.plane_w; e += 16) __builtin_prefetch(line + e, 0, 3);
        }
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
    float *block = zoo_scratch_reserve(&block_scratch, (size_t)round_up(O, ZOO_NR) * ld * sizeof(float));
    int prefetched = -1;
    for (int t = t0; t < t1; t++) {
        const int q0 = t * ZOO_MR, next_row = q0 / g->out_w + 1;
        if (j->prefetch && next_row > prefetched) prefetch_output_row(j, prefetched = next_row);
        const float *rows[ZOO_MR];
        for (int r = 0; r < ZOO_MR; r++) rows[r] = window_corner(j, q0 + r < Q ? q0 + r : q0);
        for (int o0 = 0; o0 < O; o0 += ZOO_NR)
            zoo_gemm_tile(K, rows, j->in.taps, j->panels + (size_t)o0 * K, block + (size_t)o0 * ld + (q0 - t0 * ZOO_MR), ld,
                          ZOO_TILE_COLUMNS);
    }
    store_block(j, block, ld, t0 * ZOO_MR, t1 * ZOO_MR < Q ? t1 * ZOO_MR : Q);
}

// Multiply-adds per forward task (about 25 µs of work): enough to hide the pool's
// overhead, small enough to balance two threads.
enum { TASK_MACS = 1 << 20 };

void zoo_conv2d_forward(const zoo_conv2d_geometry *g, const float *x, float input_scale,
                        const float *weight, const float *bias, bool relu, float *y) {
    if (g->batch <= 0 || positions(g) <= 0 || g->out_channels <= 0) return;
    const int K = patch(g), O = g->out_channels;
    float *panels = zoo_scratch_reserve(&panels_scratch, (size_t)K * round_up(O, ZOO_NR) * sizeof(float));
    zoo_gemm_pack_panels(weight, K, true, 0, K, 0, O, panels);
    forward_job j = {input_windows(g, x), panels, bias, input_scale, relu, y, 0, 0, false};
    j.prefetch = image_start(&j.in, 1) * sizeof(float) > PREFETCH_IMAGE_BYTES;
    j.tiles = (g->batch * positions(g) + ZOO_MR - 1) / ZOO_MR;
    const int per_tile = ZOO_MR * K * O;
    j.tiles_per_task = per_tile >= TASK_MACS ? 1 : TASK_MACS / per_tile;
    zoo_parallel_for((j.tiles + j.tiles_per_task - 1) / j.tiles_per_task, forward_tiles, &j);
}

// The gradients, a chunk of whole images per task. The batch is cut into at most MAX_CHUNKS
// chunks, a number that depends only on the shapes, and a chunk's output positions into
// blocks of QC, for which dY' (dY where the fused ReLU passed) is packed once as NR-channel
// panels of dY'ᵀ and serves both products:
//   weight grad  dWᵀ[p, o] = Σ_q x[corner(q) + tap(p)] · dY'[o, q]
//     row operand MR taps, read in place at every position's corner (an offset table over
//     the block's positions), column operand the dY'ᵀ panel; each tile's chain of
//     multiply-adds runs on over the chunk's blocks into the chunk's partial dWᵀ, and the
//     partials are added in chunk order;
//   input grad   drow[q, p] = Σ_o dY'[o, q] · W[o, p], then dx[corner(q) + tap(p)] += drow
//     row operand MR positions of the dY'ᵀ panels, column operand W packed as NR-tap panels;
//     each chunk adds into its own images of dx.
// No sum is split across tasks, so the bits do not depend on the threads.
enum { QC = 256, MAX_CHUNKS = 16 };

typedef struct {
    windows in;
    const float *dy, *mask;
    float scale;
    int images;             // images per chunk
    float *partials;        // chunk c's dWᵀ sums at partials[c·size + p·ld + o], or NULL
    int ld, size;           // row length (out rounded up to NR) and size of a partial
    float *bias_partials;   // chunk c's dbias sums at bias_partials[c·out + o], or NULL
    const float *w_panels;  // W as NR-tap panels of out x NR, or NULL when dx is not wanted
    float *dx;              // dx shaped like the windows' planes (padded when the convolution pads)
} backward_job;

// Σ row[0..<n] in eight interleaved partial sums: the compiler vectorises it, and the order
// of additions is still fixed.
static float row_sum(const float *row, int n) {
    float lanes[8] = {0};
    int i = 0;
    for (; i + 8 <= n; i += 8)
        for (int l = 0; l < 8; l++) lanes[l] += row[i + l];
    float sum = 0.0f;
    for (int l = 0; l < 8; l++) sum += lanes[l];
    for (; i < n; i++) sum += row[i];
    return sum;
}

// dY' at positions [q0, q1) as NR-channel panels of dY'ᵀ: element (q, o) at
// panels[(o / NR)·QC·NR + (q - q0)·NR + o % NR], channels past out zero; adds each
// channel's sum to bias_sums[o] when not NULL.
static void pack_dy_block(const backward_job *j, int q0, int q1, float *panels, float *bias_sums) {
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
            if (bias_sums)
                for (int c = 0; c < m; c++) bias_sums[o0 + c] += row_sum(src + (size_t)c * ld, n);
        }
        q += n;
    }
}

// The block's share of the chunk's partial dWᵀ; x is the block's first image, corners the
// block's window corners from it.
static void weight_block(const backward_job *j, const float *panels, const float *x, const int *corners, int n,
                         bool first, float *partial) {
    const int K = patch(j->in.g), O = j->in.g->out_channels;
    for (int o0 = 0; o0 < O; o0 += ZOO_NR) {
        for (int p0 = 0; p0 < K; p0 += ZOO_MR) {
            const float *rows[ZOO_MR];
            for (int r = 0; r < ZOO_MR; r++) rows[r] = x + j->in.taps[p0 + r < K ? p0 + r : p0];
            zoo_gemm_tile(n, rows, corners, panels + (size_t)o0 * QC, partial + (size_t)p0 * j->ld + o0, j->ld,
                          first ? ZOO_TILE_ROWS : ZOO_TILE_ROWS_CHAIN);
        }
    }
}

// dst[0..<n] += src[0..<n] for the short kernel rows of a receptive field; the common
// widths become fixed-size loops the compiler vectorises.
static inline void add_fixed(float *dst, const float *src, int n) {
    for (int i = 0; i < n; i++) dst[i] += src[i];
}

static inline void add_run(float *dst, const float *src, int n) {
    switch (n) {
    case 3: add_fixed(dst, src, 3); return;
    case 4: add_fixed(dst, src, 4); return;
    case 8: add_fixed(dst, src, 8); return;
    default: add_fixed(dst, src, n);
    }
}

// dx[corner + tap(p)] += scale · drow[p] for every tap.
static void add_window(const backward_job *j, float *drow, float *dx) {
    const zoo_conv2d_geometry *g = j->in.g;
    const int K = patch(g), kw = g->kernel_w;
    if (j->scale != 1.0f)
        for (int p = 0; p < K; p++) drow[p] *= j->scale;
    if (g->dilation_w == 1) {
        for (int p = 0; p < K; p += kw) add_run(dx + j->in.taps[p], drow + p, kw);
    } else {
        for (int p = 0; p < K; p++) dx[j->in.taps[p]] += drow[p];
    }
}

// The block's positions [q0, q0 + n) added into dx: MR positions at a time, their rows of
// drow computed NR taps at a time, then added into their windows.
static void input_block(const backward_job *j, const float *panels, const int *channels, int q0, int n) {
    const zoo_conv2d_geometry *g = j->in.g;
    const int P = positions(g), K = patch(g), O = g->out_channels, ld = round_up(K, ZOO_NR);
    float *drows = zoo_scratch_reserve(&drows_scratch, (size_t)ZOO_MR * ld * sizeof(float));
    for (int t = 0; t < n; t += ZOO_MR) {
        const int m = n - t < ZOO_MR ? n - t : ZOO_MR;
        const float *rows[ZOO_MR];
        for (int r = 0; r < ZOO_MR; r++) rows[r] = panels + (size_t)(t + (r < m ? r : 0)) * ZOO_NR;
        for (int p0 = 0; p0 < K; p0 += ZOO_NR)
            zoo_gemm_tile(O, rows, channels, j->w_panels + (size_t)p0 * O, drows + p0, ld, ZOO_TILE_ROWS);
        for (int r = 0; r < m; r++) {
            const int q = q0 + t + r;
            add_window(j, drows + (size_t)r * ld, j->dx + image_start(&j->in, q / P) + corner_in_image(&j->in, q % P));
        }
    }
}

static void backward_chunk(void *context, int index) {
    const backward_job *j = (const backward_job *)context;
    const zoo_conv2d_geometry *g = j->in.g;
    const int P = positions(g), O = g->out_channels;
    const int n0 = index * j->images, n1 = n0 + j->images < g->batch ? n0 + j->images : g->batch;
    float *panels = zoo_scratch_reserve(&dy_panels_scratch, (size_t)round_up(O, ZOO_NR) * QC * sizeof(float));
    int *corners = zoo_scratch_reserve(&corners_scratch, QC * sizeof(int));
    // dY'ᵀ element (q, o) from the start of q's row in the panels.
    int *channels = zoo_scratch_reserve(&channels_scratch, (size_t)O * sizeof(int));
    for (int o = 0; o < O; o++) channels[o] = o / ZOO_NR * QC * ZOO_NR + o % ZOO_NR;
    if (j->dx) memset(j->dx + image_start(&j->in, n0), 0, image_start(&j->in, n1 - n0) * sizeof(float));
    if (j->bias_partials) memset(j->bias_partials + (size_t)index * O, 0, (size_t)O * sizeof(float));
    for (int q0 = n0 * P; q0 < n1 * P; q0 += QC) {
        const int n = n1 * P - q0 < QC ? n1 * P - q0 : QC;
        pack_dy_block(j, q0, q0 + n, panels, j->bias_partials ? j->bias_partials + (size_t)index * O : NULL);
        if (j->dx) input_block(j, panels, channels, q0, n);
        if (j->partials) {
            const int first_image = q0 / P;
            for (int q = q0; q < q0 + n; q++)
                corners[q - q0] = (int)image_start(&j->in, q / P - first_image) + corner_in_image(&j->in, q % P);
            weight_block(j, panels, j->in.x + image_start(&j->in, first_image), corners, n, q0 == n0 * P,
                         j->partials + (size_t)index * j->size);
        }
    }
}

// sums[0..<size] = Σ over chunks of sums[c·size …], in chunk order.
static void add_chunks(float *sums, int chunks, size_t size) {
    for (int c = 1; c < chunks; c++)
        for (size_t i = 0; i < size; i++) sums[i] += sums[c * size + i];
}

// dx from its padded planes.
static void unpad(const zoo_conv2d_geometry *g, const windows *in, const float *padded, float *dx) {
    const size_t planes = (size_t)g->batch * g->in_channels;
    for (size_t c = 0; c < planes; c++)
        for (int h = 0; h < g->in_h; h++)
            memcpy(dx + (c * g->in_h + h) * g->in_w, padded + c * in->plane + (size_t)(h + g->pad_h) * in->plane_w + g->pad_w,
                   (size_t)g->in_w * sizeof(float));
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
    const bool pads = g->pad_h > 0 || g->pad_w > 0;
    backward_job j = {input_windows(g, dweight ? x : NULL), dy, relu_output, input_scale,
                      (g->batch + MAX_CHUNKS - 1) / MAX_CHUNKS, NULL, round_up(O, ZOO_NR), 0, NULL, NULL, NULL};
    const int chunks = (g->batch + j.images - 1) / j.images;
    if (dweight) {
        // Rows up to a whole tile of taps: a last, partial tile writes them too.
        j.size = round_up(K, ZOO_MR) * j.ld;
        j.partials = zoo_scratch_reserve(&partials_scratch, (size_t)chunks * j.size * sizeof(float));
    }
    if (dbias) j.bias_partials = zoo_scratch_reserve(&bias_partials_scratch, (size_t)chunks * O * sizeof(float));
    if (dx) {
        float *panels = zoo_scratch_reserve(&panels_scratch, (size_t)round_up(K, ZOO_NR) * O * sizeof(float));
        zoo_gemm_pack_panels(weight, K, false, 0, O, 0, K, panels);
        j.w_panels = panels;
        j.dx = pads ? zoo_scratch_reserve(&padded_dx_scratch, image_start(&j.in, g->batch) * sizeof(float)) : dx;
    }
    zoo_parallel_for(chunks, backward_chunk, &j);
    if (dweight) {
        add_chunks(j.partials, chunks, (size_t)j.size);
        for (int o = 0; o < O; o++)
            for (int p = 0; p < K; p++) dweight[(size_t)o * K + p] = input_scale * j.partials[(size_t)p * j.ld + o];
    }
    if (dbias) {
        add_chunks(j.bias_partials, chunks, (size_t)O);
        memcpy(dbias, j.bias_partials, (size_t)O * sizeof(float));
    }
    if (dx && pads) unpad(g, &j.in, j.dx, dx);
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
