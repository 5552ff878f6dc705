// SPDX-License-Identifier: GPL-2.0
/*
 * Where the tool finds what it does not contain: the bpftrace scripts,
 * the helper programs that create VMs and the preload library of
 * "irqwire run". Linked into the tool and into the helpers (bench traces
 * with the scripts too).
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

/* Set by the Makefile: the source tree's folders for a build there. */
#ifndef IRQWIRE_BPFTRACE_DIR
#define IRQWIRE_BPFTRACE_DIR "/usr/share/irqwire/bpftrace"
#endif
#ifndef IRQWIRE_HELPER_DIR
#define IRQWIRE_HELPER_DIR "/usr/libexec/irqwire"
#endif

const char *tool_bpftrace_dir(void)
{
	const char *dir = getenv("IRQWIRE_BPFTRACE_DIR");

	return dir ? dir : IRQWIRE_BPFTRACE_DIR;
}

/*
 * @name next to this binary (a build tree), else in @installed (an
 * installation); 0, or -1 when neither exists.
 */
int tool_file(const char *name, const char *installed, char *path, size_t len)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0) {
		self[n] = '\0';
		snprintf(path, len, "%s/%s", dirname(self), name);
		if (!access(path, F_OK))
			return 0;
	}
	snprintf(path, len, "%s/%s", installed, name);
	return access(path, F_OK);
}

/*
 * The helper gets its own path as argv[0]: the KVM selftest library
 * loads guest code from the running program's file.
 */
int cmd_helper(int argc, char **argv)
{
	char name[64], path[PATH_MAX];

	(void)argc;
	snprintf(name, sizeof(name), "irqwire-%s", argv[0]);
	tool_file(name, IRQWIRE_HELPER_DIR, path, sizeof(path));
	argv[0] = path;
	execv(path, argv);
	fprintf(stderr, "irqwire: %s: %s (built by 'make tools' with the KVM selftest library)\n",
		path, strerror(errno));
	return EXIT_ENV;
}
