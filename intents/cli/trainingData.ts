/** `npm run -s training-data`: the classifier's training phrases, one JSON object per line: {"text","intent","service"}. */
import { loadKnowledgeOrThrow } from '../../knowledge/loader';
import { DEFAULT_KNOWLEDGE_DIR } from '../../knowledge/paths';
import { expandedPhrases } from '../trainingData';

try {
  const knowledge = loadKnowledgeOrThrow(process.env.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIR);
  process.stdout.write(
    expandedPhrases(knowledge)
      .map((p) => JSON.stringify(p))
      .join('\n') + '\n',
  );
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
