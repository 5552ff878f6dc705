/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading irqwire's tracepoints back through tracefs, for tests that
 * check what the events report.
 */
#ifndef IRQWIRE_TRACEFS_H
#define IRQWIRE_TRACEFS_H

#include <stdbool.h>

/* The tracefs mount that has irqwire's events, or NULL. */
const char *tracefs(void);

/* Writes @val to tracefs file @file; 0 or -1. */
int tracefs_write(const char *file, const char *val);

/* Lines of the trace buffer that contain all three strings; > 0. */
int trace_count(const char *n1, const char *n2, const char *n3);
bool trace_has(const char *n1, const char *n2, const char *n3);

#endif /* IRQWIRE_TRACEFS_H */
