// SPDX-License-Identifier: GPL-2.0
/*
 * A page window's own index of its doorbells, so that a write finds its
 * doorbell without the VM-wide hash (a hash, a probe per lookup kind and
 * an RCU section: about 100 instructions a write).
 *
 * Up to IRQWIRE_FEW_DOORBELLS doorbells (a virtio notify page, the usual
 * case) the write scans them all (bd->few). With more, it indexes a
 * two-level map by its offset in the page (bd->map): 64 groups of 64
 * addresses, each address with its own few doorbells in match order. An
 * address with more (many DATAMATCH values) is left to the hash, as is a
 * piece of the index there was no memory for: the hash finds every
 * doorbell too, so no assign or deassign fails because of the index.
 *
 * Updates hold vm->doorbells.lock and replace what they change; what
 * they replace is freed after a kvm->srcu grace period (KVM calls bus
 * devices inside the vCPU's kvm->srcu read section), so a write takes no
 * lock and no RCU section of its own. Not with call_srcu(): a pending
 * callback starts a normal grace period, and every
 * synchronize_srcu_expedited(&kvm->srcu) after it (irqwire's deassign,
 * KVM's memslot updates) would wait for that one, milliseconds. Replaced
 * pieces wait on vm->doorbells.retired for the next grace period irqwire
 * waits for anyway: a deassign's, or the VM release's. Until then they
 * hold at most a few arrays per window and per address.
 *
 * Memory: a map (528 bytes) per window with more than four doorbells, a
 * group (768) per 64 addresses holding one, an array (64) per address
 * holding one: under 1 KiB per doorbell at worst, under 100 bytes when a
 * page is full of them.
 */
#include <linux/slab.h>

#include "window_index.h"

/* A slot's marker for "the VM-wide hash decides"; never matched, never freed. */
struct irqwire_few_doorbells irqwire_few_hashed;

/*
 * What a write scans when its device's few doorbells do not serve: one
 * doorbell that takes no write (no write's length, or length with
 * IRQWIRE_TAKES_VALUE, is 0xffff), so that a scan need not test for an
 * empty array first.
 */
static struct irqwire_doorbell irqwire_doorbell_never = { .takes = 0xffff };
struct irqwire_few_doorbells irqwire_few_none = { .nr = 1, .db = { &irqwire_doorbell_never } };

static void irqwire_few_free(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct irqwire_few_doorbells, rcu));
}

/*
 * vm->doorbells.lock held: @rcu's object, no longer published, is freed
 * by @free after the next grace period (irqwire_window_index_free_retired()).
 * The rcu_head serves as the list link and the callback's place.
 */
static void irqwire_index_retire(struct irqwire_busdev *bd, struct rcu_head *rcu,
				 rcu_callback_t free)
{
	struct irqwire_doorbells *dbs = &bd->vm->doorbells;

	lockdep_assert_held(&dbs->lock);
	rcu->func = free;
	rcu->next = dbs->retired;
	dbs->retired = rcu;
}

void irqwire_window_index_free_retired(struct irqwire_doorbells *dbs)
{
	struct rcu_head *rcu, *next;

	for (rcu = dbs->retired; rcu; rcu = next) {
		next = rcu->next;
		rcu->func(rcu);
	}
	dbs->retired = NULL;
}

/* vm->doorbells.lock held: frees @few after the writes that may read it. */
static void irqwire_few_retire(struct irqwire_busdev *bd, struct irqwire_few_doorbells *few)
{
	if (few && few != &irqwire_few_hashed && few != &bd->first_few)
		irqwire_index_retire(bd, &few->rcu, irqwire_few_free);
}

