/**
 * Named points in posting and polling where the fault-injection suite (tests/faults) kills the
 * worker. In production `ServiceDeps.faults` is absent and `fault()` does nothing.
 */
export const faultPoints = [
  'reply:before-attempt',
  'reply:after-attempt-recorded',
  'reply:after-network-accepted',
  'reply:after-final-commit',
  'poll:after-fetch',
  'poll:after-store',
  'poll:after-cursor',
] as const;

export type FaultPoint = (typeof faultPoints)[number];

export type FaultHook = (point: FaultPoint) => void | Promise<void>;

export async function fault(deps: { faults?: FaultHook }, point: FaultPoint): Promise<void> {
  if (deps.faults) await deps.faults(point);
}
