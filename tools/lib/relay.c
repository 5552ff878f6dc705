// SPDX-License-Identifier: GPL-2.0
/*
 * The ping-pong relay thread: one doorbell in, one interrupt out, per round.
 */
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
	r->bad = 0;
	return pthread_create(&r->thread, NULL, relay_main, r);
}

int relay_join(struct relay *r)
{
	return pthread_join(r->thread, NULL);
}
