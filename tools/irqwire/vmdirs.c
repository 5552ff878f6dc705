// SPDX-License-Identifier: GPL-2.0
/*
 * Walking irqwire's debugfs directory, for "routes" and "stats".
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vmdirs.h"

static int only_vms(const struct dirent *d)
{
	return !strncmp(d->d_name, "vm", 2);
}

int vmdirs_for_each(const char *only,
		    void (*fn)(const char *name, const char *path, void *data),
		    void *data)
{
	struct dirent **list;
	char path[512];
	int n, i, visited = 0;

	n = scandir(IRQWIRE_DEBUGFS, &list, only_vms, alphasort);
	if (n < 0) {
		fprintf(stderr, "irqwire: %s: %s%s\n", IRQWIRE_DEBUGFS,
			strerror(errno),
			errno == ENOENT ? " (irqwire not loaded, or debugfs not mounted?)" : "");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!only || !strcmp(only, list[i]->d_name)) {
			snprintf(path, sizeof(path), "%s/%s", IRQWIRE_DEBUGFS,
				 list[i]->d_name);
			fn(list[i]->d_name, path, data);
			visited++;
		}
		free(list[i]);
	}
	free(list);
	return visited;
}

char *vmdirs_read(const char *dir, const char *file)
{
	char path[512], *buf = NULL;
	size_t len = 0;
	FILE *f, *mem;
	int c;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	mem = open_memstream(&buf, &len);
	while (mem && (c = fgetc(f)) != EOF)
		fputc(c, mem);
	fclose(f);
	if (mem)
		fclose(mem);
	return buf;
}
