// SPDX-License-Identifier: GPL-2.0
/*
 * ioeventfd: irqwire's variant of virt/kvm/eventfd.c's ioeventfd.
 *
 * KVM puts every ioeventfd on the bus as a device of its own: each guest
 * write is a binary search over all of them, and each registration copies
 * the whole bus array and waits for an SRCU grace period. irqwire puts one
 * shared device per page that holds doorbells (a "window") on the bus, and
 * finds the doorbell of a write in a hash table with at most three O(1)
 * probes: (address, length, value) for DATAMATCH doorbells, (address,
 * length) for wildcards and, on MMIO, (address, any length). Adding a
 * doorbell to a page that has a window touches neither the bus nor a grace
 * period.
 *
 * A window also indexes its own doorbells (module/window_index.c: a
 * small array while they are few, the usual case of a virtio notify page,
 * else a map by address), which a write reads instead of hashing. Only
 * while the bus has no device of one doorbell: those may share an
 * address with a window's doorbell (a page-crossing one) or with each
 * other, and then only the VM-wide hash knows which one takes the write.
 *
 * A window is only created when no other device starts inside its page
 * (irqwire_bus_find()); otherwise, and for a doorbell that
 * crosses a page end, the doorbell gets an exact-range device as in KVM.
 *
 * Lifetime: a doorbell lives from assign to deassign or the VM's release.
 * vCPUs reach it only from a bus device's write method, which KVM calls
 * inside the vCPU's kvm->srcu read section; removal therefore unhashes it,
 * waits with synchronize_srcu_expedited(&kvm->srcu) (as KVM's deassign
 * does), and only then drops the eventfd. A bus device lives while any
 * doorbell uses it; irqwire_bus_remove() waits for the same readers before
 * it is freed. Adding one waits for nobody: the bus array it replaces is
 * freed after a later grace period (struct irqwire_doorbells, retired).
 * A write that KVM dispatched on that older array while the assign ran
 * misses the new doorbell and goes on to userspace, as it may while
 * KVM's own registration runs.
 */
#include <linux/eventfd.h>
#include <linux/hash.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <uapi/linux/irqwire.h>

#include "compat.h"
#include "doorbell.h"
#include "inspect.h"
#include "ioctl.h"
#include "ioeventfd.h"
#include "kvm_bus.h"
#include "trace.h"
#include "vm.h"
#include "window_index.h"

/* Port I/O addresses are 16 bits wide. */
#define PIO_END		0x10000

/*
 * Keys compared a word at a time: rhashtable's default, memcmp(), goes
 * byte by byte, on every write to a doorbell.
 */
static int irqwire_doorbell_cmp(struct rhashtable_compare_arg *arg, const void *obj)
{
	const u64 *a = arg->key;
	const u64 *b = (const u64 *)&((const struct irqwire_doorbell *)obj)->key;

	BUILD_BUG_ON(sizeof(struct irqwire_doorbell_key) != 3 * sizeof(u64));
	return !!((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]));
}

/*
 * The key's three words mixed by multiply and xor-shift with the table's
 * seed: rhashtable's default, jhash2() of six u32s, is ~50 instructions
 * on every write that hashes and twice per assign; this is 16. The
 * xor-shifts keep the seed from cancelling out of a difference of keys
 * (it would in a purely linear hash), so a rehash with a new seed breaks
 * up any chain. The VMM chooses the keys: keys picked to collide slow
 * only its own VM's doorbells. The result's high half is returned
 * because rhashtable takes a bucket from the low bits.
 */
static u32 irqwire_doorbell_hash(const void *data, u32 len, u32 seed)
{
	const u64 *k = data;
	u64 h = (k[0] ^ seed) * GOLDEN_RATIO_64;

	h = (h ^ (h >> 29) ^ k[1]) * GOLDEN_RATIO_64;
	h = (h ^ (h >> 29) ^ k[2]) * GOLDEN_RATIO_64;
	return h >> 32;
}

