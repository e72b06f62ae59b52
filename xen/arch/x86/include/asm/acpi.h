/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few ACPI tables the boot reads (acpi.c), laid out as the ACPI
 * specification (6.x, chapter 5) defines them: the RSDP, the common table
 * header, the RSDT/XSDT and the SRAT with its affinity entries.  All
 * little-endian and packed; acpi.c checks each size at build time.
 */
#ifndef X86_ASM_ACPI_H
#define X86_ASM_ACPI_H

#include <xen/compiler.h>
#include <xen/types.h>

/* Root System Description Pointer: "RSD PTR " on a 16-byte boundary. */
struct acpi_rsdp {
    char signature[8];
    uint8_t checksum;           /* bytes 0..19 sum to 0 */
    char oem_id[6];
    uint8_t revision;           /* 0: ACPI 1.0 (20 bytes); 2+: 36 bytes */
    uint32_t rsdt_address;
    uint32_t length;            /* revision 2+ from here on */
    uint64_t xsdt_address;
    uint8_t extended_checksum;  /* all 'length' bytes sum to 0 */
    uint8_t reserved[3];
} __packed;

#define ACPI_RSDP_V1_SIZE       20

/* The header every System Description Table starts with. */
struct acpi_table_header {
    char signature[4];
    uint32_t length;            /* header included; all bytes sum to 0 */
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    char asl_compiler_id[4];
    uint32_t asl_compiler_revision;
} __packed;

/*
 * RSDT ("RSDT"): the header, then 32-bit table addresses.  XSDT
 * ("XSDT"): the header, then 64-bit ones (not 8-byte aligned).
 */

/* System Resource Affinity Table ("SRAT"): the header, then entries. */
struct acpi_table_srat {
    struct acpi_table_header header;
    uint32_t table_revision;    /* 1, for compatibility */
    uint64_t reserved;
} __packed;

struct acpi_srat_entry {
    uint8_t type;               /* ACPI_SRAT_* */
    uint8_t length;             /* entry included */
} __packed;

#define ACPI_SRAT_CPU_AFFINITY      0
#define ACPI_SRAT_MEMORY_AFFINITY   1
#define ACPI_SRAT_X2APIC_AFFINITY   2

/* Type 0: a local APIC's proximity domain. */
struct acpi_srat_cpu_affinity {
    struct acpi_srat_entry entry;
    uint8_t proximity_domain_lo;
    uint8_t apic_id;
    uint32_t flags;             /* ACPI_SRAT_ENABLED */
    uint8_t local_sapic_eid;
    uint8_t proximity_domain_hi[3]; /* SRAT revision 2+ only */
    uint32_t clock_domain;
} __packed;

/* Type 1: a physical address range's proximity domain. */
struct acpi_srat_mem_affinity {
    struct acpi_srat_entry entry;
    uint32_t proximity_domain;  /* low 8 bits only before revision 2 */
    uint16_t reserved;
    uint64_t base_address;
    uint64_t length;
    uint32_t reserved1;
    uint32_t flags;             /* ACPI_SRAT_ENABLED, _HOTPLUGGABLE, ... */
    uint64_t reserved2;
} __packed;

/* Type 2: an x2APIC's proximity domain. */
struct acpi_srat_x2apic_affinity {
    struct acpi_srat_entry entry;
    uint16_t reserved;
    uint32_t proximity_domain;
    uint32_t apic_id;
    uint32_t flags;             /* ACPI_SRAT_ENABLED */
    uint32_t clock_domain;
    uint32_t reserved1;
} __packed;

#define ACPI_SRAT_ENABLED           (1U << 0)   /* all three types */
#define ACPI_SRAT_MEM_HOTPLUGGABLE  (1U << 1)
#define ACPI_SRAT_MEM_NON_VOLATILE  (1U << 2)

/*
 * Set the NUMA node of every frame in the frame table from the ACPI SRAT
 * (unless numa=off or numa=noacpi): proximity domains become nodes
 * 0..MAX_NUMNODES-1 in the order the SRAT names them, frames outside
 * every enabled memory range stay on node 0.  Without a usable SRAT (no
 * RSDP, a bad checksum, no SRAT, more domains than MAX_NUMNODES, ranges
 * of different domains overlapping) every frame stays on node 0.  Prints
 * the nodes and each node's RAM.
 *
 * Call from memory_init() after the frame table is allocated (zeroed:
 * node 0) and the direct map built, before any frame reaches
 * init_heap_pages().  May take page-table pages from the boot allocator
 * to map tables outside the direct map.  Boot time, one CPU: no locks;
 * never fails (a broken table costs the NUMA layout, not the boot).
 */
void acpi_numa_init(void);

#endif /* X86_ASM_ACPI_H */
