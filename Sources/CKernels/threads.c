// A small fork-join pool for the large kernels (GEMM, convolution).
//
// Work is split only where each task writes its own outputs (rows or columns of a
// product, tiles of a convolution's output positions, a chunk of images with its own
// partial sums), in pieces that depend on the shapes and never on the thread count, so
// results are bitwise the same for every thread count. Helper threads start on first use and live for the process, so their
// thread-local scratch buffers are reused. One caller uses the pool at a time; a second
// concurrent caller, or a task that calls a kernel, just runs its work on its own thread.
// When the caller keeps waiting longer for its helpers than it worked itself (the cores are
// busy with other processes and a helper was descheduled mid-task), the pool runs the next
// jobs on the caller alone for a while, then tries again. That choice changes timing only.
// Jobs come back to back while a network learns (a fork-join every few tens of
// microseconds), so a helper spins for a short while after each job before it sleeps, and
// the caller spins before it sleeps on its helpers: a futex wake-up costs about as much as
// the work of a small job.

#define _POSIX_C_SOURCE 200809L
#include "CKernels.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#else
#define CPU_RELAX() ((void)0)
#endif

enum { MAX_THREADS = 64 };
// How long a helper (or the caller) spins for the next job (or its helpers) before sleeping.
static const double SPIN_SECONDS = 100e-6;

static atomic_int requested = 1;

void zoo_set_thread_count(int count) {
    atomic_store(&requested, count < 1 ? 1 : (count > MAX_THREADS ? MAX_THREADS : count));
}

int zoo_thread_count(void) { return atomic_load(&requested); }

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;  // held by the caller using the pool
static pthread_mutex_t job_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t job_posted = PTHREAD_COND_INITIALIZER;
static pthread_cond_t job_done = PTHREAD_COND_INITIALIZER;
static int helpers = 0;  // started helper threads (guarded by pool_lock)

static struct {
    zoo_task_fn fn;
    void *context;
    int count;
    atomic_int next;
    int participants;   // helpers taking part in this job
    atomic_int finished;  // helpers done with it (incremented under job_mutex)
    atomic_ulong generation;  // written under job_mutex; read spinning without it
} job;

static _Thread_local int in_task = 0;

// Contention back-off (guarded by pool_lock): consecutive jobs where the caller waited
// longer than it worked, and how many jobs still to run serially.
enum { STRIKES_TO_BACK_OFF = 2, BACK_OFF_JOBS = 32 };
static int strikes = 0;
static int serial_jobs = 0;

static double seconds_now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

// Spins until *value differs from `old` or SPIN_SECONDS pass.
static void spin_while_equal_ulong(atomic_ulong *value, unsigned long old) {
    const double until = seconds_now() + SPIN_SECONDS;
    for (int i = 1; atomic_load_explicit(value, memory_order_acquire) == old; i++) {
        CPU_RELAX();
        if ((i & 255) == 0 && seconds_now() > until) return;
    }
}

// Spins until *value reaches `target` or SPIN_SECONDS pass.
static void spin_while_below(atomic_int *value, int target) {
    const double until = seconds_now() + SPIN_SECONDS;
    for (int i = 1; atomic_load_explicit(value, memory_order_acquire) < target; i++) {
        CPU_RELAX();
        if ((i & 255) == 0 && seconds_now() > until) return;
    }
}

static void run_tasks(void) {
    for (;;) {
        int i = atomic_fetch_add(&job.next, 1);
        if (i >= job.count) return;
        job.fn(job.context, i);
    }
}

static void *helper_main(void *arg) {
    const int id = (int)(intptr_t)arg;
    unsigned long seen = 0;
    in_task = 1;
    for (;;) {
        spin_while_equal_ulong(&job.generation, seen);
        pthread_mutex_lock(&job_mutex);
        while (atomic_load(&job.generation) == seen) pthread_cond_wait(&job_posted, &job_mutex);
        seen = atomic_load(&job.generation);
        const int take_part = id < job.participants;
        pthread_mutex_unlock(&job_mutex);
        if (!take_part) continue;
        run_tasks();
        pthread_mutex_lock(&job_mutex);
        if (atomic_fetch_add(&job.finished, 1) + 1 == job.participants) pthread_cond_signal(&job_done);
        pthread_mutex_unlock(&job_mutex);
    }
    return NULL;
}

void zoo_parallel_for(int count, zoo_task_fn fn, void *context) {
    int want = zoo_thread_count();
    if (want > count) want = count;
    if (want <= 1 || in_task || pthread_mutex_trylock(&pool_lock) != 0) {
        for (int i = 0; i < count; i++) fn(context, i);
        return;
    }
    if (serial_jobs > 0) {
        serial_jobs--;
        in_task = 1;
        for (int i = 0; i < count; i++) fn(context, i);
        in_task = 0;
        pthread_mutex_unlock(&pool_lock);
        return;
    }
    while (helpers < want - 1) {
        pthread_t thread;
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        const int ok = pthread_create(&thread, &attr, helper_main, (void *)(intptr_t)helpers) == 0;
        pthread_attr_destroy(&attr);
        if (!ok) break;
        helpers++;
    }
    if (want - 1 > helpers) want = helpers + 1;
    pthread_mutex_lock(&job_mutex);
    job.fn = fn;
    job.context = context;
    job.count = count;
    atomic_store(&job.next, 0);
    job.participants = want - 1;
    atomic_store(&job.finished, 0);
    atomic_fetch_add(&job.generation, 1);
    pthread_cond_broadcast(&job_posted);
    pthread_mutex_unlock(&job_mutex);

    const double start = seconds_now();
    in_task = 1;
    run_tasks();
    in_task = 0;
    const double worked = seconds_now();

    spin_while_below(&job.finished, job.participants);
    pthread_mutex_lock(&job_mutex);
    while (atomic_load(&job.finished) < job.participants) pthread_cond_wait(&job_done, &job_mutex);
    pthread_mutex_unlock(&job_mutex);
    const double waited = seconds_now() - worked;
    if (waited > worked - start && waited > 1e-4) {
        if (++strikes >= STRIKES_TO_BACK_OFF) {
            strikes = 0;
            serial_jobs = BACK_OFF_JOBS;
        }
    } else {
        strikes = 0;
    }
    pthread_mutex_unlock(&pool_lock);
}
