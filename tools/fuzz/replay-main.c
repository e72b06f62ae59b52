/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The replay runner: a main() for a fuzz target built as an ordinary
 * program (no libFuzzer, any compiler).  Each argument is an input file
 * or a directory of them; each input goes through
 * LLVMFuzzerTestOneInput() once, in name order.  An input that breaks
 * an invariant aborts the process, so a clean run is one line:
 *     replay-<target>: N passed, 0 failed
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define REPLAY_MAX_INPUT       (1 << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned int nr_passed, nr_failed;

/* Feed one file to the target.  Unreadable files count as failed. */
static void replay_file(const char *path)
{
    static uint8_t buf[REPLAY_MAX_INPUT];
    FILE *f = fopen(path, "rb");
    size_t n;

    if ( !f )
    {
        printf("FAIL: %s: %s\n", path, strerror(errno));
        nr_failed++;
        return;
    }
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    if ( getenv("REPLAY_VERBOSE") )
        printf("Input: %s (%zu bytes)\n", path, n);
    fflush(stdout);
    LLVMFuzzerTestOneInput(buf, n);
    nr_passed++;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* A file, or every regular file in a directory (missing: nothing). */
static void replay_path(const char *path)
{
    struct dirent **names;
    struct stat st;
    char full[4096];
    int i, n;

    if ( stat(path, &st) )
        return;
    if ( !S_ISDIR(st.st_mode) )
    {
        replay_file(path);
        return;
    }
    n = scandir(path, &names, NULL, by_name);
    for ( i = 0; i < n; i++ )
    {
        snprintf(full, sizeof(full), "%s/%s", path, names[i]->d_name);
        if ( names[i]->d_name[0] != '.' && !stat(full, &st) &&
             S_ISREG(st.st_mode) )
            replay_file(full);
        free(names[i]);
    }
    if ( n >= 0 )
        free(names);
}

int main(int argc, char **argv)
{
    int i;

    for ( i = 1; i < argc; i++ )
        replay_path(argv[i]);
    printf("%s: %u passed, %u failed\n", program_invocation_short_name,
           nr_passed, nr_failed);
    return !!nr_failed;
}
