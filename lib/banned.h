/* banned.h - functions the library must not use; included last */
#ifndef UPT_BANNED_H
#define UPT_BANNED_H

/* Each is unsafe with untrusted input or keeps hidden global state. */
#define BANNED(func) sorry_##func##_is_banned_in_uptake

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef localtime
#define localtime(x) BANNED(localtime)
#undef gmtime
#define gmtime(x) BANNED(gmtime)
#undef gets
#define gets(x) BANNED(gets)

#endif
