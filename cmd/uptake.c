/* uptake.c - main: picks the subcommand and returns its exit status */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "signals.h"

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"report", cmd_report},   {"events", cmd_events},
    {"summary", cmd_summary}, {"formats", cmd_formats},
    {"explain", cmd_explain}, {"merge", cmd_merge},
    {"diff", cmd_diff},       {"pseudonym", cmd_pseudonym},
};

static int run(int argc, char **argv)
{
    if (argc > 1)
        for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
            if (strcmp(argv[1], commands[i].name) == 0)
                return commands[i].run(argc - 1, argv + 1);
    /* not a command: the whole line is a report (a file called "events"
     * is given as ./events) */
    return cmd_report(argc, argv);
}

int main(int argc, char **argv)
{
    signals_catch();
    int rc = run(argc, argv);
    /* interrupted: the commands have stopped reading and removed their
     * temporary output; end as the signal would have */
    signals_exit_if_caught();
    return rc;
}
