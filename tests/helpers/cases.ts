/** Tables of cases for functions from one string to another, checked by one loop. */
import { strict as assert } from 'node:assert';

/** Asserts that `render` turns each input (the key) into its expected output (the value). */
export function assertEachRendered(render: (input: string) => string, cases: Readonly<Record<string, string>>): void {
  for (const [input, expected] of Object.entries(cases)) assert.equal(render(input), expected, `for ${JSON.stringify(input)}`);
}
