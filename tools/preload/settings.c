// SPDX-License-Identifier: GPL-2.0
/*
 * Settings from "irqwire run" (environment, read once before main()):
 *   IRQWIRE_RUN_PATHS     comma list of irqfd, ioeventfd, msi, line,
 *                         routing (irqfd and line imply routing: irqwire
 *                         must see the table KVM sees)
 *   IRQWIRE_RUN_FALLBACK  "kvm": a VM irqwire cannot take stays KVM's
 *   IRQWIRE_RUN_LOG       a file that gets one line per diverted call
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "preload.h"

struct preload_settings preload_settings;
static int log_fd = -1;

static const struct {
	const char *name;
	unsigned int path;
} path_names[] = {
	{ "irqfd", PATH_IRQFD | PATH_ROUTING },
	{ "ioeventfd", PATH_IOEVENTFD },
	{ "msi", PATH_MSI },
	{ "line", PATH_LINE | PATH_ROUTING },
	{ "routing", PATH_ROUTING },
};

static unsigned int parse_paths(const char *list)
{
	char *copy = strdup(list), *save = NULL, *tok;
	unsigned int paths = 0;
	size_t i;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(path_names) / sizeof(path_names[0]); i++)
			if (!strcmp(tok, path_names[i].name))
				break;
		if (i == sizeof(path_names) / sizeof(path_names[0]))
			settings_fail("IRQWIRE_RUN_PATHS: unknown path '%s'", tok);
		paths |= path_names[i].path;
	}
	free(copy);
	return paths;
}

void settings_load(void)
{
	const char *paths = getenv("IRQWIRE_RUN_PATHS");
	const char *fallback = getenv("IRQWIRE_RUN_FALLBACK");
	const char *log = getenv("IRQWIRE_RUN_LOG");

	preload_settings.paths = parse_paths(paths ? paths : "irqfd,ioeventfd,routing");
	preload_settings.fallback_kvm = fallback && !strcmp(fallback, "kvm");
	if (log && *log) {
		log_fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (log_fd < 0)
			settings_fail("--log %s: %m", log);
	}
}

void settings_log(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	if (log_fd < 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	/* one write per line: lines of several threads never mix */
	if (write(log_fd, line, n) < 0)
		return;
}

void settings_fail(const char *fmt, ...)
{
	char why[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	dprintf(STDERR_FILENO, "irqwire run: %s\n", why);
	settings_log("stopped: %s", why);
	_exit(PRELOAD_EXIT_ENV);
}