static const struct rhashtable_params irqwire_doorbell_params = {
	.key_len = sizeof(struct irqwire_doorbell_key),
	.key_offset = offsetof(struct irqwire_doorbell, key),
	.head_offset = offsetof(struct irqwire_doorbell, hnode),
	.hashfn = irqwire_doorbell_hash,
	.obj_cmpfn = irqwire_doorbell_cmp,
	.automatic_shrinking = true,
};

/*
 * vCPU context, inside its kvm->srcu read section: the doorbell a write
 * rings, if any. Probes only the kinds the VM has doorbells of: QEMU's
 * virtio notify doorbells, for one, are all of the last kind. The hash
 * table needs RCU; the doorbell found needs only kvm->srcu.
 */
static struct irqwire_doorbell *
irqwire_doorbell_match(struct irqwire_doorbells *dbs, enum kvm_bus bus,
		       gpa_t addr, int len, u64 data)
{
	const unsigned int *nr_kind = dbs->nr_kind[bus];
	struct irqwire_doorbell_key key = { .addr = addr, .bus = bus };
	struct irqwire_doorbell *db = NULL;

	rcu_read_lock();
	if (len == 1 || len == 2 || len == 4 || len == 8) {
		key.len = len;
		if (READ_ONCE(nr_kind[IRQWIRE_DB_DATAMATCH])) {
			key.match = 1;
			key.data = data;
			db = rhashtable_lookup(&dbs->table, &key, irqwire_doorbell_params);
			if (db)
				goto out;
			key.match = 0;
			key.data = 0;
		}
		if (READ_ONCE(nr_kind[IRQWIRE_DB_WILDCARD])) {
			db = rhashtable_lookup(&dbs->table, &key, irqwire_doorbell_params);
			if (db)
				goto out;
		}
	}
	if (bus == KVM_MMIO_BUS && READ_ONCE(nr_kind[IRQWIRE_DB_ANY_LENGTH])) {
		key.len = 0;
		db = rhashtable_lookup(&dbs->table, &key, irqwire_doorbell_params);
	}
out:
	rcu_read_unlock();
	return db;
}

/* vCPU context, inside its kvm->srcu read section: @db takes the write. */
static __always_inline int irqwire_doorbell_signal(struct irqwire_doorbell *db)
{
	atomic64_inc(&db->hits);
	irqwire_eventfd_signal(db->eventfd);
	return 0;
}

/* vCPU context, inside its kvm->srcu read section: @db, if any, takes the write. */
static __always_inline int irqwire_doorbell_signal_any(struct irqwire_busdev *bd,
						       struct irqwire_doorbell *db)
{
	if (!db) {
		atomic64_inc(&bd->vm->doorbells.unmatched[bd->bus]);
		return -EOPNOTSUPP;
	}
	return irqwire_doorbell_signal(db);
}

/*
 * vCPU context, inside its kvm->srcu read section, the write event on:
 * reports the write, then signals @db, if any. The event comes before
 * the signal, so before what the signal sets off (an irqfd on the same
 * eventfd injects inside it). A function apart, so that the usual write
 * keeps no register across a call and prepares no event argument; like
 * irqwire_busdev_write_further(), it takes the write method's own
 * arguments (@db after them) and is not cloned with fewer, so that the
 * method's tail calls to them move no register.
 */
static noinline __noclone int irqwire_busdev_write_traced(struct kvm_vcpu *vcpu,
							  struct kvm_io_device *dev,
							  gpa_t addr, int len, const void *val,
							  struct irqwire_doorbell *db)
{
	struct irqwire_busdev *bd = irqwire_busdev_of(dev);

	trace_irqwire_ioeventfd_write(bd->vm->id, bd->bus == KVM_PIO_BUS, addr,
				      len, irqwire_write_value(val, len), !!db);
	return irqwire_doorbell_signal_any(bd, db);
}

/*
 * vCPU context, inside its kvm->srcu read section: a write that the
 * device's scan array did not take. The window's map, or the VM-wide
 * hash while the bus has single-doorbell devices (they may overlap a
 * window's doorbells), or for a window without index memory. A write
 * between a page's few doorbells scans them once more here: it goes on
 * to userspace, which costs far more.
 */
