#ifndef CBZIP2_SHIM_H
#define CBZIP2_SHIM_H
#include <stdio.h>
#include <bzlib.h>
#endif
