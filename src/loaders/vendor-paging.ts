/** Each vendor's page base and maximum page size (docs/vendors.md#endpoints, #queryorders). */

/** Living IoT: `pageNo` 0 is the first page; `pageSize` at most 50 (docs/vendors.md#endpoints). */
export const ILOP_FIRST_PAGE = 0;
export const ILOP_MAX_PAGE_SIZE = 50;

/** Living IoT's binding list (`/uc/listBindingByAccount`): `pageNo` 1 is the first page. */
export const ILOP_BINDING_FIRST_PAGE = 1;

/** BSS: `PageNum` 1 is the first page; 20 or fewer rows advised (docs/vendors.md#queryorders). */
export const BSS_FIRST_PAGE = 1;
export const BSS_MAX_PAGE_SIZE = 20;
