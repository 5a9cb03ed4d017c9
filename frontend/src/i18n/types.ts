/** A translation of a feature's English messages: the same keys, any words. */
export type Messages<English> = { [Key in keyof English]: string };
