/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A page window's own index of its doorbells (module/window_index.c): a
 * write finds its doorbell there without hashing, unless the index says
 * the VM-wide hash must decide.
 */
#ifndef IRQWIRE_WINDOW_INDEX_H
#define IRQWIRE_WINDOW_INDEX_H

#include "doorbell.h"
#include "vm.h"

#define IRQWIRE_MAP_GROUP_SHIFT	6
#define IRQWIRE_MAP_GROUP	BIT(IRQWIRE_MAP_GROUP_SHIFT)
#define IRQWIRE_MAP_GROUPS	(WINDOW_SIZE / IRQWIRE_MAP_GROUP)

/**
 * struct irqwire_map_group - the doorbells at IRQWIRE_MAP_GROUP
 *	consecutive addresses of a page; lives as long as its map.
 * @slot: per address, its doorbells (at most IRQWIRE_FEW_DOORBELLS),
 *	&irqwire_few_hashed when it has more (or there was no memory for
 *	the array: the VM-wide hash then decides), NULL when none.
 *	Written under vm->doorbells.lock, read under kvm->srcu.
 * @nr: per address, its doorbells; vm->doorbells.lock.
 */
struct irqwire_map_group {
	struct irqwire_few_doorbells __rcu *slot[IRQWIRE_MAP_GROUP];
	unsigned int nr[IRQWIRE_MAP_GROUP];
};

/**
 * struct irqwire_window_map - a page's doorbells by address, for a window
 *	with more than IRQWIRE_FEW_DOORBELLS; freed whole after a kvm->srcu
 *	grace period once the window no longer uses it.
 * @rcu: for that.
 * @grp: groups, allocated when a doorbell first needs one (under
 *	vm->doorbells.lock), read under kvm->srcu.
 */
struct irqwire_window_map {
	struct rcu_head rcu;
	struct irqwire_map_group __rcu *grp[IRQWIRE_MAP_GROUPS];
};

extern struct irqwire_few_doorbells irqwire_few_hashed;
extern struct irqwire_few_doorbells irqwire_few_none;

/*
 * vCPU context, inside its kvm->srcu read section: whether a doorbell of
 * @few takes a write of @len bytes at @val, and which (*@dbp), by the
 * same rule as the VM-wide hash: a DATAMATCH doorbell before a wildcard
 * of the same length, before one of any length (MMIO only, so only in
 * an MMIO window). @few is in that order, so the first match is the
 * one. The value is read only for a DATAMATCH doorbell of the write's
 * length. A bool and not a NULL doorbell, so that a caller's branch on
 * it is the scan's own: a write that matches tests nothing more. (The
 * likely() keeps GCC 12 from hoisting the DATAMATCH case's work, and a
 * frame with it, ahead of the scan.)
 */
static __always_inline bool
irqwire_few_match(const struct irqwire_few_doorbells *few, gpa_t addr, int len,
		  const void *val, struct irqwire_doorbell **dbp)
{
	struct irqwire_doorbell *const *p = few->db;
	struct irqwire_doorbell *db = *p;

	/* never empty: irqwire_few_none holds a doorbell no write rings */
	do {
		if (db->key.addr != addr)
			continue;
		if (likely(db->takes == len) || !db->takes ||
		    (db->takes == (len | IRQWIRE_TAKES_VALUE) &&
		     db->key.data == irqwire_write_value(val, len))) {
			*dbp = db;
			return true;
		}
	} while ((db = *++p));
	return false;
}

/*
 * vCPU context, inside its kvm->srcu read section: the doorbells of window
 * @bd that a write at @addr may ring, NULL if none, or &irqwire_few_hashed
 * when only the VM-wide hash can say.
 */
static inline const struct irqwire_few_doorbells *
irqwire_window_lookup(const struct irqwire_busdev *bd, gpa_t addr)
{
	struct srcu_struct *srcu = &bd->vm->kvm->srcu;
	const struct irqwire_few_doorbells *few;
	const struct irqwire_window_map *map;
	const struct irqwire_map_group *grp;
	unsigned long off;

	few = srcu_dereference(bd->few, srcu);
	if (few)
		return few;
	map = srcu_dereference(bd->map, srcu);
	if (!map)
		return &irqwire_few_hashed;
	off = addr - bd->addr;
	grp = srcu_dereference(map->grp[off >> IRQWIRE_MAP_GROUP_SHIFT], srcu);
	if (!grp)
		return NULL;
	return srcu_dereference(grp->slot[off & (IRQWIRE_MAP_GROUP - 1)], srcu);
}

void irqwire_window_index_update(struct irqwire_busdev *bd, struct irqwire_doorbell *db,
				 bool added);

/*
 * vm->doorbells.lock held: publishes what a write to @bd scans first
 * (struct irqwire_busdev.scan), after its index or the number of
 * single-doorbell devices on its bus changed.
 */
void irqwire_window_scan_update(struct irqwire_busdev *bd);

/*
 * vm->doorbells.lock held (or the VM going away), after a kvm->srcu grace
 * period that began after the updates: frees what they replaced.
 */
void irqwire_window_index_free_retired(struct irqwire_doorbells *dbs);

#endif /* IRQWIRE_WINDOW_INDEX_H */
