// SPDX-License-Identifier: GPL-2.0
/*
 * The GSI routing table: validation with KVM's rules, full replace that
 * keeps what did not change, per-GSI updates without copying the table,
 * and lookups for injection.
 *
 * Writers (ioctls, process context) hold vm->routing_lock and never wait
 * for a grace period: replaced sets and tables go to RCU callbacks.
 * Readers (injection, any context) take rcu_read_lock() only.
 */
#include <linux/nospec.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "irqfd.h"
#include "kvm_irqchip.h"
#include "kvm_syms.h"
#include "routing.h"
#include "trace.h"

/* Process context: an empty table with room for GSIs below @nr_gsi, or NULL. */
static struct irqwire_routing_table *irqwire_table_alloc(u32 nr_gsi)
{
	struct irqwire_routing_table *t;

	t = kvzalloc(struct_size(t, map, nr_gsi), GFP_KERNEL_ACCOUNT);
	if (t) {
		t->nr_gsi = nr_gsi;
		memset(t->chip, 0xff, sizeof(t->chip));	/* all -1 */
	}
	return t;
}

/* Bytes of a set with room for @cap routes, rounded up for the next set. */
static size_t irqwire_gsi_routes_size(u32 cap)
{
	struct irqwire_gsi_routes *set;

	BUILD_BUG_ON(sizeof(*set) % sizeof(u64));
	return ALIGN(struct_size(set, r, cap), sizeof(u64));
}

/* Process context: a block for sets of @bytes in all, or NULL. */
static struct irqwire_routes_block *irqwire_routes_block_alloc(size_t bytes)
{
	struct irqwire_routes_block *b;

	b = kvmalloc(struct_size(b, mem, bytes / sizeof(u64)), GFP_KERNEL_ACCOUNT);
	if (b) {
		b->live = 0;
		b->nr_sets = 0;
		b->kept = 0;
	}
	return b;
}

/*
 * An empty set with room for @cap routes, made from @b at byte *@off,
 * which it moves past it. Not zeroed: irqwire_gsi_routes_add() writes
 * each route whole before @nr counts it.
 */
static struct irqwire_gsi_routes *irqwire_gsi_routes_make(struct irqwire_routes_block *b,
							  size_t *off, u32 cap)
{
	struct irqwire_gsi_routes *set = (void *)b->mem + *off;

	*off += irqwire_gsi_routes_size(cap);
	set->block = b;
	set->nr = 0;
	set->cap = cap;
	b->nr_sets++;
	b->live++;
	return set;
}

/*
 * routing_lock held: @set left the live table; its block goes after a
 * grace period once it has no set left there.
 */
static void irqwire_gsi_routes_drop(struct irqwire_gsi_routes *set)
{
	struct irqwire_routes_block *b = set->block;

	if (!--b->live)
		kvfree_rcu(b, rcu);
}

bool irqwire_routes_block_count(const struct irqwire_gsi_routes *set,
				struct irqwire_routes_block **counted)
{
	struct irqwire_routes_block *b = set->block;

	if (b->kept++)
		return false;
	b->next_kept = *counted;
	*counted = b;
	return true;
}

void irqwire_routes_blocks_uncount(struct irqwire_routes_block *counted)
{
	for (; counted; counted = counted->next_kept)
		counted->kept = 0;
}

/* Any context (RCU callback): the table and its sets, unreachable by now. */
static void irqwire_table_free_rcu(struct rcu_head *head)
{
	struct irqwire_routing_table *t =
		container_of(head, struct irqwire_routing_table, rcu);
	struct irqwire_gsi_routes *set;
	u32 gsi;

	for (gsi = 0; gsi < t->nr_gsi; gsi++) {
		set = rcu_dereference_raw(t->map[gsi]);
		if (set && !--set->block->live)
			kvfree(set->block);
	}
	kvfree(t);
}

/* Any context (RCU callback): a replaced table; its sets live on or were dropped. */
static void irqwire_table_shell_free_rcu(struct rcu_head *head)
{
	kvfree(container_of(head, struct irqwire_routing_table, rcu));
}

