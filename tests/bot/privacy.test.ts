import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { replyText, say, useServer } from '../helpers/server';

describe('"Bitte löschen Sie meine Daten" (real server process)', function () {
  this.timeout(60000);
  const server = useServer({ prefix: 'privacy-' });

  it('asks once, deletes on "Ja", and the conversation no longer remembers anything', async () => {
    const c = { conversationId: 'forget-me', tenant: 'wolfsburg' };
    assert.match(replyText(await say(server.url, c, 'Was brauche ich für ein Führungszeugnis?')), /Führungszeugnis/);
    /** What the server's SQLite files keep of the conversation. */
    const kept = (): Record<string, number> => {
      const count = (file: string, sql: string): number => {
        const db = new Database(join(server.dir, file), { readonly: true });
        try {
          return (db.prepare(sql).get(c.conversationId) as { n: number }).n;
        } finally {
          db.close();
        }
      };
      return {
        lines: count('handoff.sqlite', 'SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ?'),
        references: count('handoff.sqlite', 'SELECT COUNT(*) AS n FROM conversations WHERE conversation_id = ?'),
        states: count('state.sqlite', "SELECT COUNT(*) AS n FROM state WHERE key LIKE '%/' || ? || '/%'"),
      };
    };
    assert.deepEqual(kept(), { lines: 2, references: 1, states: 1 });
    const question = await say(server.url, c, 'Bitte löschen Sie meine Daten');
    assert.match(replyText(question), /Soll ich alles löschen/);
    assert.deepEqual(
      question[0].suggestedActions?.actions.map((a) => a.title),
      ['Ja, löschen', 'Nein'],
    );
    assert.match(replyText(await say(server.url, c, 'Ja, löschen')), /Die Daten dieses Gesprächs sind gelöscht/);
    // Nothing of it stays behind, the confirmation included: not in the transcript, not in the state.
    assert.deepEqual(kept(), { lines: 0, references: 0, states: 0 });
    // The follow-up has nothing to refer to any more: the assistant asks which service is meant.
    assert.match(replyText(await say(server.url, c, 'Und was kostet das?')), /Um welche Leistung geht es\?/);
  });

  it('deletes nothing on "Nein"', async () => {
    const c = { conversationId: 'keep-me', tenant: 'wolfsburg' };
    await say(server.url, c, 'Was brauche ich für ein Führungszeugnis?');
    await say(server.url, c, 'Löschen Sie meine Daten');
    assert.match(replyText(await say(server.url, c, 'Nein')), /ich lösche nichts/);
    assert.match(replyText(await say(server.url, c, 'Und was kostet das?')), /13,00/);
  });
});