static noinline __noclone int irqwire_busdev_write_further(struct kvm_vcpu *vcpu,
							   struct kvm_io_device *dev,
							   gpa_t addr, int len, const void *val)
{
	const struct irqwire_few_doorbells *few = &irqwire_few_hashed;
	struct irqwire_busdev *bd = irqwire_busdev_of(dev);
	struct irqwire_doorbell *db = NULL;

	if (!READ_ONCE(bd->vm->doorbells.nr_busdevs_single[bd->bus]))
		few = irqwire_window_lookup(bd, addr);
	if (few == &irqwire_few_hashed)
		db = irqwire_doorbell_match(&bd->vm->doorbells, bd->bus, addr, len,
					    irqwire_write_value(val, len));
	else if (few)
		irqwire_few_match(few, addr, len, val, &db);	/* db stays NULL on a miss */
	if (trace_irqwire_ioeventfd_write_enabled())
		return irqwire_busdev_write_traced(vcpu, dev, addr, len, val, db);
	return irqwire_doorbell_signal_any(bd, db);
}

/*
 * vCPU context, inside its kvm->srcu read section. Any length and
 * alignment may come here (the emulator splits page-crossing writes into
 * fragments of any size); only 1, 2, 4 and 8 bytes can match a value.
 * The usual write, to a page of a few doorbells, scans them and signals:
 * no value read unless a DATAMATCH doorbell asks for it, no frame.
 */
static int irqwire_busdev_write(struct kvm_vcpu *vcpu, struct kvm_io_device *dev,
				gpa_t addr, int len, const void *val)
{
	struct irqwire_busdev *bd = irqwire_busdev_of(dev);
	struct irqwire_doorbell *db;

	if (unlikely(!irqwire_few_match(srcu_dereference(bd->scan, &bd->vm->kvm->srcu),
					addr, len, val, &db)))
		return irqwire_busdev_write_further(vcpu, dev, addr, len, val);
	if (trace_irqwire_ioeventfd_write_enabled())
		return irqwire_busdev_write_traced(vcpu, dev, addr, len, val, db);
	return irqwire_doorbell_signal(db);
}

static const struct kvm_io_device_ops irqwire_busdev_ops = {
	.write = irqwire_busdev_write,
};

/*
 * Process context, vm->doorbells.lock held: @bus gained or lost (@delta)
 * a single-doorbell device. While it has any, no write to a window of
 * the bus trusts the window's own doorbells alone.
 */
static void irqwire_busdevs_single_add(struct irqwire_doorbells *dbs, enum kvm_bus bus,
				       int delta)
{
	struct irqwire_busdev *bd;
	unsigned int was = dbs->nr_busdevs_single[bus];

	lockdep_assert_held(&dbs->lock);
	WRITE_ONCE(dbs->nr_busdevs_single[bus], was + delta);
	if (!was == !dbs->nr_busdevs_single[bus])
		return;
	list_for_each_entry(bd, &dbs->busdevs, node)
		if (bd->window && bd->bus == bus)
			irqwire_window_scan_update(bd);
}

/*
 * Process context, vm->doorbells.lock held (or the VM's release), a
 * kvm->srcu grace period after the last retire: frees what no write can
 * read any more.
 */
static void irqwire_doorbells_free_retired(struct irqwire_doorbells *dbs)
{
	irqwire_window_index_free_retired(dbs);
	while (dbs->nr_retired_buses)
		kfree(dbs->retired_buses[--dbs->nr_retired_buses]);
	dbs->retired_bus_bytes = 0;
}

/*
 * Process context, vm->doorbells.lock held: @old, the bus array a new bus
 * device replaced, is freed after a kvm->srcu grace period; waited for
 * here only once the retired arrays are many or large.
 */
