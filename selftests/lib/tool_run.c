// SPDX-License-Identifier: GPL-2.0
/*
 * tool_spawn(): fork, optionally drop to @uid, exec the irqwire tool with
 * its output on @outfd; tool_run(): the same on a pipe, collecting the
 * output and the exit status.
 */
#include <errno.h>
#include <grp.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tool_run.h"

/* build/selftests/irqwire/<test> -> build/tools/irqwire */
void tool_path(char *path, size_t size)
{
	char exe[PATH_MAX] = "";
	const char *env = getenv("IRQWIRE_TOOL");

	if (env) {
		snprintf(path, size, "%s", env);
		return;
	}
	if (readlink("/proc/self/exe", exe, sizeof(exe) - 1) < 0)
		exe[0] = 0;
	snprintf(path, size, "%s/../../tools/irqwire", dirname(exe));
}

pid_t tool_spawn(uid_t uid, const char *const *argv, int outfd)
{
	const char *args[32];
	char path[PATH_MAX];
	pid_t pid;
	int i;

	/* the path as argv[0]: the KVM library loads guest code from it */
	tool_path(path, sizeof(path));
	args[0] = path;
	for (i = 0; argv[i] && i < 30; i++)
		args[i + 1] = argv[i];
	args[i + 1] = NULL;
	pid = fork();
	if (pid)
		return pid;
	dup2(outfd, 1);
	dup2(outfd, 2);
	if (uid != (uid_t)-1 &&
	    (setgroups(0, NULL) || setgid(uid) || setuid(uid)))
		_exit(126);
	execv(path, (char *const *)args);
	dprintf(2, "tool_run: %s: %s\n", path, strerror(errno));
	_exit(127);
}

struct tool_out tool_run(uid_t uid, const char *const *argv)
{
	struct tool_out r = { .status = -1 };
	char buf[4096];
	size_t len = 0;
	int pipefd[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(pipefd))
		return r;
	pid = tool_spawn(uid, argv, pipefd[1]);
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		return r;
	}
	while ((n = read(pipefd[0], buf, sizeof(buf))) > 0) {
		r.out = realloc(r.out, len + n + 1);
		memcpy(r.out + len, buf, n);
		len += n;
	}
	close(pipefd[0]);
	if (!r.out)
		r.out = calloc(1, 1);
	r.out[len] = 0;
	waitpid(pid, &status, 0);
	r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	return r;
}
