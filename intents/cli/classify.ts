/**
 * `npm run -s classify`: utterances on stdin, one per line; one JSON object per line on stdout:
 * {"text","intent","service","confidence","facet","place"}: `facet` is what exactly is asked about the service
 * (DESIGN.md's list) or null, `place` the id of the Gemeinde, Samtgemeinde or Ortsteil named, or null,
 * `otherService` the known service not answered yet (knowledge/weitere-leistungen.yaml) it asks about, or null,
 * `reply` the short reply it is to a question or offer of the assistant (`yes`, `no`, `cancel`, `not-helped`), or null,
 * `phone` the German phone number in it (E.164), or null, and `wish` the callback time it wishes, read against the
 * service center's hours of the first Kommune (or TENANT) at the time of the run (or CLASSIFY_NOW, an ISO instant):
 * {"kind":"asap"}, {"kind":"at","at","dateOnly","until"?} with instants in ISO form, or null. `language`: the
 * language the message is in (ISO 639-1, of knowledge/sprachen.yaml; German when it does not say), read in that
 * language; `LANGUAGE` (e.g. en) is the conversation's language a message that does not say keeps.
 * Nothing else is written to stdout.
 */
import { createInterface } from 'node:readline';
import { loadKnowledgeOrThrow } from '../../knowledge/loader';
import { DEFAULT_KNOWLEDGE_DIR } from '../../knowledge/paths';
import { buildAssistantKnowledge } from '../../dialogs/assistantKnowledge';
import type { LanguageCode } from '../../knowledge/schema';
import { shortReplyOf } from '../shortReplies';
import { parseGermanPhone } from '../phoneNumber';
import { understandWish } from '../wishedTime';
import { serviceCenterCalendar } from '../../knowledge/calendar/businessCalendar';

function main(): void {
  // `npm run -s classify | head`: a reader that has seen enough is no error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  const knowledge = loadKnowledgeOrThrow(process.env.KNOWLEDGE_DIR ?? DEFAULT_KNOWLEDGE_DIR);
  const assistant = buildAssistantKnowledge(knowledge);
  const conversation = process.env.LANGUAGE as LanguageCode | undefined;
  const tenant = (process.env.TENANT && knowledge.tenants.get(process.env.TENANT)) || knowledge.tenants.values().next().value;
  const calendar = tenant ? serviceCenterCalendar(tenant) : undefined;
  const now = process.env.CLASSIFY_NOW ? new Date(process.env.CLASSIFY_NOW) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`CLASSIFY_NOW is no instant: ${process.env.CLASSIFY_NOW}`);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (text) => {
    const language = assistant.languages.requested(text)?.language ?? assistant.languages.identify(text, conversation).language ?? 'de';
    const u = assistant.understandingIn(language).understand(text);
    process.stdout.write(
      `${JSON.stringify({
        text,
        intent: u.intent,
        service: u.service,
        confidence: Math.round(u.confidence * 1000) / 1000,
        facet: u.facet,
        place: u.place?.id ?? null,
        otherService: u.otherService,
        reply: shortReplyOf(text),
        phone: parseGermanPhone(text)?.e164 ?? null,
        wish: (calendar && understandWish(text, now, calendar)) ?? null,
        language,
      })}\n`,
    );
  });
}

try {
  main();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
