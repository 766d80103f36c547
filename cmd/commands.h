/* commands.h - the subcommands, one file each */
#ifndef COMMANDS_H
#define COMMANDS_H

/* Each takes its own argv (ARGV[0] is its name) and returns the exit status. */
int cmd_report(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_formats(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_pseudonym(int argc, char **argv);

/* The text of 'uptake --help' (the report's options and the commands). */
void print_main_help(void);

#endif
