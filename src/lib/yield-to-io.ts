/**
 * Lets pending I/O callbacks run before the rest of a long stretch of CPU work. `setImmediate`
 * where the runtime has it (Node; Workers with nodejs_compat), else a zero timeout.
 */
export function yieldToIo(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}
