/** A module without an engine function. */
export const name = 'nothing here';
