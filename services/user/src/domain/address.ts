// Address rules: a bounded list, and exactly one default whenever a user has any address.
export const maxAddressesPerUser = 20;

/** The first address is the default whatever the request says; later ones only when asked. */
export const becomesDefault = (existingCount: number, requested: boolean) => existingCount === 0 || requested;