/* After a kvm->srcu grace period: no write reads @rcu's map any more. */
static void irqwire_map_free(struct rcu_head *rcu)
{
	struct irqwire_window_map *map = container_of(rcu, struct irqwire_window_map, rcu);
	struct irqwire_few_doorbells *few;
	struct irqwire_map_group *grp;
	unsigned int g, i;

	for (g = 0; g < IRQWIRE_MAP_GROUPS; g++) {
		grp = rcu_dereference_protected(map->grp[g], true);
		if (!grp)
			continue;
		for (i = 0; i < IRQWIRE_MAP_GROUP; i++) {
			few = rcu_dereference_protected(grp->slot[i], true);
			if (few != &irqwire_few_hashed)
				kfree(few);
		}
		kfree(grp);
	}
	kfree(map);
}

/*
 * Process context: a new array of @old's doorbells (none if NULL) with
 * @db added or taken out, still in match order; NULL without memory.
 */
static struct irqwire_few_doorbells *irqwire_few_edit(const struct irqwire_few_doorbells *old,
						      struct irqwire_doorbell *db, bool added)
{
	enum irqwire_doorbell_kind kind = irqwire_doorbell_kind(&db->key);
	struct irqwire_few_doorbells *few;
	unsigned int i;

	few = kmalloc(sizeof(*few), GFP_KERNEL_ACCOUNT);
	if (!few)
		return NULL;
	few->nr = 0;
	for (i = 0; old && i < old->nr; i++) {
		if (added && irqwire_doorbell_kind(&old->db[i]->key) > kind) {
			few->db[few->nr++] = db;
			added = false;
		}
		if (old->db[i] != db)
			few->db[few->nr++] = old->db[i];
	}
	if (added)
		few->db[few->nr++] = db;
	few->db[few->nr] = NULL;
	return few;
}

/*
 * vm->doorbells.lock held: @db joined (@added) or left @map's window.
 * False without memory for a group: the map cannot serve any more.
 */
static bool irqwire_map_update(struct irqwire_busdev *bd, struct irqwire_window_map *map,
			       struct irqwire_doorbell *db, bool added)
{
	struct mutex *lock = &bd->vm->doorbells.lock;
	unsigned long off = db->key.addr - bd->addr;
	unsigned int g = off >> IRQWIRE_MAP_GROUP_SHIFT;
	unsigned int i = off & (IRQWIRE_MAP_GROUP - 1);
	struct irqwire_few_doorbells *old, *few;
	struct irqwire_map_group *grp;
	unsigned int nr;

	grp = rcu_dereference_protected(map->grp[g], lockdep_is_held(lock));
	if (!grp) {
		if (WARN_ON_ONCE(!added))
			return false;
		grp = kzalloc(sizeof(*grp), GFP_KERNEL_ACCOUNT);
		if (!grp)
			return false;
		rcu_assign_pointer(map->grp[g], grp);
	}
	nr = added ? ++grp->nr[i] : --grp->nr[i];
	old = rcu_dereference_protected(grp->slot[i], lockdep_is_held(lock));
	if (!nr) {
		few = NULL;
	} else if (nr > IRQWIRE_FEW_DOORBELLS || old == &irqwire_few_hashed) {
		few = &irqwire_few_hashed;
	} else {
		few = irqwire_few_edit(old, db, added);
		if (!few)
			few = &irqwire_few_hashed;
	}
	rcu_assign_pointer(grp->slot[i], few);
	irqwire_few_retire(bd, old);
	return true;
}

/* vm->doorbells.lock held: a map of every doorbell of @bd, or NULL. */
static struct irqwire_window_map *irqwire_map_build(struct irqwire_busdev *bd)
{
	struct irqwire_window_map *map;
	struct irqwire_doorbell *db;

	map = kzalloc(sizeof(*map), GFP_KERNEL_ACCOUNT);
	if (!map)
		return NULL;
	list_for_each_entry(db, &bd->doorbells, bd_node) {
		if (!irqwire_map_update(bd, map, db, true)) {
			irqwire_map_free(&map->rcu);	/* never published */
			return NULL;
		}
	}
	return map;
}

