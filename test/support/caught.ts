/** What `fn` throws, or `undefined` when it returns: for asserting on typed errors. */
export function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
