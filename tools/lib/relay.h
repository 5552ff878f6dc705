/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host half of a doorbell -> interrupt ping-pong (rx_vm_pingpong):
 * a thread that waits for each doorbell eventfd signal and answers with
 * one irqfd eventfd signal, as a VMM's I/O thread would.
 */
#ifndef IRQWIRE_RELAY_H
#define IRQWIRE_RELAY_H

#include <pthread.h>
#include <stdint.h>

struct relay {
	int doorbell, irq;	/* eventfds: ioeventfd in, irqfd out */
	uint32_t rounds;
	uint32_t bad;		/* doorbell reads that did not return 1, failed writes */
	pthread_t thread;
};

/* Starts relaying @r->rounds rounds; 0 or an errno. */
int relay_start(struct relay *r);

/* Waits for the thread; 0 or an errno. */
int relay_join(struct relay *r);

#endif /* IRQWIRE_RELAY_H */