static void irqwire_doorbells_retire_bus(struct irqwire_vm *vm, struct kvm_io_bus *old)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;
	size_t size = struct_size(old, range, old->dev_count);

	lockdep_assert_held(&dbs->lock);
	if (dbs->nr_retired_buses < IRQWIRE_RETIRED_BUSES &&
	    dbs->retired_bus_bytes + size <= IRQWIRE_RETIRED_BUS_BYTES) {
		dbs->retired_buses[dbs->nr_retired_buses++] = old;
		dbs->retired_bus_bytes += size;
		return;
	}
	synchronize_srcu_expedited(&vm->kvm->srcu);
	irqwire_doorbells_free_retired(dbs);
	kfree(old);
}

/*
 * Process context, vm->doorbells.lock held: a bus device covering the
 * doorbell at @addr, shared when possible. A page's window is found on
 * the bus itself (kvm->slots_lock): no index of irqwire's to keep, and
 * none to allocate for a VM's first doorbell.
 */
static struct irqwire_busdev *irqwire_busdev_get(struct irqwire_vm *vm,
						 enum kvm_bus bus, gpa_t addr, int len)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;
	gpa_t start = addr & ~(gpa_t)(WINDOW_SIZE - 1);
	struct kvm_io_bus *old;
	struct kvm_io_device *dev;
	struct irqwire_busdev *bd;
	bool window, inside;
	int ret;

	lockdep_assert_held(&dbs->lock);
	/* within one page, and not the last one (its end would wrap to 0) */
	window = (addr + max(len, 1) - 1) >> WINDOW_SHIFT == start >> WINDOW_SHIFT &&
		 start + WINDOW_SIZE > start;

	mutex_lock(&vm->kvm->slots_lock);
	if (window) {
		dev = irqwire_bus_find(vm->kvm, bus, start, WINDOW_SIZE, &irqwire_busdev_ops,
				       &inside);
		if (dev) {
			bd = irqwire_busdev_of(dev);
			bd->users++;
			mutex_unlock(&vm->kvm->slots_lock);
			return bd;
		}
		window = !inside;
	}
	bd = kzalloc(sizeof(*bd), GFP_KERNEL_ACCOUNT);
	if (!bd) {
		mutex_unlock(&vm->kvm->slots_lock);
		return ERR_PTR(-ENOMEM);
	}
	kvm_iodevice_init(&bd->dev, &irqwire_busdev_ops);
	INIT_LIST_HEAD(&bd->doorbells);
	bd->vm = vm;
	bd->bus = bus;
	bd->users = 1;
	bd->window = window;
	bd->addr = window ? start : addr;
	bd->len = window ? WINDOW_SIZE : len;
	RCU_INIT_POINTER(bd->scan, &irqwire_few_none);	/* writes may come once it is added */
	ret = irqwire_bus_add(vm->kvm, bus, bd->addr, bd->len, &bd->dev, &old);
	mutex_unlock(&vm->kvm->slots_lock);
	if (ret) {
		kfree(bd);
		return ERR_PTR(ret);
	}
	irqwire_doorbells_retire_bus(vm, old);
	dbs->nr_busdevs[bus]++;
	list_add_tail(&bd->node, &dbs->busdevs);
	if (!window)
		irqwire_busdevs_single_add(dbs, bus, 1);
	return bd;
}

/* Process context, vm->doorbells.lock held. */
static void irqwire_busdev_put(struct irqwire_vm *vm, struct irqwire_busdev *bd)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;

	lockdep_assert_held(&dbs->lock);
	if (--bd->users)
		return;
	mutex_lock(&vm->kvm->slots_lock);
	irqwire_bus_remove(vm->kvm, bd->bus, &bd->dev);
	mutex_unlock(&vm->kvm->slots_lock);
	irqwire_doorbells_free_retired(dbs);	/* the removal waited for a grace period */
	list_del(&bd->node);
	if (!bd->window)
		irqwire_busdevs_single_add(dbs, bd->bus, -1);
	dbs->nr_busdevs[bd->bus]--;
	kfree(bd);
}

