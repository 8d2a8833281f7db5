/** 32 MiB: far above any answer these APIs document (a ~10 MB camt.054 statement), far below what hurts. */
export const defaultMaxResponseBytes = 32 * 1024 * 1024;
