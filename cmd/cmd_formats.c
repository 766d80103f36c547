/* cmd_formats.c - uptake formats: the input formats known, and how each is
 * recognised */
#include <stdio.h>

#include "commands.h"
#include "options.h"

#include "lib/report.h"

static const struct option formats_options[] = {
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    fputs("Usage: uptake formats\n"
          "Lists the input formats: name, title, how a file is "
          "recognised,\n"
          "and the categories its built-in rules can give.\n"
          "\n"
          "  -h, --help            show this help and exit\n"
          "  -V, --version         show the version and exit\n"
          "See uptake(1).\n",
          stdout);
}

int cmd_formats(int argc, char **argv)
{
    struct run_opts o;
    size_t n;
    int rc;

    if ((rc = command_start(argc, argv, formats_options, print_help, &o)) >= 0)
        return rc;
    if (o.nfiles > 0)
        return usage_error("formats takes no FILE ('%s')", o.files[0]);
    const struct upt_format *const *all = upt_format_all(&n);
    for (size_t i = 0; i < n; i++) {
        printf("%s\n  %s\n  recognised by: %s\n  categories: ", all[i]->name,
               all[i]->title, all[i]->recognised);
        upt_report_categories(stdout, upt_format_categories(all[i]));
        putchar('\n');
    }
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_PARTIAL;
}
