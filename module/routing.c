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

/*
 * True (1) if @prev holds exactly the @n routes of @ue chained from
 * @first through @next: a full replace then keeps @prev. An entry equal
 * to one that passed irqwire_route_parse() passes it again, but for the
 * one rule that reads state which can change (the x2APIC format; the
 * irqchip's kind is fixed once bound): -EINVAL if it breaks it now.
 */
static int irqwire_gsi_routes_keep(struct kvm *kvm, const struct irqwire_gsi_routes *prev,
				   const struct irqwire_routing_entry *ue,
				   const u16 *next, u32 first, u32 n)
{
	unsigned long used = 0;
	u32 i, j;

	if (!prev || prev->nr != n)
		return 0;
	for (i = first; i != IRQWIRE_NO_ENTRY; i = next[i]) {
		for (j = 0; j < prev->nr; j++)
			if (!(used & BIT(j)) && irqwire_route_is(&prev->r[j], &ue[i]))
				break;
		if (j == prev->nr)
			return 0;
		/* an MSI is alone in its set: kept unless the rule says no */
		if (ue[i].type == IRQWIRE_ROUTING_MSI && !irqwire_msi_address_ok(kvm, &ue[i]))
			return -EINVAL;
		used |= BIT(j);
	}
	return 1;
}

/* In a build: the new table would keep less than a quarter of @b's sets. */
static bool irqwire_routes_block_sparse(const struct irqwire_routes_block *b)
{
	return b->kept * 4 < b->nr_sets;
}

/* Routes of @gsi in the input, chained from @first through @next. */
static u32 irqwire_chain_len(const u16 *first, const u16 *next, u32 gsi)
{
	u32 n = 0, i;

	for (i = first[gsi]; i != IRQWIRE_NO_ENTRY; i = next[i])
		n++;
	return n;
}

/* Room a new set for @gsi has: a GSI with too many routes fails to join. */
static u32 irqwire_chain_cap(const u16 *first, const u16 *next, u32 gsi)
{
	return min_t(u32, irqwire_chain_len(first, next, gsi), IRQWIRE_MAX_ROUTES_PER_GSI);
}

/*
 * Process context, routing_lock held when @old (the live table) is given.
 * Builds an unpublished table from @nr entries, sized to the highest GSI
 * in them: each GSI whose routes @old has unchanged shares @old's set
 * (unless its block would be kept for too few sets), every other GSI gets
 * a set sized to its routes, all of them in one new block. Returns it, or
 * an ERR_PTR with nothing left allocated and nothing changed. One pass
 * over the GSIs decides what is kept, one makes the new sets; a third
 * runs only when a block is to be copied.
 */
static struct irqwire_routing_table *
irqwire_table_build(struct kvm *kvm, const struct irqwire_routing_entry *ue, u32 nr,
		    const struct irqwire_routing_table *old)
{
	struct irqwire_routes_block *b = NULL, *kept = NULL, *k;
	struct irqwire_routing_table *t;
	struct irqwire_gsi_routes *set;
	u32 i, gsi, nr_gsi = 0;
	u16 *first, *next;	/* each GSI's entries, chained in input order */
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
	first = kvmalloc_array(nr_gsi, sizeof(*first), GFP_KERNEL);
	next = kvmalloc_array(nr, sizeof(*next), GFP_KERNEL);
	t = irqwire_table_alloc(nr_gsi);
	if (!first || !next || !t) {
		ret = -ENOMEM;
		goto out;
	}
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
		ret = irqwire_gsi_routes_keep(kvm, set, ue, next, first[gsi],
					      irqwire_chain_len(first, next, gsi));
		if (ret < 0)
			goto out;
		if (!ret) {
			bytes += irqwire_gsi_routes_size(irqwire_chain_cap(first, next, gsi));
			continue;
		}
		RCU_INIT_POINTER(t->map[gsi], set);
		irqwire_chip_update(t, set, gsi);
		irqwire_routes_block_count(set, &kept);
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
		bytes += irqwire_gsi_routes_size(irqwire_chain_cap(first, next, gsi));
	}
	if (bytes) {
		b = irqwire_routes_block_alloc(bytes);
		if (!b) {
			ret = -ENOMEM;
			goto out;
		}
	}
	for (gsi = 0; gsi < nr_gsi && b; gsi++) {
		if (first[gsi] == IRQWIRE_NO_ENTRY || rcu_access_pointer(t->map[gsi]))
			continue;
		set = irqwire_gsi_routes_make(b, &off, irqwire_chain_cap(first, next, gsi));
		for (i = first[gsi]; i != IRQWIRE_NO_ENTRY && !ret; i = next[i])
			ret = irqwire_gsi_routes_add(kvm, set, &ue[i]);
		if (ret)
			goto out;
		RCU_INIT_POINTER(t->map[gsi], set);
		irqwire_chip_update(t, set, gsi);
	}
out:
	irqwire_routes_blocks_uncount(kept);
	kvfree(first);
	kvfree(next);
	if (ret) {
		kvfree(b);
		kvfree(t);
		return ERR_PTR(ret);
	}
	t->nr_entries = nr;
	return t;
}

/*
 * Process context, routing_lock held, @t published in place of @old:
 * drops @old's sets that @t does not share, and frees @old.
 */
static void irqwire_table_retire(struct irqwire_routing_table *old,
				 const struct irqwire_routing_table *t)
{
	struct irqwire_gsi_routes *set;
	u32 gsi;

	for (gsi = 0; gsi < old->nr_gsi; gsi++) {
		set = rcu_dereference_raw(old->map[gsi]);
		if (set && set != irqwire_table_set(t, gsi))
			irqwire_gsi_routes_drop(set);
	}
	call_rcu(&old->rcu, irqwire_table_shell_free_rcu);
}

