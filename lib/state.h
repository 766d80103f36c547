/* state.h - a profile kept between runs: per-user, per-day counts and the
 * fingerprints of the events counted, in a versioned text file
 *
 * The format (version 1), one record a line, fields separated by a space:
 *
 *   uptake-state 1
 *   categories NAME...          the order of the counts below
 *   range FIRST_MS LAST_MS      the earliest and latest event times
 *   format SLOT NAME COVERAGE   a format met; COVERAGE: bit i = category i
 *   user ID NAME FIRST_MS LAST_MS SERVICE FORMATS
 *   day DAY FAILED SESSIONS COUNT...   the user above, one UTC day
 *   seen DAY FINGERPRINT...     events counted that day, in hex
 *   end CRC                     CRC-32 of every byte before this line
 *
 * IDs and names escape bytes up to the space, '%' and DEL as %HH; a user
 * without a name has "-". DAY counts days from 1970-01-01; times are
 * milliseconds since the epoch, UTC. A reader refuses a file whose last
 * line is missing or does not match (cut short, edited or corrupt), and a
 * version it does not know.
 */
#ifndef UPT_STATE_H
#define UPT_STATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "status.h"

struct upt_profile;

#define UPT_STATE_VERSION 1

/* Keep every day: no horizon. */
#define UPT_STATE_KEEP_ALL INT32_MIN

/* How many days, up to the latest, a state keeps the fingerprints of:
 * longer than vendors keep their log files (Salesforce 30 days, Dataverse
 * 28), so that a file delivered again is known. Older days are closed:
 * their events can no longer be told from duplicates. */
#define UPT_STATE_SEEN_DAYS 35

/* Writes P to OUT, leaving out the days before KEEP_FROM (a day number;
 * UPT_STATE_KEEP_ALL keeps all), the users left with no day, and the
 * fingerprints of days before SEEN_FROM. Returns UPT_OK, UPT_EIO when a
 * write failed, or UPT_ENOMEM. */
enum upt_status upt_state_write(const struct upt_profile *p, int32_t keep_from,
                                int32_t seen_from, FILE *out);

/* Writes P to OUT keeping the KEEP_DAYS days up to its latest event's
 * (0: every day) and the fingerprints of the last UPT_STATE_SEEN_DAYS:
 * upt_state_write with the horizons a run uses. */
enum upt_status upt_state_save(const struct upt_profile *p, unsigned keep_days,
                               FILE *out);

/* Reads the state in IN, called NAME for messages, into P as if its
 * events had been added to P. Returns UPT_OK; UPT_EBADINPUT with the
 * reason (and line) in ERR when IN is not a state this uptake reads, in
 * which case P holds part of it and should be dropped; UPT_EIO after a
 * read error; UPT_ENOMEM. */
enum upt_status upt_state_read(struct upt_profile *p, FILE *in,
                               const char *name, char *err, size_t errsize);

/* Reads the state file PATH into P, as upt_state_read does. When it cannot
 * be opened, ERR says "PATH: cannot read the state: " and why, and the
 * result is UPT_EOF if PATH does not exist (a first run may want to know)
 * or UPT_EIO otherwise. */
enum upt_status upt_state_load(struct upt_profile *p, const char *path,
                               char *err, size_t errsize);

#endif
