import { strict as assert } from 'node:assert';
import { replyText, say, useServer } from './helpers/server';

describe('"Bitte löschen Sie meine Daten" (real server process)', function () {
  this.timeout(60000);
  const server = useServer({ prefix: 'privacy-' });

  it('asks once, deletes on "Ja", and the conversation no longer remembers anything', async () => {
    const c = { conversationId: 'forget-me', tenant: 'wolfsburg' };
    assert.match(replyText(await say(server.url, c, 'Was brauche ich für ein Führungszeugnis?')), /Führungszeugnis/);
    const question = await say(server.url, c, 'Bitte löschen Sie meine Daten');
    assert.match(replyText(question), /Soll ich alles löschen/);
    assert.deepEqual(question[0].suggestedActions?.actions.map((a) => a.title), ['Ja, löschen', 'Nein']);
    assert.match(replyText(await say(server.url, c, 'Ja, löschen')), /Die Daten dieses Gesprächs sind gelöscht/);
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
