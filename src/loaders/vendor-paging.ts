/** Each vendor's page base and maximum page size (design §5). */

/** Living IoT: `pageNo` 0 is the first page; `pageSize` at most 50 (seed 000). */
export const ILOP_FIRST_PAGE = 0;
export const ILOP_MAX_PAGE_SIZE = 50;

/** BSS: `PageNum` 1 is the first page; 20 or fewer rows advised (seed 003). */
export const BSS_FIRST_PAGE = 1;
export const BSS_MAX_PAGE_SIZE = 20;