/*
 * Process context, routing_lock not held. Atomic for readers; irqfds
 * whose GSI kept its set are not touched.
 */
int irqwire_routing_replace(struct irqwire_vm *vm,
			    const struct irqwire_routing_entry *ue, u32 nr)
{
	struct irqwire_routing_table *t, *old;

	mutex_lock(&vm->routing_lock);
	old = irqwire_table_locked(vm);
	t = irqwire_table_build(vm->kvm, ue, nr, old);
	if (IS_ERR(t)) {
		mutex_unlock(&vm->routing_lock);
		return PTR_ERR(t);
	}
	rcu_assign_pointer(vm->routing, t);
	irqwire_irqfd_routes_changed(vm, -1, old);
	irqwire_table_retire(old, t);
	mutex_unlock(&vm->routing_lock);
	return 0;
}

/*
 * Process context, routing_lock held: the live table with room for @gsi,
 * published as a larger copy (sharing every set) if it had none; NULL
 * without memory.
 */
static struct irqwire_routing_table *irqwire_table_room(struct irqwire_vm *vm, u32 gsi)
{
	struct irqwire_routing_table *t = irqwire_table_locked(vm), *bigger;

	if (gsi < t->nr_gsi)
		return t;
	bigger = irqwire_table_alloc(gsi + 1);
	if (!bigger)
		return NULL;
	bigger->nr_entries = t->nr_entries;
	memcpy(bigger->chip, t->chip, sizeof(t->chip));
	memcpy(bigger->map, t->map, t->nr_gsi * sizeof(t->map[0]));
	rcu_assign_pointer(vm->routing, bigger);
	call_rcu(&t->rcu, irqwire_table_shell_free_rcu);
	return bigger;
}

/*
 * Process context. Replaces every route of @gsi (< IRQWIRE_MAX_GSI) with
 * the @nr (1..IRQWIRE_MAX_ROUTES_PER_GSI) in @ue; copies nothing else.
 */
int irqwire_routing_set_gsi(struct irqwire_vm *vm, u32 gsi,
			    const struct irqwire_routing_entry *ue, u32 nr)
{
	struct irqwire_gsi_routes *set, *old;
	struct irqwire_routing_table *t;
	struct irqwire_routes_block *b;
	size_t off = 0;
	u32 i, total;
	int ret;

	gsi = array_index_nospec(gsi, IRQWIRE_MAX_GSI);
	b = irqwire_routes_block_alloc(irqwire_gsi_routes_size(nr));
	if (!b)
		return -ENOMEM;
	set = irqwire_gsi_routes_make(b, &off, nr);
	for (i = 0; i < nr; i++) {
		ret = ue[i].gsi != gsi ? -EINVAL : irqwire_gsi_routes_add(vm->kvm, set, &ue[i]);
		if (ret)
			goto fail;
	}

	mutex_lock(&vm->routing_lock);
	t = irqwire_table_locked(vm);
	old = irqwire_table_set(t, gsi);
	total = t->nr_entries - (old ? old->nr : 0) + set->nr;
	if (total > IRQWIRE_MAX_ROUTING_ENTRIES) {
		mutex_unlock(&vm->routing_lock);
		ret = -ENOSPC;
		goto fail;
	}
	t = irqwire_table_room(vm, gsi);
	if (!t) {
		mutex_unlock(&vm->routing_lock);
		ret = -ENOMEM;
		goto fail;
	}
	irqwire_chip_update(t, old, -1);
	irqwire_chip_update(t, set, gsi);
	t->nr_entries = total;
	rcu_assign_pointer(t->map[gsi], set);
	irqwire_irqfd_routes_changed(vm, gsi, NULL);
	if (old)
		irqwire_gsi_routes_drop(old);
	mutex_unlock(&vm->routing_lock);
	return 0;
fail:
	kvfree(b);
	return ret;
}

/* Process context. */
int irqwire_routing_del_gsi(struct irqwire_vm *vm, u32 gsi)
{
	struct irqwire_gsi_routes *old;
	struct irqwire_routing_table *t;

	if (gsi >= IRQWIRE_MAX_GSI)
		return -EINVAL;
	gsi = array_index_nospec(gsi, IRQWIRE_MAX_GSI);

	mutex_lock(&vm->routing_lock);
	t = irqwire_table_locked(vm);
	old = irqwire_table_set(t, gsi);
	if (old) {
		irqwire_chip_update(t, old, -1);
		t->nr_entries -= old->nr;
		RCU_INIT_POINTER(t->map[gsi], NULL);
		irqwire_irqfd_routes_changed(vm, gsi, NULL);
		irqwire_gsi_routes_drop(old);
	}
	mutex_unlock(&vm->routing_lock);
	return old ? 0 : -ENOENT;
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
	struct irqwire_routing_table *t;
	int n = 0;

	ue = kcalloc(IRQWIRE_IRQCHIP_NUM_PINS * 2, sizeof(*ue), GFP_KERNEL);
	if (!ue)
		return -ENOMEM;
	if (irqwire_full_irqchip(vm->kvm))
		n = irqwire_routing_default(ue);
	t = irqwire_table_build(vm->kvm, ue, n, NULL);
	kfree(ue);
	if (IS_ERR(t))
		return PTR_ERR(t);
	RCU_INIT_POINTER(vm->routing, t);
	return 0;
}

/* Process context, last reference to @vm gone. */
void irqwire_routing_free(struct irqwire_vm *vm)
{
	call_rcu(&rcu_dereference_raw(vm->routing)->rcu, irqwire_table_free_rcu);
}
