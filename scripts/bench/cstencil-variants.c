/* C reference for the cases /work/shared/bench/cstencil/stencil.c does not cover: 2D, and space
 * orders 2 and 4. Same update, layout and build as stencil.c (u_next = 2u - u_prev + m Lap(u),
 * two buffers, z contiguous, zero halo of R cells, z rows padded to 16 floats with the first
 * interior z point 64-byte aligned, gcc -O3 -march=native -fopenmp, `#pragma omp simd` rows) and
 * its two single-pass modes: `plain` (threads split the (x, y) rows) and `blocked` (y tiles of BY
 * rows streamed along x). Compile with -DR=1|2|4; NY = 1 runs the 2D update (no y terms).
 * Usage: cstencil-variants NX NY NZ NT plain|blocked [BY]
 * Prints the same line format as stencil.c: "MODE grid=... nt=... threads=... Gpts/s=... sum=...". */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef R
#define R 4
#endif

static const float W[5][5] = {
    {0},
    {-2.0f, 1.0f, 0, 0, 0},
    {-5.0f / 2.0f, 4.0f / 3.0f, -1.0f / 12.0f, 0, 0},
    {0},
    {-205.0f / 72.0f, 8.0f / 5.0f, -1.0f / 5.0f, 8.0f / 315.0f, -1.0f / 560.0f}};
#define C(k) W[R][k]

typedef struct { int nx, ny, nz, hy; long sx, sy, len; } grid_t;

static float *field_alloc(const grid_t *g) {
    size_t bytes = ((g->len + 16) * sizeof(float) + (2u << 20) - 1) & ~(size_t)((2u << 20) - 1);
    float *p = aligned_alloc(2u << 20, bytes);
    if (!p) { fprintf(stderr, "out of memory\n"); exit(1); }
    return p + (16 - R);
}

/* One z row: the stencil spelled out for radius R; the y terms vanish in 2D (hy = 0). */
static inline void row(float *restrict un, const float *restrict u, const float *restrict m,
                       long sx, long sy, int three_d, int k0, int k1) {
    const float c0 = (three_d ? 3.0f : 2.0f) * C(0);
    #pragma omp simd
    for (int k = k0; k < k1; k++) {
        float lap = c0 * u[k] + C(1) * ((u[k - 1] + u[k + 1]) + (u[k - sx] + u[k + sx]))
#if R >= 2
            + C(2) * ((u[k - 2] + u[k + 2]) + (u[k - 2 * sx] + u[k + 2 * sx]))
#endif
#if R >= 4
            + C(3) * ((u[k - 3] + u[k + 3]) + (u[k - 3 * sx] + u[k + 3 * sx]))
            + C(4) * ((u[k - 4] + u[k + 4]) + (u[k - 4 * sx] + u[k + 4 * sx]))
#endif
            ;
        if (three_d) {
            lap += C(1) * (u[k - sy] + u[k + sy])
#if R >= 2
                + C(2) * (u[k - 2 * sy] + u[k + 2 * sy])
#endif
#if R >= 4
                + C(3) * (u[k - 3 * sy] + u[k + 3 * sy]) + C(4) * (u[k - 4 * sy] + u[k + 4 * sy])
#endif
                ;
        }
        un[k] = 2.0f * u[k] - un[k] + m[k] * lap;
    }
}

