/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host half of a doorbell -> interrupt ping-pong (rx_vm_pingpong):
 * a thread that waits for each doorbell eventfd signal and answers with
 * one irqfd eventfd signal, as a VMM's I/O thread would.
 */
#ifndef IRQWIRE_RELAY_H
#define IRQWIRE_RELAY_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

struct relay {
	int doorbell, irq;	/* eventfds: ioeventfd in, irqfd out */
	uint32_t rounds;
	uint32_t bad;		/* doorbell reads that did not return 1, failed writes */
	bool fifo;		/* in: run SCHED_FIFO; out: whether it does */
	pthread_t thread;
};

/*
 * Starts relaying @r->rounds rounds; 0 or an errno. With @r->fifo the
 * thread runs SCHED_FIFO, so it preempts the vCPU thread the moment a
 * doorbell wakes it: on one CPU a round trip is then the same sequence
 * of code every time, not wherever the scheduler's tick and slices put
 * the switch. Without the privilege it runs as usual and @r->fifo reads
 * false.
 */
int relay_start(struct relay *r);

/* Waits for the thread; 0 or an errno. */
int relay_join(struct relay *r);

#endif /* IRQWIRE_RELAY_H */
