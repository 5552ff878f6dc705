// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire trace: runs one of the bpftrace scripts of tools/bpftrace.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static int is_script(const struct dirent *d)
{
	size_t len = strlen(d->d_name);

	return len > 3 && !strcmp(d->d_name + len - 3, ".bt");
}

/* Each script with the purpose line of its header ("# name - purpose"). */
static int list_scripts(FILE *f)
{
	struct dirent **list;
	char path[512], line[256];
	int n, i;
	FILE *s;

	n = scandir(tool_bpftrace_dir(), &list, is_script, alphasort);
	if (n < 0) {
		fprintf(stderr, "irqwire: %s: %s\n", tool_bpftrace_dir(), strerror(errno));
		return EXIT_ENV;
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", tool_bpftrace_dir(), list[i]->d_name);
		line[0] = 0;
		s = fopen(path, "r");
		while (s && fgets(line, sizeof(line), s) && strncmp(line, "/*", 2) &&
		       !strstr(line, " - "))
			;
		if (s && !strncmp(line, "/*", 2) && !fgets(line, sizeof(line), s))
			line[0] = 0;
		if (s)
			fclose(s);
		list[i]->d_name[strlen(list[i]->d_name) - 3] = 0;
		fprintf(f, "  %-22s %s", list[i]->d_name,
			strstr(line, " - ") ? strstr(line, " - ") + 3 : "\n");
		free(list[i]);
	}
	free(list);
	return EXIT_OK;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: irqwire trace SCRIPT [BPFTRACE ARGS...]\n"
		"       irqwire trace --list\n\n"
		"Runs tools/bpftrace/SCRIPT.bt with bpftrace (root); Ctrl-C prints the\n"
		"maps. Scripts (folder: $IRQWIRE_BPFTRACE_DIR, default %s):\n",
		tool_bpftrace_dir());
	list_scripts(f);
	fprintf(f, "Exit: that of bpftrace; 2 usage, 3 no bpftrace or script folder.\n");
}

int cmd_trace(int argc, char **argv)
{
	char path[512];

	if (argc < 2 || !strcmp(argv[1], "--help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[1], "--list"))
		return list_scripts(stdout);
	snprintf(path, sizeof(path), "%s/%s.bt", tool_bpftrace_dir(), argv[1]);
	if (access(path, R_OK)) {
		fprintf(stderr, "irqwire: no script %s (irqwire trace --list)\n", path);
		return EXIT_USAGE;
	}
	argv[0] = "bpftrace";
	argv[1] = path;
	execvp("bpftrace", argv);
	fprintf(stderr, "irqwire: bpftrace: %s\n", strerror(errno));
	return EXIT_ENV;
}
