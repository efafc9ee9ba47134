/**
 * The most NINOs each batch legacy system takes in one call, for every module that reads or
 * writes it (CIS's is beside its enquiry, CIS_BATCH_LIMIT).
 */
export const UC_BATCH_LIMIT = 50;
export const JSAPS_BATCH_LIMIT = 20;
/** Customer references per payment-system call. */
export const PAYMENTS_BATCH_LIMIT = 25;
