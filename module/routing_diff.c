// SPDX-License-Identifier: GPL-2.0
/*
 * A full replace as the difference to the last one. VMMs re-send the
 * whole table after each MSI-X change (QEMU's kvm_irqchip_commit_routes()),
 * mostly the same entries in the same places. So the new entries are
 * compared in user memory, position by position, with the last full
 * replace's (vm->routing_input); the few GSIs whose entries changed are
 * then edited like per-GSI updates, all published at once. No table is
 * built and only the changed entries are parsed; with too many changes,
 * nothing kept or the x2APIC format on (every kept MSI route would need
 * its check again) the full path builds a table instead.
 *
 * Process context; vm->routing_lock held from the first read to the last
 * change, so the kept entries are the live table's throughout.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "routing.h"
#include "trace.h"

/**
 * struct irqwire_replace_diff - what a replace by difference found, and
 *	the edits it makes of it (vm->routing_input.scratch, routing_lock).
 * @nr_changes: positions whose entry differs, was added or went.
 * @pos: those positions, ascending.
 * @now: the new entry at each of them (unused where the entry went).
 * @edit: the per-GSI edits, at most two GSIs per change.
 */
struct irqwire_replace_diff {
	u32 nr_changes;
	u32 pos[IRQWIRE_DIFF_MAX_CHANGES];
	struct irqwire_routing_entry now[IRQWIRE_DIFF_MAX_CHANGES];
	struct irqwire_gsi_route edit[IRQWIRE_MAX_EDITS];
};

/* Whether two entries are the same, a word at a time. */
static bool irqwire_entry_same(const struct irqwire_routing_entry *a,
			       const struct irqwire_routing_entry *b)
{
	const u64 *x = (const u64 *)a, *y = (const u64 *)b;

	return !((x[0] ^ y[0]) | (x[1] ^ y[1]) | (x[2] ^ y[2]) |
		 (x[3] ^ y[3]) | (x[4] ^ y[4]) | (x[5] ^ y[5]));
}

/*
 * Reads the entry at @u, a word into each @w; user access open. False
 * on a fault. Inlined with the words in registers (no array, whose
 * copies went through the stack).
 */
static __always_inline bool irqwire_diff_get(const u64 __user *u, u64 *w0, u64 *w1,
					     u64 *w2, u64 *w3, u64 *w4, u64 *w5)
{
	unsafe_get_user(*w0, u, efault);
	unsafe_get_user(*w1, u + 1, efault);
	unsafe_get_user(*w2, u + 2, efault);
	unsafe_get_user(*w3, u + 3, efault);
	unsafe_get_user(*w4, u + 4, efault);
	unsafe_get_user(*w5, u + 5, efault);
	return true;
efault:
	return false;
}

/* Notes the entry (@w0..@w5) as changed at @p; false when @d is full. */
static __always_inline bool irqwire_diff_note(struct irqwire_replace_diff *d, u32 *n, u32 p,
					      u64 w0, u64 w1, u64 w2, u64 w3, u64 w4, u64 w5)
{
	u64 *now;

	if (*n == IRQWIRE_DIFF_MAX_CHANGES)
		return false;
	d->pos[*n] = p;
	now = (u64 *)&d->now[(*n)++];
	now[0] = w0;
	now[1] = w1;
	now[2] = w2;
	now[3] = w3;
	now[4] = w4;
	now[5] = w5;
	return true;
}

/*
 * Compares the @nr entries at @uent with @in's where they are, in user
 * memory: each word is read once, and only a changed entry is copied (a
 * copy of the whole table first would write and read it all again, and
 * it is mostly unchanged). 0 with @d filled, 1 when too many differ,
 * -EFAULT. Nothing is called while user access is open.
 *
 * Instructions per unchanged entry are what a replace of a big table
 * costs, so the loop is kept register-only: not inlined (in its caller
 * GCC spilled a word of every entry to the stack, +2 an entry on 6.12),
 * and the entries past the old table's end, new by definition, in a
 * loop of their own (no position test per entry).
 */
static noinline int irqwire_diff_scan(struct irqwire_replace_diff *d,
				      const struct irqwire_routing_input *in,
				      const struct irqwire_routing_entry __user *uent, u32 nr)
{
	const u64 __user *u = (const u64 __user *)uent;
	const u64 *k = (const u64 *)in->e;
	u32 p, n = 0, same = min(nr, in->nr);
	u64 w0, w1, w2, w3, w4, w5;

	BUILD_BUG_ON(sizeof(*uent) != 6 * sizeof(u64));
	if (!user_access_begin(uent, array_size(nr, sizeof(*uent))))
		return -EFAULT;
	for (p = 0; p < same; p++, u += 6, k += 6) {
		if (!irqwire_diff_get(u, &w0, &w1, &w2, &w3, &w4, &w5))
			goto efault;
		if (!((w0 ^ k[0]) | (w1 ^ k[1]) | (w2 ^ k[2]) |
		      (w3 ^ k[3]) | (w4 ^ k[4]) | (w5 ^ k[5])))
			continue;
		if (!irqwire_diff_note(d, &n, p, w0, w1, w2, w3, w4, w5))
			goto too_many;
	}
	for (; p < nr; p++, u += 6) {	/* added */
		if (!irqwire_diff_get(u, &w0, &w1, &w2, &w3, &w4, &w5))
			goto efault;
		if (!irqwire_diff_note(d, &n, p, w0, w1, w2, w3, w4, w5))
			goto too_many;
	}
	user_access_end();
	for (p = nr; p < in->nr; p++) {	/* gone */
		if (n == IRQWIRE_DIFF_MAX_CHANGES)
			return 1;
		d->pos[n++] = p;
	}
	d->nr_changes = n;
	return 0;
efault:
	user_access_end();
	return -EFAULT;
too_many:
	user_access_end();
	return 1;
}