/* The set of @gsi in @t, a table the caller keeps from changing. */
static struct irqwire_gsi_routes *irqwire_table_set(const struct irqwire_routing_table *t,
						    u32 gsi)
{
	if (!t || gsi >= t->nr_gsi)
		return NULL;
	return rcu_dereference_raw(t->map[array_index_nospec(gsi, t->nr_gsi)]);
}

bool irqwire_routing_gsi_changed(const struct irqwire_routing_table *old,
				 const struct irqwire_routing_table *t, u32 gsi)
{
	return irqwire_table_set(old, gsi) != irqwire_table_set(t, gsi);
}

static struct irqwire_routing_table *irqwire_table_locked(struct irqwire_vm *vm)
{
	return rcu_dereference_protected(vm->routing,
					 lockdep_is_held(&vm->routing_lock));
}

/*
 * kvm_msi_route_invalid(): with 32-bit x2APIC ids (a VM-wide setting that
 * can change at any time) bits 31:8 of address_hi carry the destination.
 */
static bool irqwire_msi_address_ok(struct kvm *kvm, const struct irqwire_routing_entry *ue)
{
	return !READ_ONCE(kvm->arch.x2apic_format) || !(ue->u.msi.address_hi & 0xff);
}

/*
 * Checks one entry against KVM's rules (kvm_set_routing_entry) and
 * irqwire's (every unused field zero) and fills irqwire's form of it.
 */
static int irqwire_route_parse(struct kvm *kvm, const struct irqwire_routing_entry *ue,
			       struct irqwire_route *r)
{
	const u64 *w = (const u64 *)ue;	/* by the word; x86 loads any alignment */
	u32 chip, pin;

	if (ue->gsi >= IRQWIRE_MAX_GSI || w[1])	/* flags, pad */
		return -EINVAL;

