/* roster.h - the CRM's user list: who should be using it, in what role and team
 */
#ifndef UPT_ROSTER_H
#define UPT_ROSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "status.h"

#define UPT_ROSTER_NO_DATE INT64_MIN

/* One roster row. Strings are lent for the roster's lifetime; "" where the
 * roster has no such column. */
struct upt_roster_user {
    const char *id; /* as written; looked up by upt_userid_key_len() */
    const char *name, *role, *team;
    bool active;         /* true unless the roster says otherwise */
    bool service;        /* its user type is not a person's */
    int64_t created_day; /* days since 1970-01-01, or UPT_ROSTER_NO_DATE */
};

struct upt_roster; /* opaque */

/* Reads the roster at PATH ("-" for stdin; CSV or TSV, told apart by the
 * header line; gzip allowed). The header names the columns, matched
 * without regard to case: id (or user id, user_id, userid), name (full
 * name, full_name, username), role (profile, profile.name, userrole.name,
 * profile name), team (department, division), active (isactive,
 * is_active), created (createddate, created_date, created date), email
 * (e-mail, email address, mail, upn, userprincipalname, user principal
 * name), username (user name, user_name, login), type (usertype, user
 * type, user_type, license: a type naming an automated, guest,
 * integration, application, API-only, system or service identity makes
 * the user a service). Only id is required.
 * The name falls back to the username.
 * Bad rows are reported to DIAG and skipped; a second row with the same id
 * is reported and ignored. Returns NULL (after telling DIAG) when the file
 * cannot be read or has no id column, or when out of memory. */
struct upt_roster *upt_roster_load(const char *path, struct upt_diag *diag);
void upt_roster_free(struct upt_roster *r);

size_t upt_roster_count(const struct upt_roster *r);
const struct upt_roster_user *upt_roster_get(const struct upt_roster *r,
                                             size_t i);

/* The user whose id is ID (LEN bytes; 15- and 18-character Salesforce
 * ids match), or NULL. */
const struct upt_roster_user *upt_roster_find(const struct upt_roster *r,
                                              const char *id, size_t len);

/* The user that WHO (LEN bytes) names: by id as upt_roster_find(), else
 * by e-mail or username without regard to case (the ids other formats
 * log: a UPN, a HubSpot e-mail, a Salesforce username), or NULL. */
const struct upt_roster_user *upt_roster_resolve(const struct upt_roster *r,
                                                 const char *who, size_t len);

/* Replaces every user's id and name by their tokens (pseudonym.h), and
 * forgets the e-mails and usernames: after it, upt_roster_find takes
 * tokens and upt_roster_resolve no longer knows the ids of other formats.
 * Call once the logs are read. UPT_ENOMEM when out of memory. */
struct upt_pseudonym;
enum upt_status upt_roster_pseudonymize(struct upt_roster *r,
                                        const struct upt_pseudonym *p);

#endif
