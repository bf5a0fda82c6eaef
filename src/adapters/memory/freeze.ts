/** Deep-freezes a value so callers holding a stored value can never change what the store holds. */
export const deepFreeze = <T>(value: T): T => {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
};

/** A frozen deep copy: input objects stay the caller's, stored ones stay the store's. */
export const frozenCopy = <T>(value: T): T => deepFreeze(structuredClone(value));
