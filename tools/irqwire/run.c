// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire run: runs an unmodified, dynamically linked VMM with
 * libirqwire-preload.so (tools/preload), which sends its KVM irqfds,
 * ioeventfds and routing tables to irqwire (Documentation/vmm.rst). The
 * VMM replaces this process, so its exit status is the command's.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#ifndef IRQWIRE_PRELOAD_DIR
#define IRQWIRE_PRELOAD_DIR "/usr/lib/irqwire"
#endif
#define PRELOAD_LIB "libirqwire-preload.so"
/* exec of the command failed, as for env(1) */
#define EXIT_NO_COMMAND 127

static const char *const run_paths[] = { "irqfd", "ioeventfd", "msi", "line", "routing" };

static void run_usage(FILE *f)
{
	fprintf(f,
		"usage: irqwire run [--paths LIST] [--fallback kvm] [--log FILE] -- CMD [ARGS]\n\n"
		"Runs CMD, an unmodified dynamically linked VMM (qemu-system-x86_64, ...),\n"
		"with irqwire serving its KVM VMs: KVM_IRQFD and KVM_IOEVENTFD go to\n"
		"irqwire, KVM_SET_GSI_ROUTING to both KVM and irqwire. Exits with CMD's\n"
		"status; a VMM that irqwire cannot serve stops with one line saying why\n"
		"and status 3.\n\n"
		"  --paths LIST    comma list of irqfd, ioeventfd, msi (KVM_SIGNAL_MSI),\n"
		"                  line (KVM_IRQ_LINE), routing, or all (default:\n"
		"                  irqfd,ioeventfd,routing); irqfd and line imply routing\n"
		"  --fallback kvm  if irqwire cannot take a VM, warn and leave it to KVM\n"
		"  --log FILE      append one line per diverted call to FILE\n\n"
		"Exit status: CMD's; 2 usage; 3 no usable /dev/irqwire or preload library;\n"
		"127 CMD cannot be run.\n");
}

/* 0 if every name of @list is a path (or "all"). */
static int check_paths(const char *list)
{
	char *copy = strdup(list), *save = NULL, *tok;
	size_t i;
	int ret = 0;

	for (tok = strtok_r(copy, ",", &save); tok && !ret; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof(run_paths) / sizeof(run_paths[0]); i++)
			if (!strcmp(tok, run_paths[i]))
				break;
		if (i == sizeof(run_paths) / sizeof(run_paths[0])) {
			fprintf(stderr, "irqwire run: unknown path '%s'\n", tok);
			ret = -1;
		}
	}
	free(copy);
	return ret;
}

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "paths", required_argument, NULL, 'p' },
		{ "fallback", required_argument, NULL, 'f' },
		{ "log", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	const char *paths = "irqfd,ioeventfd,routing", *old;
	char lib[PATH_MAX], log[PATH_MAX + 256] = "", cwd[PATH_MAX], why[256], *preload;
	bool fallback = false;
	int c, fd;

	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			paths = strcmp(optarg, "all") ? optarg : "irqfd,ioeventfd,msi,line,routing";
			break;
		case 'f':
			if (strcmp(optarg, "kvm"))
				return tool_usage('?', run_usage);
			fallback = true;
			break;
		case 'l':
			/* absolute: a VMM may change directory (-daemonize) */
			if (optarg[0] != '/' && !getcwd(cwd, sizeof(cwd)))
				return EXIT_ENV;
			snprintf(log, sizeof(log), "%s%s%s", optarg[0] == '/' ? "" : cwd,
				 optarg[0] == '/' ? "" : "/", optarg);
			break;
		default:	/* --help, or a bad option */
			return tool_usage(c, run_usage);
		}
	}
	if (optind >= argc || check_paths(paths)) {
		run_usage(stderr);
		return EXIT_USAGE;
	}
	if (tool_file(PRELOAD_LIB, IRQWIRE_PRELOAD_DIR, lib, sizeof(lib))) {
		fprintf(stderr, "irqwire run: %s: not found (make tools builds it)\n", lib);
		return EXIT_ENV;
	}
	/* say it here, before the VMM starts, rather than from inside it */
	if (!fallback) {
		fd = irqwire_dev_open_quiet(why, sizeof(why));
		if (fd < 0) {
			fprintf(stderr, "irqwire run: %s\n", why);
			return EXIT_ENV;
		}
		close(fd);
	}

	old = getenv("LD_PRELOAD");
	if (asprintf(&preload, "%s%s%s", lib, old && *old ? ":" : "", old ? old : "") < 0)
		return EXIT_ENV;
	setenv("LD_PRELOAD", preload, 1);
	setenv("IRQWIRE_RUN_PATHS", paths, 1);
	if (fallback)
		setenv("IRQWIRE_RUN_FALLBACK", "kvm", 1);
	else
		unsetenv("IRQWIRE_RUN_FALLBACK");
	if (log[0])
		setenv("IRQWIRE_RUN_LOG", log, 1);
	else
		unsetenv("IRQWIRE_RUN_LOG");
	execvp(argv[optind], argv + optind);
	fprintf(stderr, "irqwire run: %s: %s\n", argv[optind], strerror(errno));
	return EXIT_NO_COMMAND;
}
