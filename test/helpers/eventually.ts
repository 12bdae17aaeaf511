/** Retries `attempt` every 50 ms until it passes or `deadlineMs` has gone by; resolves to the time it took. */
export async function eventually(deadlineMs: number, attempt: () => Promise<void>): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await attempt();
      return Date.now() - started;
    } catch (err) {
      if (Date.now() - started > deadlineMs) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
