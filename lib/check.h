/* check.h - the smallest test harness: CHECK and CHECK_STREQ report file:line
 */
#ifndef UPT_CHECK_H
#define UPT_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(expr)                                                            \
    do {                                                                       \
        if (!(expr)) {                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,   \
                    #expr);                                                    \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

#define CHECK_STREQ(a, b)                                                      \
    do {                                                                       \
        const char *check_a_ = (a), *check_b_ = (b);                           \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {       \
            fprintf(stderr, "%s:%d: '%s' != '%s'\n", __FILE__, __LINE__,       \
                    check_a_ ? check_a_ : "(null)",                            \
                    check_b_ ? check_b_ : "(null)");                           \
            check_failures++;                                                  \
        }                                                                      \
    } while (0)

/* Runs one test function and names it on failure. */
#define RUN(test)                                                              \
    do {                                                                       \
        int check_before_ = check_failures;                                    \
        test();                                                                \
        if (check_failures != check_before_)                                   \
            fprintf(stderr, "not ok - %s\n", #test);                           \
    } while (0)

#define CHECK_DONE()                                                           \
    (check_failures                                                            \
         ? (fprintf(stderr, "%d checks failed\n", check_failures), 1)          \
         : 0)

#endif
