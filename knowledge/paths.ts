import { resolve } from 'node:path';

/** The knowledge folder of the repository (this file is compiled to dist/knowledge/). */
export const DEFAULT_KNOWLEDGE_DIR = resolve(__dirname, '..', '..', 'knowledge');