/*
 * Process context, vm->doorbells.lock held. Takes over the caller's
 * reference to @eventfd on success.
 */
static int irqwire_doorbell_assign(struct irqwire_vm *vm, const struct irqwire_doorbell_key *key,
				   struct eventfd_ctx *eventfd)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;
	struct irqwire_busdev *bd;
	struct irqwire_doorbell *db;
	int ret;

	lockdep_assert_held(&dbs->lock);
	if (dbs->nr >= IRQWIRE_MAX_IOEVENTFDS)
		return rhashtable_lookup_fast(&dbs->table, key, irqwire_doorbell_params) ?
		       -EEXIST : -ENOSPC;
	db = kzalloc(sizeof(*db), GFP_KERNEL_ACCOUNT);
	if (!db)
		return -ENOMEM;
	db->key = *key;
	db->takes = irqwire_doorbell_takes(key);
	db->eventfd = eventfd;
	/*
	 * The insert is the duplicate check: one walk of the hash, not a
	 * lookup and then an insert. A write may find @db in the hash from
	 * here on (it needs only the key and the eventfd)...
	 */
	ret = rhashtable_lookup_insert_fast(&dbs->table, &db->hnode,
					    irqwire_doorbell_params);
	if (ret) {
		kfree(db);
		return ret;
	}
	bd = irqwire_busdev_get(vm, key->bus, key->addr, key->len);
	if (IS_ERR(bd)) {
		/* ...so taking it out waits for such writes, as a deassign does */
		rhashtable_remove_fast(&dbs->table, &db->hnode, irqwire_doorbell_params);
		synchronize_srcu_expedited(&vm->kvm->srcu);
		kfree(db);
		return PTR_ERR(bd);
	}
	db->busdev = bd;
	list_add_tail(&db->node, &dbs->list);
	list_add_tail(&db->bd_node, &bd->doorbells);
	irqwire_window_index_update(bd, db, true);
	dbs->nr++;
	/*
	 * A write racing with this assign may skip the new doorbell, as one
	 * racing with KVM's own registration may; x86 orders these stores
	 * after the insert for every later write.
	 */
	WRITE_ONCE(dbs->nr_kind[key->bus][irqwire_doorbell_kind(key)],
		   dbs->nr_kind[key->bus][irqwire_doorbell_kind(key)] + 1);
	return 0;
}

/* Process context, vm->doorbells.lock held: no new write finds @db. */
static void irqwire_doorbell_unhash(struct irqwire_vm *vm, struct irqwire_doorbell *db)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;

	lockdep_assert_held(&dbs->lock);
	rhashtable_remove_fast(&dbs->table, &db->hnode, irqwire_doorbell_params);
	list_del(&db->node);
	list_del(&db->bd_node);
	irqwire_window_index_update(db->busdev, db, false);
	dbs->nr--;
	WRITE_ONCE(dbs->nr_kind[db->key.bus][irqwire_doorbell_kind(&db->key)],
		   dbs->nr_kind[db->key.bus][irqwire_doorbell_kind(&db->key)] - 1);
	irqwire_busdev_put(vm, db->busdev);
}

/* Process context, after a kvm->srcu grace period since irqwire_doorbell_unhash(). */
static void irqwire_doorbell_free(struct irqwire_doorbell *db)
{
	eventfd_ctx_put(db->eventfd);
	kfree(db);
}

/* Process context, vm->doorbells.lock held. */
static int irqwire_doorbell_deassign(struct irqwire_vm *vm,
				     const struct irqwire_doorbell_key *key,
			     struct eventfd_ctx *eventfd)
{
	struct irqwire_doorbell *db;

	lockdep_assert_held(&vm->doorbells.lock);
	might_sleep();	/* for the kvm->srcu grace period */
	db = rhashtable_lookup_fast(&vm->doorbells.table, key, irqwire_doorbell_params);
	if (!db || db->eventfd != eventfd)
		return -ENOENT;
	irqwire_doorbell_unhash(vm, db);
	/* a vCPU may be signalling through it: wait, as KVM's deassign does */
	synchronize_srcu_expedited(&vm->kvm->srcu);
	irqwire_doorbells_free_retired(&vm->doorbells);
	irqwire_doorbell_free(db);
	return 0;
}

