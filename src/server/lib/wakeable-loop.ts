export interface WakeableLoop {
  /** Run now rather than at the next poll; a wake during a run makes it run once more. */
  wake(): void;
  /** Stops polling and waits for the run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `step` at once, at every wake, and every `pollMs` while idle; never two at a time. `step`
 * answers whether it left work behind (then it runs again straight away). A failing step is
 * reported and retried at the next wake or poll.
 */
export function startWakeableLoop(step: () => Promise<boolean>, pollMs: number, onError: (err: unknown) => void): WakeableLoop {
  let stopped = false;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> | null = null;
  const loop = async () => {
    do {
      again = false;
      try {
        if (await step()) again = true;
      } catch (err) {
        onError(err);
      }
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    current = loop().finally(() => {
      current = null;
      if (stopped) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(kick, pollMs);
      timer.unref();
    });
  };
  setImmediate(kick);
  return {
    wake: kick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
