// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire inspect: KVM's OWN interrupt state of a VM that irqwire did not
 * set up (QEMU, Firecracker, a test program): its GSI routing table, its
 * irqfds and the devices on its MMIO/PIO buses. The VM fd is taken from
 * the VMM with pidfd_getfd() (ptrace rights) and read with
 * IRQWIRE_INSPECT_VM; nothing about the VM is changed.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cmd.h"
#include "boundvms.h"
#include "routes_fmt.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

struct target {
	pid_t pid;
	int pidfd;
	int dev;		/* /dev/irqwire */
	bool json;
	/* the target's eventfds: their fd numbers there and their ids */
	int nr_eventfds;
	int *eventfd_fd;
	__u64 *eventfd_id;
};

static const char * const bus_names[] = { "mmio", "pio", "virtio-ccw", "fast-mmio" };

static int fail(int code, const char *fmt, const char *what, int err)
{
	fprintf(stderr, fmt, what, strerror(err));
	return code;
}

/* fd numbers of @pid whose /proc link reads @link, or -errno. */
static int target_fds(pid_t pid, const char *link, int **fds)
{
	char dir[64], path[320], buf[64];
	struct dirent *d;
	ssize_t len;
	DIR *dp;
	int n = 0;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", pid);
	dp = opendir(dir);
	if (!dp)
		return -errno;
	*fds = NULL;
	while ((d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		len = readlink(path, buf, sizeof(buf) - 1);
		if (len < 0)
			continue;
		buf[len] = 0;
		if (strcmp(buf, link))
			continue;
		*fds = realloc(*fds, (n + 1) * sizeof(int));
		(*fds)[n++] = atoi(d->d_name);
	}
	closedir(dp);
	return n;
}

/* The target's fd @fd, duplicated into this process, or -errno. */
static int grab(struct target *t, int fd)
{
	int mine = syscall(SYS_pidfd_getfd, t->pidfd, fd, 0);

	return mine < 0 ? -errno : mine;
}

static void learn_eventfds(struct target *t)
{
	struct irqwire_eventfd_id id = {};
	int *fds, n, i, mine;

	n = target_fds(t->pid, "anon_inode:[eventfd]", &fds);
	if (n <= 0)
		return;
	t->eventfd_fd = calloc(n, sizeof(int));
	t->eventfd_id = calloc(n, sizeof(__u64));
	for (i = 0; i < n; i++) {
		mine = grab(t, fds[i]);
		if (mine < 0)
			continue;
		id.fd = mine;
		if (!ioctl(t->dev, IRQWIRE_GET_EVENTFD_ID, &id)) {
			t->eventfd_fd[t->nr_eventfds] = fds[i];
			t->eventfd_id[t->nr_eventfds++] = id.id;
		}
		close(mine);
	}
	free(fds);
}

/* The target's fd number of the eventfd named @id, -1 if it has none. */
static int eventfd_of(struct target *t, __u64 id)
{
	int i;

	for (i = 0; id && i < t->nr_eventfds; i++)
		if (t->eventfd_id[i] == id)
			return t->eventfd_fd[i];
	return -1;
}

static void print_eventfd(struct target *t, const char *key, __u64 id)
{
	int fd = eventfd_of(t, id);

	if (t->json)
		printf(fd < 0 ? ", \"%s\": null" : ", \"%s\": %d", key, fd);
	else if (fd < 0)
		printf(" %s=(not open in %d)", key, t->pid);
	else
		printf(" %s=%d", key, fd);
}

static void print_irqfds(struct target *t, struct irqwire_inspect_irqfd *r,
			 int n)
{
	int i;

	printf(t->json ? ", \"irqfds\": [" : "irqfds: %d\n", n);
	for (i = 0; i < n; i++) {
		printf(t->json ? "%s{\"gsi\": %u" : "%s  gsi=%u", t->json && i ? ", " : "",
		       r[i].gsi);
		print_eventfd(t, "eventfd", r[i].eventfd_id);
		if (r[i].flags & IRQWIRE_INSPECT_IRQFD_RESAMPLE)
			print_eventfd(t, "resamplefd", r[i].resamplefd_id);
		printf(t->json ? "}" : "\n");
	}
	printf(t->json ? "]" : "");
}

static void print_bus(struct target *t, struct irqwire_inspect_bus_device *r,
		      int n)
{
	const char *bus;
	int i;

	printf(t->json ? ", \"bus_devices\": [" : "bus devices: %d\n", n);
	for (i = 0; i < n; i++) {
		bus = r[i].bus < 4 ? bus_names[r[i].bus] : "?";
		r[i].ops[sizeof(r[i].ops) - 1] = 0;
		if (t->json)
			printf("%s{\"bus\": \"%s\", \"addr\": %llu, \"len\": %u, \"ops\": \"%s\"}",
			       i ? ", " : "", bus, (unsigned long long)r[i].addr,
			       r[i].len, r[i].ops);
		else
			printf("  bus=%s addr=0x%llx len=%u ops=%s\n", bus,
			       (unsigned long long)r[i].addr, r[i].len, r[i].ops);
	}
	printf(t->json ? "]" : "");
}

/*
 * irqwire's own table of the same VM, when it is bound to irqwire
 * (irqwire run, or a VMM written for irqwire), so the two can be compared
 * line by line.
 */
static void print_irqwire_table(struct target *t, int vm_fd)
{
	struct irqwire_inspect_wire_vm *vm;
	struct irqwire_routing_entry *e;
	char name[48];
	int n;

	n = irqwire_inspect_records(t->dev, vm_fd, IRQWIRE_INSPECT_WIRE_VMS, 0,
				    sizeof(*vm), (void **)&vm);
	if (n != 1) {
		printf(t->json ? ", \"irqwire_table\": null" :
				 "irqwire routes: not bound to irqwire\n");
		free(vm);
		return;
	}
	boundvm_name(vm, name, sizeof(name));
	free(vm);
	n = irqwire_inspect_records(t->dev, vm_fd, IRQWIRE_INSPECT_WIRE_ROUTES, 0,
				    sizeof(*e), (void **)&e);
	if (n < 0)
		n = 0;
	if (t->json) {
		printf(", \"irqwire_table\": {\"vm\": \"%s\", \"table\": ", name);
		routes_print(stdout, e, n, true);
		printf("}");
	} else {
		printf("irqwire routes (%s): %d\n", name, n);
		routes_print(stdout, e, n, false);
	}
	free(e);
}

/* Prints the VM behind @vm_fd (fd @fd in the target); returns an exit code. */
static int inspect_vm(struct target *t, int fd, int vm_fd, bool first)
{
	void *routes, *irqfds, *bus;
	int nr, ni, nb, ret = EXIT_OK;

	nr = irqwire_inspect_records(t->dev, vm_fd, IRQWIRE_INSPECT_ROUTES, 0,
				     sizeof(struct irqwire_routing_entry), &routes);
	ni = irqwire_inspect_records(t->dev, vm_fd, IRQWIRE_INSPECT_IRQFDS, 0,
				     sizeof(struct irqwire_inspect_irqfd), &irqfds);
	nb = irqwire_inspect_records(t->dev, vm_fd, IRQWIRE_INSPECT_BUS_DEVICES, 0,
				     sizeof(struct irqwire_inspect_bus_device), &bus);
	if (nr < 0 || ni < 0 || nb < 0) {
		fprintf(stderr, "irqwire: fd %d of %d is not a KVM VM: %s\n", fd,
			t->pid, strerror(-(nr < 0 ? nr : ni < 0 ? ni : nb)));
		ret = EXIT_NOT_FOUND;
		goto out;
	}
	if (t->json) {
		printf("%s{\"pid\": %d, \"vm_fd\": %d, \"table\": ", first ? "" : ", ",
		       t->pid, fd);
		routes_print(stdout, routes, nr, true);
	} else {
		printf("%s# pid %d, VM fd %d\nroutes: %d\n", first ? "" : "\n",
		       t->pid, fd, nr);
		routes_print(stdout, routes, nr, false);
	}
	print_irqfds(t, irqfds, ni);
	print_bus(t, bus, nb);
	print_irqwire_table(t, vm_fd);
	if (t->json)
		printf("}");
out:
	free(routes);
	free(irqfds);
	free(bus);
	return ret;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: irqwire inspect --pid PID [--fd N] [--json]\n\n"
		"Prints KVM's own state of the VM(s) of process PID, which irqwire need\n"
		"not know: KVM's GSI routing table (as 'irqwire routes' prints irqwire's),\n"
		"its irqfds (GSI, eventfd and resamplefd as fd numbers in PID) and the\n"
		"devices on its MMIO/PIO buses. Default: every KVM VM fd PID holds.\n"
		"Read-only. Needs /dev/irqwire (root) and ptrace rights over PID\n"
		"(pidfd_getfd).\n"
		"Exit 0, 2 usage, 3 no /dev/irqwire, 4 no permission over PID,\n"
		"5 no such process, fd or KVM VM fd.\n");
}

