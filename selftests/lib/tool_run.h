/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running the irqwire tool (build/tools/irqwire, or $IRQWIRE_TOOL) from a
 * selftest and capturing what it prints.
 */
#ifndef IRQWIRE_TOOL_RUN_H
#define IRQWIRE_TOOL_RUN_H

#include <stddef.h>
#include <sys/types.h>

struct tool_out {
	int status;		/* exit code, or 128 + signal */
	char *out;		/* stdout then stderr, NUL-terminated; free() */
};

/*
 * Runs the tool with @argv (NULL-terminated, without the program name), as
 * user @uid unless it is -1, and waits for it.
 */
struct tool_out tool_run(uid_t uid, const char *const *argv);

/* The tool's path: $IRQWIRE_TOOL, else build/tools/irqwire of this build. */
void tool_path(char *path, size_t size);

/* Starts the tool with @argv, its output to @outfd; returns its pid or -1. */
pid_t tool_spawn(uid_t uid, const char *const *argv, int outfd);

#endif /* IRQWIRE_TOOL_RUN_H */