/* vm->doorbells.lock held: every doorbell of @bd (at most a few), or NULL. */
static struct irqwire_few_doorbells *irqwire_few_build(struct irqwire_busdev *bd)
{
	struct irqwire_few_doorbells *few;
	enum irqwire_doorbell_kind kind;
	struct irqwire_doorbell *db;
	unsigned int i;

	/* a window's first doorbell allocates nothing more */
	few = bd->first_few_used ? kmalloc(sizeof(*few), GFP_KERNEL_ACCOUNT) : &bd->first_few;
	if (!few)
		return NULL;
	bd->first_few_used = true;
	/* match order: by kind, in list order within one (an insertion sort) */
	few->nr = 0;
	list_for_each_entry(db, &bd->doorbells, bd_node) {
		kind = irqwire_doorbell_kind(&db->key);
		for (i = few->nr; i && irqwire_doorbell_kind(&few->db[i - 1]->key) > kind; i--)
			few->db[i] = few->db[i - 1];
		few->db[i] = db;
		few->nr++;
	}
	few->db[few->nr] = NULL;
	return few;
}

/* vm->doorbells.lock held: @bd's map goes; writes use what replaces it. */
static void irqwire_map_retire(struct irqwire_busdev *bd)
{
	struct irqwire_window_map *map;

	map = rcu_replace_pointer(bd->map, NULL, lockdep_is_held(&bd->vm->doorbells.lock));
	if (map)
		irqwire_index_retire(bd, &map->rcu, irqwire_map_free);
}

/*
 * vm->doorbells.lock held: @few (or NULL) becomes @bd's few doorbells and,
 * through its scan array, what writes read first; the array it replaces
 * is freed after them.
 */
static void irqwire_few_publish(struct irqwire_busdev *bd, struct irqwire_few_doorbells *few)
{
	few = rcu_replace_pointer(bd->few, few, lockdep_is_held(&bd->vm->doorbells.lock));
	irqwire_window_scan_update(bd);
	irqwire_few_retire(bd, few);
}

/*
 * Process context, vm->doorbells.lock held: @db has just joined (@added)
 * or left @bd's doorbells list. A write racing with the change may miss
 * a doorbell being added, as one racing with KVM's own registration may;
 * every later write finds it.
 */
void irqwire_window_index_update(struct irqwire_busdev *bd, struct irqwire_doorbell *db,
				 bool added)
{
	struct mutex *lock = &bd->vm->doorbells.lock;
	struct irqwire_few_doorbells *few = NULL;
	struct irqwire_window_map *map;
	struct irqwire_doorbell *d;
	unsigned int n = 0;

	lockdep_assert_held(lock);
	if (!bd->window)
		return;
	list_for_each_entry(d, &bd->doorbells, bd_node)
		if (++n > IRQWIRE_FEW_DOORBELLS)
			break;

	if (n <= IRQWIRE_FEW_DOORBELLS) {
		few = n ? irqwire_few_build(bd) : NULL;
		if (few || !n) {
			irqwire_few_publish(bd, few);
			irqwire_map_retire(bd);
			return;
		}
	}

	/* the map serves (without memory for it, the hash) */
	map = rcu_dereference_protected(bd->map, lockdep_is_held(lock));
	if (!map)
		rcu_assign_pointer(bd->map, irqwire_map_build(bd));
	else if (!irqwire_map_update(bd, map, db, added))
		irqwire_map_retire(bd);
	irqwire_few_publish(bd, NULL);
}

void irqwire_window_scan_update(struct irqwire_busdev *bd)
{
	struct irqwire_doorbells *dbs = &bd->vm->doorbells;
	struct irqwire_few_doorbells *few;

	few = rcu_dereference_protected(bd->few, lockdep_is_held(&dbs->lock));
	if (!few || dbs->nr_busdevs_single[bd->bus])
		few = &irqwire_few_none;
	rcu_assign_pointer(bd->scan, few);
}
