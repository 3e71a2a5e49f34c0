/** Polls until `check` holds; fails naming what was awaited. For what arrives asynchronously in the tests. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  { timeoutMs = 10000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
