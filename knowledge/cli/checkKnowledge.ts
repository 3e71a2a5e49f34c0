/** `npm run -s check-knowledge [DIR]`: exit 0 when the knowledge is valid, else `file:line: problem` lines and exit 1. */
import { resolve } from 'node:path';
import { loadKnowledge, formatProblem } from '../loader';
import { DEFAULT_KNOWLEDGE_DIR } from '../paths';

const dir = resolve(process.argv[2] ?? DEFAULT_KNOWLEDGE_DIR);
const result = loadKnowledge(dir);
if (result.ok) {
  const k = result.knowledge;
  console.log(`ok: ${k.services.size} services, ${k.tenants.size} tenants, ${k.offices.size} offices, ${[...k.phrases.values()].reduce((n, p) => n + p.length, 0)} training phrases`);
  process.exit(0);
}
for (const p of result.problems) console.log(formatProblem(p));
process.exit(1);
