import { resolve } from 'node:path';

/** Repository root (tests are compiled to dist/tests/...). */
export const ROOT = resolve(__dirname, '..', '..', '..');
export const FIXTURES = resolve(ROOT, 'tests', 'fixtures');
export const KNOWLEDGE_DIR = resolve(ROOT, 'knowledge');
