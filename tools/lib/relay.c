// SPDX-License-Identifier: GPL-2.0
/*
 * The ping-pong relay thread: one doorbell in, one interrupt out, per round.
 */
#include <errno.h>
#include <sched.h>
#include <sys/eventfd.h>

#include "relay.h"

static void *relay_main(void *arg)
{
	struct relay *r = arg;
	eventfd_t v;
	uint32_t i;

	for (i = 0; i < r->rounds; i++) {
		if (eventfd_read(r->doorbell, &v) || v != 1)
			r->bad++;
		if (eventfd_write(r->irq, 1))
			r->bad++;
	}
	return NULL;
}

int relay_start(struct relay *r)
{
	struct sched_param prio = { .sched_priority = 1 };
	pthread_attr_t attr;
	int err;

	r->bad = 0;
	if (r->fifo) {
		err = pthread_attr_init(&attr);
		if (err)
			return err;
		err = pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED) ?:
		      pthread_attr_setschedpolicy(&attr, SCHED_FIFO) ?:
		      pthread_attr_setschedparam(&attr, &prio) ?:
		      pthread_create(&r->thread, &attr, relay_main, r);
		pthread_attr_destroy(&attr);
		if (err != EPERM)
			return err;
		r->fifo = false;	/* unprivileged: an ordinary thread */
	}
	return pthread_create(&r->thread, NULL, relay_main, r);
}

int relay_join(struct relay *r)
{
	return pthread_join(r->thread, NULL);
}