static void step(const grid_t *g, float *restrict un, const float *restrict u,
                 const float *restrict m, int blocked, int by) {
    const int three_d = g->ny > 1, y0 = g->hy, y1 = g->hy + g->ny;
    if (!blocked) {
        #pragma omp parallel for collapse(2) schedule(static)
        for (int i = R; i < R + g->nx; i++)
            for (int j = y0; j < y1; j++) {
                long o = i * g->sx + j * g->sy;
                if (three_d) row(un + o, u + o, m + o, g->sx, g->sy, 1, R, R + g->nz);
                else row(un + o, u + o, m + o, g->sx, g->sy, 0, R, R + g->nz);
            }
        return;
    }
    /* 2D: x is the only row axis, so tiles run along x (BY rows of x each) */
    if (!three_d) {
        #pragma omp parallel for schedule(static)
        for (int ib = R; ib < R + g->nx; ib += by) {
            int ie = ib + by < R + g->nx ? ib + by : R + g->nx;
            for (int i = ib; i < ie; i++) {
                long o = i * g->sx;
                row(un + o, u + o, m + o, g->sx, g->sy, 0, R, R + g->nz);
            }
        }
        return;
    }
    #pragma omp parallel for schedule(static)
    for (int jb = y0; jb < y1; jb += by) {
        int je = jb + by < y1 ? jb + by : y1;
        for (int i = R; i < R + g->nx; i++)
            for (int j = jb; j < je; j++) {
                long o = i * g->sx + j * g->sy;
                row(un + o, u + o, m + o, g->sx, g->sy, 1, R, R + g->nz);
            }
    }
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s NX NY NZ NT plain|blocked [BY]\n", argv[0]);
        return 2;
    }
    grid_t g;
    g.nx = atoi(argv[1]); g.ny = atoi(argv[2]); g.nz = atoi(argv[3]);
    int nt = atoi(argv[4]);
    int blocked = !strcmp(argv[5], "blocked");
    if (!blocked && strcmp(argv[5], "plain")) { fprintf(stderr, "unknown mode %s\n", argv[5]); return 2; }
    int by = argc > 6 ? atoi(argv[6]) : 32;
    g.hy = g.ny > 1 ? R : 0;
    g.sy = ((g.nz + 2 * R + 15) / 16) * 16;
    g.sx = g.sy * (g.ny + 2 * g.hy);
    g.len = g.sx * (g.nx + 2 * R);
    float *u = field_alloc(&g), *up = field_alloc(&g), *m = field_alloc(&g);
    const float h = 10.0f, vmin = 1500.0f, vmax = 4500.0f;
    const float dt = 0.4f * h / (vmax * sqrtf(3.0f));
    #pragma omp parallel for schedule(static)
    for (int i = 0; i < g.nx + 2 * R; i++)
        for (int j = 0; j < g.ny + 2 * g.hy; j++) {
            long o = i * g.sx + j * g.sy;
            for (long k = -(16 - R); k < g.sy - (16 - R); k++) {
                int kk = (int)k;
                int in = i >= R && i < R + g.nx && j >= g.hy && j < g.hy + g.ny && kk >= R && kk < R + g.nz;
                float v = vmin + (vmax - vmin) * (float)i / (float)(g.nx + 2 * R);
                float dx = (i - g.nx / 2.0f) / 6.0f, dy = g.ny > 1 ? (j - g.ny / 2.0f) / 6.0f : 0.0f,
                      dz = (kk - g.nz / 2.0f) / 6.0f;
                float p = in ? expf(-(dx * dx + dy * dy + dz * dz)) : 0.0f;
                u[o + k] = p; up[o + k] = p;
                m[o + k] = in ? (v * dt / h) * (v * dt / h) : 0.0f;
            }
        }
    double t0 = omp_get_wtime();
    for (int t = 0; t < nt; t++) {
        step(&g, up, u, m, blocked, by);
        float *tmp = u; u = up; up = tmp;
    }
    double sec = omp_get_wtime() - t0;
    double s = 0;
    for (int i = R; i < R + g.nx; i++)
        for (int j = g.hy; j < g.hy + g.ny; j++)
            for (int k = R; k < R + g.nz; k++) s += fabs((double)u[i * g.sx + j * g.sy + k]);
    printf("%-13s grid=%dx%dx%d order=%d nt=%d threads=%d by=%d time=%.3fs Gpts/s=%.3f sum=%.6e\n",
           argv[5], g.nx, g.ny, g.nz, 2 * R, nt, omp_get_max_threads(), blocked ? by : 0, sec,
           (double)g.nx * g.ny * g.nz * nt / sec / 1e9, s);
    return 0;
}
