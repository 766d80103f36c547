/* progress.c - how far a run has read */
#include "progress.h"

#include "banned.h"

void upt_progress_init(struct upt_progress *p)
{
    atomic_init(&p->bytes, 0);
    atomic_init(&p->files, 0);
}

void upt_progress_bytes(struct upt_progress *p, unsigned long long n)
{
    if (p)
        atomic_fetch_add_explicit(&p->bytes, n, memory_order_relaxed);
}

void upt_progress_file_done(struct upt_progress *p)
{
    if (p)
        atomic_fetch_add_explicit(&p->files, 1, memory_order_relaxed);
}
