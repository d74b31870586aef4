/*
 * probe: a WASI program for the command-line tests. It prints its arguments and the environment variables
 * named by "env NAME" arguments, then acts on the commands: "stderr TEXT" writes TEXT to stderr, "exit N"
 * exits with N, "ask" prompts on stdout and echoes a line read from stdin, "trap" traps (unreachable).
 * Build with build.sh beside this file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    for (int i = 1; i + 1 < argc; i++) {
        if (strcmp(argv[i], "env") == 0) {
            const char *value = getenv(argv[i + 1]);
            printf("%s=%s\n", argv[i + 1], value ? value : "(unset)");
        } else if (strcmp(argv[i], "stderr") == 0) {
            fprintf(stderr, "%s\n", argv[i + 1]);
        } else if (strcmp(argv[i], "exit") == 0) {
            fflush(stdout);
            exit(atoi(argv[i + 1]));
        }
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "ask") == 0) {
            char line[256];
            printf("name? ");
            fflush(stdout);
            if (fgets(line, sizeof line, stdin) != NULL) {
                printf("hello %s", line);
            } else {
                printf("no input\n");
            }
        }
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "trap") == 0) {
            fflush(stdout);
            __builtin_trap();
        }
    }
    return 0;
}
