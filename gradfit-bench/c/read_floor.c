/*
 * The read floor in C: how fast this machine reads an array of float32 once, on 1 and on 2 threads.
 *
 * Each thread sums its contiguous half with four vector accumulators of eight floats (GCC vector extensions), so
 * the loop waits on memory, never on an add. The array is filled before timing (its pages are touched), then read REPS times; the median is printed.
 *
 * Build and run (gradfit-bench/compare.sh does both when gcc exists):
 *   gcc -O3 -march=native -fopenmp -o read_floor read_floor.c
 *   ./read_floor BYTES [REPS]      e.g. ./read_floor 160000000   (N = 10^7 rows of d = 3 floats plus y)
 * Output, one line per thread count:  c-read threads=1 bytes=160000000 ms=11.81 gbps=13.55
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

typedef float v8 __attribute__((vector_size(32)));

/* Four 8-float vector accumulators (AVX, AVX2 or AVX-512 VL registers alike): loads never wait on an add. */
static float sum_range(const float *a, size_t from, size_t to) {
  v8 s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
  size_t i = from;
  for (; i + 32 <= to; i += 32) {
    v8 x0, x1, x2, x3;
    memcpy(&x0, a + i, sizeof x0);
    memcpy(&x1, a + i + 8, sizeof x1);
    memcpy(&x2, a + i + 16, sizeof x2);
    memcpy(&x3, a + i + 24, sizeof x3);
    s0 += x0;
    s1 += x1;
    s2 += x2;
    s3 += x3;
  }
  v8 s = (s0 + s1) + (s2 + s3);
  float total = 0;
  for (int k = 0; k < 8; k++) total += s[k];
  for (; i < to; i++) total += a[i];
  return total;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s BYTES [REPS]\n", argv[0]);
    return 2;
  }
  size_t bytes = strtoull(argv[1], NULL, 10);
  int reps = argc > 2 ? atoi(argv[2]) : 30;
  size_t n = bytes / sizeof(float);
  float *a = aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64);
  if (a == NULL || n == 0 || reps < 1) {
    fprintf(stderr, "read_floor: cannot allocate %zu bytes, or bad arguments\n", bytes);
    return 2;
  }
  for (size_t i = 0; i < n; i++) a[i] = (float) (i & 1023) * 0.001f;
  double *ms = malloc(sizeof(double) * reps);
  volatile float sink = 0;
  for (int threads = 1; threads <= 2; threads++) {
    for (int r = -3; r < reps; r++) { /* three untimed passes first */
      double t0 = now_ms();
      float total = 0;
#pragma omp parallel num_threads(threads) reduction(+ : total)
      {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        total += sum_range(a, n * t / nt, n * (t + 1) / nt);
      }
      double t1 = now_ms();
      sink += total;
      if (r >= 0) ms[r] = t1 - t0;
    }
    qsort(ms, reps, sizeof(double), cmp);
    double med = ms[reps / 2];
    printf("c-read threads=%d bytes=%zu ms=%.3f gbps=%.2f\n", threads, bytes, med, bytes / med / 1e6);
  }
  (void) sink;
  free(ms);
  free(a);
  return 0;
}
