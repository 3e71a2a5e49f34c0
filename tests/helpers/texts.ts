/** The shipped reply texts (knowledge/texte), for tests of the wording functions that take a Kommune's texts. */
import { join } from 'node:path';
import { loadTexts } from '../../knowledge/texts/load';
import { Texts } from '../../knowledge/texts/texts';
import type { Problem } from '../../knowledge/yamlFile';
import { KNOWLEDGE_DIR } from './paths';

let shipped: Texts | undefined;

export function shippedTexts(): Texts {
  if (shipped) return shipped;
  const problems: Problem[] = [];
  const loaded = loadTexts(join(KNOWLEDGE_DIR, 'texte'), (f) => f, problems);
  if (problems.length > 0) throw new Error(`the shipped texts have problems: ${JSON.stringify(problems[0])}`);
  shipped = new Texts(loaded.base);
  return shipped;
}
