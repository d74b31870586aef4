/*
 * fsops: exercises file-system calls inside the directory named by argv[1] and prints what it observes.
 * The output names only paths relative to that directory and error names (not numbers or strerror text),
 * so a native build and a WASI build print the same bytes. Build with build.sh beside this file.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static const char *root;

/* Joins the root directory and a relative path into a static buffer (one path in use at a time is enough
 * for most calls; calls that need two use path2). */
static const char *path(const char *rel) {
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s/%s", root, rel);
    return buf;
}

static const char *path2(const char *rel) {
    static char buf[1024];
    snprintf(buf, sizeof buf, "%s/%s", root, rel);
    return buf;
}

/* Error names rather than numbers: errno values differ between Linux and WASI. */
static const char *errname(int e) {
    switch (e) {
    case 0: return "ok";
    case EEXIST: return "EEXIST";
    case ENOENT: return "ENOENT";
    case ENOTEMPTY: return "ENOTEMPTY";
    case ENOTDIR: return "ENOTDIR";
    case EISDIR: return "EISDIR";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case ELOOP: return "ELOOP";
    default: return "other";
    }
}

/* Prints the outcome of a call that returns -1 and sets errno on failure. */
static void report(const char *what, int rc) {
    printf("%-40s %s\n", what, rc < 0 ? errname(errno) : "ok");
}

static const char *kind(mode_t m) {
    if (S_ISREG(m)) return "file";
    if (S_ISDIR(m)) return "dir";
    if (S_ISLNK(m)) return "symlink";
    return "other";
}

static void write_file(const char *rel, const char *text) {
    FILE *f = fopen(path(rel), "w");
    if (!f) {
        printf("fopen %s for writing: %s\n", rel, errname(errno));
        return;
    }
    fputs(text, f);
    fclose(f);
    printf("wrote %s (%zu bytes)\n", rel, strlen(text));
}

static void print_file(const char *rel) {
    FILE *f = fopen(path(rel), "r");
    if (!f) {
        printf("read %s: %s\n", rel, errname(errno));
        return;
    }
    char buf[512];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    printf("read %s: \"", rel);
    for (size_t i = 0; i < n; i++) {
        putchar(buf[i] == '\n' ? '|' : buf[i]);
    }
    printf("\" (%zu bytes)\n", n);
}

static void print_stat(const char *rel) {
    struct stat st;
    if (lstat(path(rel), &st) < 0) {
        printf("lstat %s: %s\n", rel, errname(errno));
        return;
    }
    if (S_ISREG(st.st_mode)) {
        printf("lstat %s: file, %lld bytes\n", rel, (long long) st.st_size);
    } else {
        printf("lstat %s: %s\n", rel, kind(st.st_mode));
    }
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Lists a directory sorted by name, without "." and "..", with each entry's kind (and size for files). */
static void list(const char *rel) {
    DIR *d = opendir(path(rel));
    if (!d) {
        printf("opendir %s: %s\n", rel, errname(errno));
        return;
    }
    char *names[64];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && count < 64) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
            names[count++] = strdup(e->d_name);
        }
    }
    closedir(d);
    qsort(names, count, sizeof names[0], compare_names);
    printf("list %s: %d entries\n", rel, count);
    for (int i = 0; i < count; i++) {
        char child[512];
        snprintf(child, sizeof child, "%s/%s", rel, names[i]);
        struct stat st;
        if (lstat(path(child), &st) < 0) {
            printf("  %s ? %s\n", names[i], errname(errno));
        } else if (S_ISREG(st.st_mode)) {
            printf("  %s %s %lld\n", names[i], kind(st.st_mode), (long long) st.st_size);
        } else {
            printf("  %s %s\n", names[i], kind(st.st_mode));
        }
        free(names[i]);
    }
}

static void directories(void) {
    puts("== directories");
    report("mkdir top", mkdir(path("top"), 0755));
    report("mkdir top/sub", mkdir(path("top/sub"), 0755));
    report("mkdir top/sub/deep", mkdir(path("top/sub/deep"), 0755));
    report("mkdir top again", mkdir(path("top"), 0755));
    report("mkdir missing/child", mkdir(path("missing/child"), 0755));
    struct stat st;
    report("stat top/sub", stat(path("top/sub"), &st));
    printf("top/sub is a %s\n", kind(st.st_mode));
}