	*r = (struct irqwire_route){ .gsi = ue->gsi, .type = ue->type };
	switch (ue->type) {
	case IRQWIRE_ROUTING_IRQCHIP:
		if (w[3] | w[4] | w[5])		/* u.pad[2..7] */
			return -EINVAL;
		/* PIC and IOAPIC exist only with the full in-kernel irqchip */
		if (!irqwire_full_irqchip(kvm))
			return -EINVAL;
		chip = ue->u.irqchip.irqchip;
		pin = ue->u.irqchip.pin;
		switch (chip) {
		case IRQWIRE_IRQCHIP_PIC_MASTER:
		case IRQWIRE_IRQCHIP_PIC_SLAVE:
			if (pin >= IRQWIRE_PIC_PINS)
				return -EINVAL;
			r->irqchip.pin = pin + (chip == IRQWIRE_IRQCHIP_PIC_SLAVE ?
						 IRQWIRE_PIC_PINS : 0);
			break;
		case IRQWIRE_IRQCHIP_IOAPIC:
			if (pin >= IRQWIRE_IRQCHIP_NUM_PINS)
				return -EINVAL;
			r->irqchip.pin = pin;
			break;
		default:
			return -EINVAL;
		}
		r->irqchip.irqchip = chip;
		return 0;
	case IRQWIRE_ROUTING_MSI:
		if ((w[3] >> 32) | w[4] | w[5])	/* devid, u.pad[4..7] */
			return -EINVAL;
		if (!irqwire_msi_address_ok(kvm, ue))
			return -EINVAL;
		r->msi.address_lo = ue->u.msi.address_lo;
		r->msi.address_hi = ue->u.msi.address_hi;
		r->msi.data = ue->u.msi.data;
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * The first four 64-bit words of route @r as userspace gave it (x86 is
 * little-endian); the other two are zero for every route irqwire accepts.
 */
static void irqwire_route_words(const struct irqwire_route *r, u64 w[4])
{
	BUILD_BUG_ON(sizeof(struct irqwire_routing_entry) != 6 * sizeof(u64));
	w[0] = r->gsi | (u64)r->type << 32;
	w[1] = 0;	/* flags, pad */
	if (r->type == IRQWIRE_ROUTING_IRQCHIP) {
		/* KVM numbers the slave PIC's pins 8..15 */
		w[2] = r->irqchip.irqchip |
		       (u64)(r->irqchip.irqchip == IRQWIRE_IRQCHIP_IOAPIC ?
			     r->irqchip.pin : r->irqchip.pin % IRQWIRE_PIC_PINS) << 32;
		w[3] = 0;
	} else {
		w[2] = r->msi.address_lo | (u64)r->msi.address_hi << 32;
		w[3] = r->msi.data;	/* devid 0 */
	}
}

void irqwire_route_to_user(const struct irqwire_route *r, struct irqwire_routing_entry *ue)
{
	u64 *w = (u64 *)ue;

	irqwire_route_words(r, w);
	w[4] = 0;
	w[5] = 0;
}

void irqwire_route_to_kvm(const struct irqwire_route *r,
			  struct kvm_kernel_irq_routing_entry *ke)
{
	memset(ke, 0, sizeof(*ke));
	ke->gsi = r->gsi;
	ke->type = r->type;
	if (r->type == IRQWIRE_ROUTING_MSI) {
		ke->msi.address_lo = r->msi.address_lo;
		ke->msi.address_hi = r->msi.address_hi;
		ke->msi.data = r->msi.data;
		ke->set = irqwire_kvm.set_msi;
	} else {
		ke->irqchip.irqchip = r->irqchip.irqchip;
		ke->irqchip.pin = r->irqchip.pin;
		ke->set = r->irqchip.irqchip == IRQWIRE_IRQCHIP_IOAPIC ?
			  irqwire_kvm.set_ioapic_irq : irqwire_kvm.set_pic_irq;
	}
}

/* Whether @ue is route @r, compared a word at a time (memcmp() goes bytewise). */
static bool irqwire_route_is(const struct irqwire_route *r,
			     const struct irqwire_routing_entry *ue)
{
	const u64 *x = (const u64 *)ue;
	u64 w[4];

	irqwire_route_words(r, w);
	return !((x[0] ^ w[0]) | (x[1] ^ w[1]) | (x[2] ^ w[2]) | (x[3] ^ w[3]) | x[4] | x[5]);
}

/* KVM's rule: at most one entry per irqchip, or one MSI and nothing else. */
static bool irqwire_gsi_routes_may_join(const struct irqwire_gsi_routes *set,
					const struct irqwire_routing_entry *ue)
{
	u32 i;

	if (set->nr >= set->cap)
		return false;
	for (i = 0; i < set->nr; i++)
		if (set->r[i].type != IRQWIRE_ROUTING_IRQCHIP ||
		    ue->type != IRQWIRE_ROUTING_IRQCHIP ||
		    set->r[i].irqchip.irqchip == ue->u.irqchip.irqchip)
			return false;
	return true;
}

/* Adds @ue to @set in read-back order (irqchip 0, 1, 2; MSI alone). */
static int irqwire_gsi_routes_add(struct kvm *kvm, struct irqwire_gsi_routes *set,
				  const struct irqwire_routing_entry *ue)
{
	u32 i;
	int ret;

	if (!irqwire_gsi_routes_may_join(set, ue))
		return -EINVAL;
	/* parsed in place: past @nr, the slot is not the set's until counted */
	i = set->nr;
	ret = irqwire_route_parse(kvm, ue, &set->r[i]);
	if (ret)
		return ret;
	set->nr++;
	for (; i && set->r[i - 1].irqchip.irqchip > set->r[i].irqchip.irqchip; i--)
		swap(set->r[i - 1], set->r[i]);
	return 0;
}

/* Writers: the chip[][] pins of @set now map to @gsi, or to -1. */
static void irqwire_chip_update(struct irqwire_routing_table *t,
				const struct irqwire_gsi_routes *set, int gsi)
{
	u32 i;

	for (i = 0; set && i < set->nr; i++)
		if (set->r[i].type == IRQWIRE_ROUTING_IRQCHIP)
			WRITE_ONCE(t->chip[set->r[i].irqchip.irqchip]
					  [set->r[i].irqchip.pin], gsi);
}

/*
 * A build chains each GSI's input entries by index, 16 bits wide: with
 * at most 4096 entries the arrays stay within kmalloc's slab sizes.
 */
#define IRQWIRE_NO_ENTRY	U16_MAX
static_assert(IRQWIRE_MAX_ROUTING_ENTRIES < IRQWIRE_NO_ENTRY);
static_assert(IRQWIRE_MAX_GSI <= IRQWIRE_NO_ENTRY);

/* Routes of a GSI in the input, chained from @first through @next. */
static u32 irqwire_chain_len(const u16 *next, u32 first)
{
	u32 n = 0, i;

	for (i = first; i != IRQWIRE_NO_ENTRY; i = next[i])
		n++;
	return n;
}

/* Room a new set for a GSI has: a GSI with too many routes fails to join. */
static u32 irqwire_chain_cap(const u16 *next, u32 first)
{
	return min_t(u32, irqwire_chain_len(next, first), IRQWIRE_MAX_ROUTES_PER_GSI);
}

/*
 * True (1) if @prev holds exactly the routes of @ue chained from @first
 * through @next: a full replace then keeps @prev. An entry equal to one
 * that passed irqwire_route_parse() passes it again, but for the one rule
 * that reads state which can change (the x2APIC format; the irqchip's
 * kind is fixed once bound): -EINVAL if it breaks it now.
 */
static int irqwire_gsi_routes_keep(struct kvm *kvm, const struct irqwire_gsi_routes *prev,
				   const struct irqwire_routing_entry *ue,
				   const u16 *next, u32 first)
{
	unsigned long used = 0;
	u32 i, j;

	if (!prev)
		return 0;
	/* one route, the usual MSI GSI: a single compare */
	if (next[first] == IRQWIRE_NO_ENTRY) {
		if (prev->nr != 1 || !irqwire_route_is(&prev->r[0], &ue[first]))
			return 0;
		if (ue[first].type == IRQWIRE_ROUTING_MSI &&
		    !irqwire_msi_address_ok(kvm, &ue[first]))
			return -EINVAL;
		return 1;
	}
	/* several routes are irqchip routes: an MSI is alone in its set */
	if (prev->nr != irqwire_chain_len(next, first))
		return 0;
	for (i = first; i != IRQWIRE_NO_ENTRY; i = next[i]) {
		for (j = 0; j < prev->nr; j++)
			if (!(used & BIT(j)) && irqwire_route_is(&prev->r[j], &ue[i]))
				break;
		if (j == prev->nr)
			return 0;
		used |= BIT(j);
	}
	return 1;
}

/* In a build: the new table would keep less than a quarter of @b's sets. */
static bool irqwire_routes_block_sparse(const struct irqwire_routes_block *b)
{
	return b->kept * 4 < b->nr_sets;
}

/*
 * Process context, routing_lock held when @old (the live table) is given.
 * Builds an unpublished table from @nr entries, sized to the highest GSI
 * in them: each GSI whose routes @old has unchanged shares @old's set
 * (unless its block would be kept for too few sets), every other GSI gets
 * a set sized to its routes, all of them in one new block. Returns it and
 * fills @diff (its @gsi array is the caller's to kvfree()), or an ERR_PTR
 * with nothing left allocated and nothing changed. One pass over the GSIs
 * decides what is kept, one over the others makes their sets; a third
 * runs only when a block is to be copied.
 */
static struct irqwire_routing_table *
irqwire_table_build(struct kvm *kvm, const struct irqwire_routing_entry *ue, u32 nr,
		    const struct irqwire_routing_table *old,
		    struct irqwire_routing_diff *diff)
{
	struct irqwire_routes_block *b = NULL, *kept = NULL, *k;
	u32 i, j, gsi, nr_gsi = 0, nr_kept = 0, nr_todo = 0, nr_replaced = 0;
	struct irqwire_routing_table *t;
	struct irqwire_gsi_routes *set;
	u16 *first, *next;	/* each GSI's entries, chained in input order */
	u16 *todo;		/* the GSIs that get a new set */
	size_t bytes = 0, off = 0;
	bool sparse = false;
	int ret = 0;

	if (nr > IRQWIRE_MAX_ROUTING_ENTRIES)
		return ERR_PTR(-EINVAL);
	for (i = 0; i < nr; i++) {
		if (ue[i].gsi >= IRQWIRE_MAX_GSI)
			return ERR_PTR(-EINVAL);
		nr_gsi = max(nr_gsi, ue[i].gsi + 1);
	}
	/* at most one GSI per entry needs a set: @todo holds @nr */
	todo = kvmalloc_array(2 * nr + nr_gsi, sizeof(*todo), GFP_KERNEL);
	t = irqwire_table_alloc(nr_gsi);
	if (!todo || !t) {
		ret = -ENOMEM;
		goto out;
	}
	next = todo + nr;
	first = next + nr;
	memset(first, 0xff, nr_gsi * sizeof(*first));	/* IRQWIRE_NO_ENTRY */
	for (i = nr; i-- > 0; ) {
		gsi = array_index_nospec(ue[i].gsi, nr_gsi);
		next[i] = first[gsi];
		first[gsi] = i;
	}

	/* keep @old's unchanged sets, counted per block (@kept lists those blocks) */
	for (gsi = 0; gsi < nr_gsi; gsi++) {
		if (first[gsi] == IRQWIRE_NO_ENTRY)
			continue;
		set = irqwire_table_set(old, gsi);
		ret = irqwire_gsi_routes_keep(kvm, set, ue, next, first[gsi]);
		if (ret < 0)
			goto out;
		if (!ret) {
			todo[nr_todo++] = gsi;
			nr_replaced += !!set;
			bytes += irqwire_gsi_routes_size(irqwire_chain_cap(next, first[gsi]));
			continue;
		}
		RCU_INIT_POINTER(t->map[gsi], set);
		irqwire_chip_update(t, set, gsi);
		irqwire_routes_block_count(set, &kept);
		nr_kept++;
	}
	ret = 0;
	for (k = kept; k; k = k->next_kept)
		sparse |= irqwire_routes_block_sparse(k);
	/* sets of blocks mostly dropped are copied into the new block */
	for (gsi = 0; sparse && gsi < nr_gsi; gsi++) {
		set = rcu_dereference_raw(t->map[gsi]);
		if (!set || !irqwire_routes_block_sparse(set->block))
			continue;
		RCU_INIT_POINTER(t->map[gsi], NULL);
		todo[nr_todo++] = gsi;
		nr_kept--;
		nr_replaced++;
		bytes += irqwire_gsi_routes_size(irqwire_chain_cap(next, first[gsi]));
	}
	if (bytes) {
		b = irqwire_routes_block_alloc(bytes);
		if (!b) {
			ret = -ENOMEM;
			goto out;
		}
	}
	for (j = 0; j < nr_todo; j++) {
		gsi = todo[j];
		set = irqwire_gsi_routes_make(b, &off, irqwire_chain_cap(next, first[gsi]));
		for (i = first[gsi]; i != IRQWIRE_NO_ENTRY && !ret; i = next[i])
			ret = irqwire_gsi_routes_add(kvm, set, &ue[i]);
		if (ret)
			goto out;
		RCU_INIT_POINTER(t->map[gsi], set);
		irqwire_chip_update(t, set, gsi);
	}
out:
	irqwire_routes_blocks_uncount(kept);
	if (ret) {
		kvfree(todo);
		kvfree(b);
		kvfree(t);
		return ERR_PTR(ret);
	}
	t->nr_entries = nr;
	t->nr_sets = nr_kept + nr_todo;
	/* every old set kept or replaced: the new sets are all that changed */
	diff->old = old && nr_kept + nr_replaced != old->nr_sets ? old : NULL;
	diff->gsi = todo;
	diff->nr = nr_todo;
	return t;
}

/*
 * Process context, routing_lock held, @t published in place of @old as
 * @diff says: drops @old's sets that @t does not share, and frees @old.
 */
static void irqwire_table_retire(struct irqwire_routing_table *old,
				 const struct irqwire_routing_table *t,
				 const struct irqwire_routing_diff *diff)
{
	struct irqwire_gsi_routes *set;
	u32 gsi, i;

	if (!diff->old) {
		/* each listed GSI has a new set in @t: its old one, if any, goes */
		for (i = 0; i < diff->nr; i++) {
			set = irqwire_table_set(old, diff->gsi[i]);
			if (set)
				irqwire_gsi_routes_drop(set);
		}
	} else {
		for (gsi = 0; gsi < old->nr_gsi; gsi++) {
			set = rcu_dereference_raw(old->map[gsi]);
			if (set && set != irqwire_table_set(t, gsi))
				irqwire_gsi_routes_drop(set);
		}
	}
	call_rcu(&old->rcu, irqwire_table_shell_free_rcu);
}

void irqwire_routing_input_forget(struct irqwire_vm *vm)
{
	struct irqwire_routing_input *in = &vm->routing_input;

	lockdep_assert_held(&vm->routing_lock);
	kvfree(in->e);
	in->e = NULL;
	in->nr = 0;
	in->cap = 0;
}

/*
 * Process context, routing_lock not held. Atomic for readers; irqfds
 * whose GSI kept its set are not touched.
 */
int irqwire_routing_replace(struct irqwire_vm *vm, struct irqwire_routing_entry *ue, u32 nr)
{
	struct irqwire_routing_table *t, *old;
	struct irqwire_routing_diff diff;

	mutex_lock(&vm->routing_lock);
	old = irqwire_table_locked(vm);
	t = irqwire_table_build(vm->kvm, ue, nr, old, &diff);
	if (IS_ERR(t)) {
		mutex_unlock(&vm->routing_lock);
		return PTR_ERR(t);
	}
	rcu_assign_pointer(vm->routing, t);
	irqwire_irqfd_routes_changed(vm, &diff);
	irqwire_table_retire(old, t, &diff);
	irqwire_routing_input_forget(vm);
	vm->routing_input.e = ue;
	vm->routing_input.nr = nr;
	vm->routing_input.cap = nr;
	vm->routing_input.built++;
	trace_irqwire_routing_replace(vm->id, nr, -1);
	mutex_unlock(&vm->routing_lock);
	kvfree(diff.gsi);
	return 0;
}

/* Process context: a copy of @t with room for GSIs below @nr_gsi, or NULL. */
static struct irqwire_routing_table *irqwire_table_copy(const struct irqwire_routing_table *t,
							u32 nr_gsi)
{
	struct irqwire_routing_table *copy;

	copy = irqwire_table_alloc(max(nr_gsi, t->nr_gsi));
	if (!copy)
		return NULL;
	copy->nr_entries = t->nr_entries;
	copy->nr_sets = t->nr_sets;
	memcpy(copy->chip, t->chip, sizeof(t->chip));
	memcpy(copy->map, t->map, t->nr_gsi * sizeof(t->map[0]));
	return copy;
}

int irqwire_routing_edit_locked(struct irqwire_vm *vm, const struct irqwire_gsi_route *edit,
				u32 n)
{
	struct irqwire_gsi_routes *set[IRQWIRE_MAX_EDITS] = {}, *old[IRQWIRE_MAX_EDITS];
	struct irqwire_routing_table *live = irqwire_table_locked(vm), *t = live;
	struct irqwire_routes_block *b;
	struct irqwire_routing_diff diff;
	u32 i, k, nr_gsi = 0, total = live->nr_entries;
	u16 gsis[IRQWIRE_MAX_EDITS];
	size_t off;
	int ret = 0;

	if (WARN_ON_ONCE(n > IRQWIRE_MAX_EDITS))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		gsis[i] = array_index_nospec(edit[i].gsi, IRQWIRE_MAX_GSI);
		old[i] = irqwire_table_set(live, gsis[i]);
		total += edit[i].nr - (old[i] ? old[i]->nr : 0);
		if (edit[i].nr)
			nr_gsi = max(nr_gsi, gsis[i] + 1U);
	}
	/*
	 * A block per set: a later change frees exactly what it replaces, so
	 * no set keeps a block of others alive (a build's blocks are bounded
	 * by irqwire_routes_block_sparse() instead).
	 */
	for (i = 0; i < n; i++) {
		if (!edit[i].nr)
			continue;
		ret = -ENOMEM;
		b = irqwire_routes_block_alloc(irqwire_gsi_routes_size(edit[i].nr));
		if (!b)
			goto fail;
		off = 0;
		set[i] = irqwire_gsi_routes_make(b, &off, edit[i].nr);
		ret = 0;
		for (k = 0; k < edit[i].nr && !ret; k++)
			ret = edit[i].entries[k].gsi != gsis[i] ? -EINVAL :
			      irqwire_gsi_routes_add(vm->kvm, set[i], &edit[i].entries[k]);
		if (ret)
			goto fail;
	}
	ret = -ENOSPC;
	if (total > IRQWIRE_MAX_ROUTING_ENTRIES)
		goto fail;
	/*
	 * Readers see all of several GSIs' changes at once, or none. A table
	 * outgrown gets room for twice the GSIs: a VMM adding GSIs one by
	 * one then copies it O(1) times per GSI.
	 */
	if (nr_gsi > live->nr_gsi)
		nr_gsi = min(max(nr_gsi, 2 * live->nr_gsi), IRQWIRE_MAX_GSI);
	if (n > 1 || nr_gsi > live->nr_gsi) {
		ret = -ENOMEM;
		t = irqwire_table_copy(live, nr_gsi);
		if (!t)
			goto fail;
	}

	for (i = 0; i < n; i++) {
		irqwire_chip_update(t, old[i], -1);
		irqwire_chip_update(t, set[i], gsis[i]);
		t->nr_sets += !!set[i] - !!old[i];
		rcu_assign_pointer(t->map[gsis[i]], set[i]);
	}
	t->nr_entries = total;
	if (t != live) {
		rcu_assign_pointer(vm->routing, t);
		call_rcu(&live->rcu, irqwire_table_shell_free_rcu);
	}
	diff = (struct irqwire_routing_diff){ .gsi = gsis, .nr = n };
	irqwire_irqfd_routes_changed(vm, &diff);
	for (i = 0; i < n; i++)
		if (old[i])
			irqwire_gsi_routes_drop(old[i]);
	return 0;
fail:
	for (i = 0; i < n; i++)
		if (set[i])
			kvfree(set[i]->block);
	return ret;
}

/* Process context; the next full replace builds (its kept entries are stale). */
int irqwire_routing_set_gsi(struct irqwire_vm *vm, const struct irqwire_gsi_route *r)
{
	int ret;

	mutex_lock(&vm->routing_lock);
	ret = irqwire_routing_edit_locked(vm, r, 1);
	if (!ret)
		irqwire_routing_input_forget(vm);
	mutex_unlock(&vm->routing_lock);
	return ret;
}

/* Process context; -ENOENT if @gsi has no routes. */
int irqwire_routing_del_gsi(struct irqwire_vm *vm, u32 gsi)
{
	struct irqwire_gsi_route r = { .gsi = gsi };
	int ret = -ENOENT;

	if (gsi >= IRQWIRE_MAX_GSI)
		return -EINVAL;
	mutex_lock(&vm->routing_lock);
	if (irqwire_routing_set_locked(vm, gsi)) {
		ret = irqwire_routing_edit_locked(vm, &r, 1);
		if (!ret)
			irqwire_routing_input_forget(vm);
	}
	mutex_unlock(&vm->routing_lock);
	return ret;
}

/*
 * Process context. Copies up to @cap entries in GSI order into @out and
 * returns how many entries the table has (which may exceed @cap).
 */
int irqwire_routing_read(struct irqwire_vm *vm,
			 struct irqwire_routing_entry *out, u32 cap)
{
	struct irqwire_gsi_routes *set;
	struct irqwire_routing_table *t;
	u32 n = 0, i, gsi;

