/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqwire tool: one function per subcommand.
 *
 * Exit codes (for scripts): 0 success, 1 the check failed (e.g. the guest
 * counted fewer interrupts than were sent), 2 usage error, 3 environment
 * missing (no /dev/kvm, no /dev/irqwire, ABI mismatch), 4 no permission
 * (inspect: no ptrace rights over the process), 5 not found (no such
 * process, fd or KVM VM).
 */
#ifndef IRQWIRE_TOOL_CMD_H
#define IRQWIRE_TOOL_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include <linux/irqwire.h>

#include "irqwire_dev.h"

enum {
	EXIT_OK = 0,
	EXIT_CHECK_FAILED = 1,
	EXIT_USAGE = 2,
	EXIT_ENV = 3,
	EXIT_PERM = 4,
	EXIT_NOT_FOUND = 5,
};

/*
 * Every --json output is one object whose "schema" field is this number
 * (Documentation/tool.rst, "JSON output"). It goes up when a field
 * changes meaning or goes away; new fields alone do not change it.
 */
#define TOOL_JSON_SCHEMA	1

/* In the helper programs irqwire-demo and irqwire-bench. */
int cmd_demo(int argc, char **argv);
int cmd_bench(int argc, char **argv);
/* Runs the helper irqwire-<argv[0]> with the other arguments. */
int cmd_helper(int argc, char **argv);

int cmd_version(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_inspect(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_run(int argc, char **argv);

/*
 * The end of every subcommand's option switch: for --help (getopt value
 * 'h') the usage goes to stdout and the command succeeds, for anything
 * else to stderr with EXIT_USAGE.
 */
static inline int tool_usage(int c, void (*usage)(FILE *f))
{
	usage(c == 'h' ? stdout : stderr);
	return c == 'h' ? EXIT_OK : EXIT_USAGE;
}

/* The bpftrace scripts' folder: $IRQWIRE_BPFTRACE_DIR, else the built-in one. */
const char *tool_bpftrace_dir(void);

/*
 * @name next to the running binary, else in @installed: the path in
 * @path (of @len bytes); 0, or -1 when neither exists (@path: the latter).
 */
int tool_file(const char *name, const char *installed, char *path, size_t len);

#endif /* IRQWIRE_TOOL_CMD_H */