int cmd_inspect(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "pid", required_argument, NULL, 'p' },
		{ "fd", required_argument, NULL, 'f' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	struct target t = { .pid = -1 };
	int c, n, i, fd = -1, ret = EXIT_OK, *fds, *vm_fds;
	char pidstr[16];

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			t.pid = atoi(optarg);
			break;
		case 'f':
			fd = atoi(optarg);
			break;
		case 'j':
			t.json = true;
			break;
		default:	/* --help, or a bad option */
			return tool_usage(c, usage);
		}
	}
	if (t.pid <= 0 || optind < argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	snprintf(pidstr, sizeof(pidstr), "%d", t.pid);
	t.pidfd = syscall(SYS_pidfd_open, t.pid, 0);
	if (t.pidfd < 0)
		return fail(EXIT_NOT_FOUND, "irqwire: process %s: %s\n", pidstr, errno);
	if (fd >= 0) {
		fds = malloc(sizeof(int));
		fds[0] = fd;
		n = 1;
	} else {
		n = target_fds(t.pid, "anon_inode:kvm-vm", &fds);
		if (n < 0)
			return fail(-n == EACCES || -n == EPERM ? EXIT_PERM : EXIT_NOT_FOUND,
				    "irqwire: file table of process %s: %s (inspect needs ptrace rights)\n",
				    pidstr, -n);
		if (!n) {
			fprintf(stderr, "irqwire: process %d holds no KVM VM fd\n", t.pid);
			return EXIT_NOT_FOUND;
		}
	}
	/* the target's fds first: no ptrace rights is the likelier failure */
	vm_fds = calloc(n, sizeof(int));
	for (i = 0; i < n; i++) {
		vm_fds[i] = grab(&t, fds[i]);
		if (vm_fds[i] < 0) {
			fprintf(stderr, "irqwire: fd %d of process %d: %s%s\n",
				fds[i], t.pid, strerror(-vm_fds[i]),
				vm_fds[i] == -EPERM ? " (inspect needs ptrace rights)" : "");
			return vm_fds[i] == -EPERM ? EXIT_PERM : EXIT_NOT_FOUND;
		}
	}
	t.dev = irqwire_dev_open("irqwire");
	if (t.dev < 0)
		return EXIT_ENV;
	learn_eventfds(&t);
	if (t.json)
		printf("{\"schema\": %d, \"vms\": [", TOOL_JSON_SCHEMA);
	for (i = 0; i < n && ret == EXIT_OK; i++)
		ret = inspect_vm(&t, fds[i], vm_fds[i], i == 0);
	if (t.json)
		printf("]}\n");
	for (i = 0; i < n; i++)
		close(vm_fds[i]);
	free(vm_fds);
	free(fds);
	free(t.eventfd_fd);
	free(t.eventfd_id);
	close(t.dev);
	close(t.pidfd);
	return ret;
}