static void files(void) {
    puts("== files");
    write_file("top/hello.txt", "hello, world\n");
    write_file("top/sub/notes.txt", "first line\nsecond line\n");
    print_file("top/hello.txt");
    print_file("top/sub/notes.txt");
    print_file("top/nothing.txt");

    /* Appending through O_APPEND, then checking the size with fstat. */
    int fd = open(path("top/sub/notes.txt"), O_WRONLY | O_APPEND);
    report("open notes.txt O_APPEND", fd);
    const char *more = "third line\n";
    printf("append wrote %zd bytes\n", write(fd, more, strlen(more)));
    struct stat st;
    report("fstat notes.txt", fstat(fd, &st));
    printf("notes.txt size %lld\n", (long long) st.st_size);
    close(fd);
    print_file("top/sub/notes.txt");

    /* Seeking and positional I/O on a binary file. */
    fd = open(path("top/data.bin"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    report("open data.bin O_CREAT", fd);
    unsigned char block[256];
    for (int i = 0; i < 256; i++) {
        block[i] = (unsigned char) i;
    }
    printf("write data.bin %zd bytes\n", write(fd, block, sizeof block));
    printf("lseek SEEK_CUR %lld\n", (long long) lseek(fd, 0, SEEK_CUR));
    printf("lseek to 100: %lld\n", (long long) lseek(fd, 100, SEEK_SET));
    unsigned char got[4];
    printf("read 4 bytes: %zd", read(fd, got, 4));
    printf(" -> %d %d %d %d\n", got[0], got[1], got[2], got[3]);
    printf("lseek SEEK_END %lld\n", (long long) lseek(fd, 0, SEEK_END));
    printf("pwrite at 1000: %zd\n", pwrite(fd, "xyz", 3, 1000));
    report("fstat data.bin", fstat(fd, &st));
    printf("data.bin size after pwrite %lld\n", (long long) st.st_size);
    printf("pread at 998: %zd", pread(fd, got, 4, 998));
    printf(" -> %d %d %d %d\n", got[0], got[1], got[2], got[3]);
    report("ftruncate data.bin 10", ftruncate(fd, 10));
    report("fstat data.bin", fstat(fd, &st));
    printf("data.bin size after ftruncate %lld\n", (long long) st.st_size);
    close(fd);

    report("open top/sub for writing", open(path("top/sub"), O_WRONLY));
    printf("%-40s %s\n", "open top/missing.txt O_RDONLY",
           open(path("top/missing.txt"), O_RDONLY) < 0 ? errname(errno) : "opened");
    fd = open(path("top/hello.txt"), O_WRONLY | O_CREAT | O_EXCL, 0644);
    printf("%-40s %s\n", "open hello.txt O_CREAT|O_EXCL", fd < 0 ? errname(errno) : "opened");
}

static void times(void) {
    puts("== times");
    struct timeval tv[2] = {{1000000000, 0}, {1234567890, 0}};
    report("utimes hello.txt", utimes(path("top/hello.txt"), tv));
    struct stat st;
    report("stat hello.txt", stat(path("top/hello.txt"), &st));
    printf("hello.txt atime %lld mtime %lld\n", (long long) st.st_atime, (long long) st.st_mtime);
}

static void renames(void) {
    puts("== rename");
    list("top");
    report("rename hello.txt -> sub/greeting.txt", rename(path("top/hello.txt"), path2("top/sub/greeting.txt")));
    print_stat("top/hello.txt");
    print_stat("top/sub/greeting.txt");
    print_file("top/sub/greeting.txt");
    write_file("top/other.txt", "replaced\n");
    report("rename other.txt over data.bin", rename(path("top/other.txt"), path2("top/data.bin")));
    print_file("top/data.bin");
    report("rename sub/deep -> moved", rename(path("top/sub/deep"), path2("top/moved")));
    report("rename missing.txt -> x", rename(path("top/missing.txt"), path2("top/x")));
    list("top");
    list("top/sub");
}

static void links(void) {
    puts("== links");
    report("symlink greeting.txt as sub/link", symlink("greeting.txt", path("top/sub/link")));
    char target[256];
    ssize_t n = readlink(path("top/sub/link"), target, sizeof target - 1);
    if (n < 0) {
        printf("readlink sub/link: %s\n", errname(errno));
    } else {
        target[n] = 0;
        printf("readlink sub/link -> %s\n", target);
    }
    print_stat("top/sub/link");
    struct stat st;
    report("stat through sub/link", stat(path("top/sub/link"), &st));
    printf("through the link: %s, %lld bytes\n", kind(st.st_mode), (long long) st.st_size);
    print_file("top/sub/link");
    report("symlink dangling", symlink("nowhere.txt", path("top/sub/dangling")));
    print_stat("top/sub/dangling");
    print_file("top/sub/dangling");
    report("readlink of a regular file", (int) readlink(path("top/sub/notes.txt"), target, sizeof target));
    report("link notes.txt as sub/hard.txt", link(path("top/sub/notes.txt"), path2("top/sub/hard.txt")));
    print_file("top/sub/hard.txt");
    list("top/sub");
}

static void removal(void) {
    puts("== remove");
    report("rmdir top/sub (not empty)", rmdir(path("top/sub")));
    report("unlink top/sub (a directory)", unlink(path("top/sub")));
    report("unlink sub/link", unlink(path("top/sub/link")));
    print_stat("top/sub/greeting.txt");
    report("unlink sub/dangling", unlink(path("top/sub/dangling")));
    report("unlink sub/greeting.txt", unlink(path("top/sub/greeting.txt")));
    report("unlink sub/notes.txt", unlink(path("top/sub/notes.txt")));
    print_file("top/sub/hard.txt");
    report("unlink sub/hard.txt", unlink(path("top/sub/hard.txt")));
    report("unlink sub/hard.txt again", unlink(path("top/sub/hard.txt")));
    report("rmdir top/sub", rmdir(path("top/sub")));
    report("rmdir top/moved", rmdir(path("top/moved")));
    report("unlink top/data.bin", unlink(path("top/data.bin")));
    list("top");
    report("rmdir top", rmdir(path("top")));
    list(".");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: fsops DIR\n");
        return 2;
    }
    root = argv[1];
    directories();
    files();
    times();
    renames();
    links();
    removal();
    puts("done");
    return 0;
}
