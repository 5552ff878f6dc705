// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire bench: the results every case records into (bench.h), and the
 * statistics the report prints: median, spread, ratio to the baseline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

/* The series @group/@name, or NULL. */
struct series *series_find(struct bench *b, const char *group,
			   const char *name)
{
	int i;

	for (i = 0; i < b->nr; i++)
		if (!strcmp(b->s[i].group, group) && !strcmp(b->s[i].name, name))
			return &b->s[i];
	return NULL;
}

/* The series @group/@name, added (in report order) on first use. */
static struct series *series(struct bench *b, const char *group,
			     const char *name, const char *baseline)
{
	struct series *s = series_find(b, group, name);

	if (s)
		return s;
	if (b->nr == MAX_SERIES)
		abort();
	s = &b->s[b->nr++];
	snprintf(s->group, sizeof(s->group), "%s", group);
	snprintf(s->name, sizeof(s->name), "%s", name);
	snprintf(s->baseline, sizeof(s->baseline), "%s", baseline ? baseline : "");
	return s;
}

/* Records @value, unless this is the warm-up (@rep < 0). */
void record_value(struct bench *b, int rep, const char *group,
		  const char *name, const char *baseline, double value)
{
	struct series *s = series(b, group, name, baseline);

	if (rep >= 0 && s->n < MAX_REPS)
		s->us[s->n++] = value;
}

/* Records @seconds for @ops operations as microseconds per operation. */
void record(struct bench *b, int rep, const char *group, const char *name,
	    const char *baseline, double seconds, unsigned long ops)
{
	record_value(b, rep, group, name, baseline, seconds * 1e6 / ops);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double median_sort(double *v, int n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(v[0]), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double median(struct series *s)
{
	double v[MAX_REPS];

	memcpy(v, s->us, s->n * sizeof(v[0]));
	return median_sort(v, s->n);
}

void spread(struct series *s, double *lo, double *hi)
{
	int i;

	*lo = *hi = s->n ? s->us[0] : 0;
	for (i = 1; i < s->n; i++) {
		*lo = s->us[i] < *lo ? s->us[i] : *lo;
		*hi = s->us[i] > *hi ? s->us[i] : *hi;
	}
}

/* Ratios and the guest's TSC (the qemu group) need no conversion. */
static bool in_us(const struct series *s)
{
	return !strstr(s->name, "_over_") && strcmp(s->group, "qemu");
}

const char *unit_of(const struct bench *b, const struct series *s)
{
	if (strstr(s->name, "_over_"))
		return "ratio";
	if (b->instructions)
		return "instructions/op";
	return in_us(s) ? "us/op" : "cycles/op";
}

/*
 * Under -icount shift=0 a microsecond is 1000 instructions; the guest's
 * TSC counts the same nanoseconds, so its cycles are instructions too.
 */
double shown(const struct bench *b, const struct series *s, double v)
{
	return b->instructions && in_us(s) ? v * 1000 : v;
}

double ratio(struct bench *b, struct series *s)
{
	struct series *base;

	if (!s->baseline[0])
		return 0;
	base = series_find(b, s->group, s->baseline);
	return base && median(base) ? median(s) / median(base) : 0;
}
