/* SPDX-License-Identifier: MIT */
/*
 * Error numbers of the guest ABI.  A failing hypercall returns the
 * negated value (-XEN_EINVAL).  The values are Xen's, which in turn are
 * x86 Linux's, so a Linux guest can hand them straight to user space.
 *
 * The header can be used two ways:
 *
 * 1. Plainly, "#include <public/errno.h>" (or <xen/errno.h> in tools):
 *    normal include guard, and one "#define XEN_Efoo value" per entry,
 *    usable from C and from assembly.
 *
 * 2. As an X-macro list: define XEN_ERRNO(name, value, desc) first, then
 *    include the header.  It expands XEN_ERRNO once per entry, with name
 *    without the XEN_ prefix (EPERM), the number, and a short description
 *    string, and #undefs XEN_ERRNO afterwards.  No include guard applies
 *    in this mode, so a file may build several tables.  Example:
 *
 *        #define XEN_ERRNO(name, value, desc) [value] = desc,
 *        static const char *const names[] = {
 *        #include <public/errno.h>
 *        };
 *
 *    Each value appears once in the list; the two aliases
 *    (XEN_EWOULDBLOCK, XEN_EDEADLOCK) exist only as plain defines.
 *
 * The two lists must agree; xen/common/abi-check.c checks that they do.
 * XEN_EINTR and XEN_ERESTART are internal to the hypervisor and never
 * reach a guest, so they exist only when __XEN__ is defined.
 */

#ifndef XEN_ERRNO

#ifndef __XEN_PUBLIC_ERRNO_H__
#define __XEN_PUBLIC_ERRNO_H__

#define XEN_EPERM           1   /* Operation not permitted */
#define XEN_ENOENT          2   /* No such file or directory */
#define XEN_ESRCH           3   /* No such process */
#ifdef __XEN__
#define XEN_EINTR           4   /* Interrupted system call (internal) */
#endif
#define XEN_EIO             5   /* I/O error */
#define XEN_ENXIO           6   /* No such device or address */
#define XEN_E2BIG           7   /* Argument list too long */
#define XEN_ENOEXEC         8   /* Exec format error */
#define XEN_EBADF           9   /* Bad file number */
#define XEN_ECHILD          10  /* No child processes */
#define XEN_EAGAIN          11  /* Try again */
#define XEN_EWOULDBLOCK     XEN_EAGAIN  /* Operation would block */
#define XEN_ENOMEM          12  /* Out of memory */
#define XEN_EACCES          13  /* Permission denied */
#define XEN_EFAULT          14  /* Bad address */
#define XEN_EBUSY           16  /* Device or resource busy */
#define XEN_EEXIST          17  /* File exists */
#define XEN_EXDEV           18  /* Cross-device link */
#define XEN_ENODEV          19  /* No such device */
#define XEN_ENOTDIR         20  /* Not a directory */
#define XEN_EISDIR          21  /* Is a directory */
#define XEN_EINVAL          22  /* Invalid argument */
#define XEN_ENFILE          23  /* File table overflow */
#define XEN_EMFILE          24  /* Too many open files */
#define XEN_ENOSPC          28  /* No space left on device */
#define XEN_EROFS           30  /* Read-only file system */
#define XEN_EMLINK          31  /* Too many links */
#define XEN_EDOM            33  /* Argument out of the function's domain */
#define XEN_ERANGE          34  /* Result not representable */
#define XEN_EDEADLK         35  /* Resource deadlock would occur */
#define XEN_EDEADLOCK       XEN_EDEADLK /* Resource deadlock would occur */
#define XEN_ENAMETOOLONG    36  /* File name too long */
#define XEN_ENOLCK          37  /* No record locks available */
#define XEN_ENOSYS          38  /* Function not implemented */
#define XEN_ENOTEMPTY       39  /* Directory not empty */
#define XEN_ENODATA         61  /* No data available */
#define XEN_ETIME           62  /* Timer expired */
#define XEN_EBADMSG         74  /* Not a data message */
#define XEN_EOVERFLOW       75  /* Value too large for the data type */
#define XEN_EILSEQ          84  /* Illegal byte sequence */
#ifdef __XEN__
#define XEN_ERESTART        85  /* Restart the call (internal) */
#endif
#define XEN_ENOTSOCK        88  /* Socket operation on non-socket */
#define XEN_EMSGSIZE        90  /* Message too long */
#define XEN_EOPNOTSUPP      95  /* Operation not supported */
#define XEN_EADDRINUSE      98  /* Address already in use */
#define XEN_EADDRNOTAVAIL   99  /* Cannot assign requested address */
#define XEN_ENOBUFS         105 /* No buffer space available */
#define XEN_EISCONN         106 /* Transport endpoint is already connected */
#define XEN_ENOTCONN        107 /* Transport endpoint is not connected */
#define XEN_ETIMEDOUT       110 /* Connection timed out */
#define XEN_ECONNREFUSED    111 /* Connection refused */