/*
 * Checks a doorbell's description (IRQWIRE_IOEVENTFD without DEASSIGN,
 * IRQWIRE_GET_IOEVENTFD_STATS) and turns it into its key.
 */
static int irqwire_doorbell_key_init(struct irqwire_doorbell_key *key, u32 flags, u64 addr,
				     u32 len, u64 datamatch)
{
	bool pio = flags & IRQWIRE_IOEVENTFD_FLAG_PIO;
	bool match = flags & IRQWIRE_IOEVENTFD_FLAG_DATAMATCH;

	if (flags & ~(IRQWIRE_IOEVENTFD_FLAG_PIO |
		      IRQWIRE_IOEVENTFD_FLAG_DATAMATCH))
		return -EINVAL;
	if (len != 0 && len != 1 && len != 2 && len != 4 && len != 8)
		return -EINVAL;
	if (addr + len < addr)
		return -EINVAL;
	if (!len && (pio || match))
		return -EINVAL;
	/* unreachable doorbells: KVM accepts them, irqwire says so */
	if (pio && (len == 8 || addr + len > PIO_END))
		return -EINVAL;
	if (match ? len < 8 && datamatch >> (8 * len) : datamatch)
		return -EINVAL;

	*key = (struct irqwire_doorbell_key) {
		.addr = addr,
		.data = datamatch,
		.bus = pio ? KVM_PIO_BUS : KVM_MMIO_BUS,
		.len = len,
		.match = match,
	};
	return 0;
}

long irqwire_ioctl_ioeventfd(struct irqwire_handle *h, struct irqwire_vm *vm,
			     void *arg, void __user *uarg)
{
	struct irqwire_ioeventfd *args = arg;
	struct irqwire_doorbells *dbs = &vm->doorbells;
	bool deassign = args->flags & IRQWIRE_IOEVENTFD_FLAG_DEASSIGN;
	struct eventfd_ctx *eventfd;
	struct irqwire_doorbell_key key;
	int ret;

	if (!irqwire_zeroed(args->pad, sizeof(args->pad)))
		return -EINVAL;
	ret = irqwire_doorbell_key_init(&key, args->flags & ~IRQWIRE_IOEVENTFD_FLAG_DEASSIGN,
					args->addr, args->len, args->datamatch);
	if (ret)
		return ret;
	eventfd = eventfd_ctx_fdget(args->fd);
	if (IS_ERR(eventfd))
		return PTR_ERR(eventfd);

	mutex_lock(&dbs->lock);
	if (deassign)
		ret = irqwire_doorbell_deassign(vm, &key, eventfd);
	else
		ret = irqwire_doorbell_assign(vm, &key, eventfd);
	mutex_unlock(&dbs->lock);
	if (ret || deassign)
		eventfd_ctx_put(eventfd);
	return ret;
}

long irqwire_ioctl_get_ioeventfd_stats(struct irqwire_handle *h,
				       struct irqwire_vm *vm, void *arg,
				       void __user *uarg)
{
	struct irqwire_ioeventfd_stats *st = arg;
	struct irqwire_doorbells *dbs = &vm->doorbells;
	struct irqwire_doorbell *db;
	struct irqwire_doorbell_key key;
	int ret;

	if (st->pad || !irqwire_zeroed(st->reserved, sizeof(st->reserved)))
		return -EINVAL;
	ret = irqwire_doorbell_key_init(&key, st->flags, st->addr, st->len,
					st->datamatch);
	if (ret)
		return ret;

	mutex_lock(&dbs->lock);
	db = rhashtable_lookup_fast(&dbs->table, &key, irqwire_doorbell_params);
	if (db) {
		st->hits = atomic64_read(&db->hits);
		st->bus_devices = dbs->nr_busdevs[key.bus];
		memset(st->reserved, 0, sizeof(st->reserved));
	}
	mutex_unlock(&dbs->lock);
	if (!db)
		return -ENOENT;
	return copy_to_user(uarg, st, sizeof(*st)) ? -EFAULT : 0;
}

