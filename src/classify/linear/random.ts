/** Seeded randomness, so training and held-out splits are the same on every run and machine. */

/** Mulberry32: small, fast, and the same sequence everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

/**
 * Holds out `fraction` of each label (at least one example when a label has two or more), the
 * same examples for the same seed: a fixed validation split for data that ships without one.
 */
export function stratifiedSplit<T extends { label: string }>(
  data: readonly T[],
  fraction: number,
  seed: number,
): { train: T[]; heldOut: T[] } {
  const byLabel = new Map<string, T[]>();
  for (const d of data) {
    const list = byLabel.get(d.label) ?? [];
    list.push(d);
    byLabel.set(d.label, list);
  }
  const random = seededRandom(seed);
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const list = shuffleInPlace([...(byLabel.get(label) ?? [])], random);
    const n = list.length < 2 ? 0 : Math.max(1, Math.round(list.length * fraction));
    heldOut.push(...list.slice(0, n));
    train.push(...list.slice(n));
  }
  return { train, heldOut };
}
