// SPDX-License-Identifier: GPL-2.0
/*
 * tracefs: see tracefs.h.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tracefs.h"

const char *tracefs(void)
{
	if (!access("/sys/kernel/tracing/events/irqwire", F_OK))
		return "/sys/kernel/tracing";
	if (!access("/sys/kernel/debug/tracing/events/irqwire", F_OK))
		return "/sys/kernel/debug/tracing";
	return NULL;
}

int tracefs_write(const char *file, const char *val)
{
	char path[128];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/%s", tracefs(), file);
	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -1;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok ? 0 : -1;
}

/* Lines of the trace buffer containing every one of @needles. */
int trace_count(const char *n1, const char *n2, const char *n3)
{
	char path[128], line[512];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/trace", tracefs());
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		n += strstr(line, n1) && strstr(line, n2) && strstr(line, n3);
	if (f)
		fclose(f);
	return n;
}

bool trace_has(const char *n1, const char *n2, const char *n3)
{
	return trace_count(n1, n2, n3) > 0;
}