/* The edit of @gsi in @edit[0..*@n), added (its current routes) if new. */
static struct irqwire_gsi_route *irqwire_diff_edit(struct irqwire_vm *vm,
						   struct irqwire_gsi_route *edit,
						   u32 *n, u32 gsi)
{
	const struct irqwire_gsi_routes *set;
	struct irqwire_gsi_route *r;
	u32 i;

	for (i = 0; i < *n; i++)
		if (edit[i].gsi == gsi)
			return &edit[i];
	r = &edit[(*n)++];
	memset(r, 0, sizeof(*r));
	r->gsi = gsi;
	set = irqwire_routing_set_locked(vm, gsi);
	for (i = 0; set && i < set->nr; i++)
		irqwire_route_to_user(&set->r[i], &r->entries[r->nr++]);
	return r;
}

/*
 * Turns @d into per-GSI edits of @in's table: each GSI that lost or
 * gained an entry gets its current routes minus the entries that went
 * plus those that came. 0 with *@n edits, -EINVAL (a new entry's GSI out
 * of range, or more routes than a GSI can have, as a build would find).
 */
static int irqwire_diff_edits(struct irqwire_vm *vm, const struct irqwire_replace_diff *d,
			      const struct irqwire_routing_input *in, u32 nr,
			      struct irqwire_gsi_route *edit, u32 *n)
{
	struct irqwire_gsi_route *r;
	u32 c, i, p;

	*n = 0;
	for (c = 0; c < d->nr_changes; c++) {
		p = d->pos[c];
		if (p >= in->nr)
			continue;
		r = irqwire_diff_edit(vm, edit, n, in->e[p].gsi);
		for (i = 0; i < r->nr; i++)
			if (irqwire_entry_same(&r->entries[i], &in->e[p]))
				break;
		/* the kept entries are the live table's: each one is in it */
		if (WARN_ON_ONCE(i == r->nr))
			return -EINVAL;
		r->entries[i] = r->entries[--r->nr];
		memset(&r->entries[r->nr], 0, sizeof(r->entries[0]));
	}
	for (c = 0; c < d->nr_changes; c++) {
		p = d->pos[c];
		if (p >= nr)
			continue;
		if (d->now[c].gsi >= IRQWIRE_MAX_GSI)
			return -EINVAL;
		r = irqwire_diff_edit(vm, edit, n, d->now[c].gsi);
		if (r->nr == IRQWIRE_MAX_ROUTES_PER_GSI)
			return -EINVAL;
		r->entries[r->nr++] = d->now[c];
	}
	return 0;
}

/* routing_lock held: room for @nr entries in @in; 0 or -ENOMEM. */
static int irqwire_diff_input_room(struct irqwire_routing_input *in, u32 nr)
{
	struct irqwire_routing_entry *e;
	u32 cap;

	if (nr <= in->cap)
		return 0;
	/* doubling: a table grown an entry at a time copies each O(1) times */
	cap = min_t(u32, max(nr, 2 * in->cap), IRQWIRE_MAX_ROUTING_ENTRIES);
	e = kvmalloc_array(cap, sizeof(*e), GFP_KERNEL_ACCOUNT);
	if (!e)
		return -ENOMEM;
	memcpy(e, in->e, in->nr * sizeof(*e));
	kvfree(in->e);
	in->e = e;
	in->cap = cap;
	return 0;
}

int irqwire_routing_replace_changed(struct irqwire_vm *vm,
				    const struct irqwire_routing_entry __user *uent, u32 nr)
{
	struct irqwire_routing_input *in = &vm->routing_input;
	struct irqwire_replace_diff *d;
	u32 c, n;
	int ret;

	mutex_lock(&vm->routing_lock);
	ret = 1;
	/* the entries added or gone alone would be too many changes */
	if (!in->e || max(nr, in->nr) - min(nr, in->nr) > IRQWIRE_DIFF_MAX_CHANGES ||
	    READ_ONCE(vm->kvm->arch.x2apic_format))
		goto out;
	if (!in->scratch)
		in->scratch = kmalloc(sizeof(*in->scratch), GFP_KERNEL_ACCOUNT);
	ret = -ENOMEM;
	d = in->scratch;
	if (!d)
		goto out;
	ret = irqwire_diff_scan(d, in, uent, nr);
	if (ret)
		goto out;
	if (!d->nr_changes) {	/* the same table again */
		in->diffed++;
		trace_irqwire_routing_replace(vm->id, nr, 0);
		goto out;
	}
	ret = irqwire_diff_edits(vm, d, in, nr, d->edit, &n);
	if (!ret)
		ret = irqwire_diff_input_room(in, nr);
	if (!ret)
		ret = irqwire_routing_edit_locked(vm, d->edit, n);
	if (ret)
		goto out;
	for (c = 0; c < d->nr_changes; c++)
		if (d->pos[c] < nr)
			in->e[d->pos[c]] = d->now[c];
	in->nr = nr;
	in->diffed++;
	trace_irqwire_routing_replace(vm->id, nr, d->nr_changes);
out:
	mutex_unlock(&vm->routing_lock);
	return ret;
}