	mutex_lock(&vm->routing_lock);
	t = irqwire_table_locked(vm);
	for (gsi = 0; gsi < t->nr_gsi; gsi++) {
		set = rcu_dereference_protected(t->map[gsi],
						lockdep_is_held(&vm->routing_lock));
		for (i = 0; set && i < set->nr; i++, n++)
			if (n < cap)
				irqwire_route_to_user(&set->r[i], &out[n]);
	}
	mutex_unlock(&vm->routing_lock);
	return n;
}

const struct irqwire_gsi_routes *irqwire_routing_set_locked(struct irqwire_vm *vm, u32 gsi)
{
	return irqwire_table_set(irqwire_table_locked(vm), gsi);
}

const struct irqwire_gsi_routes *irqwire_routing_lookup(struct irqwire_vm *vm,
							u32 gsi)
{
	const struct irqwire_routing_table *t = rcu_dereference(vm->routing);

	if (gsi >= t->nr_gsi)
		return NULL;
	gsi = array_index_nospec(gsi, t->nr_gsi);
	return rcu_dereference(t->map[gsi]);
}

/* KVM's default on KVM_CREATE_IRQCHIP (arch/x86/kvm/irq_comm.c). */
static int irqwire_routing_default(struct irqwire_routing_entry *ue)
{
	int gsi, n = 0;

	for (gsi = 0; gsi < IRQWIRE_IRQCHIP_NUM_PINS; gsi++) {
		ue[n].gsi = gsi;
		ue[n].type = IRQWIRE_ROUTING_IRQCHIP;
		ue[n].u.irqchip.irqchip = IRQWIRE_IRQCHIP_IOAPIC;
		ue[n++].u.irqchip.pin = gsi;
		if (gsi >= 2 * IRQWIRE_PIC_PINS)
			continue;
		ue[n].gsi = gsi;
		ue[n].type = IRQWIRE_ROUTING_IRQCHIP;
		ue[n].u.irqchip.irqchip = gsi < IRQWIRE_PIC_PINS ?
			IRQWIRE_IRQCHIP_PIC_MASTER : IRQWIRE_IRQCHIP_PIC_SLAVE;
		ue[n++].u.irqchip.pin = gsi % IRQWIRE_PIC_PINS;
	}
	return n;
}

/*
 * Process context, at VM creation. With the full in-kernel irqchip the
 * table starts as KVM's default; otherwise empty (KVM installs no default
 * for a split irqchip either).
 */
int irqwire_routing_init(struct irqwire_vm *vm)
{
	struct irqwire_routing_entry *ue;
	struct irqwire_routing_diff diff;
	struct irqwire_routing_table *t;
	int n = 0;

	ue = kcalloc(IRQWIRE_IRQCHIP_NUM_PINS * 2, sizeof(*ue), GFP_KERNEL);
	if (!ue)
		return -ENOMEM;
	if (irqwire_full_irqchip(vm->kvm))
		n = irqwire_routing_default(ue);
	t = irqwire_table_build(vm->kvm, ue, n, NULL, &diff);
	kfree(ue);
	if (IS_ERR(t))
		return PTR_ERR(t);
	kvfree(diff.gsi);	/* no irqfd yet */
	RCU_INIT_POINTER(vm->routing, t);
	return 0;
}

/* Process context, last reference to @vm gone. */
void irqwire_routing_free(struct irqwire_vm *vm)
{
	kvfree(vm->routing_input.e);
	kfree(vm->routing_input.scratch);
	call_rcu(&rcu_dereference_raw(vm->routing)->rcu, irqwire_table_free_rcu);
}
