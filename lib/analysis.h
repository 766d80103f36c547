/* analysis.h - a run: files read into one profile, then judged with a roster */
#ifndef UPT_ANALYSIS_H
#define UPT_ANALYSIS_H

#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "diag.h"
#include "diagnose.h"
#include "format.h"
#include "format_map.h"
#include "roster.h"
#include "status.h"

struct upt_analysis; /* opaque */
struct upt_pseudonym;

/* How a run reads its files; every member may be NULL. */
struct upt_read_opts {
    const struct upt_format *format; /* forces every file's format */
    const struct upt_map *map;       /* --map; implies the "map" format */
    const struct upt_config *config; /* its rules come before built-ins */
    /* maps the ids that formats log (e-mail, UPN, username) to its own */
    const struct upt_roster *roster;
    const struct upt_zone *zone; /* --tz for logs in local time */
    int threads;                 /* -j: threads a run may use */
    /* --pseudonymize: users are kept under tokens of their id and name */
    const struct upt_pseudonym *pseudonym;
    int64_t now_ms; /* now, for the check of future times (source.h) */
    /* raised by the caller's signal handler: reading ends early */
    const volatile sig_atomic_t *stop;
    struct upt_progress *progress; /* how far the files are read, or NULL */
};

/* Starts a run whose input problems go to DIAG (which must outlive it),
 * reading as OPTS says (copied; what it points to must outlive the run).
 * NULL when out of memory or when a rule fails to compile (reason in
 * ERR). */
struct upt_analysis *upt_analysis_new(struct upt_diag *diag,
                                      const struct upt_read_opts *opts,
                                      char *err, size_t errsize);
void upt_analysis_free(struct upt_analysis *a);

/* Reads PATH ("-": stdin) into the run. Returns as upt_source_read(): a
 * file that could not be read has been reported and the run goes on. */
enum upt_status upt_analysis_add_file(struct upt_analysis *a, const char *path);

/* Reads PATHS (N of them) into the run: with read.threads above 1 and
 * several files, on up to that many threads at once, each reading whole
 * files (the result and the problems told are those of reading them in
 * order). Returns UPT_EINTR when the stop flag was raised (the run then
 * holds part of the input: judge it only to show what was read), else
 * UPT_ENOMEM if any file ran out of memory, else UPT_OK: files that could
 * not be read have been reported. */
enum upt_status upt_analysis_add_files(struct upt_analysis *a,
                                       const char *const *paths, size_t n);

/* Adds the state an earlier run saved in PATH (state.h): the run then
 * reports as if that run's input were read again (events read again count
 * once). Call before adding files. Returns as upt_state_load(): UPT_OK;
 * UPT_EOF when PATH does not exist; UPT_EBADINPUT when it is not a state
 * this uptake reads (the run must then be dropped: it holds part of it);
 * UPT_EIO, UPT_ENOMEM. ERR says why. */
enum upt_status upt_analysis_load_state(struct upt_analysis *a,
                                        const char *path, char *err,
                                        size_t errsize);

/* The days the loaded state had events on that the files since added
 * events to (a late or re-delivered file), ascending; lent until the next
 * call. */
size_t upt_analysis_revised_days(struct upt_analysis *a, const int32_t **days);

/* Events the files held of days the loaded state had closed (more than
 * UPT_STATE_SEEN_DAYS before its latest): skipped, as duplicates of them
 * can no longer be told. *BEFORE_MS: where the closed days end. */
uint64_t upt_analysis_closed(struct upt_analysis *a, int64_t *before_ms);

/* Writes the run's state to OUT, keeping the KEEP_DAYS days up to the
 * latest event's (0: every day). UPT_OK, UPT_EIO or UPT_ENOMEM. */
enum upt_status upt_analysis_write_state(const struct upt_analysis *a,
                                         unsigned keep_days, FILE *out);

/* The run's profile: what was read, lent until the run is freed. */
const struct upt_profile *upt_analysis_profile(const struct upt_analysis *a);

/* Whether the run met more distinct events than it can check for
 * duplicates (UPT_DEDUPE_MAX): later duplicates were counted. */
bool upt_analysis_dedupe_full(const struct upt_analysis *a);

/* Judges everything read so far (and ROSTER's users, ROSTER may be NULL).
 * The result borrows from the run and ROSTER: free it first. */
struct upt_diagnosis *upt_analysis_diagnose(struct upt_analysis *a,
                                            const struct upt_roster *roster,
                                            const struct upt_diagnose_opts *o);

#endif