#endif /* __XEN_PUBLIC_ERRNO_H__ */

#else /* XEN_ERRNO */

XEN_ERRNO(EPERM,            1,   "Operation not permitted")
XEN_ERRNO(ENOENT,           2,   "No such file or directory")
XEN_ERRNO(ESRCH,            3,   "No such process")
#ifdef __XEN__
XEN_ERRNO(EINTR,            4,   "Interrupted system call")
#endif
XEN_ERRNO(EIO,              5,   "I/O error")
XEN_ERRNO(ENXIO,            6,   "No such device or address")
XEN_ERRNO(E2BIG,            7,   "Argument list too long")
XEN_ERRNO(ENOEXEC,          8,   "Exec format error")
XEN_ERRNO(EBADF,            9,   "Bad file number")
XEN_ERRNO(ECHILD,           10,  "No child processes")
XEN_ERRNO(EAGAIN,           11,  "Try again")
XEN_ERRNO(ENOMEM,           12,  "Out of memory")
XEN_ERRNO(EACCES,           13,  "Permission denied")
XEN_ERRNO(EFAULT,           14,  "Bad address")
XEN_ERRNO(EBUSY,            16,  "Device or resource busy")
XEN_ERRNO(EEXIST,           17,  "File exists")
XEN_ERRNO(EXDEV,            18,  "Cross-device link")
XEN_ERRNO(ENODEV,           19,  "No such device")
XEN_ERRNO(ENOTDIR,          20,  "Not a directory")
XEN_ERRNO(EISDIR,           21,  "Is a directory")
XEN_ERRNO(EINVAL,           22,  "Invalid argument")
XEN_ERRNO(ENFILE,           23,  "File table overflow")
XEN_ERRNO(EMFILE,           24,  "Too many open files")
XEN_ERRNO(ENOSPC,           28,  "No space left on device")
XEN_ERRNO(EROFS,            30,  "Read-only file system")
XEN_ERRNO(EMLINK,           31,  "Too many links")
XEN_ERRNO(EDOM,             33,  "Argument out of the function's domain")
XEN_ERRNO(ERANGE,           34,  "Result not representable")
XEN_ERRNO(EDEADLK,          35,  "Resource deadlock would occur")
XEN_ERRNO(ENAMETOOLONG,     36,  "File name too long")
XEN_ERRNO(ENOLCK,           37,  "No record locks available")
XEN_ERRNO(ENOSYS,           38,  "Function not implemented")
XEN_ERRNO(ENOTEMPTY,        39,  "Directory not empty")
XEN_ERRNO(ENODATA,          61,  "No data available")
XEN_ERRNO(ETIME,            62,  "Timer expired")
XEN_ERRNO(EBADMSG,          74,  "Not a data message")
XEN_ERRNO(EOVERFLOW,        75,  "Value too large for the data type")
XEN_ERRNO(EILSEQ,           84,  "Illegal byte sequence")
#ifdef __XEN__
XEN_ERRNO(ERESTART,         85,  "Restart the call")
#endif
XEN_ERRNO(ENOTSOCK,         88,  "Socket operation on non-socket")
XEN_ERRNO(EMSGSIZE,         90,  "Message too long")
XEN_ERRNO(EOPNOTSUPP,       95,  "Operation not supported")
XEN_ERRNO(EADDRINUSE,       98,  "Address already in use")
XEN_ERRNO(EADDRNOTAVAIL,    99,  "Cannot assign requested address")
XEN_ERRNO(ENOBUFS,          105, "No buffer space available")
XEN_ERRNO(EISCONN,          106, "Transport endpoint is already connected")
XEN_ERRNO(ENOTCONN,         107, "Transport endpoint is not connected")
XEN_ERRNO(ETIMEDOUT,        110, "Connection timed out")
XEN_ERRNO(ECONNREFUSED,     111, "Connection refused")

#undef XEN_ERRNO

#endif /* XEN_ERRNO */