/* Process context (debugfs). */
void irqwire_ioeventfd_show(struct seq_file *m, struct irqwire_vm *vm)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;
	struct irqwire_doorbell *db;

	mutex_lock(&dbs->lock);
	list_for_each_entry(db, &dbs->list, node) {
		seq_printf(m, "bus=%s addr=0x%llx len=%u ",
			   db->key.bus == KVM_PIO_BUS ? "pio" : "mmio",
			   db->key.addr, db->key.len);
		if (db->key.match)
			seq_printf(m, "datamatch=0x%llx", db->key.data);
		else
			seq_puts(m, "datamatch=any");
		seq_printf(m, " hits=%llu busdev=%s\n",
			   (u64)atomic64_read(&db->hits),
			   db->busdev->window ? "window" : "exact");
	}
	seq_printf(m, "bus_devices mmio=%u pio=%u unmatched mmio=%llu pio=%llu\n",
		   dbs->nr_busdevs[KVM_MMIO_BUS], dbs->nr_busdevs[KVM_PIO_BUS],
		   (u64)atomic64_read(&dbs->unmatched[KVM_MMIO_BUS]),
		   (u64)atomic64_read(&dbs->unmatched[KVM_PIO_BUS]));
	mutex_unlock(&dbs->lock);
}

/* Process context: one record per doorbell, in assignment order. */
void irqwire_doorbell_collect(struct irqwire_vm *vm, struct irqwire_collector *c)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;
	struct irqwire_inspect_doorbell *r;
	struct irqwire_doorbell *db;

	mutex_lock(&dbs->lock);
	list_for_each_entry(db, &dbs->list, node) {
		r = irqwire_collector_next(c);
		if (!r)
			continue;
		r->addr = db->key.addr;
		r->len = db->key.len;
		if (db->key.match) {
			r->flags |= IRQWIRE_IOEVENTFD_FLAG_DATAMATCH;
			r->datamatch = db->key.data;
		}
		if (db->key.bus == KVM_PIO_BUS)
			r->flags |= IRQWIRE_IOEVENTFD_FLAG_PIO;
		if (db->busdev->window)
			r->flags |= IRQWIRE_INSPECT_DOORBELL_WINDOW;
		r->eventfd_id = irqwire_eventfd_id(db->eventfd);
		r->hits = atomic64_read(&db->hits);
	}
	mutex_unlock(&dbs->lock);
}

/* Process context, VM creation. */
int irqwire_ioeventfd_vm_init(struct irqwire_vm *vm)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;

	mutex_init(&dbs->lock);
	INIT_LIST_HEAD(&dbs->list);
	INIT_LIST_HEAD(&dbs->busdevs);
	return rhashtable_init(&dbs->table, &irqwire_doorbell_params);
}

/*
 * Process context, the VM's last handle is gone (the VM itself is still
 * referenced): every doorbell and bus device goes, one grace period for all.
 */
void irqwire_ioeventfd_vm_release(struct irqwire_vm *vm)
{
	struct irqwire_doorbells *dbs = &vm->doorbells;
	struct irqwire_doorbell *db, *tmp;
	LIST_HEAD(dead);

	might_sleep();	/* for the kvm->srcu grace period */
	mutex_lock(&dbs->lock);
	list_for_each_entry_safe(db, tmp, &dbs->list, node) {
		irqwire_doorbell_unhash(vm, db);
		list_add(&db->node, &dead);
	}
	mutex_unlock(&dbs->lock);
	synchronize_srcu_expedited(&vm->kvm->srcu);
	list_for_each_entry_safe(db, tmp, &dead, node)
		irqwire_doorbell_free(db);
	irqwire_doorbells_free_retired(dbs);

	rhashtable_destroy(&dbs->table);
	mutex_destroy(&dbs->lock);
}
