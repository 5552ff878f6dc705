// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire version: the tool's version, the uapi ABI it was built with and
 * the loaded module's version and ABI, and whether they go together.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"

/* The loaded module's MODULE_VERSION in @buf, or "" if it has none. */
static void module_version(char *buf, size_t len)
{
	FILE *f = fopen("/sys/module/irqwire/version", "r");

	buf[0] = '\0';
	if (f) {
		if (fgets(buf, len, f))
			buf[strcspn(buf, "\n")] = '\0';
		fclose(f);
	}
}

static void usage(FILE *f)
{
	fprintf(f, "usage: irqwire version\n\n"
		"Prints the tool's version, the ABI of the uapi header it was built\n"
		"with, and the loaded module's version and ABI (/dev/irqwire), and\n"
		"says when they disagree.\n"
		"Exit 0 when the module speaks the tool's ABI, 1 when it does not,\n"
		"3 when no module is loaded.\n");
}

int cmd_version(int argc, char **argv)
{
	char ver[64];
	int fd, abi;

	if (argc > 1) {
		usage(strcmp(argv[1], "--help") ? stderr : stdout);
		return strcmp(argv[1], "--help") ? EXIT_USAGE : EXIT_OK;
	}
	printf("tool    %s\n", IRQWIRE_VERSION);
	printf("uapi    ABI %d\n", IRQWIRE_API_VERSION);
	fd = open("/dev/irqwire", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		printf("module  not loaded (/dev/irqwire: %s)\n", strerror(errno));
		return EXIT_ENV;
	}
	abi = ioctl(fd, IRQWIRE_GET_API_VERSION, 0);
	close(fd);
	module_version(ver, sizeof(ver));
	printf("module  %s, ABI %d\n", ver[0] ? ver : "(no version)", abi);
	if (abi != IRQWIRE_API_VERSION) {
		printf("disagree: the module speaks ABI %d, this tool ABI %d; its ioctls will fail: load the module of the tool's version\n",
		       abi, IRQWIRE_API_VERSION);
		return EXIT_CHECK_FAILED;
	}
	if (strcmp(ver, IRQWIRE_VERSION))
		printf("note: versions differ, the ABI is the same: they work together\n");
	return EXIT_OK;
}
