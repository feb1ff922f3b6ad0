/** Clock port: production reads the system clock; tests can pin time. */
export interface Clock {
  now(): Date;
}

const system: Clock = { now: () => new Date() };
let current: Clock = system;

export function now(): Date {
  return current.now();
}

/** Replace the clock (tests); returns a function that restores the system clock. */
export function useClock(clock: Clock): () => void {
  current = clock;
  return () => {
    current = system;
  };
}
